// `scan --suppressions FILE`: a YAML list of {control?, resource?, account?, region?, justification, expires?}.
// An entry applies to failing findings that match every field it names; expired entries are ignored (with a
// warning), so a forgotten exception stops hiding a failure on its own.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ScanFinding } from './model';

export class SuppressionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuppressionFileError';
  }
}

// YAML 1.1 readers turn `2027-01-31` into a date; accept both, keep ISO text.
const expiresSchema = z.union([z.string(), z.date()]).transform((value, context) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({
      code: 'custom',
      message: `expires "${String(value)}" is not a date (use YYYY-MM-DD)`,
    });
    return z.NEVER;
  }
  return { text: value instanceof Date ? value.toISOString().slice(0, 10) : value, date };
});

const entrySchema = z
  .object({
    control: z.string().trim().min(1).optional(),
    resource: z.string().trim().min(1).optional(),
    account: z
      .string()
      .regex(/^\d{12}$/, 'account must be a 12-digit AWS account id')
      .optional(),
    region: z.string().trim().min(1).optional(),
    justification: z.string().trim().min(1, 'justification must not be empty'),
    expires: expiresSchema.optional(),
  })
  .strict()
  .refine((entry) => entry.control || entry.resource || entry.account || entry.region, {
    message: 'name at least one of control, resource, account, region (an entry may not match everything)',
  });

const fileSchema = z.union([z.array(entrySchema), z.object({ suppressions: z.array(entrySchema) }).strict()]);

export interface SuppressionEntry {
  control?: string;
  /** Matches a finding's resourceArn, its resourceId (name) or the id at the end of its ARN. */
  resource?: string;
  account?: string;
  region?: string;
  justification: string;
  /** As written in the file (YYYY-MM-DD or ISO time). */
  expires?: string;
  expiresAt?: Date;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  // Unions report "invalid input"; the list branch explains better.
  const inner =
    issue.code === 'invalid_union' && 'errors' in issue
      ? ((issue as { errors: z.core.$ZodIssue[][] }).errors[0]?.[0] ?? issue)
      : issue;
  const where = inner.path.length ? `entry ${inner.path.map(String).join('.')}: ` : '';
  return `${where}${inner.message}`;
}

/** Parses the file's text; throws SuppressionFileError with `<file>: <reason>`. */
export function parseSuppressions(text: string, file: string): SuppressionEntry[] {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0)
    throw new SuppressionFileError(`${file}: YAML: ${document.errors[0].message.split('\n')[0]}`);
  const raw = document.toJS() ?? [];
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new SuppressionFileError(`${file}: ${firstIssue(parsed.error)}`);
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.suppressions;
  return entries.map((entry) => ({
    control: entry.control,
    resource: entry.resource,
    account: entry.account,
    region: entry.region,
    justification: entry.justification,
    expires: entry.expires?.text,
    expiresAt: entry.expires?.date,
  }));
}

export function readSuppressionsFile(file: string): SuppressionEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SuppressionFileError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return parseSuppressions(text, file);
}

function describeEntry(entry: SuppressionEntry): string {
  return (['control', 'resource', 'account', 'region'] as const)
    .filter((key) => entry[key])
    .map((key) => `${key}=${entry[key]}`)
    .join(' ');
}

/** Splits entries into active and expired (a date-only expiry lasts to the end of that day, UTC). */
export function activeSuppressions(
  entries: SuppressionEntry[],
  now: Date,
): { active: SuppressionEntry[]; expired: { entry: SuppressionEntry; warning: string }[] } {
  const active: SuppressionEntry[] = [];
  const expired: { entry: SuppressionEntry; warning: string }[] = [];
  for (const entry of entries) {
    const dateOnly = entry.expires !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(entry.expires);
    const end = entry.expiresAt
      ? new Date(entry.expiresAt.getTime() + (dateOnly ? 24 * 60 * 60 * 1000 : 0))
      : undefined;
    if (end && end.getTime() <= now.getTime()) {
      expired.push({
        entry,
        warning: `suppression (${describeEntry(entry)}) expired on ${entry.expires}; ignored`,
      });
    } else active.push(entry);
  }
  return { active, expired };
}

/** `arn:aws:ec2:eu-west-1:1:security-group/sg-1` -> `sg-1`: the id people copy from the console. */
function arnResourceId(arn: string): string {
  const slash = arn.lastIndexOf('/');
  if (slash >= 0) return arn.slice(slash + 1);
  const colon = arn.lastIndexOf(':');
  return colon >= 0 ? arn.slice(colon + 1) : arn;
}

export function suppressionMatches(
  entry: SuppressionEntry,
  finding: Pick<ScanFinding, 'controlId' | 'resourceArn' | 'resourceId' | 'accountId' | 'region'>,
): boolean {
  if (entry.control !== undefined && entry.control !== finding.controlId) return false;
  if (
    entry.resource !== undefined &&
    entry.resource !== finding.resourceArn &&
    entry.resource !== finding.resourceId &&
    entry.resource !== arnResourceId(finding.resourceArn)
  )
    return false;
  if (entry.account !== undefined && entry.account !== finding.accountId) return false;
  if (entry.region !== undefined && entry.region !== finding.region) return false;
  return true;
}

/** What marks `finding` suppressed: the first active entry that matches it, when it fails. */
export function suppressionOf(
  finding: Pick<ScanFinding, 'status' | 'controlId' | 'resourceArn' | 'resourceId' | 'accountId' | 'region'>,
  active: SuppressionEntry[],
): ScanFinding['suppressed'] {
  if (finding.status !== 'fail') return undefined;
  const entry = active.find((candidate) => suppressionMatches(candidate, finding));
  if (!entry) return undefined;
  return { justification: entry.justification, ...(entry.expires ? { expires: entry.expires } : {}) };
}
