// Redis restarted empty (issue #13, item 3): the queue notices, and the store's in-flight syncs, requested
// evaluations and the sync schedule are put back; a sync nothing will ever run no longer blocks the account (409).
// BullMQ parts need TEST_REDIS_URL and touch only keys under a prefix unique to this run.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  JOB_KINDS,
  ORPHANED_SYNC_MS,
  reconcileOnReset,
  registerAccountJobs,
  requestSync,
  scheduleSyncs,
  silentLogger,
  STALE_RUNNING_MS,
  syncJobId,
  type RunSync,
} from '../../api/jobs/account-jobs';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { openStore } from '../../store';
import type { Account } from '../../store/model';
import { ConflictError, type Store } from '../../store/store';
import { sleep, waitFor } from './wait';

const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL;
const prefix = `cwreset-${randomUUID().slice(0, 8)}`;
const withRedis = redisUrl ? describe : describe.skip;

// A clock the tests move forward: staleness is measured with the store's clock, never the machine's.
const base = Date.parse('2026-03-01T09:00:00Z');
let offsetMs = 0;
const clock = () => new Date(base + offsetMs);

let store: Store;
let nextAccount = 410000000000;

beforeAll(async () => {
  store = await openStore({ memory: true, clock });
});
afterAll(async () => {
  await store.close();
});
beforeEach(() => {
  offsetMs = 0;
});

