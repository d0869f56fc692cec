// The graph's bounded neighbourhood, one suppression by id, the audit log for auditors, compressed answers.
import { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
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
let webKey: string;

beforeAll(async () => {
  t = await makeTestApp();
  const created = await request(t.app)
    .post('/api/v1/accounts')
    .set('Authorization', t.admin)
    .send(uniqueAccount());
  accountId = created.body.id;
  const account = { id: accountId };
  await seedAssets(t.store, accountId, [
    asset(account, { id: 'i-web', name: 'web' }),
    asset(account, { id: 'sg-web', name: 'web-sg', type: 'aws_ec2_security_group', class: 'Firewall' }),
    asset(account, { id: 'subnet-a', name: 'public-a', type: 'aws_ec2_subnet', class: 'Network' }),
  ]);
  const sync = await t.store.createSync(accountId, 'manual');
  await t.store.upsertRelationships(sync.id, [
    { accountId, fromId: 'sg-web', verb: 'PROTECTS', toId: 'i-web', service: 'ec2', region: 'eu-west-1' },
    { accountId, fromId: 'i-web', verb: 'IN', toId: 'subnet-a', service: 'ec2', region: 'eu-west-1' },
  ]);
  await t.store.finishSync(sync.id, 'succeeded');
  webKey = (await t.store.getAssetById(accountId, 'i-web'))!.key;
});
afterAll(async () => {
  await t.close();
});

const get = (path: string) => request(t.app).get(path).set('Authorization', t.auditor);

describe('GET /assets/{key}/neighbourhood', () => {
  test('answers nodes with their assets, the edges between them and the omitted count', async () => {
    const response = await get(`/api/v1/assets/${webKey}/neighbourhood?hops=2&limit=150`);
    expect(response.status).toBe(200);
    expect(response.body.omitted).toBe(0);
    expect(response.body.nodes).toEqual([
      { id: 'i-web', hops: 0, asset: expect.objectContaining({ key: webKey, name: 'web' }) },
      { id: 'sg-web', hops: 1, asset: expect.objectContaining({ class: 'Firewall', name: 'web-sg' }) },
      { id: 'subnet-a', hops: 1, asset: expect.objectContaining({ type: 'aws_ec2_subnet' }) },
    ]);
    expect(response.body.edges).toHaveLength(2);
  });

  test('the limit caps the nodes and is counted', async () => {
    const response = await get(`/api/v1/assets/${webKey}/neighbourhood?limit=2`);
    expect(response.body.nodes).toHaveLength(2);
    expect(response.body.omitted).toBe(1);
  });

  test('bad hops and limits are 400 with field details; an unknown asset is 404', async () => {
    const bad = await get(`/api/v1/assets/${webKey}/neighbourhood?hops=9&limit=0`);
    expectProblem(bad, 400);
    expect(fieldPaths(bad).sort()).toEqual(['query.hops', 'query.limit']);
    expect(fieldPaths(await get(`/api/v1/assets/${webKey}/neighbourhood?depth=1`))).toEqual(['query.depth']);
    expectProblem(await get('/api/v1/assets/00000000-0000-0000-0000-000000000000/neighbourhood'), 404);
  });

  test('needs a token', async () => {
    expectProblem(await request(t.app).get(`/api/v1/assets/${webKey}/neighbourhood`), 401);
  });
});

describe('GET /suppressions/{id}', () => {
  test('an auditor reads the one rule; unknown and malformed ids are 404', async () => {
    const created = await request(t.app).post('/api/v1/suppressions').set('Authorization', t.auditor).send({
      assetId: 'i-web',
      accountId,
      justification: 'lab instance, torn down weekly',
    });
    expect(created.status).toBe(201);
    const one = await get(`/api/v1/suppressions/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    expectProblem(await get('/api/v1/suppressions/00000000-0000-0000-0000-000000000000'), 404);
    expectProblem(await get('/api/v1/suppressions/nonsense'), 404);
  });
});

describe('GET /audit-log', () => {
  test('auditors read it, with the names of what each entry touched', async () => {
    await request(t.app)
      .patch(`/api/v1/accounts/${accountId}`)
      .set('Authorization', t.admin)
      .send({ name: 'Payments prod' });
    const response = await get('/api/v1/audit-log?limit=5');
    expect(response.status).toBe(200);
    const update = response.body.items.find((entry: { action: string }) => entry.action === 'account.update');
    expect(update).toMatchObject({ targetId: accountId, targetName: 'Payments prod' });
    const rule = response.body.items.find(
      (entry: { action: string }) => entry.action === 'suppression.create',
    );
    expect(rule).toMatchObject({ targetName: 'lab instance, torn down weekly' });
  });

  test('pages with a cursor', async () => {
    const first = await get('/api/v1/audit-log?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/api/v1/audit-log?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('compression', () => {
  test('a client that accepts gzip gets a gzip answer; one that does not gets plain JSON', async () => {
    const gzip = await get('/api/v1/openapi.json').set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.openapi).toMatch(/^3\.1/);
    const plain = await get('/api/v1/openapi.json').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  test('an event stream is never compressed (it would hold its events back)', async () => {
    const stream = Router();
    stream.get('/events', (_req, res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      res.end(`data: ${'x'.repeat(4096)}\n\n`);
    });
    const app = createApp({
      store: t.store,
      secrets: t.secrets,
      jobs: t.jobs,
      webDir: null,
      env: {},
      extraRouters: [{ path: '/stream', router: stream, minimumRole: 'auditor' }],
    });
    const response = await request(app)
      .get('/api/v1/stream/events')
      .set('Authorization', t.auditor)
      .set('Accept-Encoding', 'gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});
