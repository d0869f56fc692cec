// `cloudward scan`: one-shot collect + evaluate of one AWS account, no server. Every flag is checked before AWS
// is called or anything is stored; reports go to stdout or --output; the exit code tells CI what happened.
import path from 'node:path';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectorModule } from '../../collector/types';
import type { ControlSet } from '../../evaluator';
import type { Store } from '../../store/store';
import { openFailures, reportChunks, severityRank, type ScanResult } from '../export';
import { batched } from '../export/json-chunks';
import {
  checkOutputTargets,
  OutputPlanError,
  parseFormats,
  planOutputs,
  writeOutputChunks,
} from '../export/outputs';
import type { Baseline } from '../export/baseline';
import { progressReporter } from '../export/progress';
import { parseResourceArns, parseResourceTags, ScopeError } from '../export/scope';
import { enabledRegions, resolveScanTarget, type ScanTarget } from '../export/scan-target';
import { parseSeverities, selectControls, SelectionError } from '../export/select';
import { prepareStoreTarget, StoreAccountError } from '../export/store-account';
import type { SuppressionEntry } from '../export/suppressions';
import { concurrencyFromEnv, hostConcurrencyFromEnv } from '../../collector/limits';
import { packageVersion } from '../paths';
import { findRegion } from '../regions';
import { parseCommandArgs, splitList, UsageError } from './args';
import { defaultOpenStore, resolveIo, type CliIo } from './io';

export const SCAN_USAGE = `Usage: cloudward scan [options]

Collects one AWS account and evaluates the controls, without a server.

Credentials (one of):
  --role-arn ARN --external-id X   assume the account's Cloudward role (source: the ambient credentials)
  (neither)                        the ambient credentials (env, AWS_PROFILE/SSO, container or instance role)
  --demo                           the built-in demo estate (no AWS account needed)

Options:
  --regions r1,r2          regions to read (default: the account's enabled regions, EC2 DescribeRegions)
  --frameworks a,b         only controls mapped to these frameworks (e.g. cis-aws-7.0.0)
  --controls a,b           only these control ids
  --severity s1,s2         only controls of these severities (critical, high, medium, low, info)
  --resource-tags k=v,k=v  report only resources that have every one of these tags
  --resource-arn A1,A2     report only these resources (with --resource-tags: those that also have the tags)
                           (both narrow the report: the whole account is still collected and evaluated, since
                           exposure and public-access verdicts depend on the resources around)
  --format f1,f2           table (default), json, csv, ocsf, html, sarif, asff; several allowed
  --output FILE            one format: that file; several: a directory, or a base name (+ .ext per format)
  --fail-on SEVERITY       exit 3 when an unsuppressed failing finding has this severity or higher
  --baseline FILE          a previous --format json report: only failures not failing in it count for the exit
                           code (threshold --fail-on, or any severity without it); summary says new vs known
  --suppressions FILE      YAML list of {control?, resource?, account?, region?, justification, expires?}
  --data DIR               also store the results (embedded database in DIR; DATABASE_URL wins) for serve
  -h, --help               show this help

Organization (--organization):
  --organization           scan every account of the AWS Organization the credentials manage (management
                           account or delegated administrator: --role-arn/--external-id, or ambient)
  --member-role-name N     role the StackSet deployed in every member (default CloudwardReadOnly)
  --member-external-id X   its external ID (default: --external-id)
  --include-ou ID,...      only accounts under these OUs or roots (ou-xxxx-xxxxxxxx, r-xxxx)
  --exclude-ou ID,...      leave out accounts under these OUs
  --include-account ID,... only these accounts (with --include-ou: these and the OUs')
  --exclude-account ID,... leave out these accounts (exclusions win over inclusions)
  --account-concurrency N  accounts scanned at once (default 4, at most 32)
  A summary of every account goes to stdout (--format table or json), failed and skipped ones with the
  reason; with --output DIR also each account's reports as DIR/<account>.<ext> per --format and the summary
  as DIR/organization.json. Exit 1 when any account in scope could not be scanned.

Exit codes: 0 scan done (no finding at or above --fail-on), 1 scan failed (credentials, every service
failed, store error), 2 bad usage (also an unreadable --baseline), 3 a failing finding at or above --fail-on
(with --baseline: a new one).`;

