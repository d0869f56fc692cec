// Does a resource policy grant access to anyone (Principal "*" / {"AWS": "*"}) without a condition that narrows it?

/* eslint-disable @typescript-eslint/no-explicit-any -- policy documents are free-form JSON */
type Json = Record<string, any>;

/**
 * Condition keys that tie a request to a network, an organisation or an account: with one (under a fixed value), "*"
 * is not the public. aws:username, aws:CalledVia and kms:ViaService are not here: the same user name or service
 * exists in every account.
 */
export const restrictingConditionKeys = [
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  // SNS's default topic policy limits "*" to the owner account with AWS:SourceOwner.
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:userid',
  'kms:calleraccount',
  'elasticfilesystem:accessedviamounttarget',
];

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(policy: unknown): Json[] {
  if (!policy || typeof policy !== 'object') return [];
  return asArray((policy as Json).Statement).filter((s): s is Json => !!s && typeof s === 'object');
}

function isEveryone(statement: Json): boolean {
  // Allow with NotPrincipal grants everyone except the principals named.
  if (statement.NotPrincipal !== undefined) return true;
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (principal && typeof principal === 'object')
    return (
      asArray((principal as Json).AWS).includes('*') ||
      asArray((principal as Json).CanonicalUser).includes('*')
    );
  return false;
}

/** A value that names one thing: no wildcard and no policy variable (AWS's "fixed value" for public policies). */
function isFixed(value: unknown): boolean {
  if (typeof value === 'boolean' || typeof value === 'number') return true;
  return typeof value === 'string' && value !== '' && !/[*?]|\$\{/.test(value);
}

/**
 * An S3 bucket ARN with wildcards in its (always empty) region and account fields only, as AWS's own notification
 * examples write it (`arn:aws:s3:*:*:bucket`): bucket names are global, so it still names one bucket.
 */
function isFixedBucketArn(key: string, value: unknown): boolean {
  return (
    key === 'aws:sourcearn' && typeof value === 'string' && /^arn:[a-z-]+:s3:[*]?:[*]?:[^*?:/$]+$/.test(value)
  );
}

/** Every IPv4 or IPv6 address (a /0 range), which ties a request to no network at all. */
function isWholeAddressSpace(value: unknown): boolean {
  return typeof value === 'string' && /\/0$/.test(value.trim());
}

/**
 * The condition keys of a statement that narrow Principal "*" (lower-cased): a key of restrictingConditionKeys under
 * an operator that requires a match, with fixed values only. Negated operators (StringNotEquals, NotIpAddress),
 * ...IfExists and ForAllValues (true when the key is absent), Null, wildcard or variable values, a /0 source range
 * and a false AccessedViaMountTarget narrow nothing. AWS documents the "fixed values" rule for S3 bucket policies:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
function restrictingKeys(statement: Json): string[] {
  const keys: string[] = [];
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    const op = operator.toLowerCase();
    if (op.includes('not') || op.endsWith('ifexists') || op.startsWith('forallvalues:') || op === 'null')
      continue;
    for (const [rawKey, rawValues] of Object.entries(block as Json)) {
      const key = rawKey.toLowerCase();
      if (!restrictingConditionKeys.includes(key)) continue;
      const values = asArray(rawValues as unknown);
      if (!values.length || !values.every((value) => isFixed(value) || isFixedBucketArn(key, value)))
        continue;
      if (key === 'aws:sourceip' && values.some(isWholeAddressSpace)) continue;
      if (key === 'elasticfilesystem:accessedviamounttarget' && !values.every((v) => String(v) === 'true'))
        continue;
      keys.push(key);
    }
  }
  return keys;
}

/** Condition keys used in a statement, as written. */
function conditionKeys(statement: Json): string[] {
  const keys: string[] = [];
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (block && typeof block === 'object')
      keys.push(...Object.keys(block).map((key) => `${operator} ${key}`));
  }
  return keys;
}

