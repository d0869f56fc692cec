import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../api/secrets';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import type { EnqueueResult } from '../../api/jobs/queue';
import { GENERATED_EXTERNAL_ID_LENGTH } from '../../api/account-rules';
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
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

async function create(body: Record<string, unknown>) {
  return request(t.app).post('/api/v1/accounts').set('Authorization', t.admin).send(body);
}

async function accountCount(): Promise<number> {
  return (await t.store.listAccounts({ limit: 500 })).items.length;
}

describe('POST /accounts', () => {
  test('generates a 32-character random external ID when none is given', async () => {
    const first = await create(uniqueAccount());
    const second = await create(uniqueAccount());
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/api/v1/accounts/${first.body.id}`);
    expect(first.body.externalId).toMatch(new RegExp(`^[A-Za-z0-9]{${GENERATED_EXTERNAL_ID_LENGTH}}$`));
    expect(first.body.externalIdMasked).toBe(false);
    expect(first.body.externalId).not.toBe(second.body.externalId);
    expect(first.body).toMatchObject({ status: 'enabled', regions: ['eu-west-1', 'us-east-1'] });
    expect(first.body).not.toHaveProperty('externalIdCiphertext');
  });

  test('keeps a given external ID and encrypts it at rest', async () => {
    const externalId = 'customer-chosen:ID=42@team/prod';
    const response = await create(uniqueAccount({ externalId }));
    expect(response.status).toBe(201);
    expect(response.body.externalId).toBe(externalId);
    const stored = await t.store.getAccount(response.body.id);
    expect(stored!.externalIdCiphertext).not.toContain(externalId);
    expect(stored!.externalIdCiphertext).not.toContain(Buffer.from(externalId).toString('base64'));
    expect(t.secrets.decrypt(stored!.externalIdCiphertext)).toBe(externalId);
  });

  const badBodies: { name: string; body: Record<string, unknown>; paths: string[] }[] = [
    {
      name: 'an 11-digit account id',
      body: uniqueAccount({ awsAccountId: '12345678901' }),
      paths: ['body.awsAccountId'],
    },
    {
      name: 'a non-numeric account id',
      body: uniqueAccount({ awsAccountId: '12345678901a' }),
      paths: ['body.awsAccountId'],
    },
    {
      name: 'a user ARN instead of a role',
      body: uniqueAccount({ roleArn: 'arn:aws:iam::100000000999:user/alice' }),
      paths: ['body.roleArn'],
    },
    {
      name: 'a role in another account',
      body: { ...uniqueAccount(), roleArn: 'arn:aws:iam::999999999999:role/Cloudward' },
      paths: ['body.roleArn'],
    },
    {
      name: 'an unknown partition',
      body: uniqueAccount({ roleArn: 'arn:aws-moon:iam::100000000999:role/x' }),
      paths: ['body.roleArn'],
    },
    {
      name: 'an unknown region',
      body: uniqueAccount({ regions: ['eu-west-1', 'mars-north-1'] }),
      paths: ['body.regions.1'],
    },
    { name: 'no regions', body: uniqueAccount({ regions: [] }), paths: ['body.regions'] },
    {
      name: 'a repeated region',
      body: uniqueAccount({ regions: ['eu-west-1', 'eu-west-1'] }),
      paths: ['body.regions'],
    },
    {
      name: 'a region outside the role partition',
      body: uniqueAccount({ regions: ['cn-north-1'] }),
      paths: ['body.regions.0'],
    },
    {
      name: 'an external ID with a space',
      body: uniqueAccount({ externalId: 'has space' }),
      paths: ['body.externalId'],
    },
    {
      name: 'a 1-character external ID',
      body: uniqueAccount({ externalId: 'x' }),
      paths: ['body.externalId'],
    },
    {
      name: 'a 1225-character external ID',
      body: uniqueAccount({ externalId: 'a'.repeat(1225) }),
      paths: ['body.externalId'],
    },
    { name: 'an empty name', body: uniqueAccount({ name: '   ' }), paths: ['body.name'] },
    { name: 'an unknown field', body: uniqueAccount({ owner: 'me' }), paths: ['body'] },
    {
      name: 'missing fields',
      body: {},
      paths: ['body.awsAccountId', 'body.name', 'body.regions', 'body.roleArn'],
    },
  ];

  test.each(badBodies)('rejects $name with field errors and stores nothing', async ({ body, paths }) => {
    const before = await accountCount();
    const response = await create(body);
    expectProblem(response, 400);
    expect(fieldPaths(response).sort()).toEqual(paths);
    expect(await accountCount()).toBe(before);
  });

  test('accepts the largest external ID AWS allows (1224 characters)', async () => {
    const response = await create(uniqueAccount({ externalId: 'a'.repeat(1224) }));
    expect(response.status).toBe(201);
  });

  test('accepts a role with a path and an opt-in region', async () => {
    const body = uniqueAccount({ regions: ['af-south-1'] });
    body.roleArn = `arn:aws:iam::${body.awsAccountId}:role/security/audit/Cloudward`;
    expect((await create(body)).status).toBe(201);
  });

  test('rejects a second connection of the same AWS account with 409', async () => {
    const body = uniqueAccount();
    expect((await create(body)).status).toBe(201);
    const before = await accountCount();
    expectProblem(await create({ ...body, name: 'again' }), 409);
    expect(await accountCount()).toBe(before);
  });

  test('rejects malformed JSON and non-JSON bodies', async () => {
    const before = await accountCount();
    const malformed = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expectProblem(malformed, 400);
    const text = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .set('Content-Type', 'text/plain')
      .send('name=x');
    expectProblem(text, 415);
    expect(await accountCount()).toBe(before);
  });

  test('rejects a body over the size limit with 413', async () => {
    const response = await create(uniqueAccount({ name: 'x'.repeat(1_100_000) }));
    expectProblem(response, 413);
  });

  test('sync: true queues the first sync', async () => {
    const response = await create(uniqueAccount({ sync: true }));
    expect(response.status).toBe(201);
    const running = await t.store.getRunningSync(response.body.id);
    expect(running).toMatchObject({ trigger: 'create', status: 'queued' });
    expect(response.headers['x-sync-id']).toBe(running!.id);
  });
});

describe('reading accounts', () => {
  test('admins read the external ID in clear, auditors masked', async () => {
    const created = await create(uniqueAccount({ externalId: 'abcdefghijklmnop1234' }));
    const asAdmin = await request(t.app)
      .get(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin);
    const asAuditor = await request(t.app)
      .get(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.auditor);
    expect(asAdmin.body.externalId).toBe('abcdefghijklmnop1234');
    expect(asAuditor.body).toMatchObject({ externalId: '********1234', externalIdMasked: true });
  });

  test('lists page with a cursor and mask external IDs', async () => {
    for (let i = 0; i < 3; i++) await create(uniqueAccount());
    const first = await request(t.app).get('/api/v1/accounts?limit=2').set('Authorization', t.admin);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.items.every((item: { externalIdMasked: boolean }) => item.externalIdMasked)).toBe(true);
    const second = await request(t.app)
      .get(`/api/v1/accounts?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set('Authorization', t.admin);
    expect(second.status).toBe(200);
    const ids = new Set([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id));
    expect(ids.size).toBe(first.body.items.length + second.body.items.length);
  });

  test('bad paging values are 400 problems', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'cursor=%7B%7D', 'cursor=bm90LWEtY3Vyc29y']) {
      const response = await request(t.app).get(`/api/v1/accounts?${query}`).set('Authorization', t.admin);
      expectProblem(response, 400);
    }
  });

  test('an unknown account is a 404 problem', async () => {
    expectProblem(
      await request(t.app)
        .get('/api/v1/accounts/00000000-0000-0000-0000-000000000000')
        .set('Authorization', t.admin),
      404,
    );
    expectProblem(await request(t.app).get('/api/v1/accounts/not-a-uuid').set('Authorization', t.admin), 404);
  });
});

