// The processes users run: `serve` syncs a demo account through its job runner and /metrics counts it, the
// JSON log lines (captured from the CLI's stdout writer) tell the sync's story without a token or an external ID,
// and `worker --health-port` answers /health, /ready and /metrics.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { main } from '../../api/cli/main';
import type { CliIo } from '../../api/cli/io';
import { DEMO_ACCOUNTS, DEMO_ROLE_NAME } from '../../demo';
import { openStore } from '../../store';
import type { Store } from '../../store/store';

const ADMIN_TOKEN = 'cw_observability_admin_0123456789';
const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';
const EXTERNAL_ID = 'obs-test-external-id-7f3a9c';
const FAKE_SECRET_KEY = 'obsTestSecretAccessKey0123456789EXAMPLE';

interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** Runs a CLI command until `stop()`; stdout is where serve and worker write their JSON log lines. */
async function start(argv: string[], io: Partial<CliIo>) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  let port = 0;
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const exit = main(argv, {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stopSignal: stop.signal,
    onListening: (address) => {
      port = address.port;
      listening();
    },
    ...io,
  });
  await Promise.race([
    ready,
    exit.then((code) => Promise.reject(new Error(`exited early with ${code}: ${err.join('')}`))),
  ]);
  const logLines = () =>
    out
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return {
    url: (route: string) => `http://127.0.0.1:${port}${route}`,
    out: () => out.join(''),
    logLines,
    stop: async () => {
      stop.abort();
      return exit;
    },
  };
}

