// `cloudward serve`: API + web UI + job processing (in-process, or BullMQ with REDIS_URL) in one process.
import type { Server } from 'node:http';
import { concurrencyFromEnv, hostConcurrencyFromEnv } from '../../collector/limits';
import { createApp } from '../app';
import { ensureAdminToken } from '../auth';
import {
  concurrencySetting,
  reconcileOnReset,
  registerAccountJobs,
  requeueRequestedEvaluations,
  requeueUnfinishedSyncs,
  scheduleSyncs,
  syncIntervalMinutes,
} from '../jobs/account-jobs';
import {
  registerOrganizationJobs,
  requeueUnfinishedOrganizationSyncs,
  scheduleOrganizationSyncs,
} from '../jobs/organization-jobs';
import { startServeEventMode } from '../events/serve-events';
import { parseCommandArgs, UsageError } from './args';
import { resolveIo, waitForStop, type CliIo } from './io';
import { processLogger, redactUrl, startRuntime } from './runtime';

export const SERVE_USAGE = `Usage: cloudward serve [--port 8080] [--host 127.0.0.1] [--data ./data] [--demo]

Runs the API (/api/v1), the web UI, Prometheus metrics (/metrics) and the job runner. For a
worker's health and metrics port see: cloudward worker --help (--health-port).

Options:
  --port N     port to listen on (default: $PORT or 8080)
  --host ADDR  address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface)
  --data DIR   data directory: embedded database, secret key, lock (default ./data)
  --demo       load demo data before serving
  -h, --help   show this help

Environment:
  DATABASE_URL                 PostgreSQL connection string; absent: embedded PGlite under --data
  REDIS_URL                    Redis for BullMQ jobs (add \`cloudward worker\` processes); absent: in-process jobs
  PORT                         port when --port is not given
  CLOUDWARD_SECRET_KEY         key that encrypts external IDs at rest; absent: generated into <data>/secret.key
  CLOUDWARD_TRUSTED_PRINCIPAL  ARN of the identity that assumes customer roles (onboarding trust policies);
                               absent: detected from Cloudward's own credentials (STS GetCallerIdentity)
  CLOUDWARD_TEMPLATE_URL       HTTPS URL where you host the onboarding CloudFormation template (e.g. in S3):
                               the wizard then offers a one-click "Launch stack" link into the AWS console
  CLOUDWARD_ADMIN_TOKEN        the first admin token, instead of a generated one
  CLOUDWARD_SYNC_INTERVAL      minutes between scheduled syncs of accounts and organizations (default 1440)
  CLOUDWARD_SYNC_CONCURRENCY   accounts synced at once by each process (default 2)
  CLOUDWARD_SYNC_GLOBAL_CONCURRENCY  (with REDIS_URL) accounts synced at once across every worker; absent: no bound
  CLOUDWARD_EVENTS             true: event mode, re-read what CloudTrail events in each account's
                               cloudward-events queue changed (onboard --events creates the queues), and
                               accept pushed events at POST /api/v1/events/cloudtrail (onboard --events-push)
  CLOUDWARD_CONTROLS_DIR       folders of custom controls, separated by ':'
  CLOUDWARD_MAX_CONCURRENCY    AWS calls in flight per sync (default 32)
  CLOUDWARD_MAX_HOST_CONCURRENCY  AWS calls in flight to one endpoint host (default 16)
  CLOUDWARD_LOG_LEVEL          trace, debug, info (default), warn, error, fatal or silent; logs are JSON lines on stdout
  CLOUDWARD_METRICS_TOKEN      bearer token Prometheus sends to GET /metrics (any API token works too)
  CLOUDWARD_WORKER_PORT        (cloudward worker only) port of its /health, /ready and /metrics; absent: none
  AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...  Cloudward's own AWS credentials and endpoints, as the AWS SDK reads them`;

