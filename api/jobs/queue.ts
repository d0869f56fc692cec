// The job queue both runners implement (in-process by default, BullMQ with REDIS_URL); one contract suite in
// test/jobs/ holds them to the same behaviour.

export interface EnqueueOptions {
  /** De-duplication key: while a job with this id is waiting, delayed or running, enqueueing it again is a no-op. */
  jobId?: string;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** First retry delay; doubles on every further retry (default 5000 ms). */
  backoffMs?: number;
}

export interface EnqueueResult {
  id: string;
  /** True when a job with the same jobId was already pending, so nothing new was queued. */
  deduplicated: boolean;
}

export interface JobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Reports progress to the runner (visible in BullMQ); callers also write sync progress to the store. */
  reportProgress(progress: number | object): Promise<void>;
}

export type JobHandler<T = unknown> = (data: T, context: JobContext) => Promise<void>;

export interface ProcessOptions {
  /** Jobs of this kind run at once in this process (default 1). */
  concurrency?: number;
  /**
   * Jobs of this kind run at once across every process sharing the queue (BullMQ's global concurrency); the
   * in-process runner is one process, so it takes the smaller of the two.
   */
  globalConcurrency?: number;
}

export interface ResetWatchOptions {
  /** How often the backend is checked (default 10 s). */
  intervalMs?: number;
}

export interface JobQueue {
  readonly runner: 'in-process' | 'bullmq';
  enqueue(kind: string, data: object, options?: EnqueueOptions): Promise<EnqueueResult>;
  /** Registers the handler for a kind and starts taking its jobs. One handler per kind. */
  process<T>(kind: string, handler: JobHandler<T>, options?: ProcessOptions): void;
  /** Enqueues `kind` every `everyMs` (replacing an earlier schedule of the same kind). */
  schedule(kind: string, everyMs: number, data?: object): Promise<void>;
  /** Resolves when the runner can take jobs (BullMQ: Redis answers a PING); rejects with the reason otherwise. */
  ready(): Promise<void>;
  /** True while a job of `kind` with this id is waiting, delayed or running (it will run, or is running). */
  hasJob(kind: string, id: string): Promise<boolean>;
  /**
   * Calls `onReset` whenever the backend is found to have lost its jobs (BullMQ: Redis restarted empty or was
   * flushed; checked every `intervalMs`, default 10 s, and on every reconnect). The in-process runner cannot lose
   * its jobs while the process lives and never calls it. Resolves once watching; the function it gives stops it
   * (close() stops it too).
   */
  watchForReset(onReset: () => Promise<void>, options?: ResetWatchOptions): Promise<() => void>;
  /** Stops taking jobs and waits (up to `graceMs`, default 30 s) for running ones; unfinished ones are picked up again later. */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Throw from a handler for failures a retry cannot fix (bad input, missing integration): no further attempts. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export function retryDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** (attempt - 1);
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 5000;
