// Who can assume a role, read from its trust policy: principal CAN_ASSUME role, one edge per principal.
// Deny statements are honoured as IAM does: an explicit Deny always wins over an Allow for the calls it covers.
import type { Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { type Where, makeRelationship } from '../../shape';
import { matchesAny } from './wildcard';

const ASSUME_ROLE = 'sts:AssumeRole';
const ASSUME_ACTIONS = [ASSUME_ROLE, 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: unknown;
}

export interface TrustedPrincipal {
  /** Id of the `from` end: an ARN, `arn:{p}:iam::{account}:root`, a service or federated principal, or `*`. */
  fromId: string;
  principal: string;
  principalType: string;
  crossAccount: boolean;
  public: boolean;
  /**
   * The grant depends on a Condition (ExternalId, PrincipalOrgID, ...): the allowing statement has one, or a
   * Deny that covers the principal has one (so the Deny may or may not apply).
   */
  conditional: boolean;
}

/** One principal named by an Allow statement, with what the Deny checks need to know of it. */
interface Candidate extends TrustedPrincipal {
  /** The account a principal of type AWS belongs to (undefined for `*`, services and federated ids). */
  account?: string;
}

/**
 * Example: `{Principal: {AWS: "111122223333"}, Action: "sts:AssumeRole"}` -> arn:aws:iam::111122223333:root, crossAccount.
 * A Deny without Condition covering the principal and every assume action it was allowed removes it; a Deny with a
 * Condition keeps it, marked `conditional`.
 */
export function trustedPrincipals(
  document: unknown,
  partition: string,
  accountId: string,
): TrustedPrincipal[] {
  const statements = statementsOf(document);
  const denies = statements.filter((statement) => statement.Effect === 'Deny');
  const byId = new Map<string, TrustedPrincipal>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const allowConditional = hasCondition(statement);
    for (const [principalType, value] of principalEntries(statement.Principal)) {
      const candidate = describePrincipal(principalType, value, partition, accountId);
      const outcome = afterDenies(candidate, statement, denies, partition);
      if (outcome === 'denied') continue;
      const conditional = allowConditional || outcome === 'conditional';
      const { account: _account, ...principal } = { ...candidate, conditional };
      const existing = byId.get(principal.fromId);
      // An unconditional grant outweighs a conditional one for the same principal.
      if (!existing || (existing.conditional && !conditional)) byId.set(principal.fromId, principal);
    }
  }
  return [...byId.values()];
}

export function trustRelationships(
  scope: Where,
  roleArn: string,
  document: unknown,
  partition: string,
): Relationship[] {
  return trustedPrincipals(document, partition, scope.accountId).map(({ fromId, ...properties }) =>
    makeRelationship(scope, fromId, 'CAN_ASSUME', roleArn, properties),
  );
}

/**
 * Whether an unconditional Deny in the trust policy refuses sts:AssumeRole to an IAM user or role of this account,
 * by the same rules as the trust-policy edges (the identity-policy edges use it).
 */
export function trustDeniesAssumeRole(document: unknown, principalArn: string, partition: string): boolean {
  const caller = describePrincipal('AWS', principalArn, partition, '');
  return statementsOf(document).some(
    (statement) =>
      statement.Effect === 'Deny' &&
      !hasCondition(statement) &&
      coversAction(statement, ASSUME_ROLE) &&
      denyCoversPrincipal(statement, caller, partition),
  );
}

/**
 * What the Deny statements leave of one Allow for one principal: checked per assume action the principal can
 * call, since a Deny of sts:AssumeRole does not stop a federated caller's sts:AssumeRoleWithWebIdentity.
 */
function afterDenies(
  candidate: Candidate,
  allow: Statement,
  denies: Statement[],
  partition: string,
): 'allowed' | 'conditional' | 'denied' {
  let best: 'allowed' | 'conditional' | 'denied' = 'denied';
  for (const action of callableActions(candidate.principalType, candidate.fromId)) {
    if (!coversAction(allow, action)) continue;
    const covering = denies.filter(
      (deny) => coversAction(deny, action) && denyCoversPrincipal(deny, candidate, partition),
    );
    if (covering.some((deny) => !hasCondition(deny))) continue;
    if (covering.length === 0) return 'allowed';
    best = 'conditional';
  }
  return best;
}

/** IAM users, roles, accounts and services call sts:AssumeRole; federated identities the two other calls. */
function callableActions(principalType: string, fromId: string): string[] {
  if (fromId === '*') return ASSUME_ACTIONS;
  if (principalType === 'AWS' || principalType === 'Service') return [ASSUME_ROLE];
  if (principalType === 'Federated') return ASSUME_ACTIONS.filter((action) => action !== ASSUME_ROLE);
  return ASSUME_ACTIONS;
}

