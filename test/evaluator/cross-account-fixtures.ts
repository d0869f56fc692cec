// Two AWS accounts recorded as SDK output shapes (GetAccountAuthorizationDetails with URL-encoded policy documents
// and a Marker page, Lambda functions with public function URLs, S3 buckets, the organization), replayed through
// the real SDK clients. Account A (111111111111) runs five functions the internet reaches; each role may assume one
// role elsewhere:
//   web     -> B:deployer      trusts A's root                     -> administrator of B, reads B's bucket
//   partner -> B:vendor-audit  trusts A's root with sts:ExternalId -> not a path (marked)
//   other   -> B:c-trusted     trusts account C only               -> no path
//   orphan  -> D:admin         account D is not synced              -> unknown end
//   org     -> B:org-admin     trusts everyone in organization o-a1b2c3d4e5 (A's) -> administrator of B
import type { FunctionConfiguration, FunctionUrlConfig } from '@aws-sdk/client-lambda';
import type { GetAccountAuthorizationDetailsResponse, RoleDetail } from '@aws-sdk/client-iam';
import { ANY_REGION, Recording } from '../../demo/recording';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const ACCOUNT_C = '333333333333';
export const ACCOUNT_D = '444444444444';
export const ORGANIZATION = 'o-a1b2c3d4e5';
export const REGION = 'us-east-1';
export const B_BUCKET = 'b-customer-data';

const CREATED = new Date('2025-01-10T08:00:00Z');
const document = (statements: object[]) =>
  encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
export const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT_A}:function:${name}`;

function role(account: string, name: string, trust: object[], inline: object[]): RoleDetail {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${account}${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .padEnd(9, 'X')
      .slice(0, 9)}`,
    Arn: roleArn(account, name),
    CreateDate: CREATED,
    AssumeRolePolicyDocument: document(trust),
    InstanceProfileList: [],
    RolePolicyList: inline.map((statement, index) => ({
      PolicyName: `${name}-${index + 1}`,
      PolicyDocument: document([statement]),
    })),
    AttachedManagedPolicies: [],
    Tags: [],
    RoleLastUsed: {},
  };
}

const trustLambda = [
  { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
];
const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
const assume = (arn: string) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn });

/** Function name -> the role ARN in another account its execution role may assume. */
export const TARGETS = {
  web: roleArn(ACCOUNT_B, 'deployer'),
  partner: roleArn(ACCOUNT_B, 'vendor-audit'),
  other: roleArn(ACCOUNT_B, 'c-trusted'),
  orphan: roleArn(ACCOUNT_D, 'admin'),
  org: roleArn(ACCOUNT_B, 'org-admin'),
} as const;
export type FunctionName = keyof typeof TARGETS;

function recordAuthorizationDetails(recording: Recording, roles: RoleDetail[]): void {
  // Two pages (IsTruncated / Marker), as AWS splits a large answer.
  const half = Math.ceil(roles.length / 2);
  const page = (list: RoleDetail[], more: boolean): GetAccountAuthorizationDetailsResponse => ({
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: list,
    Policies: [],
    IsTruncated: more,
    ...(more ? { Marker: 'AQoDYXdzEPT//////////wEXAMPLE' } : {}),
  });
  recording.output('IAM', 'GetAccountAuthorizationDetails', ANY_REGION, {}, page(roles.slice(0, half), true));
  recording.output(
    'IAM',
    'GetAccountAuthorizationDetails',
    ANY_REGION,
    { Marker: 'AQoDYXdzEPT//////////wEXAMPLE' },
    page(roles.slice(half), false),
  );
}

