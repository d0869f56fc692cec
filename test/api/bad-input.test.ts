// Bad input is a 400 problem on every route, never a 500 (issue 13): NUL characters anywhere, forged cursors whose
// values do not fit the columns they are compared with, query parameters a route does not take. Every route of
// the app `serve` runs is probed, from its own OpenAPI document.
import request from 'supertest';
import type { Express } from 'express';
import { generateToken, hashToken } from '../../api/auth';
import { encodeCursor } from '../../store/cursor';
import {
  asset,
  createAccountViaApi,
  expectProblem,
  fieldPaths,
  makeTestApp,
  serveApp,
  seedAssets,
  uniqueAccount,
  type TestApp,
} from './helpers';

type Operation = { method: string; route: string; query: string[]; role?: string };

let t: TestApp;
let app: Express;
let operations: Operation[];
let accountId: string;
let eventIngest: string;

const UUID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await makeTestApp();
  app = serveApp(t);
  const document = (await request(app).get('/api/v1/openapi.json').set('Authorization', t.admin)).body;
  operations = Object.entries(
    document.paths as Record<string, Record<string, { parameters?: unknown[]; 'x-minimum-role'?: string }>>,
  ).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      route,
      role: operation['x-minimum-role'],
      query: ((operation.parameters ?? []) as { in: string; name: string }[])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name),
    })),
  );
  const account = await createAccountViaApi({ ...t, app }, uniqueAccount());
  accountId = account.id;
  // The event route takes only tokens of its own role (an admin's is refused before any check of the input).
  const secret = generateToken();
  await t.store.createToken({ name: 'events', role: 'event-ingest', tokenHash: hashToken(secret) });
  eventIngest = `Bearer ${secret}`;
  await seedAssets(t.store, accountId, [
    asset({ id: accountId }, { id: 'i-0123456789abcdef0', name: 'web-1' }),
  ]);
});
afterAll(async () => {
  await t.close();
});

function send(method: string, url: string, role?: string): request.Test {
  const agent = request(app) as unknown as Record<string, (u: string) => request.Test>;
  return agent[method](url).set('Authorization', role === 'event-ingest' ? eventIngest : t.admin);
}

const concrete = (route: string, value = 'x') => route.replace(/\{[^}]+\}/g, value);

describe('NUL characters', () => {
  test('in any path parameter are a 400 naming the parameter', async () => {
    const withParams = operations.filter(({ route }) => route.includes('{'));
    expect(withParams.length).toBeGreaterThan(10);
    for (const { method, route } of withParams) {
      const response = await send(method, concrete(route, 'a%00b'));
      const name = /\{([^}]+)\}/.exec(route)![1];
      expect({ method, route, status: response.status }).toEqual({ method, route, status: 400 });
      expect({ method, route, paths: fieldPaths(response) }).toEqual({
        method,
        route,
        paths: expect.arrayContaining([`params.${name}`]),
      });
    }
  });

  test('in any query parameter are a 400 naming the parameter', async () => {
    let probes = 0;
    for (const { method, route, query } of operations) {
      for (const name of query) {
        probes += 1;
        const response = await send(method, `${concrete(route)}?${name}=a%00b`);
        expect({ method, route, name, status: response.status }).toEqual({
          method,
          route,
          name,
          status: 400,
        });
        expect(response.body.errors).toContainEqual({
          path: `query.${name}`,
          message: expect.stringContaining('NUL'),
        });
      }
    }
    expect(probes).toBeGreaterThan(30);
  });

  test.each<[string, string, Record<string, unknown>, string]>([
    ['post', '/api/v1/accounts', uniqueAccount({ name: 'prod\u0000' }), 'body.name'],
    ['post', '/api/v1/tokens', { name: 'ci\u0000', role: 'auditor' }, 'body.name'],
    [
      'post',
      '/api/v1/suppressions',
      { controlId: 'iam_root_mfa_enabled', justification: 'accepted \u0000 risk' },
      'body.justification',
    ],
    ['post', `/api/v1/alerts/${UUID}/suppress`, { justification: 'known\u0000' }, 'body.justification'],
    ['patch', '/api/v1/accounts/ID', { regions: ['eu-west-1', 'us-east-1\u0000'] }, 'body.regions.1'],
    ['post', '/api/v1/accounts', { ...uniqueAccount(), ['tags\u0000']: 1 }, 'body.tags\\u0000'],
  ])('in a %s %s body are a 400 at the field, and nothing is written', async (method, url, body, path) => {
    const before = (await t.store.listAccounts({ limit: 500 })).items.length;
    const response = await send(method, url.replace('ID', accountId)).send(body);
    expectProblem(response, 400);
    expect(fieldPaths(response)).toContain(path);
    expect((await t.store.listAccounts({ limit: 500 })).items.length).toBe(before);
  });

  test('deep in a nested body is found without recursion', async () => {
    const depth = 50_000;
    const body = `{"name":"x","role":"auditor","nested":${'['.repeat(depth)}"deep\\u0000"${']'.repeat(depth)}}`;
    const response = await send('post', '/api/v1/tokens').set('Content-Type', 'application/json').send(body);
    expectProblem(response, 400);
    expect(fieldPaths(response)).toEqual([`body.nested${'.0'.repeat(depth)}`]);
  });
});

