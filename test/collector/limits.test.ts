import { Semaphore, TokenBucket, mapLimit } from '../../collector/limits';

describe('Semaphore', () => {
  test('lets at most `capacity` run and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        semaphore.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          order.push(n);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(semaphore.inFlight).toBe(0);
  });

  test('releases its slot when the task throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  test('refuses a capacity that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(/positive integer/);
  });
});

describe('TokenBucket', () => {
  test('serves the burst at once, then one token per refill interval', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const bucket = new TokenBucket(
      3,
      10,
      () => now,
      async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 5; i += 1) await bucket.take();
    expect(sleeps).toEqual([100, 100]);
    expect(now).toBe(200);
  });

  test('refills with time and never beyond the burst', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const bucket = new TokenBucket(
      2,
      20,
      () => now,
      async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    );
    await bucket.take();
    await bucket.take();
    now += 10_000;
    await bucket.take();
    await bucket.take();
    expect(sleeps).toEqual([]);
    await bucket.take();
    expect(sleeps).toEqual([50]);
  });
});

describe('mapLimit', () => {
  test('keeps input order and the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms * 2;
    });
    expect(out).toEqual([60, 20, 40, 10, 2]);
    expect(peak).toBe(2);
  });

  test('empty input resolves to an empty array; the first error rejects', async () => {
    await expect(mapLimit([], 4, async () => 1)).resolves.toEqual([]);
    await expect(
      mapLimit([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n)),
    ).rejects.toThrow('two');
  });
});