const OPTIONS = {
  'role-arn': { type: 'string' },
  'external-id': { type: 'string' },
  regions: { type: 'string' },
  frameworks: { type: 'string', multiple: true },
  controls: { type: 'string', multiple: true },
  severity: { type: 'string', multiple: true },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'resource-tags': { type: 'string', multiple: true },
  'resource-arn': { type: 'string', multiple: true },
  suppressions: { type: 'string' },
  data: { type: 'string' },
  demo: { type: 'boolean' },
  organization: { type: 'boolean' },
  'member-role-name': { type: 'string' },
  'member-external-id': { type: 'string' },
  'include-ou': { type: 'string', multiple: true },
  'exclude-ou': { type: 'string', multiple: true },
  'include-account': { type: 'string', multiple: true },
  'exclude-account': { type: 'string', multiple: true },
  'account-concurrency': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags that only mean something with --organization. */
const ORGANIZATION_FLAGS = [
  'member-role-name',
  'member-external-id',
  'include-ou',
  'exclude-ou',
  'include-account',
  'exclude-account',
  'account-concurrency',
] as const;

/** Test and integration seams beyond CliIo. */
export interface ScanIo extends CliIo {
  /** Draw a progress bar (default: process.stderr.isTTY when stderr is not overridden). */
  isTTY?: boolean;
  /** Merged into every AWS client (aws-sdk-client-mock needs none; a replay or a fake handler goes here). */
  clientConfig?: Record<string, unknown>;
  /** Collector modules (default: the registry). */
  modules?: CollectorModule[];
  /** Credentials that call STS / read the account (default: the ambient chain). */
  sourceCredentials?: AwsCredentialIdentityProvider;
  now?: () => Date;
}

const suppressionsModule = () => require('../export/suppressions') as typeof import('../export/suppressions');
// Loaded with --baseline only: its zod schema is ~70 ms of start-up, before the first AWS call.
const baselineModule = () => require('../export/baseline') as typeof import('../export/baseline');

export const many = (values: string[] | undefined): string[] =>
  (values ?? []).flatMap((value) => splitList(value));

interface DemoTarget {
  awsAccountId: string;
  regions: string[];
  roleArn: string;
  externalId: string;
  sync: {
    credentials: AwsCredentialIdentityProvider;
    clientConfig: Record<string, unknown>;
    modules: CollectorModule[];
  };
}

/** demo/ is loaded only for --demo (and may be absent from a build). */
function loadDemoTarget(now: Date): DemoTarget {
  let demo: {
    DEMO_ROLE_NAME: string;
    DEMO_ACCOUNTS: { awsAccountId: string; regions: string[] }[];
    demoSyncOptions(awsAccountId: string, options?: { now?: Date }): DemoTarget['sync'];
  };
  try {
    demo = require('../../demo');
  } catch (error) {
    throw new Error(`--demo is not available in this build (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
  // The first demo account (Production): the one `serve --demo` lists first.
  const account = demo.DEMO_ACCOUNTS[0];
  return {
    awsAccountId: account.awsAccountId,
    regions: account.regions,
    roleArn: `arn:aws:iam::${account.awsAccountId}:role/${demo.DEMO_ROLE_NAME}`,
    externalId: `cloudward-demo-${account.awsAccountId}`,
    sync: demo.demoSyncOptions(account.awsAccountId, { now }),
  };
}

export function checkRegions(regions: string[], partition?: string): void {
  for (const region of regions) {
    const known = findRegion(region);
    if (!known) throw new UsageError(`unknown AWS region "${region}" in --regions`);
    if (partition && known.partition !== partition)
      throw new UsageError(`region ${region} is not in the role's partition (${partition})`);
  }
  if (new Set(regions).size !== regions.length) throw new UsageError('--regions must not repeat a region');
}

export function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      error instanceof SelectionError ||
      error instanceof OutputPlanError ||
      (error as Error | undefined)?.name === 'SuppressionFileError' ||
      (error as Error | undefined)?.name === 'BaselineFileError' ||
      error instanceof ScopeError
    )
      throw new UsageError((error as Error).message);
    throw error;
  }
}

