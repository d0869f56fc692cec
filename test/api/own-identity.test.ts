// Cloudward's own AWS identity: STS GetCallerIdentity answers as AWS gives them (aws-sdk-client-mock), the
// trusted-principal default a fresh install gets from it, and the onboarding routes that use it.
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { createApp } from '../../api/app';
import { defaultIntegrations } from '../../api/integrations';
import { cachedOwnIdentity, detectOwnIdentity, trustedPrincipalFromCallerArn } from '../../api/own-identity';
import { testConnection } from '../../api/test-connection';
import { makeTestApp, type TestApp } from './helpers';

const sts = mockClient(STSClient);
beforeEach(() => sts.reset());

/** What the SDK's default chain throws when it finds nothing (@smithy CredentialsProviderError). */
function noCredentials(): Error {
  const error = new Error('Could not load credentials from any providers');
  error.name = 'CredentialsProviderError';
  return error;
}

function invalidToken(): STSServiceException {
  return new STSServiceException({
    name: 'InvalidClientTokenId',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: '4f1b9a3c-2222-4444-8888-000011112222' },
    message: 'The security token included in the request is invalid.',
  });
}

const ASSUMED = {
  $metadata: { httpStatusCode: 200 },
  UserId: 'AROA3XFRBF535PLBIFPI4:i-0abc1234def567890',
  Account: '999999999999',
  Arn: 'arn:aws:sts::999999999999:assumed-role/CloudwardServer/i-0abc1234def567890',
};

describe('trustedPrincipalFromCallerArn', () => {
  test.each([
    [
      'arn:aws:sts::999999999999:assumed-role/CloudwardServer/i-0abc',
      'arn:aws:iam::999999999999:role/CloudwardServer',
    ],
    [
      'arn:aws-us-gov:sts::999999999999:assumed-role/Scanner/session',
      'arn:aws-us-gov:iam::999999999999:role/Scanner',
    ],
    ['arn:aws:iam::999999999999:user/cloudward', 'arn:aws:iam::999999999999:user/cloudward'],
    ['arn:aws:iam::999999999999:root', 'arn:aws:iam::999999999999:root'],
  ])('%s -> %s', (arn, principal) => {
    expect(trustedPrincipalFromCallerArn(arn).principal).toBe(principal);
  });

  test('a federated user cannot be trusted by a role: no principal, and the note says what to set', () => {
    const result = trustedPrincipalFromCallerArn('arn:aws:sts::999999999999:federated-user/bob');
    expect(result.principal).toBeNull();
    expect(result.note).toMatch(/CLOUDWARD_TRUSTED_PRINCIPAL/);
  });
});

