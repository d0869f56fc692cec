import { BullMqJobQueue } from './bullmq';
import { InProcessJobQueue } from './in-process';
import type { JobQueue } from './queue';

export * from './queue';
export { InProcessJobQueue } from './in-process';
export { BullMqJobQueue } from './bullmq';

/** BullMQ when a Redis URL is given, else the in-process runner. */
export function createJobQueue(options: {
  redisUrl?: string;
  prefix?: string;
  onError?: (message: string, error: unknown) => void;
}): JobQueue {
  if (options.redisUrl)
    return new BullMqJobQueue({
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      onError: options.onError,
    });
  return new InProcessJobQueue({ onError: options.onError });
}
