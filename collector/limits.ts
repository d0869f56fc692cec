// Concurrency primitives of the collector: a semaphore for the global cap on calls in flight, a token bucket
// for AWS's per-region EC2 request limits, and a bounded parallel map.

export const DEFAULT_CONCURRENCY = 32;
/**
 * Requests in flight to one endpoint host. AWS serves each service and region from its own host (and S3 each
 * bucket), so against AWS this rarely binds; behind one custom endpoint (AWS_ENDPOINT_URL: an emulator, a proxy)
 * every service shares one server, which answers slower, not faster, with more requests queued on it.
 */
export const DEFAULT_HOST_CONCURRENCY = 16;

function capFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1024)
    throw new Error(`${name} must be an integer between 1 and 1024, got "${raw}"`);
  return value;
}

/** CLOUDWARD_MAX_CONCURRENCY: AWS requests in flight per sync, and units in parallel (default 32). */
export function concurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return capFromEnv(env, 'CLOUDWARD_MAX_CONCURRENCY', DEFAULT_CONCURRENCY);
}

/** CLOUDWARD_MAX_HOST_CONCURRENCY: requests in flight to one endpoint host (default 16, at most the global cap). */
export function hostConcurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return capFromEnv(env, 'CLOUDWARD_MAX_HOST_CONCURRENCY', DEFAULT_HOST_CONCURRENCY);
}

/** FIFO counting semaphore. */
export class Semaphore {
  private available: number;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`concurrency must be a positive integer, got ${capacity}`);
    this.available = capacity;
  }

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.available += 1;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  get inFlight(): number {
    return this.capacity - this.available;
  }
}

/**
 * Token bucket: `burst` tokens, refilled at `refillPerSecond`. EC2 throttles non-mutating calls per account and
 * region with a 100-token bucket refilled at 20/s; staying under it avoids RequestLimitExceeded altogether.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly burst: number,
    readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Waits for one token; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000));
    }
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) / 1000) * this.refillPerSecond);
    this.last = at;
  }
}

/** Maps with at most `limit` calls of `fn` running; results keep the input order; the first error rejects. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
