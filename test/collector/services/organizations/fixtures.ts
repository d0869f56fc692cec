// Trimmed copies of real Organizations responses, typed against the SDK outputs. The management account is
// 111111111111; 123456789012 is a member.
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  type DescribeOrganizationCommandOutput,
  type ListAccountsCommandOutput,
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