/** CLOUDWARD_SYNC_CONCURRENCY and CLOUDWARD_SYNC_GLOBAL_CONCURRENCY, checked (a bad value stops start-up). */
export function syncConcurrencySettings(env: NodeJS.ProcessEnv): {
  syncConcurrency?: number;
  syncGlobalConcurrency?: number;
} {
  try {
    // The collector reads its caps when a sync starts: a bad one stops start-up instead of failing every sync.
    concurrencyFromEnv(env);
    hostConcurrencyFromEnv(env);
    return {
      syncConcurrency: concurrencySetting('CLOUDWARD_SYNC_CONCURRENCY', env.CLOUDWARD_SYNC_CONCURRENCY),
      syncGlobalConcurrency: concurrencySetting(
        'CLOUDWARD_SYNC_GLOBAL_CONCURRENCY',
        env.CLOUDWARD_SYNC_GLOBAL_CONCURRENCY,
      ),
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parsePort(value: string, source: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`${source} must be a port number 0-65535, got "${value}"`);
  return Number(value);
}

const SHUTDOWN_GRACE_MS = 20_000;

export async function serveCommand(args: string[], io: CliIo = {}): Promise<number> {
  const resolved = resolveIo(io);
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    demo: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    resolved.out(SERVE_USAGE + '\n');
    return 0;
  }
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : resolved.env.PORT
        ? parsePort(resolved.env.PORT, 'PORT')
        : 8080;
  // Loopback unless asked: a fresh install is not reachable from the network before anyone chose to expose it.
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '' || /\s/.test(host)) throw new UsageError(`--host must be an address, got "${host}"`);
  if (values.data !== undefined && values.data.trim() === '')
    throw new UsageError('--data must not be empty');
  const intervalMinutes = syncIntervalMinutes(resolved.env.CLOUDWARD_SYNC_INTERVAL);
  const concurrency = syncConcurrencySettings(resolved.env);
  const logger = processLogger(resolved, 'serve');

  const runtime = await startRuntime({ dataDir: values.data ?? './data', io, resolved, logger });
  const { store, jobs, integrations } = runtime;
  let server: Server | undefined;
  let events: ReturnType<typeof startServeEventMode>;
  try {
    const admin = await ensureAdminToken(store, resolved.env.CLOUDWARD_ADMIN_TOKEN);
    if (admin.createdToken) {
      resolved.out(
        `\nCreated the first admin token. It is shown only once; store it now:\n\n  ${admin.createdToken}\n\n`,
      );
    }
    if (values.demo) {
      if (!integrations.loadDemo)
        throw new Error('--demo is not available: no demo loader is wired into api/integrations.ts');
      await integrations.loadDemo(store);
      logger.info('demo data loaded');
    }
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
    // Watching starts before the start-up requeue, so a Redis reset right after it is still noticed.
    await reconcileOnReset(store, jobs, logger, {
      restoreSchedule: async () => {
        await scheduleSyncs(jobs, intervalMinutes);
        await scheduleOrganizationSyncs(jobs, intervalMinutes);
      },
      alsoReconcile: async () => {
        await requeueUnfinishedOrganizationSyncs(store, jobs);
      },
      intervalMs: io.resetCheckIntervalMs,
    });
    await scheduleSyncs(jobs, intervalMinutes);
    await scheduleOrganizationSyncs(jobs, intervalMinutes);
    const requeued = await requeueUnfinishedSyncs(store, jobs);
    if (requeued > 0) logger.info(`requeued ${requeued} sync(s) left unfinished by the previous run`);
    const requeuedOrganizations = await requeueUnfinishedOrganizationSyncs(store, jobs);
    if (requeuedOrganizations > 0)
      logger.info(
        `requeued ${requeuedOrganizations} organization sync(s) left unfinished by the previous run`,
      );
    const evaluations = await requeueRequestedEvaluations(store, jobs);
    if (evaluations > 0)
      logger.info(`queued ${evaluations} evaluation(s) requested before the previous run stopped`);

    events = startServeEventMode({ store, secrets: runtime.secrets, jobs, env: resolved.env, logger });

    const app = createApp({
      store,
      secrets: runtime.secrets,
      jobs,
      env: resolved.env,
      logger,
      metrics: runtime.metrics,
      resolveControlIds: integrations.resolveControlIds,
      isKnownControl: integrations.isKnownControl,
      extraRouters: integrations.extraRouters,
      eventIngest: events?.ingest,
    });
    server = await listen(app, port, host);
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const storeLabel = resolved.env.DATABASE_URL
      ? `postgres ${redactUrl(resolved.env.DATABASE_URL)}`
      : `embedded (${runtime.dataDir})`;
    const shownHost =
      host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    logger.info(
      `Cloudward listening on http://${shownHost}:${actualPort} (store: ${storeLabel}; jobs: ${jobs.runner}; sync every ${intervalMinutes} min)`,
      { host, port: actualPort, store: storeLabel, jobs: jobs.runner, syncIntervalMinutes: intervalMinutes },
    );
    io.onListening?.({ port: actualPort });

    const reason = await waitForStop(io.stopSignal);
    logger.info(`${reason}: shutting down (finishing running jobs for up to ${SHUTDOWN_GRACE_MS / 1000} s)`);
  } finally {
    if (server) await closeServer(server);
    await events?.stop();
    await runtime.close(SHUTDOWN_GRACE_MS);
  }
  logger.info('stopped');
  return 0;
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`port ${port} is already in use`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new UsageError(`--host ${host} is not an address of this machine`));
      else reject(error);
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish, drops idle keep-alive sockets. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