describe('PATCH /accounts/:id', () => {
  test('changes name, role, external ID and regions', async () => {
    const created = await create(uniqueAccount());
    const roleArn = `arn:aws:iam::${created.body.awsAccountId}:role/Renamed`;
    const response = await request(t.app)
      .patch(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin)
      .send({
        name: 'Renamed',
        roleArn,
        externalId: 'new-external-id',
        regions: ['eu-west-1', 'eu-central-1'],
      });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Renamed',
      roleArn,
      externalId: 'new-external-id',
      regions: ['eu-west-1', 'eu-central-1'],
    });
    expect(t.secrets.decrypt((await t.store.getAccount(created.body.id))!.externalIdCiphertext)).toBe(
      'new-external-id',
    );
  });

  test("removing a region deletes that region's assets and keeps the others", async () => {
    const created = await create(uniqueAccount({ regions: ['eu-west-1', 'us-east-1'] }));
    const account = { id: created.body.id as string };
    await seedAssets(t.store, account.id, [
      asset(account, { id: 'i-ireland', region: 'eu-west-1' }),
      asset(account, { id: 'i-virginia', region: 'us-east-1' }),
      asset(account, {
        id: 'arn:aws:iam::x:role/r',
        region: 'global',
        service: 'iam',
        type: 'aws_iam_role',
        class: 'AccessRole',
      }),
    ]);
    const response = await request(t.app)
      .patch(`/api/v1/accounts/${account.id}`)
      .set('Authorization', t.admin)
      .send({ regions: ['eu-west-1'] });
    expect(response.status).toBe(200);
    const left = await t.store.listAssets({ accountId: account.id });
    expect(left.items.map((item) => item.id).sort()).toEqual(['arn:aws:iam::x:role/r', 'i-ireland']);
  });

  const badPatches: {
    name: string;
    body: (awsAccountId: string) => Record<string, unknown>;
    paths: string[];
  }[] = [
    { name: 'an empty body', body: () => ({}), paths: ['body'] },
    {
      name: 'a role of another account',
      body: () => ({ roleArn: 'arn:aws:iam::999999999999:role/x' }),
      paths: ['body.roleArn'],
    },
    { name: 'an unknown region', body: () => ({ regions: ['eu-west-9'] }), paths: ['body.regions.0'] },
    {
      name: 'a bad external ID',
      body: () => ({ externalId: 'no spaces allowed' }),
      paths: ['body.externalId'],
    },
    { name: 'a read-only field', body: () => ({ awsAccountId: '111111111111' }), paths: ['body', 'body'] },
    {
      name: 'a GovCloud role for commercial regions',
      body: (id) => ({ roleArn: `arn:aws-us-gov:iam::${id}:role/x` }),
      paths: ['body.roleArn', 'body.roleArn'],
    },
  ];

  test.each(badPatches)('rejects $name and changes nothing', async ({ body, paths }) => {
    const created = await create(uniqueAccount());
    const before = await t.store.getAccount(created.body.id);
    const response = await request(t.app)
      .patch(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin)
      .send(body(created.body.awsAccountId));
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual(paths);
    expect(await t.store.getAccount(created.body.id)).toEqual(before);
  });

  test('refuses to remove regions of a disabled account (its data is frozen)', async () => {
    const created = await create(uniqueAccount({ regions: ['eu-west-1', 'us-east-1'] }));
    await seedAssets(t.store, created.body.id, [
      asset({ id: created.body.id }, { id: 'i-frozen', region: 'us-east-1' }),
    ]);
    await request(t.app).post(`/api/v1/accounts/${created.body.id}/disable`).set('Authorization', t.admin);
    expectProblem(
      await request(t.app)
        .patch(`/api/v1/accounts/${created.body.id}`)
        .set('Authorization', t.admin)
        .send({ regions: ['eu-west-1'] }),
      423,
    );
    expect((await t.store.getAccount(created.body.id))!.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect((await t.store.listAssets({ accountId: created.body.id })).items).toHaveLength(1);
  });
  test('refuses to remove regions while a sync of the account is running; adding one is fine', async () => {
    const created = await create(uniqueAccount({ regions: ['eu-west-1', 'us-east-1'] }));
    await seedAssets(t.store, created.body.id, [
      asset({ id: created.body.id }, { id: 'i-virginia', region: 'us-east-1' }),
    ]);
    const sync = await t.store.createSync(created.body.id, 'manual');
    await t.store.markSyncRunning(sync.id);
    const refused = await request(t.app)
      .patch(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin)
      .send({ regions: ['eu-west-1'] });
    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({ syncId: sync.id });
    expect(refused.body.detail).toContain('us-east-1');
    expect((await t.store.getAccount(created.body.id))!.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect((await t.store.listAssets({ accountId: created.body.id })).items).toHaveLength(1);

    const added = await request(t.app)
      .patch(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin)
      .send({ regions: ['eu-west-1', 'us-east-1', 'eu-central-1'] });
    expect(added.status).toBe(200);
  });
});

