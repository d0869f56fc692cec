import request from 'supertest';
import { ensureAdminToken, generateToken, hashToken, TOKEN_PREFIX } from '../../api/auth';
import { createApp } from '../../api/app';
import { openStore } from '../../store';
import { expectProblem, makeTestApp, VALID_ACCOUNT, type TestApp } from './helpers';

// One app per file (opening PGlite is the slow part); each test creates what it needs.
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('authentication', () => {
  test('health is public and reports the engines', async () => {
    const response = await request(t.app).get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', store: t.store.engine, jobs: 'in-process' });
  });

  test('every response carries security headers and a policy that runs only the UI own scripts', async () => {
    const response = await request(t.app).get('/api/v1/health');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    const unauthenticated = await request(t.app).get('/api/v1/accounts');
    expect(unauthenticated.headers['content-security-policy']).toBe(policy);
  });

  test('ready is public and says the database and the job runner answer', async () => {
    const response = await request(t.app).get('/api/v1/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
  });

  test('ready answers 503 naming the dependency that does not answer', async () => {
    const app = createApp({
      store: t.store,
      secrets: t.secrets,
      jobs: Object.assign(Object.create(t.jobs), {
        ready: () => Promise.reject(new Error('Redis is not reachable: connect ECONNREFUSED 127.0.0.1:1')),
      }),
      webDir: null,
      env: {},
    });
    const response = await request(app).get('/api/v1/ready');
    expectProblem(response, 503);
    expect(response.body.detail).toBe(
      'not ready: jobs: Redis is not reachable: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(response.body.checks).toEqual({
      database: 'ok',
      jobs: 'Redis is not reachable: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  test('a request without a token gets a 401 problem', async () => {
    const response = await request(t.app).get('/api/v1/accounts');
    expectProblem(response, 401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  test('an unknown token gets a 401 problem', async () => {
    expectProblem(
      await request(t.app).get('/api/v1/accounts').set('Authorization', `Bearer ${generateToken()}`),
      401,
    );
  });

  test('a malformed Authorization header gets a 401 problem', async () => {
    expectProblem(
      await request(t.app).get('/api/v1/accounts').set('Authorization', `Basic ${t.adminToken}`),
      401,
    );
    expectProblem(await request(t.app).get('/api/v1/accounts').set('Authorization', 'Bearer'), 401);
  });

  test('the OpenAPI document needs a token too', async () => {
    expectProblem(await request(t.app).get('/api/v1/openapi.json'), 401);
  });

  test('a revoked token stops working', async () => {
    const created = await request(t.app)
      .post('/api/v1/tokens')
      .set('Authorization', t.admin)
      .send({ name: 'ci', role: 'auditor' });
    expect(created.status).toBe(201);
    const bearer = `Bearer ${created.body.token}`;
    expect((await request(t.app).get('/api/v1/accounts').set('Authorization', bearer)).status).toBe(200);
    expect(
      (await request(t.app).delete(`/api/v1/tokens/${created.body.id}`).set('Authorization', t.admin)).status,
    ).toBe(204);
    expectProblem(await request(t.app).get('/api/v1/accounts').set('Authorization', bearer), 401);
  });
});

describe('roles', () => {
  const adminOnly: { method: string; path: string; body?: object }[] = [
    { method: 'post', path: '/api/v1/accounts', body: VALID_ACCOUNT },
    { method: 'get', path: '/api/v1/tokens' },
    { method: 'post', path: '/api/v1/tokens', body: { name: 'x', role: 'admin' } },
    { method: 'delete', path: '/api/v1/tokens/00000000-0000-0000-0000-000000000000' },
  ];

  test.each(adminOnly)('an auditor is forbidden $method $path', async ({ method, path, body }) => {
    const before = (await t.store.listAccounts()).items.length;
    const agent = request(t.app) as unknown as Record<string, (path: string) => request.Test>;
    const call = agent[method](path).set('Authorization', t.auditor);
    const response = body ? await call.send(body) : await call;
    expectProblem(response, 403);
    expect((await t.store.listAccounts()).items.length).toBe(before);
  });

  test('an auditor cannot change an existing account', async () => {
    const created = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .send(VALID_ACCOUNT);
    const id = created.body.id as string;
    const attempts = [
      request(t.app)
        .patch(`/api/v1/accounts/${id}`)
        .set('Authorization', t.auditor)
        .send({ name: 'renamed' }),
      request(t.app).delete(`/api/v1/accounts/${id}`).set('Authorization', t.auditor),
      request(t.app).post(`/api/v1/accounts/${id}/disable`).set('Authorization', t.auditor),
      request(t.app).post(`/api/v1/accounts/${id}/sync`).set('Authorization', t.auditor),
      request(t.app).post(`/api/v1/accounts/${id}/test-connection`).set('Authorization', t.auditor),
    ];
    for (const response of await Promise.all(attempts)) expectProblem(response, 403);
    const account = await t.store.getAccount(id);
    expect(account).toMatchObject({ name: VALID_ACCOUNT.name, status: 'enabled' });
    expect(await t.store.getRunningSync(id)).toBeNull();
  });

  test('an auditor can read accounts and see who they are', async () => {
    expect((await request(t.app).get('/api/v1/accounts').set('Authorization', t.auditor)).status).toBe(200);
    const me = await request(t.app).get('/api/v1/me').set('Authorization', t.auditor);
    expect(me.body).toMatchObject({ name: 'test auditor', role: 'auditor' });
  });
});

describe('tokens', () => {
  test('creating a token returns the secret once and stores only its hash', async () => {
    const created = await request(t.app)
      .post('/api/v1/tokens')
      .set('Authorization', t.admin)
      .send({ name: 'automation', role: 'admin' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    const listed = await request(t.app).get('/api/v1/tokens').set('Authorization', t.admin);
    const entry = listed.body.items.find((item: { id: string }) => item.id === created.body.id);
    expect(entry).toMatchObject({ name: 'automation', role: 'admin', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(await t.store.findTokenByHash(hashToken(created.body.token))).toMatchObject({
      id: created.body.id,
    });
  });

  test('bad token input is rejected with field errors and creates nothing', async () => {
    const before = (await t.store.listTokens()).length;
    const response = await request(t.app)
      .post('/api/v1/tokens')
      .set('Authorization', t.admin)
      .send({ name: '', role: 'root' });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.name',
      'body.role',
    ]);
    expect((await t.store.listTokens()).length).toBe(before);
  });

  test('revoking an unknown token is a 404 problem', async () => {
    expectProblem(
      await request(t.app)
        .delete('/api/v1/tokens/00000000-0000-0000-0000-000000000000')
        .set('Authorization', t.admin),
      404,
    );
  });

  test('the last admin token cannot revoke itself', async () => {
    const own = await makeTestApp();
    try {
      const self = (await own.store.listTokens()).find((token) => token.name === 'test admin')!;
      expectProblem(
        await request(own.app).delete(`/api/v1/tokens/${self.id}`).set('Authorization', own.admin),
        409,
      );
      expect((await request(own.app).get('/api/v1/accounts').set('Authorization', own.admin)).status).toBe(
        200,
      );
    } finally {
      await own.close();
    }
  });
});

describe('audit log', () => {
  test('admin actions are recorded without secrets', async () => {
    const token = await request(t.app)
      .post('/api/v1/tokens')
      .set('Authorization', t.admin)
      .send({ name: 'ops', role: 'auditor' });
    const account = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .send({
        ...VALID_ACCOUNT,
        awsAccountId: '210987654321',
        roleArn: 'arn:aws:iam::210987654321:role/Cloudward',
        externalId: 'my-secret-external-id',
      });
    expect(account.status).toBe(201);
    await request(t.app)
      .patch(`/api/v1/accounts/${account.body.id}`)
      .set('Authorization', t.admin)
      .send({ externalId: 'another-secret-id' });
    const log = await request(t.app).get('/api/v1/audit-log').set('Authorization', t.admin);
    expect(log.status).toBe(200);
    const actions = log.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'account.create', 'account.update']));
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(token.body.token);
    expect(text).not.toContain('my-secret-external-id');
    expect(text).not.toContain('another-secret-id');
    const update = log.body.items.find((entry: { action: string }) => entry.action === 'account.update');
    expect(update).toMatchObject({
      actor: expect.stringContaining('test admin'),
      targetType: 'account',
      targetId: account.body.id,
      details: { changed: ['externalId'] },
    });
  });
});

describe('first start', () => {
  test('creates one admin token when none exists, and only once', async () => {
    const store = await openStore({ memory: true });
    try {
      const first = await ensureAdminToken(store, undefined);
      expect(first.createdToken).toMatch(/^cw_/);
      expect(await store.findTokenByHash(hashToken(first.createdToken!))).toMatchObject({ role: 'admin' });
      const second = await ensureAdminToken(store, undefined);
      expect(second).toMatchObject({ createdToken: null, source: 'existing' });
      expect(await store.countTokens()).toBe(1);
    } finally {
      await store.close();
    }
  });

  test('CLOUDWARD_ADMIN_TOKEN registers the given token instead of printing one', async () => {
    const store = await openStore({ memory: true });
    try {
      const chosen = 'cw_automation_token_0123456789';
      const outcome = await ensureAdminToken(store, chosen);
      expect(outcome).toMatchObject({ createdToken: null, source: 'env' });
      expect(await store.findTokenByHash(hashToken(chosen))).toMatchObject({ role: 'admin' });
      expect((await ensureAdminToken(store, chosen)).source).toBe('existing');
      expect(await store.countTokens()).toBe(1);
      await expect(ensureAdminToken(store, 'short')).rejects.toThrow(/at least 20/);
    } finally {
      await store.close();
    }
  });
});
