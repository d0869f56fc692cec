// Trimmed copies of real Lambda responses (account 123456789012, us-east-1), typed so drift fails to compile.
import {
  LambdaServiceException,
  ResourceNotFoundException,
  type GetPolicyCommandOutput,
  type ListFunctionsCommandOutput,
  type GetFunctionUrlConfigCommandOutput,
  type ListAliasesCommandOutput,
  type ListFunctionUrlConfigsCommandOutput,
  type ListTagsCommandOutput,
} from '@aws-sdk/client-lambda';

const metadata = { httpStatusCode: 200, requestId: 'a1b2c3d4-0000-0000-0000-000000000000', attempts: 1 };

export const vpcFunction = {
  FunctionName: 'orders-api',
  FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
  Runtime: 'nodejs20.x' as const,
  Role: 'arn:aws:iam::123456789012:role/orders-api-role',
  Handler: 'index.handler',
  CodeSize: 5120,
  Timeout: 10,
  MemorySize: 256,
  LastModified: '2026-10-01T12:00:00.000+0000',
  Version: '$LATEST',
  VpcConfig: {
    SubnetIds: ['subnet-0a1', 'subnet-0b2'],
    SecurityGroupIds: ['sg-0f1'],
    VpcId: 'vpc-0c3',
  },
  PackageType: 'Zip' as const,
  Architectures: ['arm64' as const],
};

export const plainFunction = {
  FunctionName: 'nightly-report',
  FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:nightly-report',
  Runtime: 'python3.8' as const,
  Role: 'arn:aws:iam::123456789012:role/report-role',
  Handler: 'app.main',
  LastModified: '2026-09-12T08:30:00.000+0000',
  Version: '$LATEST',
  // Functions outside a VPC come back with empty lists, not without the member.
  VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' },
  PackageType: 'Zip' as const,
};

export const functionsPage1: ListFunctionsCommandOutput = {
  $metadata: metadata,
  Functions: [vpcFunction],
  NextMarker: 'eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==',
};

export const functionsPage2: ListFunctionsCommandOutput = {
  $metadata: metadata,
  Functions: [plainFunction],
};

export const emptyFunctions: ListFunctionsCommandOutput = { $metadata: metadata, Functions: [] };

export const publicPolicyDocument = {
  Version: '2012-10-17',
  Id: 'default',
  Statement: [
    {
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    },
  ],
};

export const ordersPolicy: GetPolicyCommandOutput = {
  $metadata: metadata,
  Policy: JSON.stringify(publicPolicyDocument),
  RevisionId: '4b5c9e1a-2f0d-4c1b-9d3e-6a7b8c9d0e1f',
};

export const ordersUrlsPage1: ListFunctionUrlConfigsCommandOutput = {
  $metadata: metadata,
  FunctionUrlConfigs: [
    {
      FunctionUrl: 'https://abcdefghijklmnop.lambda-url.us-east-1.on.aws/',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
      CreationTime: '2026-10-01T12:05:00.000Z',
      LastModifiedTime: '2026-10-01T12:05:00.000Z',
      AuthType: 'NONE',
    },
  ],
  NextMarker: 'url-page-2',
};

export const ordersUrlsPage2: ListFunctionUrlConfigsCommandOutput = {
  $metadata: metadata,
  FunctionUrlConfigs: [
    {
      FunctionUrl: 'https://qrstuvwxyzabcdef.lambda-url.us-east-1.on.aws/',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api:live',
      CreationTime: '2026-10-02T09:00:00.000Z',
      LastModifiedTime: '2026-10-02T09:00:00.000Z',
      AuthType: 'AWS_IAM',
    },
  ],
};

export const noUrls: ListFunctionUrlConfigsCommandOutput = { $metadata: metadata, FunctionUrlConfigs: [] };

/** ListTags (by function ARN) answers a map; an untagged function has an empty one. */
export const ordersTags: ListTagsCommandOutput = {
  $metadata: metadata,
  Tags: { Environment: 'production', Owner: 'orders-team' },
};
export const noTags: ListTagsCommandOutput = { $metadata: metadata, Tags: {} };

/** ListTags' answer for a function deleted since ListFunctions. */
export function functionNotFound(functionArn: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    Type: 'User',
    message: `Function not found: ${functionArn}`,
    $metadata: { httpStatusCode: 404, requestId: 'req-404-fn' },
  });
}

export function policyNotFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({
    Type: 'User',
    message: 'The resource you requested does not exist.',
    $metadata: { httpStatusCode: 404, requestId: 'req-404' },
  });
}

export function accessDenied(action: string): LambdaServiceException {
  return new LambdaServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward-123456789012 is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'req-403' },
  });
}

/** ListAliases for orders-api: one alias, `live` (AWS's AliasConfiguration shape). */
export const ordersAliases: ListAliasesCommandOutput = {
  $metadata: metadata,
  Aliases: [
    {
      AliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api:live',
      Name: 'live',
      FunctionVersion: '7',
      Description: 'production traffic',
      RevisionId: '0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f',
    },
  ],
};
export const noAliases: ListAliasesCommandOutput = { $metadata: metadata, Aliases: [] };

/** GetFunctionUrlConfig for the unqualified orders-api and for its `live` alias. */
export const ordersUrl: GetFunctionUrlConfigCommandOutput = {
  $metadata: metadata,
  ...ordersUrlsPage1.FunctionUrlConfigs![0],
  InvokeMode: 'BUFFERED',
};
export const ordersLiveUrl: GetFunctionUrlConfigCommandOutput = {
  $metadata: metadata,
  ...ordersUrlsPage2.FunctionUrlConfigs![0],
  InvokeMode: 'BUFFERED',
};
