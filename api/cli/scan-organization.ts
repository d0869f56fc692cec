// `cloudward scan --organization`: from the management account's (or a delegated administrator's) credentials,
// list the organization's accounts, keep those in scope (--include-ou/--exclude-ou/--include-account/
// --exclude-account; exclusions win) and ACTIVE, assume the StackSet's member role in each, scan them a few at a
// time and report every account: scanned, partial, failed (with AWS's reason) or skipped (with why). Every flag is
// checked before AWS is called.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Severity } from '../../store/model';
import type { OrganizationFilters } from '../../store/organizations';
import {
  openFailures,
  REPORT_EXTENSIONS,
  reportChunks,
  SEVERITY_ORDER,
  severityRank,
  type ReportFormat,
  type ScanResult,
} from '../export';
import { batched } from '../export/json-chunks';
import { parseFormats, writeOutput, writeOutputChunks } from '../export/outputs';
import { parseResourceArns, parseResourceTags } from '../export/scope';
import { enabledRegions, resolveScanTarget, type ScanTarget } from '../export/scan-target';
import { parseSeverities, selectControls } from '../export/select';
import type { SuppressionEntry } from '../export/suppressions';
import { listMembers, scopeOf, type ListedMember } from '../organization-sync';
import { packageVersion } from '../paths';
import { splitList, UsageError } from './args';
import { resolveIo } from './io';
import { asUsage, checkRegions, describe, exitCodeFor, loadControlSet, many, type ScanIo } from './scan';

type Status = 'scanned' | 'partial' | 'failed' | 'skipped';

export interface AccountOutcome {
  awsAccountId: string;
  name: string;
  state: string;
  parentPath: string[];
  status: Status;
  /** Why it was skipped, or why the scan failed. */
  reason?: string;
  regions?: string[];
  failedBySeverity?: Record<Severity, number>;
  /** Service/region units that could not be read (partial results). */
  unreadUnits?: number;
  reports?: string[];
}

export interface OrganizationScanSummary {
  managementAccountId: string;
  startedAt: string;
  finishedAt: string;
  totals: Record<Status, number>;
  accounts: AccountOutcome[];
}

type Values = Record<string, string | string[] | boolean | undefined>;

const str = (values: Values, name: string): string | undefined => values[name] as string | undefined;
const list = (values: Values, name: string): string[] => many(values[name] as string[] | undefined);

function filtersFrom(values: Values, rules: typeof import('../account-rules')): OrganizationFilters {
  const read = (flag: string, pattern: RegExp, what: string): string[] => {
    const ids = list(values, flag);
    for (const id of ids) if (!pattern.test(id)) throw new UsageError(`--${flag}: "${id}" is not ${what}`);
    if (values[flag] !== undefined && ids.length === 0)
      throw new UsageError(`--${flag} must name at least one id`);
    return [...new Set(ids)];
  };
  const ou = 'an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)';
  return {
    includeOuIds: read('include-ou', rules.OU_ID_PATTERN, ou),
    excludeOuIds: read('exclude-ou', rules.OU_ID_PATTERN, ou),
    includeAccountIds: read('include-account', /^\d{12}$/, 'a 12-digit AWS account id'),
    excludeAccountIds: read('exclude-account', /^\d{12}$/, 'a 12-digit AWS account id'),
  };
}

function concurrencyFrom(value: string | undefined): number {
  if (value === undefined) return 4;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 32)
    throw new UsageError(`--account-concurrency must be a whole number from 1 to 32, got "${value}"`);
  return count;
}

