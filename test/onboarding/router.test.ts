// The onboarding routes mounted in the real app (createApp + extraRouters) over an in-memory store.
import JSZip from 'jszip';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { onboardingExtraRouters } from '../../api/routes/onboarding';
import { createAccountViaApi, makeTestApp, type TestApp } from '../api/helpers';
import { collectorOperations, TRUSTED_PRINCIPAL } from './fixture';
import { cloudFormationGrant, normaliseGrant, terraformGrant } from './grants';

let t: TestApp;

beforeAll(async () => {
  // The routers are built before the app; they reach its store and secrets once it exists.
  const extraRouters = onboardingExtraRouters({
    store: { getAccount: (id) => t.store.getAccount(id) },
    decryptExternalId: (ciphertext) => t.secrets.decrypt(ciphertext),
    trustedPrincipal: TRUSTED_PRINCIPAL,
    operations: collectorOperations,
  });
  t = await makeTestApp({ extraRouters });
});
afterAll(() => t.close());

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('GET /api/v1/accounts/:id/onboarding', () => {
  let account: { id: string; externalId: string };
  beforeAll(async () => {
    account = await createAccountViaApi(t, { regions: ['eu-west-1', 'us-east-1'] });
  });

  it('returns the JSON documents with the decrypted external ID and the account regions', async () => {
    const response = await request(t.app)
      .get(`/api/v1/accounts/${account.id}/onboarding?format=json`)
      .set('Authorization', t.admin);
    expect(response.status).toBe(200);
    expect(response.body.externalId).toBe(account.externalId);
    expect(response.body.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(response.body.trustPolicy.Statement[0].Condition.StringEquals['sts:ExternalId']).toBe(
      account.externalId,
    );
    expect(response.body.managedPolicies).toEqual(['arn:aws:iam::aws:policy/SecurityAudit']);
    expect(response.body.permissionsPolicy.Statement.length).toBeGreaterThan(0);
    expect(response.body.steps[0]).toMatch(/^aws iam create-role --role-name CloudwardReadOnly /);
  });

  it('returns a terraform zip whose synthesised config matches the cloudformation zip', async () => {
    const get = (format: string) =>
      request(t.app)
        .get(`/api/v1/accounts/${account.id}/onboarding?format=${format}&restrictRegions=true`)
        .set('Authorization', t.admin)
        .buffer(true)
        .parse(binary);
    const terraform = await get('terraform');
    expect(terraform.status).toBe(200);
    expect(terraform.headers['content-type']).toBe('application/zip');
    expect(terraform.headers['content-disposition']).toContain(
      'cloudward-onboarding-123456789012-terraform.zip',
    );
    const terraformZip = await JSZip.loadAsync(terraform.body as Buffer);
    const config = await terraformZip.file('terraform/cdk.tf.json')?.async('string');
    const cloudformationZip = await JSZip.loadAsync((await get('cloudformation')).body as Buffer);
    const template = await cloudformationZip.file('cloudformation/cloudward-role.yaml')?.async('string');
    expect(normaliseGrant(terraformGrant(config as string))).toEqual(
      normaliseGrant(cloudFormationGrant(template as string)),
    );
    expect(parseYaml(template as string).Parameters.ExternalId.Default).toBe(account.externalId);
  });

  it('is for admins only (the bundle holds the external ID)', async () => {
    const response = await request(t.app)
      .get(`/api/v1/accounts/${account.id}/onboarding`)
      .set('Authorization', t.auditor);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 404 for an unknown account and 400 for an unknown format', async () => {
    const missing = await request(t.app)
      .get('/api/v1/accounts/nope/onboarding')
      .set('Authorization', t.admin);
    expect(missing.status).toBe(404);
    const format = await request(t.app)
      .get(`/api/v1/accounts/${account.id}/onboarding?format=pulumi`)
      .set('Authorization', t.admin);
    expect(format.status).toBe(400);
    expect(format.body.errors[0].path).toBe('query.format');
  });
});

describe('GET /api/v1/onboarding/preview', () => {
  it('returns the policies for an account not created yet, generating an external ID', async () => {
    const response = await request(t.app)
      .get(
        '/api/v1/onboarding/preview?accountId=210987654321&regions=eu-central-1,eu-west-1&restrictRegions=true',
      )
      .set('Authorization', t.admin);
    expect(response.status).toBe(200);
    expect(response.body.externalId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(response.body.roleArn).toBe('arn:aws:iam::210987654321:role/CloudwardReadOnly');
    expect(
      response.body.regionRestrictionPolicy.Statement[0].Condition.StringNotEquals['aws:RequestedRegion'],
    ).toEqual(['eu-central-1', 'eu-west-1']);
  });

  it.each([
    ['accountId=12&regions=eu-west-1', 'query.accountId'],
    ['accountId=210987654321&regions=eu-west-9', 'query.regions.0'],
    ['accountId=210987654321&regions=eu-west-1&externalId=a%20b', 'query.externalId'],
  ])('rejects %s with a validation problem naming %s', async (query, path) => {
    const response = await request(t.app)
      .get(`/api/v1/onboarding/preview?${query}`)
      .set('Authorization', t.admin);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is documented in the OpenAPI document', async () => {
    const response = await request(t.app).get('/api/v1/openapi.json').set('Authorization', t.admin);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/accounts/{id}/onboarding', '/api/v1/onboarding/preview']),
    );
  });
});
