// Pure transform of one GetAccountAuthorizationDetails page into users, groups, roles, managed and inline
// policies, instance profiles and their edges. Group membership is resolved after the last page (see
// membershipRelationships) because UserDetail only names its groups.
import type {
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  PolicyVersion,
  Role,
  RoleDetail,
  UserDetail,
} from '@aws-sdk/client-iam';
import type { Asset, Relationship } from '../../../store/model';
import {
  type Where,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  redactExternalIds,
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
  // An entry without an ARN has no id to store it under (AWS always sends one).
  for (const user of page.UserDetailList ?? []) if (user.Arn) addUser(user, input, output);
  for (const group of page.GroupDetailList ?? []) if (group.Arn) addGroup(group, input, output);
  for (const role of page.RoleDetailList ?? []) if (role.Arn) addRole(role, input, output);
  for (const policy of page.Policies ?? []) if (policy.Arn) addManagedPolicy(policy, input, output);
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
        AssumeRolePolicyDocument: redactExternalIds(trustPolicy),
        RolePolicyList: parsedInline(role.RolePolicyList),
        InstanceProfileList: role.InstanceProfileList?.map(({ Roles: _roles, ...profile }) => profile),
      }),
    }),
  );
  addAttachments(arn, role.AttachedManagedPolicies, input, output);
  addInlinePolicies(arn, 'aws_iam_role_policy', role.RolePolicyList, input, output);
  output.relationships.push(...trustRelationships(input.scope, arn, trustPolicy, input.partition));
  for (const profile of role.InstanceProfileList ?? []) {
    if (!profile.Arn) continue;
    const profileArn = profile.Arn;
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
            AssumeRolePolicyDocument: redactExternalIds(parsePolicyDocument(member.AssumeRolePolicyDocument)),
          })),
        }),
      }),
    );
    if (profileContainsRole(profile.Roles, arn)) {
      output.relationships.push(makeRelationship(input.scope, profileArn, 'USES', arn));
    }
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
  if (awsManaged && !mayBeAttached(policy)) return;
  const versions = (policy.PolicyVersionList ?? []).map((version) => ({
    ...version,
    Document: parsePolicyDocument(version.Document),
  }));
  const defaultVersion = defaultPolicyVersion(versions, policy.DefaultVersionId);
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

/** A policy without an AttachmentCount may be attached: only a count of 0 says it is not. */
export function mayBeAttached(policy: Pick<ManagedPolicyDetail, 'AttachmentCount'>): boolean {
  return policy.AttachmentCount === undefined || policy.AttachmentCount > 0;
}

/**
 * The default version: the one flagged IsDefaultVersion, else the one whose VersionId is the policy's
 * DefaultVersionId (both are optional in AWS's response shape).
 */
export function defaultPolicyVersion<V extends Pick<PolicyVersion, 'IsDefaultVersion' | 'VersionId'>>(
  versions: V[],
  defaultVersionId: string | undefined,
): V | undefined {
  return (
    versions.find((version) => version.IsDefaultVersion === true) ??
    (defaultVersionId === undefined
      ? undefined
      : versions.find((version) => version.VersionId === defaultVersionId))
  );
}

/** A profile listed under a role contains it; when the profile names its roles, they must include this one. */
function profileContainsRole(roles: Role[] | undefined, roleArn: string): boolean {
  return roles === undefined || roles.length === 0 || roles.some((member) => member.Arn === roleArn);
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