/** Runs `work` over `items`, at most `limit` at once, in the items' order of starting. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

export async function scanOrganizationCommand(values: Values, io: ScanIo): Promise<number> {
  const { out, err, env } = resolveIo(io);
  const now = io.now ?? (() => new Date());
  for (const flag of ['demo', 'data', 'baseline'] as const)
    if (values[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --organization`);

  // Credentials: the management account's role (or ambient), then the members' role and external ID.
  const rules = require('../account-rules') as typeof import('../account-rules');
  const roleArn = str(values, 'role-arn');
  const externalId = str(values, 'external-id');
  if ((roleArn === undefined) !== (externalId === undefined))
    throw new UsageError('--role-arn and --external-id go together (or omit both for ambient credentials)');
  const role = roleArn !== undefined ? rules.parseRoleArn(roleArn) : null;
  if (roleArn !== undefined && !role)
    throw new UsageError(
      `--role-arn must be an IAM role ARN (arn:aws:iam::123456789012:role/Name), got "${roleArn}"`,
    );
  const memberRoleName = str(values, 'member-role-name') ?? 'CloudwardReadOnly';
  if (!rules.ROLE_NAME_PATTERN.test(memberRoleName))
    throw new UsageError(`--member-role-name must be an IAM role name (1-64 of letters, digits and +=,.@_-)`);
  const memberExternalId = str(values, 'member-external-id') ?? externalId;
  if (memberExternalId === undefined)
    throw new UsageError(
      "--organization needs the member roles' external ID: --member-external-id X (or --role-arn with --external-id)",
    );
  for (const [flag, value] of [
    ['external-id', externalId],
    ['member-external-id', memberExternalId],
  ] as const) {
    if (value === undefined) continue;
    const checked = rules.externalIdSchema.safeParse(value);
    if (!checked.success) throw new UsageError(`--${flag}: ${checked.error.issues[0].message}`);
  }
  const filters = filtersFrom(values, rules);
  const concurrency = concurrencyFrom(str(values, 'account-concurrency'));

  // Scope, reports and exit policy.
  const regionsFlag = values.regions !== undefined ? splitList(str(values, 'regions')) : undefined;
  if (regionsFlag !== undefined) {
    if (regionsFlag.length === 0) throw new UsageError('--regions must name at least one region');
    checkRegions(regionsFlag, role?.partition);
  }
  const formats = asUsage(() => parseFormats(list(values, 'format')));
  const outputDir = str(values, 'output');
  if (outputDir !== undefined) {
    if (outputDir.trim() === '') throw new UsageError('--output must not be empty');
    const existing = statSync(outputDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory())
      throw new UsageError(`--output ${outputDir} is a file; with --organization it names a directory`);
  }
  const summaryFormat = formats.length === 1 ? formats[0] : outputDir ? 'table' : undefined;
  if (summaryFormat !== 'table' && summaryFormat !== 'json')
    throw new UsageError(
      '--organization prints a summary as --format table or json; other or several formats need --output DIR',
    );
  const failOn =
    values['fail-on'] !== undefined
      ? asUsage(() => parseSeverities([str(values, 'fail-on')!.trim()]))[0]
      : undefined;
  const suppressionsFile = str(values, 'suppressions');
  const suppressionModule = () =>
    require('../export/suppressions') as typeof import('../export/suppressions');
  const suppressionEntries: SuppressionEntry[] =
    suppressionsFile !== undefined
      ? asUsage(() => suppressionModule().readSuppressionsFile(suppressionsFile))
      : [];
  const resourceTags = asUsage(() => parseResourceTags(list(values, 'resource-tags')));
  const resourceArns = asUsage(() => parseResourceArns(list(values, 'resource-arn')));
  const scope = resourceTags || resourceArns ? { resourceTags, resourceArns } : undefined;
  const controlSet = loadControlSet(env, err);
  const selected = asUsage(() =>
    selectControls(controlSet, {
      frameworks: list(values, 'frameworks'),
      controls: list(values, 'controls'),
      severities: list(values, 'severity'),
    }),
  );
  if (env.DATABASE_URL)
    err('warning: scan --organization does not store its results (DATABASE_URL is ignored)\n');

  const startedAt = now();
  const { active, expired } = suppressionEntries.length
    ? suppressionModule().activeSuppressions(suppressionEntries, startedAt)
    : { active: [], expired: [] };
  for (const { warning } of expired) err(`warning: ${warning}\n`);

  // The management account: who we are, and the organization it lists.
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  let management: ScanTarget;
  try {
    management = await resolveScanTarget({
      roleArn,
      externalId,
      clientConfig: io.clientConfig,
      sourceCredentials: io.sourceCredentials,
      region,
    });
    await management.credentials();
  } catch (error) {
    throw new Error(`cannot assume ${roleArn ?? 'the ambient credentials'}: ${describe(error)}`, {
      cause: error,
    });
  }
  const organizations = new OrganizationsClient({
    region: management.homeRegion,
    credentials: management.credentials,
    ...io.clientConfig,
  });
  let members: ListedMember[];
  try {
    members = await listMembers(organizations, new AbortController().signal);
  } catch (error) {
    throw new Error(
      `cannot list the organization from account ${management.awsAccountId} (management account or delegated administrator needed): ${describe(error)}`,
      { cause: error },
    );
  } finally {
    organizations.destroy();
  }

  const outcomes: AccountOutcome[] = members.map((member) => {
    const { included, reason } = scopeOf(filters, member);
    const base = {
      awsAccountId: member.awsAccountId,
      name: member.name,
      state: member.state,
      parentPath: member.parentPath,
    };
    if (member.state !== 'ACTIVE')
      return { ...base, status: 'skipped', reason: `account state is ${member.state}` };
    return included ? { ...base, status: 'scanned' } : { ...base, status: 'skipped', reason };
  });
  const toScan = outcomes.filter((outcome) => outcome.status !== 'skipped');
  err(
    `Organization of account ${management.awsAccountId}: ${members.length} account(s), scanning ${toScan.length} ` +
      `with ${selected.controls.length} control(s), ${concurrency} at a time\n`,
  );
  if (outputDir) mkdirSync(outputDir, { recursive: true });

  const failing: { awsAccountId: string; result: ScanResult }[] = [];
  let finished = 0;
  const { runScan } = require('../export/run-scan') as typeof import('../export/run-scan');
  await eachLimited(toScan, concurrency, async (outcome) => {
    try {
      // The management account is read with the credentials that list the organization (StackSets skip it).
      const target =
        outcome.awsAccountId === management.awsAccountId
          ? management
          : await memberTarget(
              outcome.awsAccountId,
              management.partition,
              memberRoleName,
              memberExternalId,
              io,
              region,
            );
      outcome.regions = regionsFlag ?? (await enabledRegions(target, io.clientConfig));
      const { result, outcome: collected } = await runScan({
        target,
        regions: outcome.regions,
        selected,
        suppressions: active,
        scope,
        version: packageVersion(),
        clientConfig: io.clientConfig,
        modules: io.modules,
        now,
      });
      if (collected.status === 'failed') {
        outcome.status = 'failed';
        outcome.reason = collected.error ?? 'every service failed';
      } else {
        outcome.status = result.errors.length ? 'partial' : 'scanned';
        outcome.failedBySeverity = result.summary.failedBySeverity;
        outcome.unreadUnits = result.errors.length;
        if (outputDir)
          outcome.reports = writeAccountReports(result, formats, outputDir, outcome.awsAccountId);
        if (failOn)
          failing.push({ awsAccountId: outcome.awsAccountId, result: withOpenFailuresOnly(result) });
      }
    } catch (error) {
      outcome.status = 'failed';
      outcome.reason = describe(error);
    }
    finished += 1;
    err(`[${finished}/${toScan.length}] ${outcome.awsAccountId} (${outcome.name}): ${statusLine(outcome)}\n`);
  });

  const summary: OrganizationScanSummary = {
    managementAccountId: management.awsAccountId,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    totals: { scanned: 0, partial: 0, failed: 0, skipped: 0 },
    accounts: outcomes,
  };
  for (const outcome of outcomes) summary.totals[outcome.status] += 1;
  const json = JSON.stringify(summary, null, 2) + '\n';
  if (outputDir) {
    const file = path.join(outputDir, 'organization.json');
    writeOutput(file, json);
    err(`wrote the organization summary to ${file}\n`);
  }
  out(summaryFormat === 'json' ? json : renderSummaryTable(summary));

  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    err(
      `cloudward scan: ${failed.length} of ${toScan.length} account(s) could not be scanned: ` +
        failed.map((outcome) => outcome.awsAccountId).join(', ') +
        '\n',
    );
    return 1;
  }
  let code = 0;
  for (const { awsAccountId, result } of failing) {
    const accountCode = exitCodeFor(result, failOn, (text) => err(`${awsAccountId}: ${text}`));
    code = Math.max(code, accountCode);
  }
  return code;
}

/** The member's StackSet role, assumed from Cloudward's own identity (the role trusts it, not the management role). */
async function memberTarget(
  awsAccountId: string,
  partition: string,
  roleName: string,
  externalId: string,
  io: ScanIo,
  region: string | undefined,
): Promise<ScanTarget> {
  const roleArn = `arn:${partition}:iam::${awsAccountId}:role/${roleName}`;
  const target = await resolveScanTarget({
    roleArn,
    externalId,
    clientConfig: io.clientConfig,
    sourceCredentials: io.sourceCredentials,
    region,
  });
  try {
    await target.credentials();
  } catch (error) {
    throw new Error(`cannot assume ${roleArn}: ${describe(error)}`, { cause: error });
  }
  return target;
}

