// Who can assume a role because their identity policies allow it: principal CAN_ASSUME role
// (via: 'identity-policy'). In AWS both sides must agree: the caller's identity policies allow sts:AssumeRole on
// the role, and the role's trust policy trusts the caller or the caller's account root. A role that names the
// caller itself already has a trust-policy edge (identity policies are not needed then), so that edge is kept
// and none is added here.
import type { Relationship } from '../../../store/model';
import { type Where, makeRelationship } from '../../shape';
import { trustDeniesAssumeRole, trustedPrincipals } from './trust';
import { matchesAny } from './wildcard';

export interface NamedPolicy {
  /** Managed policy ARN, or `<principal ARN>/inline-policy/<name>` as authorization.ts names inline policies. */
  id: string;
  document: unknown;
}

export interface IdentityPrincipal {
  arn: string;
  /** Attached managed policy ARNs; their default version documents come from `managedPolicies`. */
  managedPolicyArns: string[];
  inlinePolicies: NamedPolicy[];
  /** Group names (users only); each group's policies apply to its members. */
  groupNames: string[];
}

export interface AssumeRoleTarget {
  arn: string;
  trustPolicy: unknown;
}

/** What the identity side needs, gathered from every GetAccountAuthorizationDetails page. */
export interface IdentityAssumeInput {
  principals: IdentityPrincipal[];
  /** Group name -> its policies (as an IdentityPrincipal with no groups). */
  groups: Map<string, IdentityPrincipal>;
  /** Managed policy ARN -> default version document. */
  managedPolicies: Map<string, unknown>;
  roles: AssumeRoleTarget[];
}

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

const ASSUME_ROLE = 'sts:AssumeRole';

/**
 * Example: user alice with `{Allow, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/ops-*"}`
 * and role ops-admin trusting `arn:aws:iam::111122223333:root` -> alice CAN_ASSUME ops-admin
 * `{ via: 'identity-policy', policy: <that policy's id> }`.
 */
export function identityAssumeRelationships(
  scope: Where,
  partition: string,
  input: IdentityAssumeInput,
): Relationship[] {
  const accountRoot = `arn:${partition}:iam::${scope.accountId}:root`;
  const relationships: Relationship[] = [];
  for (const role of input.roles) {
    const trusted = new Set(
      trustedPrincipals(role.trustPolicy, partition, scope.accountId).map(({ fromId }) => fromId),
    );
    // `*` trusts every account, this one included; identity policies then decide, as with the root.
    if (!trusted.has(accountRoot) && !trusted.has('*')) continue;
    for (const principal of input.principals) {
      // Trusted by name: the trust-policy edge already says so.
      if (trusted.has(principal.arn)) continue;
      // Since 2022 a role can assume itself only when its trust policy names it: trusting the account root is not
      // enough (AWS, "Announcing an update to IAM role trust policy behavior").
      if (principal.arn === role.arn && !trusted.has('*')) continue;
      if (trustDeniesAssumeRole(role.trustPolicy, principal.arn, partition)) continue;
      const policy = allowingPolicy(policiesOf(principal, input), role.arn);
      if (policy) {
        relationships.push(
          makeRelationship(scope, principal.arn, 'CAN_ASSUME', role.arn, {
            via: 'identity-policy',
            policy,
          }),
        );
      }
    }
  }
  return relationships;
}

/** The principal's own policies, then those of each group it belongs to. */
function policiesOf(principal: IdentityPrincipal, input: IdentityAssumeInput): NamedPolicy[] {
  const owners = [principal, ...principal.groupNames.flatMap((name) => input.groups.get(name) ?? [])];
  return owners.flatMap((owner) => [
    ...owner.managedPolicyArns.flatMap((arn) =>
      input.managedPolicies.has(arn) ? [{ id: arn, document: input.managedPolicies.get(arn) }] : [],
    ),
    ...owner.inlinePolicies,
  ]);
}

/** Id of the first policy allowing sts:AssumeRole on the role, or undefined if none does or a Deny wins. */
export function allowingPolicy(policies: NamedPolicy[], roleArn: string): string | undefined {
  let allowedBy: string | undefined;
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      if (!coversAssumeRole(statement, roleArn)) continue;
      if (statement.Effect === 'Deny') {
        // A conditional Deny may not apply to every call, so only an unconditional one removes the edge.
        if (!hasCondition(statement)) return undefined;
      } else if (statement.Effect === 'Allow' && allowedBy === undefined) {
        allowedBy = policy.id;
      }
    }
  }
  return allowedBy;
}

function coversAssumeRole(statement: Statement, roleArn: string): boolean {
  const actionMatches =
    statement.Action !== undefined
      ? matchesAny(stringsOf(statement.Action), ASSUME_ROLE, { ignoreCase: true })
      : statement.NotAction !== undefined &&
        !matchesAny(stringsOf(statement.NotAction), ASSUME_ROLE, { ignoreCase: true });
  if (!actionMatches) return false;
  return statement.Resource !== undefined
    ? matchesAny(stringsOf(statement.Resource), roleArn)
    : statement.NotResource !== undefined && !matchesAny(stringsOf(statement.NotResource), roleArn);
}

function hasCondition(statement: Statement): boolean {
  const condition = statement.Condition;
  return condition !== undefined && condition !== null && Object.keys(condition as object).length > 0;
}

function statementsOf(document: unknown): Statement[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as { Statement?: unknown }).Statement;
  if (Array.isArray(statement)) return statement.filter(isObject) as Statement[];
  return isObject(statement) ? [statement as Statement] : [];
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function stringsOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string');
}