describe('enable, disable, delete', () => {
  test('disable then enable toggles the status and is audited', async () => {
    const created = await create(uniqueAccount());
    const disabled = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/disable`)
      .set('Authorization', t.admin);
    expect(disabled.body.status).toBe('disabled');
    const enabled = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/enable`)
      .set('Authorization', t.admin);
    expect(enabled.body.status).toBe('enabled');
    const audit = await t.store.listAudit({ limit: 500 });
    const actions = audit.items
      .filter((entry) => entry.targetId === created.body.id)
      .map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['account.disable', 'account.enable']));
  });

  test('delete removes the account and its assets', async () => {
    const created = await create(uniqueAccount());
    await seedAssets(t.store, created.body.id, [asset({ id: created.body.id }, { id: 'i-gone' })]);
    expect(
      (await request(t.app).delete(`/api/v1/accounts/${created.body.id}`).set('Authorization', t.admin))
        .status,
    ).toBe(204);
    expect(await t.store.getAccount(created.body.id)).toBeNull();
    expect((await t.store.listAssets({ accountId: created.body.id })).items).toHaveLength(0);
    expectProblem(
      await request(t.app).delete(`/api/v1/accounts/${created.body.id}`).set('Authorization', t.admin),
      404,
    );
  });
});

describe('POST /accounts/:id/sync', () => {
  test('queues a sync and answers 202 with its id', async () => {
    const created = await create(uniqueAccount());
    const response = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', t.admin);
    expect(response.status).toBe(202);
    expect(response.body.syncId).toEqual(expect.any(String));
    expect(response.headers.location).toBe(`/api/v1/syncs/${response.body.syncId}`);
    const sync = await request(t.app)
      .get(`/api/v1/syncs/${response.body.syncId}`)
      .set('Authorization', t.auditor);
    expect(sync.body).toMatchObject({
      id: response.body.syncId,
      accountId: created.body.id,
      trigger: 'manual',
      status: 'queued',
    });
    const history = await request(t.app)
      .get(`/api/v1/accounts/${created.body.id}/syncs`)
      .set('Authorization', t.auditor);
    expect(history.body.items.map((item: { id: string }) => item.id)).toEqual([response.body.syncId]);
  });

  test('a second sync while one is queued or running is a 409 problem', async () => {
    const created = await create(uniqueAccount());
    const first = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', t.admin);
    const second = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', t.admin);
    expectProblem(second, 409);
    expect(second.body).toMatchObject({
      type: 'urn:cloudward:problem:sync-running',
      syncId: first.body.syncId,
    });
    expect((await t.store.listSyncs(created.body.id)).items).toHaveLength(1);
  });

  test('a sync of a disabled account is refused with 423', async () => {
    const created = await create(uniqueAccount());
    await request(t.app).post(`/api/v1/accounts/${created.body.id}/disable`).set('Authorization', t.admin);
    const response = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', t.admin);
    expectProblem(response, 423);
    expect(response.body.type).toBe('urn:cloudward:problem:account-disabled');
    expect((await t.store.listSyncs(created.body.id)).items).toHaveLength(0);
  });

  test('an unknown sync is a 404 problem', async () => {
    expectProblem(
      await request(t.app)
        .get('/api/v1/syncs/00000000-0000-0000-0000-000000000000')
        .set('Authorization', t.admin),
      404,
    );
  });
});