/** Only what the exit code needs is kept across accounts: a large organization's reports are not held at once. */
function withOpenFailuresOnly(result: ScanResult): ScanResult {
  return { ...result, findings: openFailures(result), assets: [] };
}

function writeAccountReports(
  result: ScanResult,
  formats: ReportFormat[],
  dir: string,
  awsAccountId: string,
): string[] {
  return formats.map((format) => {
    const file = path.join(dir, `${awsAccountId}.${REPORT_EXTENSIONS[format]}`);
    writeOutputChunks(file, batched(reportChunks(result, format)));
    return file;
  });
}

function failingCount(outcome: AccountOutcome): string {
  const counts = outcome.failedBySeverity;
  if (!counts) return '';
  const total = SEVERITY_ORDER.reduce((sum, severity) => sum + counts[severity], 0);
  const worst = SEVERITY_ORDER.filter((severity) => counts[severity] > 0).sort(
    (a, b) => severityRank(a) - severityRank(b),
  )[0];
  return total === 0 ? 'no failing finding' : `${total} failing (${counts[worst]} ${worst})`;
}

function statusLine(outcome: AccountOutcome): string {
  if (outcome.status === 'failed') return `failed: ${outcome.reason}`;
  const unread = outcome.unreadUnits ? `, ${outcome.unreadUnits} unit(s) unread` : '';
  return `${outcome.status}, ${failingCount(outcome)}${unread}`;
}

export function renderSummaryTable(summary: OrganizationScanSummary): string {
  const header = ['ACCOUNT', 'NAME', 'STATUS', 'CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'DETAIL'];
  const rows = summary.accounts.map((outcome) => [
    outcome.awsAccountId,
    outcome.name,
    outcome.status,
    ...(['critical', 'high', 'medium', 'low'] as const).map((severity) =>
      outcome.failedBySeverity ? String(outcome.failedBySeverity[severity]) : '-',
    ),
    outcome.reason ?? (outcome.unreadUnits ? `${outcome.unreadUnits} service/region unit(s) unread` : ''),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const { totals } = summary;
  return (
    [line(header), ...rows.map(line)].join('\n') +
    `\n\n${summary.accounts.length} account(s) in the organization of ${summary.managementAccountId}: ` +
    `${totals.scanned} scanned, ${totals.partial} partial, ${totals.failed} failed, ${totals.skipped} skipped\n`
  );
}
