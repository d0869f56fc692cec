// A bound on how long the API waits for a dependency (Redis, the database) that may hang instead of failing.

/** Settles as `work` does, or rejects with `timedOut()` after `timeoutMs`; the timer never outlives the race. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
