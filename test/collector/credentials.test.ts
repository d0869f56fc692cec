import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import {
  assumeAccountRole,
  callerIdentity,
  customEndpointConfigured,
  roleSessionName,
} from '../../collector/credentials';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::123456789012:role/CloudwardReadOnly';

function assumed(expiresInMs: number, key = 'ASIAEXAMPLE') {
  return {
    $metadata: { httpStatusCode: 200, requestId: 'sts-1' },
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + expiresInMs),
    },
    AssumedRoleUser: {
      AssumedRoleId: 'AROAEXAMPLE:cloudward-123456789012',
      Arn: `${ROLE}/cloudward-123456789012`,
    },
  };
}

const input = (extra = {}) => ({
  roleArn: ROLE,
  externalId: 'ext-0123456789abcdef',
  awsAccountId: '123456789012',
  region: 'us-east-1',
  stsClient: new STSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
  }),
  ...extra,
});

beforeEach(() => sts.reset());

describe('assumeAccountRole', () => {
  test('assumes the role once with the external id and the cloudward-<account> session name, then reuses it', async () => {
    sts.on(AssumeRoleCommand).resolves(assumed(3600_000));
    const provider = assumeAccountRole(input());
    const all = await Promise.all([provider(), provider(), provider()]);
    await provider();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({
      RoleArn: ROLE,
      ExternalId: 'ext-0123456789abcdef',
      RoleSessionName: 'cloudward-123456789012',
      DurationSeconds: 3600,
    });
    expect(all[0]).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', sessionToken: 'token' });
    expect(roleSessionName('210987654321')).toBe('cloudward-210987654321');
  });

  test('refreshes before expiry (inside the 5-minute margin)', async () => {
    let now = Date.now();
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(assumed(10 * 60_000, 'FIRST'))
      .resolves(assumed(60 * 60_000, 'SECOND'));
    const provider = assumeAccountRole(input({ now: () => now }));
    expect((await provider()).accessKeyId).toBe('FIRST');
    now += 4 * 60_000; // 6 minutes left: still fresh
    expect((await provider()).accessKeyId).toBe('FIRST');
    now += 2 * 60_000; // 4 minutes left: refresh
    expect((await provider()).accessKeyId).toBe('SECOND');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  test('AccessDenied is passed through with its code, and a later call tries again', async () => {
    const denied = new STSServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: `User: arn:aws:iam::111111111111:user/x is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
    });
    sts.on(AssumeRoleCommand).rejectsOnce(denied).resolves(assumed(3600_000));
    const provider = assumeAccountRole(input());
    await expect(provider()).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLE' });
  });
});

test('customEndpointConfigured reads the global and the per-service variables', () => {
  expect(customEndpointConfigured('S3', {})).toBe(false);
  expect(customEndpointConfigured('S3', { AWS_ENDPOINT_URL: 'http://localhost:4566' })).toBe(true);
  expect(customEndpointConfigured('S3', { AWS_ENDPOINT_URL_S3: 'http://localhost:9000' })).toBe(true);
  expect(customEndpointConfigured('S3', { AWS_ENDPOINT_URL_EC2: 'http://localhost:5000' })).toBe(false);
  expect(
    customEndpointConfigured('Elastic Load Balancing v2', {
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://x',
    }),
  ).toBe(true);
});

test('callerIdentity gives the account, ARN and partition of the ambient credentials', async () => {
  sts.on(GetCallerIdentityCommand).resolves({
    $metadata: { httpStatusCode: 200 },
    Account: '123456789012',
    Arn: 'arn:aws-us-gov:sts::123456789012:assumed-role/Admin/me',
    UserId: 'AROAEXAMPLE:me',
  });
  const client = new STSClient({
    region: 'us-gov-west-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
  });
  await expect(
    callerIdentity(async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }), 'us-gov-west-1', client),
  ).resolves.toEqual({
    accountId: '123456789012',
    arn: 'arn:aws-us-gov:sts::123456789012:assumed-role/Admin/me',
    partition: 'aws-us-gov',
  });
});
