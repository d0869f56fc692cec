// Does a resource policy grant access to anyone (Principal "*" / {"AWS": "*"}) without a condition that narrows it?

/* eslint-disable @typescript-eslint/no-explicit-any -- policy documents are free-form JSON */
type Json = Record<string, any>;

/** Condition keys that tie a request to a network, an organisation or an account: with one, "*" is not the public. */
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
  'aws:username',
  'aws:calledvia',
  'kms:calleraccount',
  'kms:viaservice',
  'lambda:functionurlauthtype',
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

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object')
    return (
      asArray((principal as Json).AWS).includes('*') ||
      asArray((principal as Json).CanonicalUser).includes('*')
    );
  return false;
}

/** Condition keys used in a statement, lower-cased (`aws:SourceIp` -> `aws:sourceip`). */
function conditionKeys(statement: Json): string[] {
  const keys: string[] = [];
  for (const block of Object.values(statement.Condition ?? {})) {
    if (block && typeof block === 'object') keys.push(...Object.keys(block).map((key) => key.toLowerCase()));
  }
  return keys;
}

/** Evidence lines for every Allow statement open to everyone with no restricting condition (empty = not public). */
export function publicStatements(policy: unknown, what: string): string[] {
  const found: string[] = [];
  statementsOf(policy).forEach((statement, index) => {
    if (statement.Effect !== 'Allow' || !isEveryone(statement.Principal)) return;
    const restricting = conditionKeys(statement).filter((key) => restrictingConditionKeys.includes(key));
    if (restricting.length) return;
    const label = statement.Sid ? `statement ${statement.Sid}` : `Statement[${index}]`;
    const actions =
      asArray(statement.Action).join(', ') || `NotAction ${asArray(statement.NotAction).join(', ')}`;
    found.push(`${what} ${label} allows Principal "*" to ${actions} with no restricting condition`);
  });
  return found;
}