function coversAction(statement: Statement, action: string): boolean {
  if (statement.Action !== undefined)
    return matchesAny(stringsOf(statement.Action), action, { ignoreCase: true });
  if (statement.NotAction !== undefined) {
    return !matchesAny(stringsOf(statement.NotAction), action, { ignoreCase: true });
  }
  return false;
}

/**
 * Whether a Deny's Principal / NotPrincipal covers the principal. `"*"` and `{"AWS": "*"}` cover everyone; an
 * account (`"111122223333"` or its root ARN) covers every IAM principal of that account.
 */
function denyCoversPrincipal(deny: Statement, candidate: Candidate, partition: string): boolean {
  if (deny.Principal !== undefined) return namedBy(deny.Principal, candidate, partition);
  if (deny.NotPrincipal !== undefined) {
    // "Everyone but ..." cannot narrow the public `*` edge; keeping it errs on the side of showing access.
    if (candidate.fromId === '*') return false;
    return !exceptedBy(deny.NotPrincipal, candidate, partition);
  }
  return false;
}

function namedBy(principal: unknown, candidate: Candidate, partition: string): boolean {
  const entries = principalEntries(principal);
  if (entries.some(([type, value]) => type === 'AWS' && value === '*')) return true;
  if (candidate.fromId === '*') return false;
  return entries.some(([type, value]) => {
    if (type !== candidate.principalType) return false;
    if (type !== 'AWS') return value === candidate.principal;
    const named = normalisedAws(value, partition);
    return named === candidate.fromId || (isAccountRoot(named) && accountOf(named) === candidate.account);
  });
}

/**
 * NotPrincipal spares an IAM principal only when it lists the principal and its account (AWS evaluates both);
 * an account root is spared by its account alone.
 */
function exceptedBy(notPrincipal: unknown, candidate: Candidate, partition: string): boolean {
  const entries = principalEntries(notPrincipal).filter(([type]) => type === candidate.principalType);
  if (candidate.principalType !== 'AWS') return entries.some(([, value]) => value === candidate.principal);
  const named = entries.map(([, value]) => normalisedAws(value, partition));
  if (!named.includes(candidate.fromId)) return false;
  if (isAccountRoot(candidate.fromId)) return true;
  return named.some((value) => isAccountRoot(value) && accountOf(value) === candidate.account);
}

function normalisedAws(value: string, partition: string): string {
  return /^\d{12}$/.test(value) ? `arn:${partition}:iam::${value}:root` : value;
}

function isAccountRoot(arn: string): boolean {
  return parseArn(arn)?.resource === 'root';
}

function accountOf(arn: string): string | undefined {
  return parseArn(arn)?.accountId || undefined;
}

function hasCondition(statement: Statement): boolean {
  const condition = statement.Condition;
  return typeof condition === 'object' && condition !== null && Object.keys(condition).length > 0;
}

function statementsOf(document: unknown): Statement[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(statement) ? statement : [statement];
  return statements.filter((item): item is Statement => typeof item === 'object' && item !== null);
}

/** `"*"` is the string form of `{"AWS": "*"}`; a bare string is read as an AWS principal. */
function principalEntries(principal: unknown): [string, string][] {
  if (typeof principal === 'string') return [['AWS', principal]];
  if (typeof principal !== 'object' || principal === null) return [];
  const entries: [string, string][] = [];
  for (const [type, values] of Object.entries(principal)) {
    for (const value of stringsOf(values)) entries.push([type, value]);
  }
  return entries;
}

function stringsOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string');
}

function describePrincipal(
  principalType: string,
  value: string,
  partition: string,
  accountId: string,
): Candidate {
  const base = { principal: value, principalType, conditional: false };
  if (value === '*') return { ...base, fromId: '*', crossAccount: true, public: true };
  if (principalType === 'AWS') {
    const fromId = normalisedAws(value, partition);
    const account = accountOf(fromId);
    return {
      ...base,
      fromId,
      account,
      crossAccount: account !== undefined && account !== accountId,
      public: false,
    };
  }
  if (principalType === 'Federated') {
    const arn = parseArn(value);
    return {
      ...base,
      fromId: value,
      crossAccount: arn !== null && arn.accountId !== accountId,
      public: false,
    };
  }
  // Service principals (ec2.amazonaws.com, ...) act inside this account.
  return { ...base, fromId: value, crossAccount: false, public: false };
}