describe('POST /accounts/:id/sync when the job queue does not answer', () => {
  /** Enqueueing never settles, as with BullMQ while Redis is down (it queues commands and waits). */
  class UnreachableQueue extends InProcessJobQueue {
    override enqueue(): Promise<EnqueueResult> {
      return new Promise<EnqueueResult>(() => undefined);
    }
  }
  let down: TestApp;
  beforeAll(async () => {
    down = await makeTestApp({ jobs: new UnreachableQueue(), enqueueTimeoutMs: 200 });
  });
  afterAll(async () => {
    await down.close();
  });

  test('answers 503 unavailable in time and leaves no queued sync behind', async () => {
    const created = await request(down.app)
      .post('/api/v1/accounts')
      .set('Authorization', down.admin)
      .send(uniqueAccount());
    const started = Date.now();

    const response = await request(down.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', down.admin);

    expect(Date.now() - started).toBeLessThan(3_000);
    expectProblem(response, 503);
    expect(response.body).toMatchObject({
      type: 'urn:cloudward:problem:unavailable',
      detail: expect.stringContaining('job queue is unreachable'),
    });
    expect(await down.store.getRunningSync(created.body.id)).toBeNull();
    const [sync] = (await down.store.listSyncs(created.body.id)).items;
    expect(sync).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('could not queue the sync'),
    });
    // The next request is not refused as a conflict: it meets the same 503 until the queue is back.
    const again = await request(down.app)
      .post(`/api/v1/accounts/${created.body.id}/sync`)
      .set('Authorization', down.admin);
    expectProblem(again, 503);
  });

  test('creating an account with sync: true keeps the account and says the sync was not queued', async () => {
    const response = await request(down.app)
      .post('/api/v1/accounts')
      .set('Authorization', down.admin)
      .send(uniqueAccount({ sync: true }));

    expectProblem(response, 503);
    expect(response.body.type).toBe('urn:cloudward:problem:unavailable');
    const account = await down.store.getAccount(response.body.accountId);
    expect(account).not.toBeNull();
    expect(await down.store.getRunningSync(response.body.accountId)).toBeNull();
  });
});

describe('secret key changes', () => {
  test('an external ID stored under another key is masked on reads and test-connection explains the key problem', async () => {
    const created = await create(uniqueAccount());
    const foreign = createSecretBox(randomBytes(32)).encrypt('under-the-old-key');
    await t.store.updateAccount(created.body.id, { externalIdCiphertext: foreign });
    const read = await request(t.app)
      .get(`/api/v1/accounts/${created.body.id}`)
      .set('Authorization', t.admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ externalId: '********', externalIdMasked: true });
    expect(
      (await request(t.app).get('/api/v1/accounts?limit=500').set('Authorization', t.admin)).status,
    ).toBe(200);
    const tested = await request(t.app)
      .post(`/api/v1/accounts/${created.body.id}/test-connection`)
      .set('Authorization', t.admin);
    expectProblem(tested, 409);
    expect(tested.body.detail).toContain('CLOUDWARD_SECRET_KEY');
  });
});