export async function scanCommand(args: string[], io: ScanIo = {}): Promise<number> {
  const { out, err, env } = resolveIo(io);
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (values.help) {
    out(SCAN_USAGE + '\n');
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`unexpected argument "${positionals[0]}" (see cloudward scan --help)`);
  try {
    concurrencyFromEnv(env);
    hostConcurrencyFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.organization) {
    const { scanOrganizationCommand } =
      require('./scan-organization') as typeof import('./scan-organization');
    return scanOrganizationCommand(values, io);
  }
  const stray = ORGANIZATION_FLAGS.find((flag) => values[flag] !== undefined);
  if (stray) throw new UsageError(`--${stray} needs --organization`);
  const now = io.now ?? (() => new Date());

  // Credentials flags.
  const roleArn = values['role-arn'];
  const externalId = values['external-id'];
  if (values.demo && (roleArn !== undefined || externalId !== undefined))
    throw new UsageError('--demo reads the demo estate: it cannot be combined with --role-arn/--external-id');
  if ((roleArn === undefined) !== (externalId === undefined))
    throw new UsageError('--role-arn and --external-id go together (or omit both for ambient credentials)');
  // zod and yaml take a second to load on a busy machine: only the flags that need them load them.
  const rules = () => require('../account-rules') as typeof import('../account-rules');
  const role = roleArn !== undefined ? rules().parseRoleArn(roleArn) : null;
  if (roleArn !== undefined && !role)
    throw new UsageError(
      `--role-arn must be an IAM role ARN (arn:aws:iam::123456789012:role/Name), got "${roleArn}"`,
    );
  if (externalId !== undefined) {
    const checked = rules().externalIdSchema.safeParse(externalId);
    if (!checked.success) throw new UsageError(`--external-id: ${checked.error.issues[0].message}`);
  }

  // Scope, reports and exit policy.
  const regionsFlag = values.regions !== undefined ? splitList(values.regions) : undefined;
  if (regionsFlag !== undefined) {
    if (regionsFlag.length === 0) throw new UsageError('--regions must name at least one region');
    checkRegions(regionsFlag, role?.partition);
  }
  const failOn =
    values['fail-on'] !== undefined
      ? asUsage(() => parseSeverities([values['fail-on']!.trim()]))[0]
      : undefined;
  const formats = asUsage(() => parseFormats(many(values.format)));
  const outputs = asUsage(() => planOutputs(formats, values.output));
  asUsage(() => checkOutputTargets(outputs));
  const suppressionEntries: SuppressionEntry[] =
    values.suppressions !== undefined
      ? asUsage(() => suppressionsModule().readSuppressionsFile(values.suppressions!))
      : [];
  if (values.data !== undefined && values.data.trim() === '')
    throw new UsageError('--data must not be empty');
  if (values.baseline !== undefined && values.baseline.trim() === '')
    throw new UsageError('--baseline must not be empty');
  const baseline: Baseline | undefined =
    values.baseline !== undefined
      ? asUsage(() => baselineModule().readBaselineFile(values.baseline!))
      : undefined;
  const resourceTags = asUsage(() => parseResourceTags(many(values['resource-tags'])));
  const resourceArns = asUsage(() => parseResourceArns(many(values['resource-arn'])));
  if (values['resource-tags'] !== undefined && !resourceTags)
    throw new UsageError('--resource-tags must name at least one key=value');
  if (values['resource-arn'] !== undefined && !resourceArns)
    throw new UsageError('--resource-arn must name at least one ARN');
  const scope = resourceTags || resourceArns ? { resourceTags, resourceArns } : undefined;

  // Without selection flags nothing below can be a usage error, so AWS is asked who we are first: the first call
  // goes out before the controls (a second of YAML) and the collector's SDK clients load. With them, the
  // selection is checked first, so bad usage still makes no AWS call.
  const selecting = [values.frameworks, values.controls, values.severity].some(
    (list) => many(list).length > 0,
  );
  const whoFirst =
    !values.demo && !selecting ? await resolveWho(io, env, { roleArn, externalId }) : undefined;
  if (whoFirst && !regionsFlag) whoFirst.regions = await listRegions(whoFirst.target, whoFirst.clientConfig);

  const controlSet = loadControlSet(env, err);
  const selected = asUsage(() =>
    selectControls(controlSet, {
      frameworks: many(values.frameworks),
      controls: many(values.controls),
      severities: many(values.severity),
    }),
  );

  const startedAt = now();
  const { active, expired } = suppressionEntries.length
    ? suppressionsModule().activeSuppressions(suppressionEntries, startedAt)
    : { active: [], expired: [] };
  for (const { warning } of expired) err(`warning: ${warning}\n`);

  // Who and where.
  const demo = values.demo ? loadDemoTarget(startedAt) : undefined;
  const who = whoFirst ?? (await resolveWho(io, env, { roleArn, externalId }, demo));
  const { target, clientConfig, modules } = who;
  const regions = regionsFlag ?? who.regions ?? (await listRegions(target, clientConfig));

  // Optional store: opened and checked before AWS is read, so a refused write changes nothing.
  const dataDir = values.data ?? './data';
  const storing = values.data !== undefined || !!env.DATABASE_URL;
  let store: Store | undefined;
  try {
    let storeTarget;
    if (storing) {
      store = await (io.openStore ?? defaultOpenStore)({
        databaseUrl: env.DATABASE_URL || undefined,
        dataDir,
        clock: now,
      });
      const credentials = demo ?? (roleArn && externalId ? { roleArn, externalId } : undefined);
      try {
        storeTarget = await prepareStoreTarget(store, {
          awsAccountId: target.awsAccountId,
          regions,
          role: credentials,
          name: demo ? 'Demo (scan)' : undefined,
          secretKey: { envValue: env.CLOUDWARD_SECRET_KEY, dataDir: path.resolve(dataDir) },
          warn: (message) => err(`warning: ${message}\n`),
        });
      } catch (error) {
        if (error instanceof StoreAccountError && error.kind === 'usage') throw new UsageError(error.message);
        throw error;
      }
    }

    const progress = progressReporter(err, io.isTTY ?? (!io.stderr && !!process.stderr.isTTY));
    err(
      `Scanning AWS account ${target.awsAccountId} in ${regions.length} region(s) with ${selected.controls.length} control(s)\n`,
    );
    const { runScan } = require('../export/run-scan') as typeof import('../export/run-scan');
    let run;
    try {
      run = await runScan({
        target,
        regions,
        selected,
        suppressions: active,
        scope,
        version: packageVersion(),
        clientConfig,
        modules,
        storeTarget,
        now,
        onProgress: (update) => progress.update(update),
      });
    } finally {
      progress.done();
    }

    const { result, outcome } = run;
    if (scope) warnUnmatchedScope(result, scope, err);
    if (baseline && outcome.status !== 'failed') {
      if (baseline.accountId !== result.summary.accountId)
        err(
          `warning: the baseline ${baseline.file} is a report of account ${baseline.accountId}, not ${result.summary.accountId}: every failure counts as new\n`,
        );
      const split = baselineModule().applyBaseline(result, baseline);
      err(`baseline: ${split.new} new since baseline, ${split.known} known\n`);
    }
    writeReports(result, outputs, out, err);
    if (run.syncId)
      err(`stored: sync ${run.syncId} (${storing && env.DATABASE_URL ? 'DATABASE_URL' : dataDir})\n`);
    if (outcome.status === 'failed') {
      err(`cloudward scan: the scan failed: ${outcome.error ?? 'every service failed'}\n`);
      return 1;
    }
    if (result.errors.length)
      err(`warning: ${result.errors.length} service/region unit(s) could not be read; results are partial\n`);
    return exitCodeFor(result, failOn, err, !!baseline);
  } finally {
    await store?.close();
  }
}

