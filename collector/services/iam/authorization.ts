// Pure transform of one GetAccountAuthorizationDetails page into users, groups, roles, managed and inline
// policies, instance profiles and their edges. Group membership is resolved after the last page (see
// membershipRelationships) because UserDetail only names its groups.
import type {
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '@aws-sdk/client-iam';
import type { Asset, Relationship } from '../../../store/model';
import {
  type Where,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  plainConfig,
  tagMap,
} from '../../shape';
import type { CredentialReportResult } from './credential-report';
import { trustRelationships } from './trust';

export interface AuthorizationInput {
  scope: Where;
  partition: string;
  credentialReport: CredentialReportResult;
}

export interface AuthorizationOutput {
  assets: Asset[];
  relationships: Relationship[];
  /** Group name -> ARN, for memberships named on other pages. */
  groupArns: [string, string][];
  /** [user ARN, group name] pairs. */
  memberships: [string, string][];
}

export function transformAuthorizationPage(
  page: GetAccountAuthorizationDetailsResponse,
  input: AuthorizationInput,
): AuthorizationOutput {
  const output: AuthorizationOutput = { assets: [], relationships: [], groupArns: [], memberships: [] };
  for (const user of page.UserDetailList ?? []) addUser(user, input, output);
  for (const group of page.GroupDetailList ?? []) addGroup(group, input, output);
  for (const role of page.RoleDetailList ?? []) addRole(role, input, output);
  for (const policy of page.Policies ?? []) addManagedPolicy(policy, input, output);
  return output;
}

function addUser(user: UserDetail, input: AuthorizationInput, output: AuthorizationOutput): void {
  const arn = user.Arn as string;
  const config = plainConfig({ ...user, UserPolicyList: parsedInline(user.UserPolicyList) });
  const readErrors: Record<string, string> = {};
  if ('error' in input.credentialReport) readErrors.CredentialReport = input.credentialReport.error;
  else {
    const row = input.credentialReport.rowsByArn.get(arn);
    // A user created after the report was generated has no row yet: unknown, not "no MFA".
    if (row) config.CredentialReport = row;
    else readErrors.CredentialReport = 'UserNotInCredentialReport';
  }
  output.assets.push(
    makeAsset(input.scope, {
      id: arn,
      type: 'aws_iam_user',
      class: 'User',
      name: user.UserName ?? arn,
      tags: tagMap(user.Tags),
      config,
      readErrors,
    }),
  );
  for (const groupName of user.GroupList ?? []) output.memberships.push([arn, groupName]);
  addAttachments(arn, user.AttachedManagedPolicies, input, output);
  addInlinePolicies(arn, 'aws_iam_user_policy', user.UserPolicyList, input, output);
}

function addGroup(group: GroupDetail, input: AuthorizationInput, output: AuthorizationOutput): void {
  const arn = group.Arn as string;
  output.assets.push(
    makeAsset(input.scope, {
      id: arn,
      type: 'aws_iam_group',
      class: 'UserGroup',
      name: group.GroupName ?? arn,
      config: plainConfig({ ...group, GroupPolicyList: parsedInline(group.GroupPolicyList) }),
    }),
  );
  if (group.GroupName) output.groupArns.push([group.GroupName, arn]);
  addAttachments(arn, group.AttachedManagedPolicies, input, output);
  addInlinePolicies(arn, 'aws_iam_group_policy', group.GroupPolicyList, input, output);
}

function addRole(role: RoleDetail, input: AuthorizationInput, output: AuthorizationOutput): void {
  const arn = role.Arn as string;
  const trustPolicy = parsePolicyDocument(role.AssumeRolePolicyDocument);
  output.assets.push(
    makeAsset(input.scope, {
      id: arn,
      type: 'aws_iam_role',
      class: 'AccessRole',
      name: role.RoleName ?? arn,
      tags: tagMap(role.Tags),
      config: plainConfig({
        ...role,
        AssumeRolePolicyDocument: trustPolicy,
        RolePolicyList: parsedInline(role.RolePolicyList),
        InstanceProfileList: role.InstanceProfileList?.map(({ Roles: _roles, ...profile }) => profile),
      }),
    }),
  );
  addAttachments(arn, role.AttachedManagedPolicies, input, output);
  addInlinePolicies(arn, 'aws_iam_role_policy', role.RolePolicyList, input, output);
  output.relationships.push(...trustRelationships(input.scope, arn, trustPolicy, input.partition));
  for (const profile of role.InstanceProfileList ?? []) {
    const profileArn = profile.Arn as string;
    output.assets.push(
      makeAsset(input.scope, {
        id: profileArn,
        type: 'aws_iam_instance_profile',
        class: 'AccessRole',
        name: profile.InstanceProfileName ?? profileArn,
        tags: tagMap(profile.Tags),
        config: plainConfig({
          ...profile,
          Roles: profile.Roles?.map((member) => ({
            ...member,
            AssumeRolePolicyDocument: parsePolicyDocument(member.AssumeRolePolicyDocument),
          })),
        }),
      }),
    );
    output.relationships.push(makeRelationship(input.scope, profileArn, 'USES', arn));
  }
}

function addManagedPolicy(
  policy: ManagedPolicyDetail,
  input: AuthorizationInput,
  output: AuthorizationOutput,
): void {
  const arn = policy.Arn as string;
  const awsManaged = arn.startsWith(`arn:${input.partition}:iam::aws:policy/`);
  // AWS publishes over a thousand managed policies; only the ones in use here matter.
  if (awsManaged && !(policy.AttachmentCount && policy.AttachmentCount > 0)) return;
  const versions = (policy.PolicyVersionList ?? []).map((version) => ({
    ...version,
    Document: parsePolicyDocument(version.Document),
  }));
  const defaultVersion = versions.find((version) => version.IsDefaultVersion);
  output.assets.push(
    makeAsset(input.scope, {
      id: arn,
      type: 'aws_iam_policy',
      class: 'AccessPolicy',
      name: policy.PolicyName ?? arn,
      config: plainConfig({
        ...policy,
        PolicyVersionList: versions,
        Document: defaultVersion?.Document ?? null,
      }),
    }),
  );
}

function addAttachments(
  principalArn: string,
  attached: { PolicyArn?: string }[] | undefined,
  input: AuthorizationInput,
  output: AuthorizationOutput,
): void {
  for (const policy of attached ?? []) {
    if (policy.PolicyArn) {
      output.relationships.push(makeRelationship(input.scope, policy.PolicyArn, 'ATTACHED_TO', principalArn));
    }
  }
}

function addInlinePolicies(
  principalArn: string,
  type: 'aws_iam_user_policy' | 'aws_iam_group_policy' | 'aws_iam_role_policy',
  policies: PolicyDetail[] | undefined,
  input: AuthorizationInput,
  output: AuthorizationOutput,
): void {
  for (const policy of policies ?? []) {
    const id = `${principalArn}/inline-policy/${policy.PolicyName}`;
    output.assets.push(
      makeAsset(input.scope, {
        id,
        type,
        class: 'AccessPolicy',
        name: policy.PolicyName ?? id,
        config: {
          PolicyName: policy.PolicyName,
          PolicyDocument: parsePolicyDocument(policy.PolicyDocument),
          PrincipalArn: principalArn,
        },
      }),
    );
    output.relationships.push(makeRelationship(input.scope, id, 'ATTACHED_TO', principalArn));
  }
}

function parsedInline(policies: PolicyDetail[] | undefined): unknown[] | undefined {
  return policies?.map((policy) => ({
    ...policy,
    PolicyDocument: parsePolicyDocument(policy.PolicyDocument),
  }));
}

/** user MEMBER_OF group; a group missing from every page falls back to the ARN its name implies. */
export function membershipRelationships(
  scope: Where,
  partition: string,
  memberships: [string, string][],
  groupArns: Map<string, string>,
): Relationship[] {
  return memberships.map(([userArn, groupName]) =>
    makeRelationship(
      scope,
      userArn,
      'MEMBER_OF',
      groupArns.get(groupName) ?? `arn:${partition}:iam::${scope.accountId}:group/${groupName}`,
    ),
  );
}