describe('detectOwnIdentity', () => {
  test('an instance role: the role ARN (not the session) becomes the principal', async () => {
    sts.on(GetCallerIdentityCommand).resolves(ASSUMED);
    const identity = await detectOwnIdentity({ env: { AWS_REGION: 'eu-west-1' } });
    expect(identity).toMatchObject({
      state: 'detected',
      arn: ASSUMED.Arn,
      accountId: '999999999999',
      trustedPrincipal: 'arn:aws:iam::999999999999:role/CloudwardServer',
    });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  test('no credentials anywhere: a clear state, not an exception', async () => {
    sts.on(GetCallerIdentityCommand).rejects(noCredentials());
    const identity = await detectOwnIdentity({ env: {} });
    expect(identity.state).toBe('no-credentials');
    expect(identity.state === 'no-credentials' && identity.message).toMatch(/no AWS credentials/);
  });

  test('credentials AWS refuses are named as Cloudward’s own', async () => {
    sts.on(GetCallerIdentityCommand).rejects(invalidToken());
    const identity = await detectOwnIdentity({ env: {} });
    expect(identity).toMatchObject({ state: 'error', errorCode: 'InvalidClientTokenId' });
    expect(identity.state === 'error' && identity.message).toMatch(/rejected Cloudward's own credentials/);
  });

  test('cached: one STS call for many requests; a failure is retried after failureTtlMs', async () => {
    let clock = 0;
    sts.on(GetCallerIdentityCommand).rejectsOnce(noCredentials()).resolves(ASSUMED);
    const get = cachedOwnIdentity({ env: {}, now: () => clock, failureTtlMs: 1000 });
    expect((await get()).state).toBe('no-credentials');
    expect((await get()).state).toBe('no-credentials');
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    clock = 1001;
    expect((await get()).state).toBe('detected');
    clock = 5000;
    expect((await get()).state).toBe('detected');
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(2);
  });
});

describe('testConnection when Cloudward has no credentials', () => {
  test('says Cloudward lacks credentials, not "check the role"', async () => {
    sts.on(AssumeRoleCommand).rejects(noCredentials());
    const result = await testConnection(
      {
        awsAccountId: '123456789012',
        roleArn: 'arn:aws:iam::123456789012:role/CloudwardReadOnly',
        externalId: 'ext-id-1234567890',
        regions: ['eu-west-1'],
      },
      { env: {} },
    );
    expect(result).toMatchObject({ ok: false, errorCode: 'NoCloudwardCredentials' });
    expect(!result.ok && result.message).toMatch(/Cloudward has no AWS credentials/);
  });
});

describe('GET /onboarding/identity and the detected default (fresh install, no CLOUDWARD_TRUSTED_PRINCIPAL)', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  async function appWith(env: NodeJS.ProcessEnv) {
    t = await makeTestApp();
    const integrations = defaultIntegrations({ store: t.store, secrets: t.secrets, jobs: t.jobs, env });
    return createApp({
      store: t.store,
      secrets: t.secrets,
      jobs: t.jobs,
      webDir: null,
      env,
      extraRouters: integrations.extraRouters,
    });
  }
  const preview = { accountId: '123456789012', regions: 'eu-west-1', externalId: 'ext-id-1234567890' };

  test('detected: the identity route offers the role, and the wizard documents trust it', async () => {
    sts.on(GetCallerIdentityCommand).resolves(ASSUMED);
    const app = await appWith({ CLOUDWARD_TEMPLATE_URL: 'https://example-bucket.s3.amazonaws.com/cw.yaml' });
    const identity = await request(app)
      .get('/api/v1/onboarding/identity')
      .set('Authorization', t.admin)
      .expect(200);
    expect(identity.body).toMatchObject({
      trustedPrincipal: 'arn:aws:iam::999999999999:role/CloudwardServer',
      source: 'detected',
      identity: { state: 'detected', arn: ASSUMED.Arn },
      templateUrl: 'https://example-bucket.s3.amazonaws.com/cw.yaml',
    });
    const documents = await request(app)
      .get('/api/v1/onboarding/preview')
      .query(preview)
      .set('Authorization', t.admin);
    expect(documents.status).toBe(200);
    expect(JSON.stringify(documents.body.trustPolicy)).toContain(
      '"AWS":"arn:aws:iam::999999999999:role/CloudwardServer"',
    );
    const files = await request(app)
      .get('/api/v1/reports/onboarding/files')
      .query({ ...preview, format: 'cloudformation' })
      .set('Authorization', t.admin);
    expect(files.status).toBe(200);
    expect(JSON.stringify(files.body)).toContain('arn:aws:iam::999999999999:role/CloudwardServer');
    // Auditors never see onboarding material.
    await request(app).get('/api/v1/onboarding/identity').set('Authorization', t.auditor).expect(403);
    // One STS call for all of the above.
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  test('no credentials: the route says so, documents need ?trustedPrincipal, and that works', async () => {
    sts.on(GetCallerIdentityCommand).rejects(noCredentials());
    const app = await appWith({});
    const identity = await request(app)
      .get('/api/v1/onboarding/identity')
      .set('Authorization', t.admin)
      .expect(200);
    expect(identity.body).toMatchObject({
      trustedPrincipal: null,
      source: 'none',
      identity: { state: 'no-credentials' },
      templateUrl: null,
    });
    const refused = await request(app)
      .get('/api/v1/onboarding/preview')
      .query(preview)
      .set('Authorization', t.admin);
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toMatch(/CLOUDWARD_TRUSTED_PRINCIPAL is not set/);
    const given = 'arn:aws:iam::888888888888:role/Scanner';
    const files = await request(app)
      .get('/api/v1/reports/onboarding/files')
      .query({ ...preview, format: 'terraform', trustedPrincipal: given })
      .set('Authorization', t.admin);
    expect(files.status).toBe(200);
    expect(JSON.stringify(files.body)).toContain(given);
  });

  test('configured: the environment wins and STS is not asked', async () => {
    const app = await appWith({ CLOUDWARD_TRUSTED_PRINCIPAL: 'arn:aws:iam::777777777777:role/Configured' });
    const identity = await request(app)
      .get('/api/v1/onboarding/identity')
      .set('Authorization', t.admin)
      .expect(200);
    expect(identity.body).toMatchObject({
      trustedPrincipal: 'arn:aws:iam::777777777777:role/Configured',
      source: 'environment',
      identity: { state: 'not-checked' },
    });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });
});