async function newAccount(): Promise<Account> {
  const awsAccountId = String(nextAccount++);
  return store.createAccount({
    name: `reset ${awsAccountId}`,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/Cloudward`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
}

/** What a Redis restart without persistence does to Cloudward's data: every key under its prefix is gone. */
async function wipePrefix(url: string, keyPrefix: string): Promise<number> {
  const redis = new Redis(url);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

describe('a sync nothing will run does not block the account', () => {
  test('queued with no job: 409 for the first minute, then replaced and recorded as failed with the reason', async () => {
    const queue = new InProcessJobQueue();
    try {
      const account = await newAccount();
      // The store says queued, the queue has no job: what an empty Redis leaves behind.
      const orphan = await store.createSync(account.id, 'manual');
      await expect(requestSync(store, queue, account, 'manual')).rejects.toBeInstanceOf(ConflictError);
      offsetMs = ORPHANED_SYNC_MS + 1_000;
      const fresh = await requestSync(store, queue, account, 'manual');
      expect(fresh.id).not.toBe(orphan.id);
      expect(await queue.hasJob(JOB_KINDS.syncAccount, syncJobId(account.id, fresh.id))).toBe(true);
      const old = await store.getSync(orphan.id);
      expect(old?.status).toBe('failed');
      expect(old?.error).toMatch(/job queue no longer held this queued sync/);
    } finally {
      await queue.close({ graceMs: 100 });
    }
  });

  test('queued with its job still in the queue: kept however old (409)', async () => {
    const queue = new InProcessJobQueue(); // no handler: the job waits
    try {
      const account = await newAccount();
      const waiting = await requestSync(store, queue, account, 'manual');
      offsetMs = 2 * 60 * 60_000;
      await expect(requestSync(store, queue, account, 'manual')).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getSync(waiting.id))?.status).toBe('queued');
    } finally {
      await queue.close({ graceMs: 100 });
    }
  });

  test('running for more than 6 h: replaced even though its job is still there', async () => {
    const queue = new InProcessJobQueue();
    try {
      const account = await newAccount();
      const hung = await requestSync(store, queue, account, 'manual');
      await store.markSyncRunning(hung.id);
      offsetMs = STALE_RUNNING_MS - 60_000;
      await expect(requestSync(store, queue, account, 'schedule')).rejects.toBeInstanceOf(ConflictError);
      offsetMs = STALE_RUNNING_MS + 60_000;
      const fresh = await requestSync(store, queue, account, 'schedule');
      expect(fresh.status).toBe('queued');
      const old = await store.getSync(hung.id);
      expect(old?.status).toBe('failed');
      expect(old?.error).toMatch(/^stale: running for more than 6 h/);
    } finally {
      await queue.close({ graceMs: 100 });
    }
  });

  test('the in-process runner never reports a reset', async () => {
    const queue = new InProcessJobQueue();
    const resets: number[] = [];
    const stop = await queue.watchForReset(async () => void resets.push(1), { intervalMs: 20 });
    await sleep(100);
    stop();
    expect(resets).toEqual([]);
    await queue.close({ graceMs: 100 });
  });
});

withRedis('BullMQ: Redis restarted empty', () => {
  const url = redisUrl as string;
  let queue: BullMqJobQueue;

  beforeEach(() => {
    queue = new BullMqJobQueue({ redisUrl: url, prefix });
  });
  afterEach(async () => {
    await queue.close({ graceMs: 1000 });
    await wipePrefix(url, prefix);
  });

  test('hasJob: true while waiting, false for an unknown id and once the job ran', async () => {
    const kind = `has-${randomUUID().slice(0, 8)}`;
    await queue.enqueue(kind, { n: 1 }, { jobId: 'job-1' });
    expect(await queue.hasJob(kind, 'job-1')).toBe(true);
    expect(await queue.hasJob(kind, 'job-2')).toBe(false);
    const ran: number[] = [];
    queue.process<{ n: number }>(kind, async (data) => void ran.push(data.n));
    await waitFor(() => ran.length === 1, 10_000, 'the job to run');
    await waitFor(async () => !(await queue.hasJob(kind, 'job-1')), 5_000, 'the finished job to be gone');
  });

  test('the watcher stays quiet while Redis keeps its data and fires once it lost it', async () => {
    const resets: number[] = [];
    await queue.watchForReset(async () => void resets.push(Date.now()), { intervalMs: 100 });
    await sleep(400);
    expect(resets).toEqual([]);
    expect(await wipePrefix(url, prefix)).toBeGreaterThan(0); // the marker at least
    await waitFor(() => resets.length === 1, 5_000, 'the reset to be noticed');
    await sleep(400); // the marker is back: one reset, one call
    expect(resets).toHaveLength(1);
  });

  test('a reconciliation that fails is tried again at the next check', async () => {
    const calls: number[] = [];
    const errors: string[] = [];
    const watched = new BullMqJobQueue({
      redisUrl: url,
      prefix,
      onError: (message, error) => void errors.push(`${message}: ${(error as Error).message}`),
    });
    try {
      await watched.watchForReset(
        async () => {
          calls.push(calls.length + 1);
          if (calls.length === 1) throw new Error('the database did not answer');
        },
        { intervalMs: 100 },
      );
      await wipePrefix(url, prefix);
      await waitFor(() => calls.length === 2, 5_000, 'the reconciliation to be retried');
      await sleep(400);
      expect(calls).toEqual([1, 2]);
      expect(errors).toEqual(['checking Redis for lost jobs failed: the database did not answer']);
    } finally {
      await watched.close({ graceMs: 100 });
    }
  });

  test('reconciles: the lost sync is queued again and runs, the schedule is restored, POST is not refused', async () => {
    const account = await newAccount();
    // Queued while no worker runs; then Redis loses everything (job and schedule).
    const sync = await requestSync(store, queue, account, 'manual');
    await scheduleSyncs(queue, 60);
    const jobId = syncJobId(account.id, sync.id);
    expect(await queue.hasJob(JOB_KINDS.syncAccount, jobId)).toBe(true);
    await reconcileOnReset(store, queue, silentLogger, {
      restoreSchedule: () => scheduleSyncs(queue, 60),
      intervalMs: 100,
    });
    await wipePrefix(url, prefix);
    expect(await queue.hasJob(JOB_KINDS.syncAccount, jobId)).toBe(false);

    await waitFor(() => queue.hasJob(JOB_KINDS.syncAccount, jobId), 5_000, 'the sync to be queued again');
    const inspector = new Queue(JOB_KINDS.scheduledSync, { connection: { url }, prefix });
    try {
      await waitFor(
        async () =>
          (await inspector.getJobScheduler(`schedule-${JOB_KINDS.scheduledSync}`))?.every === 3_600_000,
        5_000,
        'the schedule to be restored',
      );
    } finally {
      await inspector.close();
    }

    const ran: string[] = [];
    // Earlier tests left syncs of other accounts in flight in this store; they are reconciled too.
    const runSync: RunSync = async (_store, synced, running) => {
      if (synced.id === account.id) ran.push(running.id);
      return 'succeeded';
    };
    registerAccountJobs({ store, queue, runSync, runEvaluation: async () => undefined });
    await waitFor(
      async () => (await store.getSync(sync.id))?.status === 'succeeded',
      15_000,
      'the sync to run',
    );
    expect(ran).toEqual([sync.id]);
    // The account is free again: the next request makes a new sync instead of a 409.
    const next = await requestSync(store, queue, account, 'manual');
    expect(next.id).not.toBe(sync.id);
  }, 30_000);

  test('a sync queued before the reset and never reconciled is freed by the next request after a minute', async () => {
    const account = await newAccount();
    const lost = await requestSync(store, queue, account, 'manual');
    await wipePrefix(url, prefix);
    await expect(requestSync(store, queue, account, 'manual')).rejects.toBeInstanceOf(ConflictError);
    offsetMs = ORPHANED_SYNC_MS + 1_000;
    const fresh = await requestSync(store, queue, account, 'manual');
    expect(await queue.hasJob(JOB_KINDS.syncAccount, syncJobId(account.id, fresh.id))).toBe(true);
    expect((await store.getSync(lost.id))?.status).toBe('failed');
  });
});