describe('forged cursors', () => {
  const cursor = (values: unknown[]) => encodeURIComponent(encodeCursor(values as never[]));

  test.each<[string, unknown[]]>([
    ['/api/v1/accounts', [1e300]],
    ['/api/v1/accounts', [2 ** 63]],
    ['/api/v1/suppressions', [Number.MAX_SAFE_INTEGER + 2]],
    ['/api/v1/audit-log', [1e21]],
    ['/api/v1/accounts/ID/syncs', [9.3e18]],
    ['/api/v1/alerts', ['rank', 40000, '2026-11-01T00:00:00.000Z', UUID]],
    ['/api/v1/alerts?sort=severity', ['severity', -40000, '2026-11-01T00:00:00.000Z', UUID]],
    ['/api/v1/alerts', ['rank', 1, '2026-02-30T00:00:00.000Z', UUID]],
    ['/api/v1/alerts?sort=lastSeen', ['lastSeen', '0000-01-01T00:00:00.000Z', UUID]],
    ['/api/v1/alerts?sort=firstSeen', ['firstSeen', '+275760-09-13T00:00:00.000Z', UUID]],
    ['/api/v1/alerts?sort=firstSeen', ['firstSeen', '1', UUID]],
    ['/api/v1/assets', ['aws_ec2_instance', 'web\u0000', UUID]],
    ['/api/v1/assets', ['aws\u0000', 'web', UUID]],
  ])('GET %s with cursor %j is a 400 problem', async (url, values) => {
    const separator = url.includes('?') ? '&' : '?';
    const response = await send('get', `${url.replace('ID', accountId)}${separator}cursor=${cursor(values)}`);
    expectProblem(response, 400);
    expect(response.body.detail).toMatch(/cursor/);
  });

  test('a cursor the API handed out still works', async () => {
    await seedAssets(t.store, accountId, [
      asset({ id: accountId }, { id: 'i-1', name: 'a' }),
      asset({ id: accountId }, { id: 'i-2', name: 'b' }),
    ]);
    const first = await send('get', `/api/v1/assets?account=${accountId}&limit=1`);
    expect(first.status).toBe(200);
    const next = await send(
      'get',
      `/api/v1/assets?account=${accountId}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('unknown query parameters', () => {
  test('are a 400 on every route, naming the parameter and what the route takes', async () => {
    for (const { method, route, query, role } of operations) {
      const response = await send(method, `${concrete(route)}?bogus=1`, role);
      expect({ method, route, status: response.status }).toEqual({ method, route, status: 400 });
      expect(response.body.errors).toContainEqual({
        path: 'query.bogus',
        message: expect.stringContaining(query.length ? query.join(', ') : 'takes none'),
      });
    }
  });

  test('alerts?accountId= is refused instead of answering every account', async () => {
    const response = await send('get', `/api/v1/alerts?accountId=${accountId}`);
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([
      { path: 'query.accountId', message: expect.stringContaining('account') },
    ]);
  });
});

describe('the account filter', () => {
  test('is named `account` on every list that filters by account', () => {
    const byAccount = operations.filter(({ query }) => query.some((name) => /^account/i.test(name)));
    expect(byAccount.map(({ method, route }) => `${method} ${route}`)).toEqual(
      expect.arrayContaining([
        'get /api/v1/assets',
        'get /api/v1/alerts',
        'get /api/v1/reports/alerts/export',
      ]),
    );
    for (const { route, query } of byAccount)
      expect({ route, names: query.filter((name) => /^account/i.test(name)) }).toEqual({
        route,
        names:
          route === '/api/v1/onboarding/preview' || route === '/api/v1/reports/onboarding/files'
            ? ['accountId']
            : ['account'],
      });
  });

  test('filters assets by account', async () => {
    const other = await createAccountViaApi({ ...t, app }, uniqueAccount());
    await seedAssets(t.store, other.id, [asset({ id: other.id }, { id: 'i-other', name: 'other-web' })]);
    const mine = await send('get', `/api/v1/assets?account=${accountId}&limit=500`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((item: { accountId: string }) => item.accountId))).toEqual(
      new Set([accountId]),
    );
    expectProblem(await send('get', `/api/v1/assets?accountId=${accountId}`), 400);
  });
});
