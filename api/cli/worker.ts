// `cloudward worker`: BullMQ workers only, for scale-out next to `serve` (shared PostgreSQL + Redis).
import { reconcileOnReset, registerAccountJobs, requeueRequestedEvaluations } from '../jobs/account-jobs';
import { parseCommandArgs, UsageError } from './args';
import { resolveIo, waitForStop, type CliIo } from './io';
import { startRuntime } from './runtime';

export const WORKER_USAGE = `Usage: cloudward worker [--data ./data]

Processes sync and evaluation jobs from Redis (BullMQ). Needs REDIS_URL and DATABASE_URL (the embedded
store cannot be shared between processes) and the same CLOUDWARD_SECRET_KEY as the server.

Options:
  --data DIR   directory of secret.key when CLOUDWARD_SECRET_KEY is not set (default ./data)
  -h, --help   show this help`;

const SHUTDOWN_GRACE_MS = 30_000;

export async function workerCommand(args: string[], io: CliIo = {}): Promise<number> {
  const resolved = resolveIo(io);
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    resolved.out(WORKER_USAGE + '\n');
    return 0;
  }
  if (!resolved.env.REDIS_URL)
    throw new UsageError('REDIS_URL is not set; the worker takes its jobs from Redis (BullMQ)');
  if (!resolved.env.DATABASE_URL)
    throw new UsageError('DATABASE_URL is not set; workers share PostgreSQL with the server');

  const runtime = await startRuntime({ dataDir: values.data ?? './data', io, resolved });
  const { store, jobs, integrations, logger } = runtime;
  try {
    registerAccountJobs({
      store,
      queue: jobs,
      runSync: integrations.runSync,
      runEvaluation: integrations.runEvaluation,
      logger,
    });
    // serve restores the schedule (it owns CLOUDWARD_SYNC_INTERVAL); the worker puts syncs and evaluations back.
    await reconcileOnReset(store, jobs, logger, { intervalMs: io.resetCheckIntervalMs });
    // Evaluations requested in the store whose job Redis lost (restarted empty); the job id de-duplicates the rest.
    const evaluations = await requeueRequestedEvaluations(store, jobs);
    if (evaluations > 0) logger.info(`queued ${evaluations} evaluation(s) still requested in the store`);
    logger.info('worker started; waiting for jobs');
    io.onListening?.({ port: 0 });
    const reason = await waitForStop(io.stopSignal);
    logger.info(`${reason}: finishing running jobs, then stopping`);
  } finally {
    await runtime.close(SHUTDOWN_GRACE_MS);
  }
  logger.info('stopped');
  return 0;
}
