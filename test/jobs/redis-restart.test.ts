// A real Redis restarted empty under a running `serve` (issue #13, item 3): a Redis server of this test's own (no
// persistence, a free port) is stopped and started again; serve notices on reconnect, queues the lost sync again,
// restores the schedule, and its workers keep taking jobs. Skipped where `redis-server` is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { main } from '../../api/cli/main';
import { JOB_KINDS, requestSync } from '../../api/jobs/account-jobs';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import { waitFor } from './wait';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const withRedisServer = hasRedisServer ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(
    async () => {
      const probe = new Redis(`redis://127.0.0.1:${port}`, {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    },
    10_000,
    'redis-server to answer',
  );
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

withRedisServer('serve over a Redis that restarts empty', () => {
  let redis: ChildProcess | undefined;
  let store: Store;

  afterEach(async () => {
    if (redis) await stopRedis(redis);
  });

  /** Runs `serve` or `worker` against the private Redis with a store of the test's own; syncs it runs land in `synced`. */
  async function runCommand(command: 'serve' | 'worker', url: string, prefix: string) {
    const synced: string[] = [];
    const out: string[] = [];
    const stop = new AbortController();
    let listening!: () => void;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const args =
      command === 'serve'
        ? ['serve', '--port', '0', '--data', mkdtempSync(path.join(tmpdir(), 'cw-restart-'))]
        : ['worker'];
    const exit = main(args, {
      env: {
        REDIS_URL: url,
        CLOUDWARD_SYNC_INTERVAL: '60',
        // The worker refuses to start without one; the store below is the test's own all the same.
        ...(command === 'worker'
          ? { DATABASE_URL: 'postgres://unused-in-this-test', CLOUDWARD_SECRET_KEY: 'k'.repeat(64) }
          : {}),
      },
      stdout: (text) => void out.push(text),
      stderr: (text) => void out.push(text),
      stopSignal: stop.signal,
      onListening: () => listening(),
      openStore: async () => store,
      queuePrefix: prefix,
      resetCheckIntervalMs: 200,
      integrations: () => ({
        runSync: async (_store, _account, sync) => {
          synced.push(sync.id);
          return 'succeeded';
        },
        runEvaluation: async () => undefined,
      }),
    });
    await Promise.race([
      started,
      exit.then((code) => Promise.reject(new Error(`${command} exited early with ${code}: ${out.join('')}`))),
    ]);
    return { synced, out: () => out.join(''), stop: () => stop.abort(), exit };
  }

  async function newAccount(awsAccountId: string) {
    return store.createAccount({
      name: 'restart',
      awsAccountId,
      roleArn: `arn:aws:iam::${awsAccountId}:role/Cloudward`,
      externalIdCiphertext: 'v1:x:y:z',
      regions: ['eu-west-1'],
    });
  }

  test('serve: the lost sync runs, the schedule is back and new syncs still run', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const prefix = 'cwrestart';
    redis = await startRedis(port);
    store = await openStore({ memory: true });
    const serve = await runCommand('serve', url, prefix);
    const producer = new BullMqJobQueue({ redisUrl: url, prefix });
    try {
      const account = await newAccount('420000000001');
      // In flight in the store with no job anywhere: what a sync queued just before the restart looks like after it.
      const lost = await store.createSync(account.id, 'manual');

      await stopRedis(redis);
      redis = await startRedis(port);

      await waitFor(
        async () => (await store.getSync(lost.id))?.status === 'succeeded',
        20_000,
        `the lost sync to run again (serve said: ${serve.out()})`,
      );
      expect(serve.synced).toEqual([lost.id]);
      expect(serve.out()).toMatch(/the job queue lost its jobs .*reconciling with the store/);
      const inspector = new Queue(JOB_KINDS.scheduledSync, { connection: { url }, prefix });
      try {
        expect((await inspector.getJobScheduler(`schedule-${JOB_KINDS.scheduledSync}`))?.every).toBe(
          3_600_000,
        );
      } finally {
        await inspector.close();
      }

      // serve's workers survived the restart: a new sync queued by another process runs.
      const next = await requestSync(store, producer, account, 'manual');
      await waitFor(
        async () => (await store.getSync(next.id))?.status === 'succeeded',
        20_000,
        'a new sync to run',
      );
    } finally {
      await producer.close({ graceMs: 500 });
      serve.stop();
    }
    expect(await serve.exit).toBe(0);
  }, 60_000);

  test('worker: the lost sync runs; the schedule is left to serve', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const prefix = 'cwrestartw';
    redis = await startRedis(port);
    store = await openStore({ memory: true });
    const worker = await runCommand('worker', url, prefix);
    try {
      const account = await newAccount('420000000002');
      const lost = await store.createSync(account.id, 'manual');
      await stopRedis(redis);
      redis = await startRedis(port);
      await waitFor(
        async () => (await store.getSync(lost.id))?.status === 'succeeded',
        20_000,
        `the lost sync to run again (worker said: ${worker.out()})`,
      );
      expect(worker.synced).toEqual([lost.id]);
      const inspector = new Queue(JOB_KINDS.scheduledSync, { connection: { url }, prefix });
      try {
        expect(await inspector.getJobScheduler(`schedule-${JOB_KINDS.scheduledSync}`)).toBeUndefined();
      } finally {
        await inspector.close();
      }
    } finally {
      worker.stop();
    }
    expect(await worker.exit).toBe(0);
  }, 60_000);
});
