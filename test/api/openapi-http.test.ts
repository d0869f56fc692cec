import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createApp } from '../../api/app';
import { defineRoute, problem, requireRole, validate, validated } from '../../api/http';
import { expectProblem, makeTestApp, type TestApp } from './helpers';

// What issue 2 and the brief promise, as OpenAPI paths.
const EXPECTED_OPERATIONS = [
  'get /api/v1/health',
  'get /api/v1/ready',
  'get /api/v1/openapi.json',
  'get /api/v1/organizations',
  'get /api/v1/organizations/{id}',
  'get /api/v1/organizations/{id}/members',
  'get /api/v1/organizations/{id}/structure',
  'get /api/v1/organizations/{id}/syncs',
  'get /api/v1/organizations/{id}/syncs/{syncId}',
  'get /api/v1/me',
  'get /api/v1/accounts',
  'post /api/v1/accounts',
  'get /api/v1/accounts/{id}',
  'patch /api/v1/accounts/{id}',
  'patch /api/v1/organizations/{id}/scope',
  'delete /api/v1/accounts/{id}',
  'post /api/v1/accounts/{id}/enable',
  'post /api/v1/accounts/{id}/disable',
  'post /api/v1/accounts/{id}/sync',
  'post /api/v1/accounts/{id}/test-connection',
  'get /api/v1/accounts/{id}/syncs',
  'get /api/v1/syncs/{id}',
  'get /api/v1/assets',
  'get /api/v1/assets/types',
  'get /api/v1/assets/{key}',
  'get /api/v1/assets/{key}/relationships',
  'get /api/v1/assets/{key}/neighbourhood',
  'get /api/v1/attack-paths',
  'get /api/v1/assets/{key}/findings',
  'get /api/v1/alerts',
  'get /api/v1/alerts/groups',
  'get /api/v1/alerts/{id}',
  'post /api/v1/alerts/{id}/suppress',
  'post /api/v1/events/cloudtrail',
  'post /api/v1/organizations',
  'post /api/v1/organizations/{id}/sync',
  'get /api/v1/suppressions',
  'post /api/v1/suppressions',
  'get /api/v1/suppressions/{id}',
  'delete /api/v1/suppressions/{id}',
  'get /api/v1/tokens',
  'post /api/v1/tokens',
  'delete /api/v1/tokens/{id}',
  'get /api/v1/audit-log',
  'get /metrics',
  // The plugged-in router below.
  'get /api/v1/plugin/things/{name}',
  'post /api/v1/plugin/things',
];

