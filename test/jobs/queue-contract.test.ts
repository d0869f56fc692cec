// One contract, two runners: the in-process queue always, BullMQ when REDIS_URL or TEST_REDIS_URL is set (CI).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { PermanentJobError, type JobQueue } from '../../api/jobs/queue';
import { sleep, waitFor } from './wait';

const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL;
// Unique per file run, so parallel runs and earlier runs never share keys.
const prefix = `cwtest-${randomUUID().slice(0, 8)}`;

interface Runner {
  name: string;
  make(): JobQueue;
  /** BullMQ only: another process's view of the same queues (for stalled-job recovery). */
  cleanup?(queue: JobQueue, kinds: string[]): Promise<void>;
}

const runners: Runner[] = [{ name: 'in-process', make: () => new InProcessJobQueue() }];
if (redisUrl) {
  runners.push({
    name: 'bullmq',
    make: () => new BullMqJobQueue({ redisUrl, prefix }),
    cleanup: async (queue, kinds) => {
      const cleaner = new BullMqJobQueue({ redisUrl, prefix });
      await cleaner.obliterate(kinds);
      await cleaner.close({ graceMs: 100 });
      void queue;
    },
  });
}

describe.each(runners)('JobQueue contract: $name', (runner) => {
  let queue: JobQueue;
  let kinds: string[];
  const kind = (label: string) => {
    const name = `${label}-${randomUUID().slice(0, 8)}`;
    kinds.push(name);
    return name;
  };

  beforeEach(() => {
    queue = runner.make();
    kinds = [];
  });
  afterEach(async () => {
    await queue.close({ graceMs: 2000 });
    await runner.cleanup?.(queue, kinds);
  });

  test('is ready while its backend answers', async () => {
    await expect(queue.ready()).resolves.toBeUndefined();
  });

  test('runs an enqueued job once with its data', async () => {
    const k = kind('run');
    const seen: unknown[] = [];
    queue.process<{ n: number }>(k, async (data) => {
      seen.push(data);
    });
    const result = await queue.enqueue(k, { n: 7 });
    expect(result.deduplicated).toBe(false);
    await waitFor(() => seen.length === 1);
    await sleep(200);
    expect(seen).toEqual([{ n: 7 }]);
  });

  test('jobs queued before a handler exists run once it registers', async () => {
    const k = kind('early');
    const seen: number[] = [];
    await queue.enqueue(k, { n: 1 });
    await queue.enqueue(k, { n: 2 });
    queue.process<{ n: number }>(k, async (data) => {
      seen.push(data.n);
    });
    await waitFor(() => seen.length === 2);
    expect(seen.sort()).toEqual([1, 2]);
  });

  test('a job id already pending is de-duplicated', async () => {
    const k = kind('dedup');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const first = await queue.enqueue(k, { n: 1 }, { jobId: 'account-1' });
    const second = await queue.enqueue(k, { n: 2 }, { jobId: 'account-1' });
    expect(first).toEqual({ id: 'account-1', deduplicated: false });
    expect(second).toEqual({ id: 'account-1', deduplicated: true });
    queue.process(k, async () => {
      runs += 1;
      await gate;
    });
    await waitFor(() => runs === 1);
    // Still running: the same id is still taken.
    expect((await queue.enqueue(k, { n: 3 }, { jobId: 'account-1' })).deduplicated).toBe(true);
    release();
    await sleep(300);
    expect(runs).toBe(1);
  });

  test('a job id is free again once its job finished', async () => {
    const k = kind('reuse');
    let runs = 0;
    queue.process(k, async () => {
      runs += 1;
    });
    await queue.enqueue(k, {}, { jobId: 'sync-a' });
    await waitFor(() => runs === 1);
    await waitFor(
      async () => !(await queue.enqueue(k, {}, { jobId: 'sync-a' })).deduplicated,
      5000,
      'job id to be released',
    );
    await waitFor(() => runs === 2);
  });

  test('hasJob: while waiting, running and between retries; not for unknown ids nor once finished', async () => {
    const k = kind('has');
    expect(await queue.hasJob(k, 'job-x')).toBe(false);
    await queue.enqueue(k, {}, { jobId: 'job-x', attempts: 2, backoffMs: 300 });
    expect(await queue.hasJob(k, 'job-x')).toBe(true); // waiting: no handler yet
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    queue.process(k, async () => {
      runs += 1;
      if (runs === 1) throw new Error('first attempt fails');
      await held;
    });
    await waitFor(() => runs === 1);
    expect(await queue.hasJob(k, 'job-x')).toBe(true); // waiting for its retry
    await waitFor(() => runs === 2, 5000, 'the retry');
    expect(await queue.hasJob(k, 'job-x')).toBe(true); // running
    release();
    await waitFor(async () => !(await queue.hasJob(k, 'job-x')), 5000, 'the finished job to be gone');
  });

  test('a failing job is retried with growing delays until it succeeds', async () => {
    const k = kind('retry');
    const attempts: { attempt: number; at: number }[] = [];
    let done = false;
    queue.process(k, async (_data, context) => {
      attempts.push({ attempt: context.attempt, at: Date.now() });
      expect(context.maxAttempts).toBe(3);
      if (context.attempt < 3) throw new Error('throttled');
      done = true;
    });
    await queue.enqueue(k, {}, { attempts: 3, backoffMs: 100 });
    await waitFor(() => done, 10_000);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(190);
  });

  test('gives up after the last attempt', async () => {
    const k = kind('giveup');
    let runs = 0;
    queue.process(k, async () => {
      runs += 1;
      throw new Error('always');
    });
    await queue.enqueue(k, {}, { attempts: 2, backoffMs: 50 });
    await waitFor(() => runs === 2);
    await sleep(500);
    expect(runs).toBe(2);
  });

  test('a permanent error is not retried', async () => {
    const k = kind('permanent');
    let runs = 0;
    queue.process(k, async () => {
      runs += 1;
      throw new PermanentJobError('not available');
    });
    await queue.enqueue(k, {}, { attempts: 3, backoffMs: 50 });
    await waitFor(() => runs === 1);
    await sleep(500);
    expect(runs).toBe(1);
  });

  test('handlers can report progress', async () => {
    const k = kind('progress');
    let finished = false;
    queue.process(k, async (_data, context) => {
      await context.reportProgress({ done: 1, total: 2 });
      await context.reportProgress({ done: 2, total: 2 });
      finished = true;
    });
    await queue.enqueue(k, {});
    await waitFor(() => finished);
  });

  test('with concurrency 1 jobs of a kind never overlap', async () => {
    const k = kind('serial');
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    queue.process(
      k,
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(50);
        active -= 1;
        finished += 1;
      },
      { concurrency: 1 },
    );
    for (let i = 0; i < 4; i++) await queue.enqueue(k, { i });
    await waitFor(() => finished === 4);
    expect(maxActive).toBe(1);
  });

  test('a schedule enqueues its kind repeatedly, the first time one interval after scheduling', async () => {
    const k = kind('repeat');
    const runs: number[] = [];
    queue.process(k, async () => {
      runs.push(Date.now());
    });
    const scheduledAt = Date.now();
    await queue.schedule(k, 500);
    // Scheduling again at start (every restart does) keeps the schedule instead of firing at once.
    await queue.schedule(k, 500);
    await waitFor(() => runs.length >= 2, 10_000, 'two scheduled runs');
    expect(runs[0] - scheduledAt).toBeGreaterThanOrEqual(400);
  });

  test('close waits for a running job to finish and takes no new ones', async () => {
    const k = kind('close');
    let finished = false;
    let started = false;
    queue.process(k, async () => {
      started = true;
      await sleep(400);
      finished = true;
    });
    await queue.enqueue(k, {});
    await waitFor(() => started);
    await queue.close({ graceMs: 5000 });
    expect(finished).toBe(true);
  });
});

