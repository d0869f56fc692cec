// The default runner: jobs live in memory and run in this process. It keeps nothing across restarts; the
// store is the durable record (unfinished syncs and requested evaluations are queued again at start, see
// requeueUnfinishedSyncs and requeueRequestedEvaluations).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  PermanentJobError,
  retryDelay,
  type EnqueueOptions,
  type EnqueueResult,
  type JobHandler,
  type JobQueue,
  type ProcessOptions,
  type ResetWatchOptions,
} from './queue';

interface PendingJob {
  id: string;
  kind: string;
  data: object;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
}

interface Worker {
  handler: JobHandler<unknown>;
  concurrency: number;
  running: number;
}

export interface InProcessQueueOptions {
  onError?: (message: string, error: unknown) => void;
}

export class InProcessJobQueue implements JobQueue {
  readonly runner = 'in-process' as const;
  private readonly waiting = new Map<string, PendingJob[]>();
  private readonly workers = new Map<string, Worker>();
  /** Ids of jobs waiting, delayed or running: the de-duplication set. */
  private readonly pendingIds = new Set<string>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly scheduleTimers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions = {}) {}

  async enqueue(kind: string, data: object, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    if (this.closed) throw new Error('job queue is closed');
    const id = options.jobId ?? randomUUID();
    if (this.pendingIds.has(id)) return { id, deduplicated: true };
    this.pendingIds.add(id);
    this.push({
      id,
      kind,
      data,
      attempt: 1,
      maxAttempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
    });
    return { id, deduplicated: false };
  }

  process<T>(kind: string, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    if (this.workers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    this.workers.set(kind, {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, Math.min(options.concurrency ?? 1, options.globalConcurrency ?? Infinity)),
      running: 0,
    });
    this.pump(kind);
  }

  async schedule(kind: string, everyMs: number, data: object = {}): Promise<void> {
    if (!(everyMs > 0)) throw new Error('schedule interval must be positive');
    clearInterval(this.scheduleTimers.get(kind));
    const timer = setInterval(() => {
      // Same jobId every time: a tick while the previous run is still pending is skipped.
      this.enqueue(kind, data, { jobId: `schedule-${kind}`, attempts: 1 }).catch((error) =>
        this.options.onError?.(`scheduling ${kind} failed`, error),
      );
    }, everyMs);
    timer.unref();
    this.scheduleTimers.set(kind, timer);
  }

  /** Jobs run in this process: ready while it runs. */
  async ready(): Promise<void> {}

  /** Job ids are unique across kinds here (the de-duplication set), so the kind is not needed to find one. */
  async hasJob(_kind: string, id: string): Promise<boolean> {
    return this.pendingIds.has(id);
  }

  /** Memory is lost only with the process, and start-up requeues from the store: nothing to watch. */
  async watchForReset(_onReset: () => Promise<void>, _options?: ResetWatchOptions): Promise<() => void> {
    return () => undefined;
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.closed = true;
    for (const timer of this.scheduleTimers.values()) clearInterval(timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.scheduleTimers.clear();
    this.retryTimers.clear();
    this.waiting.clear();
    const graceMs = options.graceMs ?? 30_000;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, graceMs);
        timeout.unref();
      }),
    ]);
    clearTimeout(timeout);
  }

  private push(job: PendingJob): void {
    const list = this.waiting.get(job.kind) ?? [];
    list.push(job);
    this.waiting.set(job.kind, list);
    this.pump(job.kind);
  }

  private pump(kind: string): void {
    const worker = this.workers.get(kind);
    const list = this.waiting.get(kind);
    while (!this.closed && worker && list && list.length > 0 && worker.running < worker.concurrency) {
      const job = list.shift()!;
      worker.running += 1;
      const run = this.run(worker, job).finally(() => {
        worker.running -= 1;
        this.running.delete(run);
        this.pump(kind);
      });
      this.running.add(run);
    }
  }

  private async run(worker: Worker, job: PendingJob): Promise<void> {
    try {
      await worker.handler(job.data, {
        id: job.id,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        reportProgress: async () => {},
      });
      this.pendingIds.delete(job.id);
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      if (permanent || job.attempt >= job.maxAttempts || this.closed) {
        this.pendingIds.delete(job.id);
        this.options.onError?.(`job ${job.kind} ${job.id} failed after ${job.attempt} attempt(s)`, error);
        return;
      }
      const timer = setTimeout(
        () => {
          this.retryTimers.delete(timer);
          if (!this.closed) this.push({ ...job, attempt: job.attempt + 1 });
        },
        retryDelay(job.backoffMs, job.attempt),
      );
      timer.unref();
      this.retryTimers.add(timer);
    }
  }
}
