import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
  type AssumeRoleCommandOutput,
  type GetCallerIdentityCommandOutput,
  type STSClientConfig,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { stsEndpoint, stsRegion, testConnection } from '../../api/test-connection';
import { makeTestApp, uniqueAccount, type TestApp } from './helpers';

const sts = mockClient(STSClient);

const assumed: AssumeRoleCommandOutput = {
  $metadata: { httpStatusCode: 200, requestId: 'c6104cbe-af31-11e0-8154-cbc7ccf896c7' },
  Credentials: {
    AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
    SessionToken: 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW',
    Expiration: new Date('2030-01-01T00:15:00Z'),
  },
  AssumedRoleUser: {
    AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:cloudward-123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward-123456789012',
  },
};

function identity(account: string): GetCallerIdentityCommandOutput {
  return {
    $metadata: { httpStatusCode: 200 },
    UserId: 'AROA3XFRBF535PLBIFPI4:cloudward-' + account,
    Account: account,
    Arn: `arn:aws:sts::${account}:assumed-role/CloudwardReadOnly/cloudward-${account}`,
  };
}

function accessDenied(): STSServiceException {
  return new STSServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'b0f3e5a2-1111-2222-3333-444455556666' },
    message:
      'User: arn:aws:iam::999999999999:user/cloudward is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/CloudwardReadOnly',
  });
}

const input = {
  awsAccountId: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/CloudwardReadOnly',
  externalId: 'ext-id-1234567890',
  regions: ['eu-west-1'],
};

beforeEach(() => sts.reset());

describe('testConnection', () => {
  test('assumes the role with the external ID and session name, then asks who it is with those credentials', async () => {
    sts.on(AssumeRoleCommand).resolves(assumed);
    sts.on(GetCallerIdentityCommand).resolves(identity('123456789012'));
    const configs: STSClientConfig[] = [];
    const result = await testConnection(input, {
      env: {},
      createClient: (config) => {
        configs.push(config);
        return new STSClient(config);
      },
    });
    expect(result).toEqual({
      ok: true,
      callerArn: 'arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward-123456789012',
      accountId: '123456789012',
    });
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({
      RoleArn: input.roleArn,
      ExternalId: 'ext-id-1234567890',
      RoleSessionName: 'cloudward-123456789012',
      DurationSeconds: 900,
    });
    expect(configs[1].credentials).toMatchObject({
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionToken: assumed.Credentials!.SessionToken,
    });
    expect(configs[0].region).toBe('eu-west-1');
  });

  test('returns AWS error code and message when AssumeRole is denied', async () => {
    sts.on(AssumeRoleCommand).rejects(accessDenied());
    const result = await testConnection(input, { env: {} });
    expect(result).toEqual({
      ok: false,
      errorCode: 'AccessDenied',
      message: expect.stringContaining('not authorized to perform: sts:AssumeRole'),
    });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  test('flags credentials that belong to another account', async () => {
    sts.on(AssumeRoleCommand).resolves(assumed);
    sts.on(GetCallerIdentityCommand).resolves(identity('210987654321'));
    expect(await testConnection(input, { env: {} })).toMatchObject({
      ok: false,
      errorCode: 'AccountMismatch',
    });
  });

  test('honours AWS_REGION and AWS_ENDPOINT_URL for emulators', () => {
    expect(stsRegion(input, { AWS_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(
      stsRegion(
        { ...input, roleArn: 'arn:aws-cn:iam::123456789012:role/x', regions: ['cn-northwest-1'] },
        {},
      ),
    ).toBe('cn-northwest-1');
    expect(stsEndpoint({ AWS_ENDPOINT_URL: 'http://localhost:4566' })).toBe('http://localhost:4566');
    expect(stsEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_STS: 'http://b' })).toBe('http://b');
    expect(stsEndpoint({})).toBeUndefined();
  });
});

describe('POST /accounts/:id/test-connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('uses the decrypted external ID and reports success', async () => {
    const body = uniqueAccount({ externalId: 'stored-external-id' });
    const created = await request(t.app).post('/api/v1/accounts').set('Authorization', t.admin).send(body);
    sts.on(AssumeRoleCommand).resolves(assumed);
    sts.on(GetCallerIdentityCommand).resolves(identity(body.awsAccountId));
    const response = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/test-connection`)
      .set('Authorization', t.admin);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, accountId: body.awsAccountId });
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toMatchObject({
      ExternalId: 'stored-external-id',
      RoleSessionName: `cloudward-${body.awsAccountId}`,
    });
  });

  test('reports AccessDenied as data, with 200', async () => {
    const created = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .send(uniqueAccount());
    sts.on(AssumeRoleCommand).rejects(accessDenied());
    const response = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/test-connection`)
      .set('Authorization', t.admin);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: false, errorCode: 'AccessDenied' });
  });
});
