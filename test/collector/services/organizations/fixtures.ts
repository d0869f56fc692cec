// Trimmed copies of real Organizations responses, typed against the SDK outputs. The management account is
// 111111111111; 123456789012 is a member.
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  type DescribeOrganizationCommandOutput,
  type DescribePolicyCommandOutput,
  type ListAccountsCommandOutput,
  type ListAccountsForParentCommandOutput,
  type ListDelegatedAdministratorsCommandOutput,
  type ListOrganizationalUnitsForParentCommandOutput,
  type ListPoliciesCommandOutput,
  type ListRootsCommandOutput,
  type ListTargetsForPolicyCommandOutput,
  type Organization,
} from '@aws-sdk/client-organizations';

const metadata = { httpStatusCode: 200, requestId: 'org-req-1', attempts: 1 };

export const organization: Organization = {
  Id: 'o-a1b2c3d4e5',
  Arn: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5',
  FeatureSet: 'ALL',
  MasterAccountArn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111',
  MasterAccountId: '111111111111',
  MasterAccountEmail: 'aws-root@example.com',
  AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
};

export const describeOrganizationOutput: DescribeOrganizationCommandOutput = {
  $metadata: metadata,
  Organization: organization,
};

export const accountsPage1: ListAccountsCommandOutput = {
  $metadata: metadata,
  Accounts: [
    {
      Id: '111111111111',
      Arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111',
      Email: 'aws-root@example.com',
      Name: 'management',
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'INVITED',
      JoinedTimestamp: new Date('2024-01-01T00:00:00.000Z'),
    },
  ],
  NextToken: 'accounts-page-2',
};

export const accountsPage2: ListAccountsCommandOutput = {
  $metadata: metadata,
  Accounts: [
    {
      Id: '123456789012',
      Arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/123456789012',
      Email: 'aws-prod@example.com',
      Name: 'prod',
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'CREATED',
      JoinedTimestamp: new Date('2025-02-03T04:05:06.000Z'),
    },
  ],
};

export function notInUse(): AWSOrganizationsNotInUseException {
  return new AWSOrganizationsNotInUseException({
    Message: 'Your account is not a member of an organization.',
    message: 'Your account is not a member of an organization.',
    $metadata: { httpStatusCode: 400, requestId: 'org-400' },
  });
}

export function accessDenied(action: string): AccessDeniedException {
  return new AccessDeniedException({
    Message: `You don't have permissions to access this resource (${action}).`,
    message: `You don't have permissions to access this resource (${action}).`,
    $metadata: { httpStatusCode: 403, requestId: 'org-403' },
  });
}

// The structure under the root: r-a1b2 > ou-a1b2-prod00 (prod) > ou-a1b2-prodweb (web, second page of the
// root's OUs holds ou-a1b2-sandbox). The management account sits in the root, 123456789012 in prod/web.
export const root = {
  Id: 'r-a1b2',
  Arn: 'arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-a1b2',
  Name: 'Root',
  PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY' as const, Status: 'ENABLED' as const }],
};
export const listRootsOutput: ListRootsCommandOutput = { $metadata: metadata, Roots: [root] };

const ouArn = (id: string): string => `arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/${id}`;
export const rootUnitsPage1: ListOrganizationalUnitsForParentCommandOutput = {
  $metadata: metadata,
  OrganizationalUnits: [{ Id: 'ou-a1b2-prod00', Arn: ouArn('ou-a1b2-prod00'), Name: 'prod' }],
  NextToken: 'ous-page-2',
};
export const rootUnitsPage2: ListOrganizationalUnitsForParentCommandOutput = {
  $metadata: metadata,
  OrganizationalUnits: [{ Id: 'ou-a1b2-sandbox', Arn: ouArn('ou-a1b2-sandbox'), Name: 'sandbox' }],
};
export const prodUnits: ListOrganizationalUnitsForParentCommandOutput = {
  $metadata: metadata,
  OrganizationalUnits: [{ Id: 'ou-a1b2-prodweb', Arn: ouArn('ou-a1b2-prodweb'), Name: 'web' }],
};
export const noUnits: ListOrganizationalUnitsForParentCommandOutput = {
  $metadata: metadata,
  OrganizationalUnits: [],
};

export function accountsIn(...ids: string[]): ListAccountsForParentCommandOutput {
  return {
    $metadata: metadata,
    Accounts: ids.map((id) => ({
      Id: id,
      Arn: `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${id}`,
      Status: 'ACTIVE',
      State: 'ACTIVE',
    })),
  };
}

const scpArn = (id: string): string =>
  `arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/${id}`;
export const listPoliciesOutput: ListPoliciesCommandOutput = {
  $metadata: metadata,
  Policies: [
    {
      Id: 'p-FullAWSAccess',
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      Name: 'FullAWSAccess',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: true,
    },
    {
      Id: 'p-denyleave',
      Arn: scpArn('p-denyleave'),
      Name: 'deny-leave-org',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
    },
  ],
};
export const describeFullAccess: DescribePolicyCommandOutput = {
  $metadata: metadata,
  Policy: {
    PolicySummary: listPoliciesOutput.Policies?.[0],
    Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  },
};
export const describeDenyLeave: DescribePolicyCommandOutput = {
  $metadata: metadata,
  Policy: {
    PolicySummary: listPoliciesOutput.Policies?.[1],
    Content:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}',
  },
};
export const fullAccessTargets: ListTargetsForPolicyCommandOutput = {
  $metadata: metadata,
  Targets: [{ TargetId: 'r-a1b2', Arn: root.Arn, Name: 'Root', Type: 'ROOT' }],
};
export const denyLeaveTargets: ListTargetsForPolicyCommandOutput = {
  $metadata: metadata,
  Targets: [
    { TargetId: 'ou-a1b2-prod00', Arn: ouArn('ou-a1b2-prod00'), Name: 'prod', Type: 'ORGANIZATIONAL_UNIT' },
    {
      TargetId: '123456789012',
      Arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/123456789012',
      Name: 'prod',
      Type: 'ACCOUNT',
    },
  ],
};
export const delegatedAdministrators: ListDelegatedAdministratorsCommandOutput = {
  $metadata: metadata,
  DelegatedAdministrators: [
    {
      Id: '123456789012',
      Arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/123456789012',
      Name: 'prod',
      Status: 'ACTIVE',
      DelegationEnabledDate: new Date('2025-03-01T00:00:00.000Z'),
    },
  ],
};
