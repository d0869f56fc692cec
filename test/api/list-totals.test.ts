// What the web lists need beyond a page: the total over every page (one COUNT), open alerts per asset on the
// page, and the asset types for the inventory's type facet.
import request from 'supertest';
import type { EvaluationResult } from '../../store/model';
import { asset, makeTestApp, seedAssets, uniqueAccount, type TestApp } from './helpers';

// Under load (PGlite and other suites on 2 cores) opening the store alone can take most of the default 30 s.
jest.setTimeout(60_000);

let t: TestApp;
let accountId: string;

function failing(controlId: string, assetId: string, resourceType = 'aws_ec2_instance'): EvaluationResult {
  return {
    controlId,
    accountId,
    assetId,
    region: 'eu-west-1',
    resourceType,
    status: 'fail',
    severity: 'high',
    reason: `${assetId} fails ${controlId}`,
    evidence: [`${assetId}`],
    exposed: false,
  };
}

beforeAll(async () => {
  t = await makeTestApp();
  const created = await request(t.app)
    .post('/api/v1/accounts')
    .set('Authorization', t.admin)
    .send(uniqueAccount({ regions: ['eu-west-1'] }));
  accountId = created.body.id;
  const account = { id: accountId };
  await seedAssets(t.store, accountId, [
    ...['i-1', 'i-2', 'i-3', 'i-4', 'i-5'].map((id) => asset(account, { id })),
    asset(account, {
      id: 'arn:aws:s3:::logs',
      region: 'global',
      service: 's3',
      type: 'aws_s3_bucket',
      class: 'DataStore',
    }),
  ]);
  await t.store.applyResults(
    accountId,
    ['ec2_a', 'ec2_b'],
    [failing('ec2_a', 'i-1'), failing('ec2_b', 'i-1'), failing('ec2_a', 'i-2')],
  );
});
afterAll(() => t.close());

const get = (path: string, query: Record<string, string | number> = {}) =>
  request(t.app).get(path).query(query).set('Authorization', t.auditor);

test('GET /assets: total over every page, and open alerts per asset', async () => {
  const first = await get('/api/v1/assets', { account: accountId, scope: 'regional', limit: 2 });
  expect(first.status).toBe(200);
  expect(first.body.total).toBe(5);
  expect(
    first.body.items.map((item: { id: string; openAlerts: number }) => [item.id, item.openAlerts]),
  ).toEqual([
    ['i-1', 2],
    ['i-2', 1],
  ]);
  const second = await get('/api/v1/assets', {
    account: accountId,
    scope: 'regional',
    limit: 2,
    cursor: first.body.nextCursor,
  });
  expect(second.body.total).toBe(5);
  expect(second.body.items.map((item: { openAlerts: number }) => item.openAlerts)).toEqual([0, 0]);
  const filtered = await get('/api/v1/assets', { account: accountId, search: 'i-3' });
  expect(filtered.body.total).toBe(1);
});

test('GET /alerts: total follows the filters', async () => {
  const all = await get('/api/v1/alerts', { account: accountId, limit: 1 });
  expect(all.body.items).toHaveLength(1);
  expect(all.body.total).toBe(3);
  const one = await get('/api/v1/alerts', { account: accountId, control: 'ec2_b' });
  expect(one.body.total).toBe(1);
  const none = await get('/api/v1/alerts', { account: accountId, status: 'resolved' });
  expect(none.body).toMatchObject({ items: [], total: 0 });
});

test('GET /assets/types: the types present, counted, scoped like the list', async () => {
  const all = await get('/api/v1/assets/types', { account: accountId });
  expect(all.status).toBe(200);
  expect(all.body.items).toEqual([
    { type: 'aws_ec2_instance', count: 5 },
    { type: 'aws_s3_bucket', count: 1 },
  ]);
  const global = await get('/api/v1/assets/types', { account: accountId, scope: 'global' });
  expect(global.body.items).toEqual([{ type: 'aws_s3_bucket', count: 1 }]);
  const unknownParam = await get('/api/v1/assets/types', { typo: 'x' });
  expect(unknownParam.status).toBe(400);
});

test('GET /alerts/groups: by control and by asset, with the list filters; ?asset= filters the list', async () => {
  const byControl = await get('/api/v1/alerts/groups', { account: accountId, by: 'control' });
  expect(byControl.status).toBe(200);
  expect(byControl.body.items).toEqual([
    { key: 'ec2_a', accountId: null, resourceType: null, count: 2, severity: 'high', exposed: false },
    { key: 'ec2_b', accountId: null, resourceType: null, count: 1, severity: 'high', exposed: false },
  ]);
  const byAsset = await get('/api/v1/alerts/groups', { account: accountId, by: 'asset' });
  expect(byAsset.body.items).toEqual([
    { key: 'i-1', accountId, resourceType: 'aws_ec2_instance', count: 2, severity: 'high', exposed: false },
    { key: 'i-2', accountId, resourceType: 'aws_ec2_instance', count: 1, severity: 'high', exposed: false },
  ]);
  const filtered = await get('/api/v1/alerts/groups', { account: accountId, by: 'asset', control: 'ec2_b' });
  expect(filtered.body.items.map((group: { key: string }) => group.key)).toEqual(['i-1']);
  const oneAsset = await get('/api/v1/alerts', { account: accountId, asset: 'i-1' });
  expect(oneAsset.body.total).toBe(2);
  expect(new Set(oneAsset.body.items.map((alert: { assetId: string }) => alert.assetId))).toEqual(
    new Set(['i-1']),
  );
  expect((await get('/api/v1/alerts/groups', { by: 'region' })).status).toBe(400);
});