function actionCovers(denied: string, allowed: string): boolean {
  const d = denied.toLowerCase();
  const a = allowed.toLowerCase();
  return d === '*' || d === a || (d.endsWith(':*') && a.startsWith(d.slice(0, -1)));
}

/**
 * A Deny to everyone that applies whenever the request is not from fixed accounts, organisations, networks or sources
 * (every condition a negated operator on a restricting key, such as StringNotEquals aws:SourceVpce vpce-1), over every
 * action and resource the Allow grants: what the Allow opens is then reachable from those sources only.
 */
function deniesEveryoneElse(deny: Json, allow: Json): boolean {
  if (deny.Effect !== 'Deny' || deny.NotPrincipal !== undefined || !isEveryone(deny)) return false;
  if (deny.NotAction !== undefined || deny.NotResource !== undefined) return false;
  const allowed = asArray(allow.Action) as unknown[];
  const denied = asArray(deny.Action) as unknown[];
  if (!allowed.length || !allowed.every((a) => denied.some((d) => actionCovers(String(d), String(a)))))
    return false;
  const allowedResources = asArray(allow.Resource) as unknown[];
  const deniedResources = asArray(deny.Resource) as unknown[];
  const resourceCovered = (resource: unknown) =>
    deniedResources.some((d) => {
      const pattern = String(d);
      return pattern.endsWith('*') ? String(resource).startsWith(pattern.slice(0, -1)) : pattern === resource;
    });
  if (!allowedResources.length || !allowedResources.every(resourceCovered)) return false;
  const blocks = Object.entries(deny.Condition ?? {});
  if (!blocks.length) return false;
  return blocks.every(([operator, block]) => {
    const op = operator.toLowerCase().replace(/ifexists$/, '');
    if (
      ![
        'stringnotequals',
        'stringnotequalsignorecase',
        'stringnotlike',
        'arnnotequals',
        'arnnotlike',
        'notipaddress',
      ].includes(op)
    )
      return false;
    return Object.entries((block ?? {}) as Json).every(([rawKey, rawValues]) => {
      const key = rawKey.toLowerCase();
      const values = asArray(rawValues as unknown);
      return (
        restrictingConditionKeys.includes(key) &&
        values.length > 0 &&
        values.every(isFixed) &&
        !(key === 'aws:sourceip' && values.some(isWholeAddressSpace))
      );
    });
  });
}

/** An Allow statement open to everyone with no restricting condition, and the evidence line that says so. */
export interface PublicStatement {
  line: string;
  statement: Json;
}

/** Evidence lines for every Allow statement open to everyone with no restricting condition (empty = not public). */
export function publicStatements(policy: unknown, what: string): string[] {
  return publicStatementsWithSource(policy, what).map((found) => found.line);
}

/** publicStatements with the statement behind each line (to tell what it opens: read or write access). */
export function publicStatementsWithSource(policy: unknown, what: string): PublicStatement[] {
  const found: PublicStatement[] = [];
  const statements = statementsOf(policy);
  statements.forEach((statement, index) => {
    if (statement.Effect !== 'Allow' || !isEveryone(statement)) return;
    if (restrictingKeys(statement).length) return;
    if (statements.some((other) => deniesEveryoneElse(other, statement))) return;
    const label = statement.Sid ? `statement ${statement.Sid}` : `statement ${index + 1}`;
    const actions =
      asArray(statement.Action).join(', ') || `NotAction ${asArray(statement.NotAction).join(', ')}`;
    const who = statement.NotPrincipal !== undefined ? 'everyone but its NotPrincipal' : 'Principal "*"';
    const conditions = conditionKeys(statement);
    const why = conditions.length
      ? `its conditions (${conditions.join(', ')}) do not narrow it to fixed accounts, networks or sources`
      : 'no restricting condition';
    found.push({ line: `${what} ${label} allows ${who} to ${actions} with ${why}`, statement });
  });
  return found;
}
