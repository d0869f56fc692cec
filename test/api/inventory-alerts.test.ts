import request from 'supertest';
import type { EvaluationResult } from '../../store/model';
import {
  asset,
  expectProblem,
  fieldPaths,
  makeTestApp,
  seedAssets,
  uniqueAccount,
  type TestApp,
} from './helpers';

let t: TestApp;
let accountId: string;
let awsAccountId: string;
const frameworks: Record<string, Record<string, string[]>> = {
  'cis-aws-3.0': { '2.1.1': ['s3_bucket_default_encryption_enabled'], '5.2': ['ec2_instance_no_public_ssh'] },
};

function result(
  overrides: Partial<EvaluationResult> & { controlId: string; assetId: string },
): EvaluationResult {
  return {
    accountId,
    region: 'eu-west-1',
    resourceType: 'aws_ec2_instance',
    status: 'fail',
    severity: 'high',
    reason: 'security group sg-1 allows 22 from 0.0.0.0/0',
    evidence: ['sg-1 ingress 0.0.0.0/0:22'],
    exposed: false,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await makeTestApp({
    isKnownControl: (controlId) =>
      Object.values(frameworks).some((mapping) => Object.values(mapping).flat().includes(controlId)),
    resolveControlIds: (framework, requirement) => {
      const mapping = frameworks[framework];
      if (!mapping) return null;
      if (requirement === undefined) return Object.values(mapping).flat();
      return mapping[requirement] ?? null;
    },
  });
  const created = await request(t.app)
    .post('/api/v1/accounts')
    .set('Authorization', t.admin)
    .send(uniqueAccount({ regions: ['eu-west-1', 'us-east-1'] }));
  accountId = created.body.id;
  awsAccountId = created.body.awsAccountId;
  const account = { id: accountId };
  await seedAssets(t.store, accountId, [
    asset(account, { id: 'i-web', name: 'web', tags: { env: 'prod', team: 'web' } }),
    asset(account, { id: 'i-batch', name: 'batch', region: 'us-east-1', tags: { env: 'dev' } }),
    asset(account, {
      id: 'arn:aws:s3:::logs',
      name: 'logs',
      region: 'global',
      service: 's3',
      type: 'aws_s3_bucket',
      class: 'DataStore',
    }),
  ]);
  await t.store.upsertRelationships((await t.store.createSync(accountId, 'manual')).id, [
    {
      accountId,
      fromId: 'i-web',
      verb: 'USES',
      toId: 'arn:aws:s3:::logs',
      service: 'ec2',
      region: 'eu-west-1',
    },
  ]);
  await t.store.finishSync((await t.store.getRunningSync(accountId))!.id, 'succeeded');
  await t.store.applyResults(
    accountId,
    ['ec2_instance_no_public_ssh', 's3_bucket_default_encryption_enabled'],
    [
      result({
        controlId: 'ec2_instance_no_public_ssh',
        assetId: 'i-web',
        exposed: true,
        severity: 'critical',
      }),
      result({
        controlId: 'ec2_instance_no_public_ssh',
        assetId: 'i-batch',
        region: 'us-east-1',
        status: 'pass',
        reason: 'no public ingress',
      }),
      result({
        controlId: 's3_bucket_default_encryption_enabled',
        assetId: 'arn:aws:s3:::logs',
        region: 'global',
        resourceType: 'aws_s3_bucket',
        severity: 'medium',
        reason: 'no default encryption',
      }),
    ],
  );
});
afterAll(async () => {
  await t.close();
});

const get = (path: string) => request(t.app).get(path).set('Authorization', t.auditor);

