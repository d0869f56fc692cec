// `cloudward onboard`: writes the cross-account role bundle (Terraform, CloudFormation, manual JSON) for one
// account. Everything is validated before anything is written, and each form folder is built in a temporary
// directory and renamed into place, so bad input or a crash never leaves a half-written bundle.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allOperations } from '../../collector/registry';
import { generateExternalId } from '../../onboarding/external-id';
import {
  describeIssue,
  ONBOARDING_FORMATS,
  OnboardingInputError,
  type CollectorOperation,
  type OnboardingFormat,
} from '../../onboarding/options';
import { prepareOnboarding, roleArnFor } from '../../onboarding/plan';
import { renderPlan } from '../../onboarding/render';
import { parseCommandArgs, splitList, UsageError } from './args';

export const ONBOARD_USAGE = `Usage: cloudward onboard --account-id ID --regions r1,r2 --out DIR [options]

Writes the read-only IAM role Cloudward assumes, as Terraform (CDKTF-synthesised JSON), CloudFormation
(stack and StackSet) and manual JSON + AWS CLI steps.

Options:
  --account-id ID            12-digit AWS account to connect (required)
  --regions r1,r2            regions Cloudward reads (required)
  --out DIR                  output directory; the form folders inside it are replaced (required)
  --external-id X            external ID (default: generated, 32 random characters)
  --trusted-principal ARN    identity Cloudward runs as (default: $CLOUDWARD_TRUSTED_PRINCIPAL)
  --role-name N              role name (default: CloudwardReadOnly)
  --format f1,f2             terraform,cloudformation,json (default: all three)
  --restrict-regions         deny regional calls outside --regions (global services keep working)
  --eks-clusters a,b         add EKS access entries (AmazonEKSViewPolicy) for these clusters
                             (name, or region:name for clusters outside the first region)
  --eks-all                  add EKS access entries for every cluster in the chosen regions
  --events                   event mode: per region an EventBridge rule + SQS queue of CloudTrail write
                             calls, read by the role (near real-time changes; see docs/onboarding.md)
  --events-push URL          event mode by HTTPS push instead: the rule calls Cloudward at URL (its public
                             https:// address) through an API destination holding an event-ingest token,
                             given at apply time (never written in the bundle)
  -h, --help                 show this help
`;

const OPTIONS = {
  'account-id': { type: 'string' },
  regions: { type: 'string' },
  'external-id': { type: 'string' },
  'trusted-principal': { type: 'string' },
  'role-name': { type: 'string' },
  format: { type: 'string' },
  'restrict-regions': { type: 'boolean' },
  'eks-clusters': { type: 'string' },
  'eks-all': { type: 'boolean' },
  events: { type: 'boolean' },
  'events-push': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FLAG_FOR_FIELD: Record<string, string> = {
  accountId: '--account-id',
  regions: '--regions',
  externalId: '--external-id',
  trustedPrincipal: '--trusted-principal',
  roleName: '--role-name',
  eksClusters: '--eks-clusters',
  eksAll: '--eks-all',
  eventsEndpoint: '--events-push',
};

export interface OnboardCommandIo {
  stdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The collector's operations; defaults to the registry's. */
  operations?: CollectorOperation[];
}

export async function onboardCommand(args: string[], io: OnboardCommandIo = {}): Promise<number> {
  const print = io.stdout ?? ((text: string) => process.stdout.write(text));
  const env = io.env ?? process.env;
  const { values } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    print(ONBOARD_USAGE);
    return 0;
  }
  for (const required of ['account-id', 'regions', 'out'] as const) {
    if (!values[required]) throw new UsageError(`--${required} is required (see cloudward onboard --help)`);
  }
  const trustedPrincipal = values['trusted-principal'] ?? env.CLOUDWARD_TRUSTED_PRINCIPAL;
  if (!trustedPrincipal) {
    throw new UsageError('--trusted-principal is required (or set CLOUDWARD_TRUSTED_PRINCIPAL)');
  }
  const formats = parseFormats(values.format);
  const out = resolve(values.out as string);
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new UsageError(`--out: ${out} exists and is not a directory`);

  const input = {
    accountId: values['account-id'],
    regions: splitList(values.regions),
    externalId: values['external-id'] ?? generateExternalId(),
    trustedPrincipal,
    roleName: values['role-name'],
    restrictRegions: values['restrict-regions'] ?? false,
    eksClusters: splitList(values['eks-clusters']),
    eksAll: values['eks-all'] ?? false,
    events: (values.events ?? false) || values['events-push'] !== undefined,
    ...(values['events-push'] !== undefined
      ? { eventsTarget: 'https', eventsEndpoint: values['events-push'] }
      : {}),
  };
  let plan;
  try {
    plan = await prepareOnboarding(input, io.operations ?? allOperations());
  } catch (error) {
    if (error instanceof OnboardingInputError) {
      const issue = error.issues[0];
      throw new UsageError(describeIssue(issue, FLAG_FOR_FIELD[issue.path.split('.')[0]] ?? issue.path));
    }
    throw error;
  }

  const files = renderPlan(plan, formats);
  writeBundle(out, files);

  print(`Wrote ${files.size} files to ${out}:\n`);
  for (const path of files.keys()) print(`  ${path}\n`);
  print(
    [
      '',
      'Next steps:',
      `  1. Create the role in account ${plan.accountId} with one form:`,
      ...(formats.includes('terraform')
        ? [`       cd ${join(out, 'terraform')} && terraform init && terraform apply`]
        : []),
      ...(formats.includes('cloudformation')
        ? [`       see ${join(out, 'cloudformation', 'README.md')} (stack or StackSet)`]
        : []),
      ...(formats.includes('json') ? [`       see ${join(out, 'json', 'steps.md')} (AWS CLI commands)`] : []),
      '  2. Add the account in Cloudward with:',
      `       role ARN:    ${roleArnFor(plan)}`,
      `       external ID: ${plan.externalId}`,
      `       regions:     ${plan.regions.join(',')}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function parseFormats(value: string | undefined): OnboardingFormat[] {
  if (value === undefined) return [...ONBOARDING_FORMATS];
  const formats = splitList(value);
  if (formats.length === 0) throw new UsageError(`--format: choose from ${ONBOARDING_FORMATS.join(', ')}`);
  for (const format of formats) {
    if (!(ONBOARDING_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(
        `--format: unknown format "${format}" (choose from ${ONBOARDING_FORMATS.join(', ')})`,
      );
    }
  }
  return formats as OnboardingFormat[];
}

/** Writes into a sibling temporary directory, then swaps each form folder into `out`. */
function writeBundle(out: string, files: Map<string, string>): void {
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), '.cloudward-onboard-'));
  try {
    for (const [path, content] of files) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
    }
    mkdirSync(out, { recursive: true });
    const forms = new Set([...files.keys()].map((path) => path.split('/')[0]));
    for (const form of forms) {
      const destination = join(out, form);
      rmSync(destination, { recursive: true, force: true });
      renameSync(join(staging, form), destination);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
