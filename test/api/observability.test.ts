// Logs, request ids and /metrics of the API app, with the log lines captured from an injected pino destination.
import { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { defineRoute } from '../../api/http';
import {
  createLogger,
  lineDestination,
  logLevelFromEnv,
  REDACTED,
  type LogLevel,
} from '../../api/observability/logger';
import { Metrics } from '../../api/observability/metrics';
import { workerHealthApp } from '../../api/observability/worker-health';
import type { JobQueue } from '../../api/jobs/queue';
import { expectProblem, makeTestApp, uniqueAccount, type TestApp } from './helpers';

interface LogLine {
  level: string;
  msg: string;
  time: string;
  [field: string]: unknown;
}

function captureLogs(level: LogLevel = 'info') {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: lineDestination((line) => void raw.push(line)) });
  return {
    logger,
    raw: () => raw.join(''),
    lines: () => raw.map((line) => JSON.parse(line) as LogLine),
  };
}

const METRICS_TOKEN = 'metrics-secret-0123456789abcdef';
const LEAKED_EXTERNAL_ID = 'leaky-external-id-0042';

let t: TestApp;
let logs: ReturnType<typeof captureLogs>;
let metrics: Metrics;

beforeAll(async () => {
  logs = captureLogs();
  metrics = new Metrics();
  // A route that fails with the kind of message an SDK error can carry: the secrets it was given.
  const failing = Router();
  defineRoute(failing, { method: 'get', path: '/explode', summary: 'Fails' }, ({ req }) => {
    throw new Error(
      `AssumeRole refused {"sts:ExternalId":"${LEAKED_EXTERNAL_ID}"} for ${req.get('authorization')}`,
    );
  });
  t = await makeTestApp({
    logger: logs.logger,
    metrics,
    env: { CLOUDWARD_METRICS_TOKEN: METRICS_TOKEN },
    extraRouters: [{ path: '/failing', router: failing, minimumRole: 'auditor' }],
  });
  metrics.watchQueue(t.store);
});
afterAll(async () => {
  await t.close();
});

describe('structured logs', () => {
  test('are JSON lines with a level name, a time and the message', () => {
    const capture = captureLogs();
    capture.logger.info('hello', { accountId: 'a1' });
    expect(capture.lines()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'hello', accountId: 'a1', service: 'cloudward' }),
    ]);
    expect(Date.parse(capture.lines()[0].time)).not.toBeNaN();
  });

  test('redact secrets by field name at any depth and by shape inside text', () => {
    const capture = captureLogs();
    const token = 'cw_' + 'A'.repeat(43);
    capture.logger.warn(`retrying with Authorization: Bearer ${token} and ExternalId=${LEAKED_EXTERNAL_ID}`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'r1' },
      account: { id: 'acc-1', externalId: LEAKED_EXTERNAL_ID },
      policy: { Condition: { StringEquals: { 'sts:ExternalId': LEAKED_EXTERNAL_ID } } },
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMIexample' },
      nested: [{ sessionToken: 'FwoGZXIvYXdzEXAMPLE' }],
      note: `token ${token} pasted in a note`,
    });
    const raw = capture.raw();
    for (const secret of [token, LEAKED_EXTERNAL_ID, 'wJalrXUtnFEMIexample', 'FwoGZXIvYXdzEXAMPLE'])
      expect(raw).not.toContain(secret);
    const [line] = capture.lines();
    expect(line).toMatchObject({
      level: 'warn',
      headers: { authorization: REDACTED, 'x-request-id': 'r1' },
      account: { id: 'acc-1', externalId: REDACTED },
      policy: { Condition: { StringEquals: { 'sts:ExternalId': REDACTED } } },
      credentials: REDACTED,
      nested: [{ sessionToken: REDACTED }],
    });
    expect(line.msg).toBe(`retrying with Authorization: Bearer ${REDACTED} and ExternalId=${REDACTED}`);
  });

  test('leave prose about tokens readable', () => {
    const capture = captureLogs();
    capture.logger.info('the bearer token is unknown or revoked', { tokenId: 'tok-1', role: 'auditor' });
    expect(capture.lines()[0]).toMatchObject({
      msg: 'the bearer token is unknown or revoked',
      tokenId: 'tok-1',
      role: 'auditor',
    });
  });

  test('take their level from CLOUDWARD_LOG_LEVEL, info by default, and refuse an unknown one', () => {
    expect(logLevelFromEnv({})).toBe('info');
    expect(logLevelFromEnv({ CLOUDWARD_LOG_LEVEL: 'WARN' })).toBe('warn');
    expect(() => logLevelFromEnv({ CLOUDWARD_LOG_LEVEL: 'verbose' })).toThrow(
      /CLOUDWARD_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent/,
    );
    const capture = captureLogs('warn');
    capture.logger.info('dropped');
    capture.logger.warn('kept');
    expect(capture.lines().map((line) => line.msg)).toEqual(['kept']);
  });
});