describe('assets', () => {
  test('lists with scope, region, type, search and tag filters', async () => {
    const names = async (query: string) =>
      ((await get(`/api/v1/assets?account=${accountId}&${query}`)).body.items as { name: string }[])
        .map((item) => item.name)
        .sort();
    expect(await names('scope=global')).toEqual(['logs']);
    expect(await names('scope=regional')).toEqual(['batch', 'web']);
    expect(await names('region=us-east-1')).toEqual(['batch']);
    expect(await names('type=aws_s3_bucket')).toEqual(['logs']);
    expect(await names('class=Host')).toEqual(['batch', 'web']);
    expect(await names('search=WE')).toEqual(['web']);
    expect(await names('tag=env')).toEqual(['batch', 'web']);
    expect(await names('tag=env:prod')).toEqual(['web']);
  });

  test('paginates with a cursor', async () => {
    const first = await get(`/api/v1/assets?account=${accountId}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await get(
      `/api/v1/assets?account=${accountId}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });

  test('rejects bad filters with field errors', async () => {
    const response = await get('/api/v1/assets?scope=planet&tag=:x&limit=-1');
    expectProblem(response, 400);
    expect(fieldPaths(response).sort()).toEqual(['query.limit', 'query.scope', 'query.tag']);
  });

  test('reads one asset with its relationships and findings', async () => {
    const list = await get(`/api/v1/assets?account=${accountId}&search=web`);
    const key = list.body.items[0].key as string;
    const one = await get(`/api/v1/assets/${encodeURIComponent(key)}`);
    expect(one.body).toMatchObject({
      id: 'i-web',
      accountId,
      awsAccountId,
      tags: { env: 'prod' },
    });
    const relationships = await get(`/api/v1/assets/${encodeURIComponent(key)}/relationships`);
    expect(relationships.body.items).toEqual([
      expect.objectContaining({ fromId: 'i-web', verb: 'USES', toId: 'arn:aws:s3:::logs' }),
    ]);
    const findings = await get(`/api/v1/assets/${encodeURIComponent(key)}/findings`);
    expect(findings.body.items).toEqual([
      expect.objectContaining({
        controlId: 'ec2_instance_no_public_ssh',
        status: 'fail',
        evidence: ['sg-1 ingress 0.0.0.0/0:22'],
      }),
    ]);
  });

  test('an unknown asset is a 404 problem', async () => {
    expectProblem(await get('/api/v1/assets/00000000-0000-0000-0000-000000000000'), 404);
    expectProblem(await get('/api/v1/assets/nonsense/relationships'), 404);
  });
});

const controls = async (query: string) =>
  ((await get(`/api/v1/alerts?${query}`)).body.items as { controlId: string }[])
    .map((item) => item.controlId)
    .sort();

describe('alerts', () => {
  test('lists open alerts, exposed first', async () => {
    const response = await get(`/api/v1/alerts?account=${accountId}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { assetId: string }) => item.assetId)).toEqual([
      'i-web',
      'arn:aws:s3:::logs',
    ]);
  });

  test('filters by status, severity, control, region, resource type and exposure', async () => {
    expect(await controls(`account=${accountId}&severity=critical`)).toEqual(['ec2_instance_no_public_ssh']);
    expect(await controls(`account=${accountId}&severity=critical,medium`)).toHaveLength(2);
    expect(await controls(`account=${accountId}&severity=critical&severity=medium`)).toHaveLength(2);
    expect(await controls(`account=${accountId}&exposed=true`)).toEqual(['ec2_instance_no_public_ssh']);
    expect(await controls(`account=${accountId}&region=global`)).toEqual([
      's3_bucket_default_encryption_enabled',
    ]);
    expect(await controls(`account=${accountId}&resourceType=aws_s3_bucket`)).toEqual([
      's3_bucket_default_encryption_enabled',
    ]);
    expect(await controls(`account=${accountId}&control=ec2_instance_no_public_ssh`)).toEqual([
      'ec2_instance_no_public_ssh',
    ]);
    expect(await controls(`account=${accountId}&status=resolved`)).toEqual([]);
  });

  test('filters by framework and requirement through the resolver', async () => {
    expect(await controls(`account=${accountId}&framework=cis-aws-3.0`)).toHaveLength(2);
    expect(await controls(`account=${accountId}&framework=cis-aws-3.0&requirement=2.1.1`)).toEqual([
      's3_bucket_default_encryption_enabled',
    ]);
  });

  test('unknown frameworks, orphan requirements and bad values are 400 problems', async () => {
    const unknown = await get('/api/v1/alerts?framework=nist-9');
    expectProblem(unknown, 400);
    expect(fieldPaths(unknown)).toEqual(['query.framework']);
    expect(fieldPaths(await get('/api/v1/alerts?framework=cis-aws-3.0&requirement=99.9'))).toEqual([
      'query.requirement',
    ]);
    expect(fieldPaths(await get('/api/v1/alerts?requirement=2.1.1'))).toEqual(['query.requirement']);
    expect(fieldPaths(await get('/api/v1/alerts?severity=urgent&status=closed&exposed=yes')).sort()).toEqual([
      'query.exposed',
      'query.severity.0',
      'query.status.0',
    ]);
  });

  test('an unknown alert is a 404 problem', async () => {
    expectProblem(await get('/api/v1/alerts/00000000-0000-0000-0000-000000000000'), 404);
  });
});

describe('suppressing', () => {
  async function webAlertId(): Promise<string> {
    const response = await get(
      `/api/v1/alerts?account=${accountId}&control=ec2_instance_no_public_ssh&status=open,suppressed`,
    );
    return response.body.items[0].id;
  }

  test('an auditor suppresses an alert with a justification, recorded in its history', async () => {
    const id = await webAlertId();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const response = await request(t.app)
      .post(`/api/v1/alerts/${id}/suppress`)
      .set('Authorization', t.auditor)
      .send({ justification: 'bastion host, accepted by CISO', expiresAt });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'suppressed', suppressionId: expect.any(String) });
    const alert = await get(`/api/v1/alerts/${id}`);
    expect(alert.body.history.map((entry: { event: string }) => entry.event)).toContain('suppressed');
  });

  test('suppressing without a justification or with a past expiry changes nothing', async () => {
    const id = await webAlertId();
    const before = await t.store.getAlert(id);
    const missing = await request(t.app)
      .post(`/api/v1/alerts/${id}/suppress`)
      .set('Authorization', t.auditor)
      .send({});
    expectProblem(missing, 400);
    expect(fieldPaths(missing)).toEqual(['body.justification']);
    const past = await request(t.app)
      .post(`/api/v1/alerts/${id}/suppress`)
      .set('Authorization', t.auditor)
      .send({ justification: 'old news', expiresAt: '2001-01-01T00:00:00Z' });
    expect(fieldPaths(past)).toEqual(['body.expiresAt']);
    expect(await t.store.getAlert(id)).toEqual(before);
  });

  test('suppression rules need a matcher and a justification', async () => {
    const before = (await t.store.listSuppressions()).items.length;
    const noMatcher = await request(t.app)
      .post('/api/v1/suppressions')
      .set('Authorization', t.auditor)
      .send({ justification: 'because' });
    expectProblem(noMatcher, 400);
    expect(fieldPaths(noMatcher)).toEqual(['body']);
    const orphanValue = await request(t.app)
      .post('/api/v1/suppressions')
      .set('Authorization', t.auditor)
      .send({ tagValue: 'x', controlId: 'c', justification: 'because' });
    expect(fieldPaths(orphanValue)).toEqual(['body.tagValue']);
    const unknownAccount = await request(t.app)
      .post('/api/v1/suppressions')
      .set('Authorization', t.auditor)
      .send({ accountId: '00000000-0000-0000-0000-000000000000', justification: 'because' });
    expect(fieldPaths(unknownAccount)).toEqual(['body.accountId']);
    expect((await t.store.listSuppressions()).items.length).toBe(before);
  });

  test('suppression rules naming a control, asset or region that does not exist are refused, naming the typo', async () => {
    const before = (await t.store.listSuppressions()).items.length;
    const post = (body: object) =>
      request(t.app)
        .post('/api/v1/suppressions')
        .set('Authorization', t.auditor)
        .send({ justification: 'because', ...body });
    const typoControl = await post({ controlId: 's3_bucket_default_encryption_enabed' });
    expectProblem(typoControl, 400);
    expect(typoControl.body.errors).toEqual([
      { path: 'body.controlId', message: 'control s3_bucket_default_encryption_enabed does not exist' },
    ]);
    const typoRegion = await post({ region: 'eu-west-9' });
    expect(typoRegion.body.errors).toEqual([
      { path: 'body.region', message: 'eu-west-9 is not an AWS region (or "global")' },
    ]);
    const typoAsset = await post({ assetId: 'arn:aws:s3:::log', accountId });
    expect(typoAsset.body.errors).toEqual([
      { path: 'body.assetId', message: `no asset arn:aws:s3:::log in account ${accountId} is known` },
    ]);
    expect((await t.store.listSuppressions()).items.length).toBe(before);
    // Real names are accepted: an asset in any account, a region, and "global".
    for (const body of [{ assetId: 'arn:aws:s3:::logs' }, { region: 'eu-west-1' }, { region: 'global' }]) {
      const created = await post(body);
      expect(created.status).toBe(201);
      await t.store.deleteSuppression(created.body.id);
    }
  });

  test('a rule suppresses matching alerts; deleting it reopens them', async () => {
    const created = await request(t.app).post('/api/v1/suppressions').set('Authorization', t.auditor).send({
      controlId: 's3_bucket_default_encryption_enabled',
      accountId,
      justification: 'log bucket encrypted by SSE-KMS at object level',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      author: 'test auditor',
      controlId: 's3_bucket_default_encryption_enabled',
    });
    expect(
      await controls(`account=${accountId}&status=suppressed&control=s3_bucket_default_encryption_enabled`),
    ).toEqual(['s3_bucket_default_encryption_enabled']);
    const listed = await get('/api/v1/suppressions');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    expect(
      (await request(t.app).delete(`/api/v1/suppressions/${created.body.id}`).set('Authorization', t.auditor))
        .status,
    ).toBe(204);
    expect(
      await controls(`account=${accountId}&status=open&control=s3_bucket_default_encryption_enabled`),
    ).toEqual(['s3_bucket_default_encryption_enabled']);
    expectProblem(
      await request(t.app).delete(`/api/v1/suppressions/${created.body.id}`).set('Authorization', t.auditor),
      404,
    );
  });
});