/** The control set (built-in and CLOUDWARD_CONTROLS_DIR); the evaluator is loaded here, not at start-up. */
export function loadControlSet(env: NodeJS.ProcessEnv, err: (text: string) => void): ControlSet {
  const { ControlLoadError, loadControls, defaultExtraDirsFromEnv } =
    require('../../evaluator') as typeof import('../../evaluator');
  try {
    return loadControls({ extraDirs: defaultExtraDirsFromEnv(env) });
  } catch (error) {
    if (error instanceof ControlLoadError) {
      for (const problem of error.problems) err(`${problem}\n`);
      throw new Error(`${error.problems.length} problem(s) in control files`, { cause: error });
    }
    throw error;
  }
}

interface Who {
  target: ScanTarget;
  clientConfig?: Record<string, unknown>;
  modules?: CollectorModule[];
  /** The demo's regions, or the account's enabled ones when listed early. */
  regions?: string[];
}

/** The account to read and how: the demo's replay, or the role / ambient credentials (checked by a call). */
async function resolveWho(
  io: ScanIo,
  env: NodeJS.ProcessEnv,
  role: { roleArn?: string; externalId?: string },
  demo?: DemoTarget,
): Promise<Who> {
  if (demo)
    return {
      target: {
        awsAccountId: demo.awsAccountId,
        partition: 'aws',
        homeRegion: 'us-east-1',
        credentials: demo.sync.credentials,
      },
      clientConfig: { ...demo.sync.clientConfig, ...io.clientConfig },
      modules: io.modules ?? demo.sync.modules,
      regions: demo.regions,
    };
  let target: ScanTarget;
  try {
    target = await resolveScanTarget({
      roleArn: role.roleArn,
      externalId: role.externalId,
      clientConfig: io.clientConfig,
      sourceCredentials: io.sourceCredentials,
      region: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    });
  } catch (error) {
    throw new Error(`cannot identify the AWS account from the ambient credentials: ${describe(error)}`, {
      cause: error,
    });
  }
  try {
    await target.credentials();
  } catch (error) {
    throw new Error(`cannot assume ${role.roleArn ?? 'the ambient credentials'}: ${describe(error)}`, {
      cause: error,
    });
  }
  return { target, clientConfig: io.clientConfig, modules: io.modules };
}

