// Gathers, page by page, what identityAssumeRelationships needs: a role on page 1 may be reachable only through a
// managed policy or a group listed on page 3, so the edges are worked out after the last page.
import type {
  GetAccountAuthorizationDetailsResponse,
  PolicyDetail,
  AttachedPolicy,
} from '@aws-sdk/client-iam';
import { parsePolicyDocument } from '../../shape';
import { defaultPolicyVersion, mayBeAttached } from './authorization';
import type { IdentityAssumeInput, IdentityPrincipal, NamedPolicy } from './identity-assume';

export function emptyIdentityAssumeInput(): IdentityAssumeInput {
  return { principals: [], groups: new Map(), managedPolicies: new Map(), roles: [] };
}

export function addIdentityAssumePage(
  page: GetAccountAuthorizationDetailsResponse,
  gathered: IdentityAssumeInput,
): void {
  for (const user of page.UserDetailList ?? []) {
    if (!user.Arn) continue;
    gathered.principals.push(
      principal(user.Arn, user.AttachedManagedPolicies, user.UserPolicyList, user.GroupList ?? []),
    );
  }
  for (const group of page.GroupDetailList ?? []) {
    if (!group.Arn || !group.GroupName) continue;
    gathered.groups.set(
      group.GroupName,
      principal(group.Arn, group.AttachedManagedPolicies, group.GroupPolicyList, []),
    );
  }
  for (const role of page.RoleDetailList ?? []) {
    if (!role.Arn) continue;
    gathered.principals.push(principal(role.Arn, role.AttachedManagedPolicies, role.RolePolicyList, []));
    gathered.roles.push({ arn: role.Arn, trustPolicy: parsePolicyDocument(role.AssumeRolePolicyDocument) });
  }
  for (const policy of page.Policies ?? []) {
    const defaultVersion = defaultPolicyVersion(policy.PolicyVersionList ?? [], policy.DefaultVersionId);
    // An unattached policy grants nothing; skipping it keeps the ~1,000 AWS managed policies out of memory.
    if (policy.Arn && defaultVersion && mayBeAttached(policy)) {
      gathered.managedPolicies.set(policy.Arn, parsePolicyDocument(defaultVersion.Document));
    }
  }
}

function principal(
  arn: string,
  attached: AttachedPolicy[] | undefined,
  inline: PolicyDetail[] | undefined,
  groupNames: string[],
): IdentityPrincipal {
  return {
    arn,
    managedPolicyArns: (attached ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
    inlinePolicies: (inline ?? []).map((policy): NamedPolicy => ({
      id: `${arn}/inline-policy/${policy.PolicyName}`,
      document: parsePolicyDocument(policy.PolicyDocument),
    })),
    groupNames,
  };
}
