// Who can assume a role, read from its trust policy: principal CAN_ASSUME role, one edge per principal.
import type { Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { type Where, makeRelationship } from '../../shape';

const ASSUME_ACTIONS = ['sts:assumerole', 'sts:assumerolewithwebidentity', 'sts:assumerolewithsaml'];

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | Record<string, string | string[]>;
  Condition?: unknown;
}

export interface TrustedPrincipal {
  /** Id of the `from` end: an ARN, `arn:{p}:iam::{account}:root`, a service or federated principal, or `*`. */
  fromId: string;
  principal: string;
  principalType: string;
  crossAccount: boolean;
  public: boolean;
  /** The statement has a Condition (ExternalId, PrincipalOrgID, ...) that narrows it. */
  conditional: boolean;
}

/** Example: `{Principal: {AWS: "111122223333"}, Action: "sts:AssumeRole"}` -> arn:aws:iam::111122223333:root, crossAccount. */
export function trustedPrincipals(
  document: unknown,
  partition: string,
  accountId: string,
): TrustedPrincipal[] {
  const statements = statementsOf(document);
  const byId = new Map<string, TrustedPrincipal>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' || !allowsAssume(statement.Action)) continue;
    const conditional = statement.Condition !== undefined && statement.Condition !== null;
    for (const [principalType, value] of principalEntries(statement.Principal)) {
      const principal = describePrincipal(principalType, value, partition, accountId, conditional);
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

function statementsOf(document: unknown): Statement[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as { Statement?: unknown }).Statement;
  if (Array.isArray(statement)) return statement as Statement[];
  return statement && typeof statement === 'object' ? [statement as Statement] : [];
}

function allowsAssume(action: Statement['Action']): boolean {
  const actions = Array.isArray(action) ? action : action === undefined ? [] : [action];
  return actions.some((pattern) => {
    const matcher = globToRegExp(pattern.toLowerCase());
    return ASSUME_ACTIONS.some((candidate) => matcher.test(candidate));
  });
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function principalEntries(principal: Statement['Principal']): [string, string][] {
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [['AWS', principal]];
  const entries: [string, string][] = [];
  for (const [type, values] of Object.entries(principal)) {
    for (const value of Array.isArray(values) ? values : [values]) entries.push([type, value]);
  }
  return entries;
}

function describePrincipal(
  principalType: string,
  value: string,
  partition: string,
  accountId: string,
  conditional: boolean,
): TrustedPrincipal {
  const base = { principal: value, principalType, conditional };
  if (value === '*') return { ...base, fromId: '*', crossAccount: true, public: true };
  if (principalType === 'AWS' && /^\d{12}$/.test(value)) {
    return {
      ...base,
      fromId: `arn:${partition}:iam::${value}:root`,
      crossAccount: value !== accountId,
      public: false,
    };
  }
  if (principalType === 'AWS' || principalType === 'Federated') {
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