function recordOrganization(recording: Recording, account: string): void {
  recording.output(
    'Organizations',
    'DescribeOrganization',
    ANY_REGION,
    {},
    {
      Organization: {
        Id: ORGANIZATION,
        Arn: `arn:aws:organizations::999999999999:organization/${ORGANIZATION}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::999999999999:account/${ORGANIZATION}/999999999999`,
        MasterAccountId: '999999999999',
        MasterAccountEmail: 'aws-management@example.com',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    },
  );
  // A member account may not list the organization's structure.
  for (const operation of ['ListRoots', 'ListDelegatedAdministrators', 'ListAccounts', 'ListPolicies'])
    recording.error(
      'Organizations',
      operation,
      ANY_REGION,
      {},
      {
        name: 'AccessDeniedException',
        status: 400,
        message: `You don't have permissions to access this resource. (account ${account})`,
      },
    );
}

/** Account A: five public functions, each running as a role that may assume one role of another account. */
export function accountARecording(): Recording {
  const recording = new Recording();
  const names = Object.keys(TARGETS) as FunctionName[];
  recordAuthorizationDetails(
    recording,
    names.map((name) => role(ACCOUNT_A, `${name}-role`, trustLambda, [assume(TARGETS[name])])),
  );
  recordOrganization(recording, ACCOUNT_A);
  const functions: FunctionConfiguration[] = names.map((name) => ({
    FunctionName: name,
    FunctionArn: functionArn(name),
    Runtime: 'nodejs20.x',
    Role: roleArn(ACCOUNT_A, `${name}-role`),
    Handler: 'index.handler',
    CodeSize: 1_024,
    Timeout: 30,
    MemorySize: 256,
    LastModified: '2026-10-01T10:00:00.000+0000',
    Version: '$LATEST',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
    TracingConfig: { Mode: 'PassThrough' },
    State: 'Active',
  }));
  recording.output('Lambda', 'ListFunctions', REGION, {}, { Functions: functions });
  for (const config of functions) {
    const at = { FunctionName: config.FunctionName };
    const url: FunctionUrlConfig = {
      FunctionUrl: `https://${config.FunctionName}0123456789abcdef.lambda-url.${REGION}.on.aws/`,
      FunctionArn: config.FunctionArn,
      AuthType: 'NONE',
      CreationTime: '2026-09-01T10:00:00.000Z',
      LastModifiedTime: '2026-09-01T10:00:00.000Z',
      InvokeMode: 'BUFFERED',
    };
    recording.output('Lambda', 'ListTags', REGION, { Resource: config.FunctionArn }, { Tags: {} });
    recording.output('Lambda', 'ListFunctionUrlConfigs', REGION, at, { FunctionUrlConfigs: [url] });
    recording.output('Lambda', 'GetPolicy', REGION, at, {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Id: 'default',
        Statement: [
          {
            Sid: 'FunctionURLAllowPublicAccess',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunctionUrl',
            Resource: config.FunctionArn,
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
          },
        ],
      }),
      RevisionId: '4c9e2f0a-1b2c-4d5e-8f90-123456789abc',
    });
  }
  return recording;
}

/** Account B: the roles A's functions aim at, and a bucket. */
export function accountBRecording(): Recording {
  const recording = new Recording();
  const aRoot = { AWS: `arn:aws:iam::${ACCOUNT_A}:root` };
  recordAuthorizationDetails(recording, [
    role(
      ACCOUNT_B,
      'deployer',
      [{ Effect: 'Allow', Principal: aRoot, Action: 'sts:AssumeRole' }],
      [allowAll],
    ),
    role(
      ACCOUNT_B,
      'vendor-audit',
      [
        {
          Effect: 'Allow',
          Principal: aRoot,
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'b7e1c0d4-secret-shared-with-the-vendor' } },
        },
      ],
      [allowAll],
    ),
    role(
      ACCOUNT_B,
      'c-trusted',
      [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_C}:root` }, Action: 'sts:AssumeRole' }],
      [allowAll],
    ),
    role(
      ACCOUNT_B,
      'org-admin',
      [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORGANIZATION } },
        },
      ],
      [allowAll],
    ),
  ]);
  recordOrganization(recording, ACCOUNT_B);
  recording.output(
    'S3',
    'ListBuckets',
    ANY_REGION,
    {},
    {
      Buckets: [{ Name: B_BUCKET, CreationDate: CREATED }],
      Owner: { ID: 'b-owner-canonical-id' },
    },
  );
  recording.output('S3', 'GetBucketLocation', ANY_REGION, { Bucket: B_BUCKET }, {});
  return recording;
}
