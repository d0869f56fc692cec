// Pure: Organizations reads -> organization, root, OU, account and service control policy assets, with the edges
// account IN OU/root, OU IN parent, and SCP ATTACHED_TO root/OU/account.
//
// Example: Organization { Id: 'o-abc', Arn: 'arn:aws:organizations::111:organization/o-abc',
//   MasterAccountId: '111' } -> id = Arn, name 'o-abc'; Account { Arn, Name: 'prod' } -> id = Arn, name 'prod'.
import type { Account, DelegatedAdministrator, Organization, Root } from '@aws-sdk/client-organizations';
import type { Asset, Relationship } from '../../../store/model';
import { makeAsset, makeRelationship, parsePolicyDocument, plainConfig } from '../../shape';
import { type Where } from '../../shape';
import type { OuRead, PolicyRead } from './get';

export const ORGANIZATION_TYPE = 'aws_organizations_organization';
export const ACCOUNT_TYPE = 'aws_organizations_account';
export const ROOT_TYPE = 'aws_organizations_root';
export const OU_TYPE = 'aws_organizations_organizational_unit';
export const POLICY_TYPE = 'aws_organizations_policy';

/** What the organization asset carries about the structure, or the error code that stopped reading it. */
export interface StructureSummary {
  roots: Root[];
  policies: PolicyRead[];
  delegatedAdministrators: DelegatedAdministrator[];
}

/**
 * The organization, with its roots (policy types enabled), SCPs (name, AWS-managed or not, targets) and
 * delegated administrators; `structure` is an error code when this account may not read them (a member).
 */
export function transformOrganization(
  scope: Where,
  organization: Organization,
  structure?: StructureSummary | { error: string },
): Asset {
  const id = organization.Arn ?? '';
  const config = plainConfig(organization) as Record<string, unknown>;
  const readErrors: Record<string, string> = {};
  if (structure && 'error' in structure) {
    for (const key of ['Roots', 'ServiceControlPolicies', 'DelegatedAdministrators'])
      readErrors[key] = structure.error;
  } else if (structure) {
    config.Roots = structure.roots.map((root) => plainConfig(root));
    config.ServiceControlPolicies = structure.policies.map(({ policy, targets }) => ({
      Id: policy.PolicySummary?.Id,
      Name: policy.PolicySummary?.Name,
      AwsManaged: policy.PolicySummary?.AwsManaged ?? false,
      Targets: targets.map((target) => ({ TargetId: target.TargetId, Type: target.Type, Name: target.Name })),
    }));
    config.DelegatedAdministrators = structure.delegatedAdministrators.map((admin) => plainConfig(admin));
  }
  return makeAsset(scope, {
    id,
    type: ORGANIZATION_TYPE,
    class: 'Account',
    name: organization.Id ?? id,
    config,
    readErrors,
  });
}

export function transformAccount(scope: Where, account: Account, parentId?: string): Asset {
  const id = account.Arn ?? '';
  const config = plainConfig(account) as Record<string, unknown>;
  if (parentId) config.ParentId = parentId;
  return makeAsset(scope, {
    id,
    type: ACCOUNT_TYPE,
    class: 'Account',
    name: account.Name ?? account.Id ?? id,
    config,
  });
}

export function transformRoot(scope: Where, root: Root): Asset {
  return makeAsset(scope, {
    id: root.Arn ?? root.Id ?? '',
    type: ROOT_TYPE,
    class: 'Account',
    name: root.Name ?? root.Id ?? '',
    config: plainConfig(root) as Record<string, unknown>,
  });
}

export function transformUnit(scope: Where, read: OuRead): Asset {
  return makeAsset(scope, {
    id: read.unit.Arn ?? read.unit.Id ?? '',
    type: OU_TYPE,
    class: 'Account',
    name: read.unit.Name ?? read.unit.Id ?? '',
    config: { ...(plainConfig(read.unit) as Record<string, unknown>), ParentId: read.parentId },
  });
}

export function transformPolicy(scope: Where, read: PolicyRead): Asset {
  const summary = read.policy.PolicySummary ?? {};
  return makeAsset(scope, {
    id: summary.Arn ?? summary.Id ?? '',
    type: POLICY_TYPE,
    class: 'AccessPolicy',
    name: summary.Name ?? summary.Id ?? '',
    config: {
      PolicySummary: plainConfig(summary),
      Content: parsePolicyDocument(read.policy.Content),
      Targets: read.targets.map((target) => plainConfig(target)),
    },
  });
}

/**
 * Edges of the structure: OU IN parent, account IN parent, SCP ATTACHED_TO target. Ids (r-…, ou-…, 12 digits)
 * become the ARNs the assets are stored under; a target not read (outside what was listed) is skipped.
 */
export function structureRelationships(
  scope: Where,
  arnsById: Map<string, string>,
  units: OuRead[],
  accountParents: Map<string, string>,
  policies: PolicyRead[],
): Relationship[] {
  const edges: Relationship[] = [];
  const edge = (fromId: string | undefined, verb: 'IN' | 'ATTACHED_TO', toId: string | undefined): void => {
    const from = fromId && (arnsById.get(fromId) ?? fromId);
    const to = toId && arnsById.get(toId);
    if (from && to) edges.push(makeRelationship(scope, from, verb, to));
  };
  for (const { unit, parentId } of units) edge(unit.Id, 'IN', parentId);
  for (const [accountId, parentId] of accountParents) edge(accountId, 'IN', parentId);
  for (const { policy, targets } of policies) {
    for (const target of targets) edge(policy.PolicySummary?.Arn, 'ATTACHED_TO', target.TargetId);
  }
  return edges;
}

/** Only the management account can list the organization's accounts; members would get AccessDenied. */
export function isManagementAccount(organization: Organization, accountId: string): boolean {
  return organization.MasterAccountId === accountId;
}