const bullmqOnly = redisUrl ? describe : describe.skip;

bullmqOnly('BullMQ: a job whose worker process died is picked up by another worker', () => {
  test('stalled jobs are recovered', async () => {
    const k = `stalled-${randomUUID().slice(0, 8)}`;
    const survivor = new BullMqJobQueue({
      redisUrl: redisUrl!,
      prefix,
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    // A worker in another process takes the job, then is killed with SIGKILL: its lock simply expires.
    const script = `
      const { Worker } = require('bullmq');
      new Worker(${JSON.stringify(k)}, async () => { process.stdout.write('started\\n'); await new Promise(() => {}); },
        { connection: { url: ${JSON.stringify(redisUrl)}, maxRetriesPerRequest: null }, prefix: ${JSON.stringify(prefix)}, lockDuration: 1000, stalledInterval: 500 });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const recovered: unknown[] = [];
    try {
      let started = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('started')) started = true;
      });
      await survivor.enqueue(k, { accountId: 'a1' }, { jobId: 'sync-a1' });
      await waitFor(() => started, 15_000, 'the other process to take the job');
      child.kill('SIGKILL');
      survivor.process(k, async (data) => {
        recovered.push(data);
      });
      await waitFor(() => recovered.length === 1, 15_000, 'the stalled job to be re-run');
      expect(recovered).toEqual([{ accountId: 'a1' }]);
    } finally {
      child.kill('SIGKILL');
      await survivor.obliterate([k]).catch(() => undefined);
      await survivor.close({ graceMs: 1000 });
    }
  }, 40_000);
});

describe('BullMQ readiness', () => {
  test('says Redis is not reachable, quickly, when nothing listens at REDIS_URL', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const queue = new BullMqJobQueue({ redisUrl: 'redis://127.0.0.1:1', prefix });
    try {
      await expect(queue.ready()).rejects.toThrow(/^Redis is not reachable: .*ECONNREFUSED/);
    } finally {
      await queue.close({ graceMs: 100 });
    }
  });
});