async function listRegions(target: ScanTarget, clientConfig?: Record<string, unknown>): Promise<string[]> {
  try {
    return await enabledRegions(target, clientConfig);
  } catch (error) {
    throw new Error(`cannot list the account's enabled regions (pass --regions): ${describe(error)}`, {
      cause: error,
    });
  }
}

function writeReports(
  result: ScanResult,
  outputs: ReturnType<typeof planOutputs>,
  out: (text: string) => void,
  err: (text: string) => void,
): void {
  for (const { format, file } of outputs) {
    // In batches of about 64 KB: a large estate's JSON report is never held as one string, and each batch is
    // garbage before the next (1 MB batches outlived young-generation collections: +90 MB at the 2x estate).
    const chunks = batched(reportChunks(result, format));
    if (file) {
      writeOutputChunks(file, chunks);
      err(`wrote ${format} report to ${file}\n`);
    } else for (const chunk of chunks) out(chunk);
  }
}

/**
 * 3 when an unsuppressed failure is at or above `failOn` (errors and suppressed findings never count). With a
 * baseline only `new` failures count, and without --fail-on any severity does (a baseline exists to gate CI).
 */
export function exitCodeFor(
  result: ScanResult,
  failOn: ReturnType<typeof parseSeverities>[number] | undefined,
  err: (text: string) => void = () => undefined,
  withBaseline = false,
): number {
  if (!failOn && !withBaseline) return 0;
  const threshold = severityRank(failOn ?? 'info');
  const over = openFailures(result).filter(
    (finding) => severityRank(finding.severity) <= threshold && (!withBaseline || finding.baseline === 'new'),
  );
  if (over.length === 0) return 0;
  const what = withBaseline ? 'new failing finding(s) since the baseline' : 'failing finding(s)';
  err(
    failOn
      ? `cloudward scan: ${over.length} ${what} at or above ${failOn} (--fail-on ${failOn})\n`
      : `cloudward scan: ${over.length} ${what}\n`,
  );
  return 3;
}

/** A scope that matched nothing is probably a typo: say so (the report is still written, with no findings). */
function warnUnmatchedScope(
  result: ScanResult,
  scope: { resourceTags?: Record<string, string>; resourceArns?: string[] },
  err: (text: string) => void,
): void {
  const read = new Set(result.assets.map((asset) => asset.id));
  for (const arn of scope.resourceArns ?? [])
    if (!read.has(arn)) err(`warning: --resource-arn ${arn}: no resource read in this scan matches it\n`);
  if (result.assets.length === 0)
    err(
      'warning: no resource read in this scan matches --resource-tags/--resource-arn; the report is empty\n',
    );
}

export function describe(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}
