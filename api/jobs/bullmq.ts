// BullMQ runner (REDIS_URL): one BullMQ queue per job kind, so `cloudward worker` processes on other machines
// share the work. A worker that dies mid-job loses its lock; BullMQ's stalled-job check puts the job back.
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  PermanentJobError,
  type EnqueueOptions,
  type EnqueueResult,
  type JobHandler,
  type JobQueue,
  type ProcessOptions,
  type ResetWatchOptions,
} from './queue';

export interface BullMqQueueOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a unique one per file. Default `cloudward`. */
  prefix?: string;
  /** Lock time before a silent worker's job counts as stalled and is retried elsewhere (default 30 s). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  onError?: (message: string, error: unknown) => void;
}

export class BullMqJobQueue implements JobQueue {
  readonly runner = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly connection: { url: string; maxRetriesPerRequest: null };
  private readonly prefix: string;
  /** A connection of its own for readiness checks: it fails fast where the workers' connections wait forever. */
  private pinger?: Redis;
  private pingerError?: Error;
  private readonly resetWatchers = new Set<() => void>();

  constructor(private readonly options: BullMqQueueOptions) {
    // Workers block on Redis; BullMQ requires maxRetriesPerRequest: null for them.
    this.connection = { url: options.redisUrl, maxRetriesPerRequest: null };
    this.prefix = options.prefix ?? 'cloudward';
  }

  private queue(kind: string): Queue {
    let queue = this.queues.get(kind);
    if (!queue) {
      queue = new Queue(kind, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.options.onError?.(`queue ${kind} error`, error));
      this.queues.set(kind, queue);
    }
    return queue;
  }

  async enqueue(kind: string, data: object, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const queue = this.queue(kind);
    if (options.jobId) {
      const existing = await queue.getJob(options.jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown')
          return { id: options.jobId, deduplicated: true };
        // A finished job kept by Redis would swallow the new one: clear it first.
        await existing.remove().catch(() => undefined);
      }
    }
    const job = await queue.add(kind, data, {
      jobId: options.jobId,
      attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      // Removing finished jobs frees their jobId for the next run of the same account.
      removeOnComplete: true,
      removeOnFail: true,
    });
    return { id: job.id ?? options.jobId ?? '', deduplicated: false };
  }

  process<T>(kind: string, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    if (this.workers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    const worker = new Worker(
      kind,
      async (job: Job) => {
        try {
          await handler(job.data as T, {
            id: job.id ?? '',
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
            reportProgress: (progress) => job.updateProgress(progress),
          });
        } catch (error) {
          if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: Math.max(1, options.concurrency ?? 1),
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 2,
      },
    );
    // Stored in Redis for the queue: every worker process then shares the bound.
    if (options.globalConcurrency !== undefined)
      this.queue(kind)
        .setGlobalConcurrency(Math.max(1, options.globalConcurrency))
        .catch((error) => this.options.onError?.(`setting the global concurrency of ${kind} failed`, error));
    worker.on('error', (error) => this.options.onError?.(`worker ${kind} error`, error));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        this.options.onError?.(`job ${kind} ${job.id} failed`, error);
    });
    this.workers.set(kind, worker);
  }

  async schedule(kind: string, everyMs: number, data: object = {}): Promise<void> {
    if (!(everyMs > 0)) throw new Error('schedule interval must be positive');
    const queue = this.queue(kind);
    const schedulerId = `schedule-${kind}`;
    // Every process calls this at start: keep an unchanged schedule as it is, so restarts neither fire it at
    // once nor keep pushing it back.
    const existing = await queue.getJobScheduler(schedulerId);
    if (existing?.every === everyMs) return;
    await queue.upsertJobScheduler(
      schedulerId,
      { every: everyMs, startDate: Date.now() + everyMs },
      { name: kind, data, opts: { attempts: 1, removeOnComplete: true, removeOnFail: true } },
    );
  }

  async ready(): Promise<void> {
    if (!this.pinger) {
      const created = new Redis(this.connection.url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        retryStrategy: () => null,
      });
      // ioredis reports the cause (ECONNREFUSED, ...) as an event and rejects with "Connection is closed".
      // One listener for the connection's life: one per readiness check would pile up.
      created.on('error', (error: Error) => (this.pingerError = error));
      this.pinger = created;
    }
    const pinger = this.pinger;
    this.pingerError = undefined;
    const unreachable = (error: Error) => {
      this.pinger = undefined;
      pinger.disconnect();
      return new Error(`Redis is not reachable: ${(this.pingerError ?? error).message}`);
    };
    if (pinger.status === 'wait' || pinger.status === 'end') {
      await pinger.connect().catch((error: Error) => {
        throw unreachable(error);
      });
    }
    const answer = await pinger.ping().catch((error: Error) => {
      throw unreachable(error);
    });
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
  }

  async hasJob(kind: string, id: string): Promise<boolean> {
    const job = await this.queue(kind).getJob(id);
    if (!job) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  /**
   * Each watcher keeps a marker key of its own in Redis (`<prefix>:alive:<uuid>`, expiring after an hour unless
   * rewritten). A check finds it missing only when Redis lost its data: restarted without persistence, flushed,
   * or down longer than the expiry (a false alarm then costs one reconciliation, which is idempotent). One key per
   * process, not a shared one: a process started after the reset would recreate a shared key and hide the reset
   * from the others.
   */
  async watchForReset(onReset: () => Promise<void>, options: ResetWatchOptions = {}): Promise<() => void> {
    const intervalMs = options.intervalMs ?? 10_000;
    const key = `${this.prefix}:alive:${randomUUID()}`;
    const ttlSeconds = Math.max(3600, Math.ceil((intervalMs * 10) / 1000));
    // Its own connection, failing fast while Redis is away (BullMQ's connections hold commands until it is back).
    const redis = new Redis(this.connection.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
    });
    redis.on('error', () => undefined); // it reconnects by itself; checks skip while it is away
    /** Writes the marker; true when it was already there. */
    const mark = async (): Promise<boolean> => {
      const results = await redis.multi().exists(key).set(key, '1', 'EX', ttlSeconds).exec();
      const [error, exists] = results?.[0] ?? [new Error('no answer from Redis')];
      if (error) throw error;
      return exists === 1;
    };
    let established = false;
    let checking = false;
    let stopped = false;
    let resolveFirst: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (resolveFirst = resolve));
    const check = async () => {
      if (checking || stopped || redis.status !== 'ready') return;
      checking = true;
      try {
        const wasThere = await mark();
        if (!established) {
          established = true;
          resolveFirst();
        } else if (!wasThere && !stopped) {
          try {
            await onReset();
          } catch (error) {
            // Remove the marker again so the next check retries the reconciliation instead of forgetting it.
            await redis.del(key).catch(() => undefined);
            throw error;
          }
        }
      } catch (error) {
        this.options.onError?.('checking Redis for lost jobs failed', error);
      } finally {
        checking = false;
      }
    };
    // 'ready' fires on the first connection and after every reconnect: a restarted Redis is checked at once.
    redis.on('ready', () => void check());
    const timer = setInterval(() => void check(), intervalMs);
    timer.unref();
    const stop = () => {
      stopped = true;
      clearInterval(timer);
      redis.disconnect();
      resolveFirst();
      this.resetWatchers.delete(stop);
    };
    this.resetWatchers.add(stop);
    redis.connect().catch(() => undefined); // unreachable now: retried in the background
    // The marker goes in before the caller's start-up requeue, so a reset right after it is not missed. Redis down
    // at start: do not hold start-up; the marker is written once it answers.
    const bound = setTimeout(resolveFirst, 5_000);
    await first;
    clearTimeout(bound);
    return stop;
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    for (const stop of [...this.resetWatchers]) stop();
    this.pinger?.disconnect();
    this.pinger = undefined;
    const graceMs = options.graceMs ?? 30_000;
    await Promise.all(
      [...this.workers.values()].map(async (worker) => {
        let timeout: NodeJS.Timeout | undefined;
        const graceful = worker.close();
        const timedOut = await Promise.race([
          graceful.then(() => false),
          new Promise<boolean>((resolve) => {
            timeout = setTimeout(() => resolve(true), graceMs);
          }),
        ]);
        clearTimeout(timeout);
        // Jobs still running keep their lock until it expires; another worker then takes them over as stalled.
        if (timedOut) await worker.close(true);
      }),
    );
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.workers.clear();
    this.queues.clear();
  }

  /** Test helper: deletes every key of this queue's kinds. */
  async obliterate(kinds: string[]): Promise<void> {
    for (const kind of kinds) await this.queue(kind).obliterate({ force: true });
  }
}
