// `cloudward worker`: BullMQ workers only, for scale-out next to `serve` (shared PostgreSQL + Redis).
import type { Server } from 'node:http';
import { reconcileOnReset, registerAccountJobs, requeueRequestedEvaluations } from '../jobs/account-jobs';
import { registerOrganizationJobs, requeueUnfinishedOrganizationSyncs } from '../jobs/organization-jobs';
import { listenWorkerHealth, workerHealthApp } from '../observability/worker-health';
import { packageVersion } from '../paths';
import { parseCommandArgs, UsageError } from './args';
import { resolveIo, waitForStop, type CliIo } from './io';
import { processLogger, startRuntime } from './runtime';
import { parsePort, syncConcurrencySettings } from './serve';

export const WORKER_USAGE = `Usage: cloudward worker [--data ./data] [--health-port N] [--health-host 127.0.0.1]

Processes sync and evaluation jobs from Redis (BullMQ). Needs REDIS_URL and DATABASE_URL (the embedded
store cannot be shared between processes) and the same CLOUDWARD_SECRET_KEY as the server.

Options:
  --data DIR          directory of secret.key when CLOUDWARD_SECRET_KEY is not set (default ./data)
  --health-port N     serve GET /health, /ready (database + Redis) and /metrics on this port
                      (default: $CLOUDWARD_WORKER_PORT; absent: no HTTP port)
  --health-host ADDR  address of the health port (default 127.0.0.1; 0.0.0.0 for probes from outside)
  -h, --help          show this help

Environment:
  CLOUDWARD_WORKER_PORT    health port when --health-port is not given
  CLOUDWARD_SYNC_CONCURRENCY         accounts this worker syncs at once (default 2)
  CLOUDWARD_SYNC_GLOBAL_CONCURRENCY  accounts synced at once across every worker; absent: no bound
  CLOUDWARD_LOG_LEVEL      trace, debug, info (default), warn, error, fatal or silent; logs are JSON lines on stdout
  CLOUDWARD_METRICS_TOKEN  bearer token Prometheus sends to GET /metrics (any API token works too)`;

const SHUTDOWN_GRACE_MS = 30_000;

export async function workerCommand(args: string[], io: CliIo = {}): Promise<number> {
  const resolved = resolveIo(io);
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' },
    'health-port': { type: 'string' },
    'health-host': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    resolved.out(WORKER_USAGE + '\n');
    return 0;
  }
  const healthPort =
    values['health-port'] !== undefined
      ? parsePort(values['health-port'], '--health-port')
      : resolved.env.CLOUDWARD_WORKER_PORT
        ? parsePort(resolved.env.CLOUDWARD_WORKER_PORT, 'CLOUDWARD_WORKER_PORT')
        : undefined;
  const healthHost = values['health-host'] ?? '127.0.0.1';
  if (healthHost.trim() === '' || /\s/.test(healthHost))
    throw new UsageError(`--health-host must be an address, got "${healthHost}"`);
  if (values['health-host'] !== undefined && healthPort === undefined)
    throw new UsageError('--health-host needs --health-port (or CLOUDWARD_WORKER_PORT)');
  if (!resolved.env.REDIS_URL)
    throw new UsageError('REDIS_URL is not set; the worker takes its jobs from Redis (BullMQ)');
  if (!resolved.env.DATABASE_URL)
    throw new UsageError('DATABASE_URL is not set; workers share PostgreSQL with the server');
  const concurrency = syncConcurrencySettings(resolved.env);
  const logger = processLogger(resolved, 'worker');

  const runtime = await startRuntime({ dataDir: values.data ?? './data', io, resolved, logger });
  const { store, jobs, integrations } = runtime;
  let health: Server | undefined;
  try {
    registerAccountJobs(
      {
        store,
        queue: jobs,
        runSync: integrations.runSync,
        runEvaluation: integrations.runEvaluation,
        logger,
      },
      concurrency,
    );
    registerOrganizationJobs({
      store,
      queue: jobs,
      runOrganizationSync: integrations.runOrganizationSync,
      logger,
    });
    // serve restores the schedule (it owns CLOUDWARD_SYNC_INTERVAL); the worker puts syncs and evaluations back.
    await reconcileOnReset(store, jobs, logger, {
      alsoReconcile: async () => {
        await requeueUnfinishedOrganizationSyncs(store, jobs);
      },
      intervalMs: io.resetCheckIntervalMs,
    });
    // Evaluations requested in the store whose job Redis lost (restarted empty); the job id de-duplicates the rest.
    const evaluations = await requeueRequestedEvaluations(store, jobs);
    if (evaluations > 0) logger.info(`queued ${evaluations} evaluation(s) still requested in the store`);
    let port = 0;
    if (healthPort !== undefined) {
      const app = workerHealthApp({
        store,
        jobs,
        metrics: runtime.metrics,
        logger,
        env: resolved.env,
        version: packageVersion(),
      });
      health = await listenWorkerHealth(app, healthPort, healthHost);
      const address = health.address();
      port = typeof address === 'object' && address ? address.port : healthPort;
      logger.info(
        `worker health on http://${healthHost.includes(':') ? `[${healthHost}]` : healthHost}:${port}`,
        {
          host: healthHost,
          port,
        },
      );
    }
    logger.info('worker started; waiting for jobs');
    io.onListening?.({ port });
    const reason = await waitForStop(io.stopSignal);
    logger.info(`${reason}: finishing running jobs, then stopping`);
  } finally {
    // The health port closes first: an orchestrator sees the worker go away while it finishes its jobs.
    if (health) await closeHealth(health);
    await runtime.close(SHUTDOWN_GRACE_MS);
  }
  logger.info('stopped');
  return 0;
}

function closeHealth(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
