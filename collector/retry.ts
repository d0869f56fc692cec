// How the collector retries and paces calls under throttling: a short jittered backoff that starts small (the
// SDK's adaptive mode starts throttling retries at 500 ms and drops a whole client to one request every two
// seconds after a few throttles, which made a 10%-throttled scan ~5x slower), and a per (client, region)
// concurrency limit that halves on throttling and creeps back up on success (AIMD, as TCP does), so the service
// that throttles is the one that slows down.
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import { isThrottlingError } from './errors';

/** The first retry waits 50-100 ms; each further one twice as long, up to 1-2 s. */
export const BASE_RETRY_DELAY_MS = 100;
export const MAX_RETRY_DELAY_MS = 2_000;
/** A `Retry-After` longer than this is not waited for in full (the budget of attempts still bounds the wait). */
const MAX_RETRY_AFTER_MS = 5_000;

export interface RetryOptions {
  /** Attempts for a throttled call (the first one included). */
  maxAttempts: number;
  /** Attempts for a server error or timeout: AWS's standard 3. */
  serverErrorMaxAttempts: number;
  random?: () => number;
  now?: () => number;
}

class RetryToken implements StandardRetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
  getRetryCost(): number | undefined {
    return undefined;
  }
}

/** Backoff before retry number `retry` (0 for the first retry): half fixed, half random ("equal jitter"). */
export function backoffMs(
  retry: number,
  baseMs = BASE_RETRY_DELAY_MS,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * The SDK's RetryStrategyV2 without the adaptive mode's client-wide rate limiter or retry quota: a throttle says
 * "slow down", not "this read is lost", so throttled calls get the whole budget of attempts whatever else fails.
 * The retry middleware sleeps `getRetryDelay()` outside the attempt middleware, so a waiting retry holds no slot.
 */
export class CollectorRetryStrategy implements RetryStrategyV2 {
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: RetryOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  async acquireInitialRetryToken(): Promise<StandardRetryToken> {
    return new RetryToken(0, 0);
  }

  async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    const throttled = errorInfo.errorType === 'THROTTLING' || isThrottlingError(errorInfo.error);
    const retryable = throttled || errorInfo.errorType === 'TRANSIENT';
    const budget = throttled ? this.options.maxAttempts : this.options.serverErrorMaxAttempts;
    const retry = token.getRetryCount();
    if (!retryable || retry + 1 >= budget) throw new Error('No retry token available');
    let delay = backoffMs(retry, BASE_RETRY_DELAY_MS, this.random);
    if (errorInfo.retryAfterHint instanceof Date)
      delay = Math.max(delay, Math.min(errorInfo.retryAfterHint.getTime() - this.now(), MAX_RETRY_AFTER_MS));
    return new RetryToken(retry + 1, delay);
  }

  recordSuccess(): void {
    // Nothing to give back: there is no retry quota to refill.
  }
}

/**
 * Requests in flight to one (client, region): starts at `ceiling`, is cut by a quarter on a throttle (at most once
 * per `cooldownMs`, so one burst of throttled answers counts once) and grows by one per `limit` successes. Never
 * below 1: every read still goes out, just fewer at a time.
 */
export class AdaptiveConcurrency {
  private limitValue: number;
  private running = 0;
  private successes = 0;
  private lastCut = -Infinity;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly ceiling: number,
    private readonly cooldownMs = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.limitValue = ceiling;
  }

  get limit(): number {
    return Math.floor(this.limitValue);
  }

  get inFlight(): number {
    return this.running;
  }

  async acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Ends one attempt; `throttled` when AWS answered it with a throttling error. */
  release(throttled: boolean): void {
    this.running -= 1;
    if (throttled) {
      const at = this.now();
      if (at - this.lastCut >= this.cooldownMs) {
        this.lastCut = at;
        this.limitValue = Math.max(1, this.limitValue * 0.75);
        this.successes = 0;
      }
    } else if (this.limitValue < this.ceiling && ++this.successes >= this.limit) {
      this.successes = 0;
      this.limitValue = Math.min(this.ceiling, this.limitValue + 1);
    }
    while (this.waiters.length > 0 && this.running < this.limit) {
      this.running += 1;
      this.waiters.shift()!();
    }
  }
}
