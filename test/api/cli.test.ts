// main() directly: exit codes and messages, and a real `serve` on an in-memory store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { main } from '../../api/cli/main';
import { requestSync } from '../../api/jobs/account-jobs';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import type { CliIo } from '../../api/cli/io';
import { openStore } from '../../store';
import type { Store } from '../../store/store';

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: {},
    ...extra,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('cloudward main', () => {
  test('no command prints usage on stderr and exits 2', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    expect(c.err()).toContain('Usage: cloudward <command>');
  });

  test('--help exits 0 and lists every command', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    for (const command of ['serve', 'worker', 'onboard', 'scan', 'controls'])
      expect(c.out()).toContain(command);
  });

  test('an unknown command is one line and exit 2', async () => {
    const c = capture();
    expect(await main(['deploy'], c.io)).toBe(2);
    expect(c.err().trim().split('\n')).toHaveLength(1);
    expect(c.err()).toContain('unknown command "deploy"');
  });

  test.each(['serve', 'worker'])('%s --help exits 0', async (command) => {
    const c = capture();
    expect(await main([command, '--help'], c.io)).toBe(0);
    expect(c.out()).toContain(`Usage: cloudward ${command}`);
  });

  test.each([
    [['serve', '--bogus'], /--bogus/],
    [['serve', '--port', 'eighty'], /--port must be a port number/],
    [['serve', '--port', '70000'], /--port must be a port number/],
    [['serve', '--data', ''], /--data must not be empty/],
    [['worker', '--nope'], /--nope/],
  ])('%j is a usage error: one line, exit 2', async (argv, message) => {
    const c = capture();
    expect(await main(argv as string[], c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
  });

  test('a bad PORT environment value is a usage error', async () => {
    const c = capture({ env: { PORT: 'http' } });
    expect(await main(['serve'], c.io)).toBe(2);
    expect(c.err()).toMatch(/PORT must be a port number/);
  });

  test.each([
    [['serve'], { CLOUDWARD_MAX_HOST_CONCURRENCY: '0' }, /CLOUDWARD_MAX_HOST_CONCURRENCY must be an integer/],
    [['serve'], { CLOUDWARD_MAX_CONCURRENCY: 'many' }, /CLOUDWARD_MAX_CONCURRENCY must be an integer/],
    [['scan', '--demo'], { CLOUDWARD_MAX_HOST_CONCURRENCY: '2.5' }, /CLOUDWARD_MAX_HOST_CONCURRENCY must be/],
    [['scan', '--demo'], { CLOUDWARD_MAX_CONCURRENCY: '2000' }, /CLOUDWARD_MAX_CONCURRENCY must be/],
  ])('%j with %j is a usage error before anything runs: one line, exit 2', async (argv, env, message) => {
    const c = capture({ env });
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
    expect(c.out()).toBe('');
  });

  test('worker without REDIS_URL exits 2 with a clear line', async () => {
    const c = capture();
    expect(await main(['worker'], c.io)).toBe(2);
    expect(c.err()).toBe(
      'cloudward worker: REDIS_URL is not set; the worker takes its jobs from Redis (BullMQ)\n',
    );
  });

  test('worker without DATABASE_URL exits 2 with a clear line', async () => {
    const c = capture({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    expect(await main(['worker'], c.io)).toBe(2);
    expect(c.err()).toMatch(/DATABASE_URL is not set/);
  });
});

describe('cloudward serve', () => {
  let dataDir: string;
  let stores: Store[];
  const openMemoryStore = async () => {
    const store = await openStore({ memory: true });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cloudward-serve-'));
    stores = [];
  });

  async function runServe(env: NodeJS.ProcessEnv, extra: Partial<CliIo> = {}) {
    const stop = new AbortController();
    let port = 0;
    const listening = new Promise<void>((resolve) => {
      extra.onListening = (address) => {
        port = address.port;
        resolve();
      };
    });
    const c = capture({ env, stopSignal: stop.signal, openStore: openMemoryStore, ...extra });
    const exit = main(['serve', '--port', '0', '--data', dataDir], c.io);
    await Promise.race([
      listening,
      exit.then((code) => Promise.reject(new Error(`serve exited early with ${code}: ${c.err()}`))),
    ]);
    return { port: () => port, stop: () => stop.abort(), exit, out: c.out, err: c.err };
  }

  test('starts, prints the first admin token once, serves the API and stops cleanly', async () => {
    const server = await runServe({});
    try {
      const token = /\n {2}(cw_[A-Za-z0-9_-]+)\n/.exec(server.out())?.[1];
      expect(token).toBeDefined();
      const health = await fetch(`http://127.0.0.1:${server.port()}/api/v1/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', jobs: 'in-process' });
      const accounts = await fetch(`http://127.0.0.1:${server.port()}/api/v1/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(accounts.status).toBe(200);
      const denied = await fetch(`http://127.0.0.1:${server.port()}/api/v1/accounts`);
      expect(denied.status).toBe(401);
    } finally {
      server.stop();
    }
    expect(await server.exit).toBe(0);
    expect(server.out()).toContain('stopped');
    // The store was closed on shutdown.
    await expect(stores[0].listAccounts()).rejects.toThrow();
  });

  test('CLOUDWARD_ADMIN_TOKEN is used instead of printing a token', async () => {
    const adminToken = 'cw_automation_0123456789abcdef';
    const server = await runServe({ CLOUDWARD_ADMIN_TOKEN: adminToken });
    try {
      expect(server.out()).not.toContain('shown only once');
      const me = await fetch(`http://127.0.0.1:${server.port()}/api/v1/me`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(await me.json()).toMatchObject({ role: 'admin' });
    } finally {
      server.stop();
    }
    expect(await server.exit).toBe(0);
  });

  test('--demo without a demo loader fails with one line and exit 1', async () => {
    const c = capture({ openStore: openMemoryStore, integrations: () => ({ loadDemo: undefined }) });
    expect(await main(['serve', '--port', '0', '--data', dataDir, '--demo'], c.io)).toBe(1);
    expect(c.err()).toMatch(/^cloudward serve: --demo is not available/m);
  });

  test('--demo calls the wired demo loader before serving', async () => {
    const loaded: Store[] = [];
    const server = await runServe(
      {},
      { integrations: () => ({ loadDemo: async (store) => void loaded.push(store) }) },
    );
    server.stop();
    expect(await server.exit).toBe(0);
    expect(loaded).toHaveLength(0); // not asked for
    const demo = capture({
      openStore: openMemoryStore,
      integrations: () => ({ loadDemo: async (store) => void loaded.push(store) }),
    });
    const stop = new AbortController();
    const exit = main(['serve', '--port', '0', '--data', dataDir, '--demo'], {
      ...demo.io,
      stopSignal: stop.signal,
      onListening: () => stop.abort(),
    });
    expect(await exit).toBe(0);
    expect(loaded).toHaveLength(1);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
const withRedis = redisUrl ? describe : describe.skip;

withRedis('cloudward worker (BullMQ)', () => {
  test('takes sync jobs queued by another process, then stops cleanly', async () => {
    const prefix = `cwtest-worker-${randomUUID().slice(0, 8)}`;
    const store = await openStore({ memory: true });
    const producer = new BullMqJobQueue({ redisUrl: redisUrl!, prefix });
    const stop = new AbortController();
    const synced: string[] = [];
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const c = capture({
      env: { REDIS_URL: redisUrl, DATABASE_URL: 'postgres://unused-in-this-test' },
      stopSignal: stop.signal,
      queuePrefix: prefix,
      openStore: async () => store,
      onListening: () => ready(),
      integrations: () => ({
        runSync: async (_store, account) => {
          synced.push(account.id);
          return 'succeeded';
        },
        runEvaluation: async () => undefined,
      }),
    });
    const exit = main(['worker', '--data', mkdtempSync(path.join(tmpdir(), 'cloudward-worker-'))], c.io);
    try {
      await started;
      const account = await store.createAccount({
        name: 'w',
        awsAccountId: '444455556666',
        roleArn: 'arn:aws:iam::444455556666:role/x',
        externalIdCiphertext: 'v1:a:b:c',
        regions: ['eu-west-1'],
      });
      const sync = await requestSync(store, producer, account, 'manual');
      const deadline = Date.now() + 15_000;
      while ((await store.getSync(sync.id))?.status !== 'succeeded') {
        if (Date.now() > deadline) throw new Error(`sync not processed: ${c.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(synced).toEqual([account.id]);
    } finally {
      stop.abort();
      expect(await exit).toBe(0);
      await producer
        .obliterate(['sync-account', 'evaluate-account', 'scheduled-sync'])
        .catch(() => undefined);
      await producer.close({ graceMs: 100 });
    }
    expect(c.out()).toContain('stopped');
  }, 40_000);
});