/** The value of one sample in Prometheus text, or undefined when the series is absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Polls `probe` until it returns a value. A dropped connection is polled again: on a loaded machine the server's
 * keep-alive timeout can close a pooled socket just as the next poll reuses it (ECONNRESET), which says nothing
 * about what is being waited for.
 */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch((error: unknown) => {
      // fetch's TypeError comes from Node's realm, not the test's: compare by name.
      if ((error as Error)?.name === 'TypeError' && (error as Error).message === 'fetch failed')
        return undefined;
      throw error;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('cloudward serve: logs and metrics of a sync run by the job runner', () => {
  const savedEnv = { ...process.env };
  let stores: Store[] = [];

  beforeAll(() => {
    // The non-demo account's AssumeRole goes to a closed local port with fake credentials: it fails fast, offline.
    process.env.AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9';
    process.env.AWS_ACCESS_KEY_ID = 'AKIAOBSERVABILITYTEST';
    process.env.AWS_SECRET_ACCESS_KEY = FAKE_SECRET_KEY;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterAll(async () => {
    process.env = savedEnv;
    for (const store of stores) await store.close().catch(() => undefined);
    stores = [];
  });

  test('counts the sync, its AWS calls and its evaluation, and logs them without secrets', async () => {
    const server = await start(
      ['serve', '--port', '0', '--data', mkdtempSync(path.join(tmpdir(), 'cloudward-obs-'))],
      {
        env: {
          CLOUDWARD_ADMIN_TOKEN: ADMIN_TOKEN,
          CLOUDWARD_METRICS_TOKEN: METRICS_TOKEN,
          AWS_REGION: 'us-east-1',
        },
        openStore: async () => {
          const store = await openStore({ memory: true });
          stores.push(store);
          return store;
        },
      },
    );
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const scrape = async () => {
      const response = await fetch(server.url('/metrics'), {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    try {
      // A demo account (its role named as the demo's): its syncs replay the recorded AWS answers through the
      // real SDK clients, offline. Its external ID is a secret like any other.
      const demoAws = DEMO_ACCOUNTS[0].awsAccountId;
      const added = await fetch(server.url('/api/v1/accounts'), {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({
          name: 'demo production',
          awsAccountId: demoAws,
          roleArn: `arn:aws:iam::${demoAws}:role/${DEMO_ROLE_NAME}`,
          regions: ['eu-west-1'],
          externalId: `${EXTERNAL_ID}-demo`,
        }),
      });
      expect(added.status).toBe(201);
      const demo = (await added.json()) as { id: string };
      const before = await scrape();
      expect(sample(before, 'cloudward_syncs_total{outcome="succeeded"}')).toBeUndefined();

      // A demo account synced the way a user asks for it: POST /sync, then the in-process job runner.
      const queued = await fetch(server.url(`/api/v1/accounts/${demo.id}/sync`), {
        method: 'POST',
        headers: { ...admin, 'x-request-id': 'sync-request-1' },
      });
      expect(queued.status).toBe(202);
      expect(queued.headers.get('x-request-id')).toBe('sync-request-1');
      const { syncId } = (await queued.json()) as { syncId: string };
      const after = await until('the evaluation after the sync', async () => {
        const body = await scrape();
        return (sample(body, 'cloudward_evaluations_total{outcome="succeeded"}') ?? 0) >= 1
          ? body
          : undefined;
      });
      expect(sample(after, 'cloudward_syncs_total{outcome="succeeded"}')).toBe(1);
      expect(sample(after, 'cloudward_sync_duration_seconds_count{outcome="succeeded"}')).toBe(1);
      expect(
        sample(after, 'cloudward_aws_calls_total{service="EC2",operation="DescribeInstances"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(after, 'cloudward_evaluation_duration_seconds_count{outcome="succeeded"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'cloudward_queue_depth{kind="sync",state="running"}')).toBe(0);
      expect(
        sample(
          after,
          `cloudward_http_request_duration_seconds_count{method="POST",route="/api/v1/accounts/:id/sync",status="202"}`,
        ),
      ).toBe(1);
      expect(after).toMatch(/^process_cpu_user_seconds_total /m);

      const lines = server.logLines();
      const finished = lines.find((line) => line.msg === 'sync finished' && line.syncId === syncId);
      expect(finished).toMatchObject({
        level: 'info',
        process: 'serve',
        accountId: demo.id,
        outcome: 'succeeded',
        durationMs: expect.any(Number),
        assets: expect.any(Number),
        awsCalls: expect.any(Number),
      });
      expect(finished!.assets as number).toBeGreaterThan(0);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ msg: 'sync started', syncId, accountId: demo.id }),
          expect.objectContaining({ msg: 'evaluation finished', accountId: demo.id }),
          expect.objectContaining({
            msg: 'request',
            requestId: 'sync-request-1',
            method: 'POST',
            route: '/api/v1/accounts/:id/sync',
            status: 202,
          }),
        ]),
      );

      // An account with its own external ID whose first sync fails at AssumeRole: counted, logged, no secret.
      const created = await fetch(server.url('/api/v1/accounts'), {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({
          name: 'real',
          awsAccountId: '123456789012',
          roleArn: 'arn:aws:iam::123456789012:role/CloudwardReadOnly',
          regions: ['eu-west-1'],
          externalId: EXTERNAL_ID,
          sync: true,
        }),
      });
      expect(created.status).toBe(201);
      const failedSync = created.headers.get('x-sync-id');
      await until('the failed sync', async () => {
        const body = await scrape();
        return (sample(body, 'cloudward_syncs_total{outcome="failed"}') ?? 0) >= 1 ? body : undefined;
      });
      const failedLine = await until('its log line', async () =>
        server.logLines().find((line) => line.msg === 'sync failed' && line.syncId === failedSync),
      );
      const createdId = ((await created.json()) as { id: string }).id;
      expect(failedLine).toMatchObject({
        level: 'error',
        accountId: createdId,
        durationMs: expect.any(Number),
        error: { message: expect.any(String) },
      });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const everything = server.out();
    for (const secret of [ADMIN_TOKEN, METRICS_TOKEN, EXTERNAL_ID, FAKE_SECRET_KEY])
      expect(everything).not.toContain(secret);
    // Every line of stdout is a JSON log line.
    expect(
      everything
        .trim()
        .split('\n')
        .every((line) => line.startsWith('{')),
    ).toBe(true);
  }, 180_000);

  test('a bad CLOUDWARD_LOG_LEVEL is a usage error: one line, exit 2', async () => {
    const err: string[] = [];
    const code = await main(['serve', '--port', '0'], {
      stderr: (text) => void err.push(text),
      stdout: () => undefined,
      env: { CLOUDWARD_LOG_LEVEL: 'loud' },
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^cloudward serve: CLOUDWARD_LOG_LEVEL must be one of .*, got "loud"\n$/);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;

withRedis('cloudward worker --health-port', () => {
  test('serves /health, /ready (database and Redis) and /metrics behind the metrics token', async () => {
    const store = await openStore({ memory: true });
    const worker = await start(
      ['worker', '--health-port', '0', '--data', mkdtempSync(path.join(tmpdir(), 'cloudward-obs-w-'))],
      {
        env: {
          REDIS_URL: redisUrl,
          DATABASE_URL: 'postgres://unused-in-this-test',
          CLOUDWARD_METRICS_TOKEN: METRICS_TOKEN,
        },
        queuePrefix: `cwtest-obs-${randomUUID().slice(0, 8)}`,
        openStore: async () => store,
      },
    );
    try {
      const health = await fetch(worker.url('/health'));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', process: 'worker', jobs: 'bullmq' });
      const ready = await fetch(worker.url('/ready'), { headers: { 'x-request-id': 'probe-7' } });
      expect(ready.headers.get('x-request-id')).toBe('probe-7');
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });

      const denied = await fetch(worker.url('/metrics'));
      expect(denied.status).toBe(401);
      expect(denied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const metrics = await fetch(worker.url('/metrics'), {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      const body = await metrics.text();
      expect(body).toMatch(/^# TYPE cloudward_syncs_total counter$/m);
      expect(sample(body, 'cloudward_queue_depth{kind="sync",state="queued"}')).toBe(0);
      expect(
        sample(
          body,
          'cloudward_http_request_duration_seconds_count{method="GET",route="/health",status="200"}',
        ),
      ).toBe(1);
      expect((await fetch(worker.url('/api/v1/accounts'))).status).toBe(404);
      expect(worker.logLines()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            msg: 'request',
            process: 'worker',
            route: '/ready',
            requestId: 'probe-7',
          }),
        ]),
      );
    } finally {
      expect(await worker.stop()).toBe(0);
      await store.close().catch(() => undefined);
    }
  }, 60_000);
});

test('worker --health-port must be a port number', async () => {
  const err: string[] = [];
  const code = await main(['worker', '--health-port', 'http'], {
    stderr: (text) => void err.push(text),
    env: { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x' },
  });
  expect(code).toBe(2);
  expect(err.join('')).toBe('cloudward worker: --health-port must be a port number 0-65535, got "http"\n');
});