describe('requests', () => {
  test('echo a sane X-Request-Id and log one access line with it, never the token', async () => {
    const before = logs.lines().length;
    const response = await request(t.app)
      .get('/api/v1/accounts?limit=5')
      .set('Authorization', t.auditor)
      .set('X-Request-Id', 'trace-0001.abc');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('trace-0001.abc');
    const access = logs.lines().slice(before);
    expect(access).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        requestId: 'trace-0001.abc',
        method: 'GET',
        route: '/api/v1/accounts',
        path: '/api/v1/accounts',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(access)).not.toContain(t.auditorToken);
  });

  test('get a new UUID when the incoming id is not sane, and logs name the route template', async () => {
    const before = logs.lines().length;
    const response = await request(t.app)
      .get('/api/v1/accounts/does-not-exist')
      .set('Authorization', t.auditor)
      .set('X-Request-Id', '<script>alert(1)</script>');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.lines().slice(before)).toEqual([
      expect.objectContaining({
        requestId: response.headers['x-request-id'],
        route: '/api/v1/accounts/:id',
        status: 404,
      }),
    ]);
  });

  test('put the request id in problem bodies', async () => {
    const response = await request(t.app).get('/api/v1/accounts').set('X-Request-Id', 'req-401');
    expectProblem(response, 401);
    expect(response.body.requestId).toBe('req-401');
  });

  test('never log the bearer token nor an external id, even from a failing route', async () => {
    const created = await request(t.app)
      .post('/api/v1/accounts')
      .set('Authorization', t.admin)
      .send(uniqueAccount({ externalId: LEAKED_EXTERNAL_ID }));
    expect(created.status).toBe(201);
    const failed = await request(t.app)
      .get('/api/v1/failing/explode')
      .set('Authorization', t.admin)
      .set('X-Request-Id', 'req-500');
    expectProblem(failed, 500);
    const raw = logs.raw();
    // The failure was logged, with its request id, and without what it quoted.
    expect(logs.lines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'error',
          requestId: 'req-500',
          msg: expect.stringMatching(/AssumeRole refused/),
        }),
        expect.objectContaining({ level: 'warn', msg: 'request', requestId: 'req-500', status: 500 }),
      ]),
    );
    expect(raw).not.toContain(LEAKED_EXTERNAL_ID);
    expect(raw).not.toContain(t.adminToken);
    expect(raw).not.toContain(t.auditorToken);
  });
});

describe('GET /metrics', () => {
  test('needs the metrics token or an API token', async () => {
    expectProblem(await request(t.app).get('/metrics'), 401);
    expectProblem(await request(t.app).get('/metrics').set('Authorization', 'Bearer wrong-token'), 401);
    const withMetricsToken = await request(t.app)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(withMetricsToken.status).toBe(200);
    expect(withMetricsToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await request(t.app).get('/metrics').set('Authorization', t.auditor)).status).toBe(200);
  });

  test('counts HTTP requests by route template and reports queue depth from the store', async () => {
    await request(t.app).get('/api/v1/health');
    const account = await t.store.createAccount({
      name: 'queued',
      awsAccountId: '210987654321',
      roleArn: 'arn:aws:iam::210987654321:role/CloudwardReadOnly',
      regions: ['eu-west-1'],
      externalIdCiphertext: t.secrets.encrypt('x'),
    });
    await t.store.createSync(account.id, 'manual');
    const body = (await request(t.app).get('/metrics').set('Authorization', t.auditor)).text;
    expect(body).toMatch(
      /^cloudward_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status="200"\} [1-9]/m,
    );
    expect(body).toMatch(/^cloudward_queue_depth\{kind="sync",state="queued"\} 1$/m);
    expect(body).toMatch(/^cloudward_queue_depth\{kind="sync",state="running"\} 0$/m);
    expect(body).toMatch(/^# TYPE cloudward_syncs_total counter$/m);
  });

  test('is an app of its own when no metrics are injected', async () => {
    const other = createApp({ store: t.store, secrets: t.secrets, jobs: t.jobs, webDir: null, env: {} });
    const body = (await request(other).get('/metrics').set('Authorization', t.auditor)).text;
    // Requests to the first app are not counted here.
    expect(body).not.toMatch(/route="\/api\/v1\/health"/);
  });
});

describe('the worker health app', () => {
  function healthApp(jobs: JobQueue) {
    return workerHealthApp({
      store: t.store,
      jobs,
      metrics: new Metrics(),
      logger: logs.logger,
      env: { CLOUDWARD_METRICS_TOKEN: METRICS_TOKEN },
      version: '9.9.9',
    });
  }

  test('is ready when the database and the job runner answer', async () => {
    const app = healthApp(t.jobs);
    expect((await request(app).get('/health')).body).toEqual({
      status: 'ok',
      version: '9.9.9',
      process: 'worker',
      jobs: 'in-process',
    });
    expect((await request(app).get('/ready')).body).toEqual({
      status: 'ready',
      checks: { database: 'ok', jobs: 'ok' },
    });
    // serve's paths too, which the image's HEALTHCHECK probes.
    expect((await request(app).get('/api/v1/health')).body).toMatchObject({
      status: 'ok',
      process: 'worker',
    });
    expect((await request(app).get('/api/v1/ready')).status).toBe(200);
  });

  test('answers 503 naming what does not answer, with the request id', async () => {
    const redisDown: JobQueue = {
      ...t.jobs,
      runner: 'bullmq',
      ready: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
    } as JobQueue;
    const response = await request(healthApp(redisDown)).get('/ready').set('X-Request-Id', 'probe-503');
    expectProblem(response, 503);
    expect(response.body).toMatchObject({
      detail: 'not ready: jobs: connect ECONNREFUSED 127.0.0.1:6379',
      checks: { database: 'ok', jobs: 'connect ECONNREFUSED 127.0.0.1:6379' },
      requestId: 'probe-503',
    });
  });

  test('guards /metrics like serve and answers 404 problems elsewhere', async () => {
    const app = healthApp(t.jobs);
    expectProblem(await request(app).get('/metrics'), 401);
    const metrics = await request(app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^# TYPE cloudward_aws_calls_total counter$/m);
    const elsewhere = await request(app).get('/api/v1/accounts').set('Authorization', t.admin);
    expectProblem(elsewhere, 404);
    expect(elsewhere.body.detail).toMatch(/a worker serves \/health, \/ready and \/metrics/);
  });
});