let t: TestApp;
beforeAll(async () => {
  // A router the way the onboarding/controls engineers plug theirs in.
  const plugin = Router();
  defineRoute(
    plugin,
    {
      method: 'get',
      path: '/things/:name',
      summary: 'Read a thing',
      params: z.object({ name: z.string().regex(/^[a-z]+$/) }),
    },
    ({ params }) => ({ name: params.name }),
  );
  defineRoute(
    plugin,
    {
      method: 'post',
      path: '/things',
      summary: 'Make a thing',
      role: 'admin',
      body: z.strictObject({ size: z.number().int().positive() }),
      successStatus: 201,
    },
    ({ body }) => ({ size: body.size }),
  );
  plugin.get(
    '/plain',
    requireRole('admin'),
    validate({ query: z.object({ n: z.coerce.number() }) }),
    (_req, res) => {
      res.json({ n: validated<unknown, { n: number }>(res).query.n });
    },
  );
  plugin.get('/teapot', (_req, res) => problem(res, 418, "I'm a teapot", 'short and stout'));
  t = await makeTestApp({ extraRouters: [{ path: '/plugin', router: plugin, minimumRole: 'auditor' }] });
});
afterAll(async () => {
  await t.close();
});

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 and lists every route, including plugged-in ones', async () => {
    const response = await request(t.app).get('/api/v1/openapi.json').set('Authorization', t.auditor);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const operations = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`),
    );
    expect(operations.sort()).toEqual([...EXPECTED_OPERATIONS].sort());
  });

  test('documents every operation with a route that really exists', async () => {
    const document = (await request(t.app).get('/api/v1/openapi.json').set('Authorization', t.admin)).body;
    for (const [route, methods] of Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(methods)) {
        const url = route.replace(/\{[^}]+\}/g, 'zzz');
        const agent = request(t.app) as unknown as Record<string, (u: string) => request.Test>;
        const response = await agent[method](url).set('Authorization', t.admin);
        const unrouted = response.status === 404 && String(response.body.detail).startsWith('No route');
        expect({ route, method, unrouted }).toEqual({ route, method, unrouted: false });
      }
    }
  });

  test('describes request bodies, query parameters, roles and problems from the zod schemas', async () => {
    const document = (await request(t.app).get('/api/v1/openapi.json').set('Authorization', t.auditor)).body;
    const create = document.paths['/api/v1/accounts'].post;
    expect(create['x-minimum-role']).toBe('admin');
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'awsAccountId', 'roleArn', 'regions']));
    expect(schema.properties.awsAccountId.pattern).toBe('^\\d{12}$');
    expect(create.responses['201'].content['application/json'].schema.properties.externalId).toBeDefined();
    expect(create.responses['400']).toEqual({ $ref: '#/components/responses/Problem400' });
    const list = document.paths['/api/v1/alerts'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['cursor', 'limit', 'status', 'severity', 'framework', 'requirement']),
    );
    expect(document.paths['/api/v1/health'].get.security).toEqual([]);
    expect(document.paths['/api/v1/plugin/things'].post['x-minimum-role']).toBe('admin');
  });
});

describe('plugged-in routers', () => {
  test('get validation, role checks and problems from the shared helpers', async () => {
    expect(
      (await request(t.app).get('/api/v1/plugin/things/abc').set('Authorization', t.auditor)).body,
    ).toEqual({ name: 'abc' });
    expectProblem(await request(t.app).get('/api/v1/plugin/things/ABC').set('Authorization', t.auditor), 400);
    expectProblem(
      await request(t.app).post('/api/v1/plugin/things').set('Authorization', t.auditor).send({ size: 1 }),
      403,
    );
    expect(
      (await request(t.app).post('/api/v1/plugin/things').set('Authorization', t.admin).send({ size: 2 }))
        .status,
    ).toBe(201);
    expectProblem(await request(t.app).get('/api/v1/plugin/things/abc'), 401);
    expect((await request(t.app).get('/api/v1/plugin/plain?n=4').set('Authorization', t.admin)).body).toEqual(
      { n: 4 },
    );
    expectProblem(await request(t.app).get('/api/v1/plugin/plain?n=x').set('Authorization', t.admin), 400);
    expectProblem(await request(t.app).get('/api/v1/plugin/plain?n=1').set('Authorization', t.auditor), 403);
    const teapot = await request(t.app).get('/api/v1/plugin/teapot').set('Authorization', t.auditor);
    expectProblem(teapot, 418);
    expect(teapot.body.detail).toBe('short and stout');
  });
});

describe('problems', () => {
  test('unknown API routes are 404 problems', async () => {
    expectProblem(await request(t.app).get('/api/v1/nothing-here').set('Authorization', t.auditor), 404);
    expectProblem(await request(t.app).get('/api/v2/accounts'), 404);
  });

  test('validation problems list every field error', async () => {
    const response = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .send({ name: 5 });
    expect(response.body).toMatchObject({
      type: 'urn:cloudward:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: expect.any(String),
    });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([{ path: 'body.name', message: expect.any(String) }]),
    );
  });
});

describe('web UI', () => {
  test('serves a page pointing at the API when the UI is not built', async () => {
    const response = await request(t.app).get('/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('/api/v1/health');
  });

  test('serves the built UI with a single-page-app fallback', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-web-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root">cloudward ui</div>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    const app = createApp({ store: t.store, secrets: t.secrets, jobs: t.jobs, webDir: dir });
    expect((await request(app).get('/')).text).toContain('cloudward ui');
    expect((await request(app).get('/alerts/123')).text).toContain('cloudward ui');
    expect((await request(app).get('/app.js')).text).toContain('console.log');
    expectProblem(await request(app).get('/api/v1/nope').set('Authorization', t.admin), 404);
  });
});
