// What serve and worker both set up: the store, the secret box, the job queue and the integrations.
import path from 'node:path';
import type { Store } from '../../store/store';
import { defaultIntegrations, type Integrations } from '../integrations';
import { createJobQueue } from '../jobs';
import type { JobQueue } from '../jobs/queue';
import { observeIntegrations } from '../observability/jobs';
import {
  createLogger,
  InvalidLogLevelError,
  lineDestination,
  logLevelFromEnv,
  type StructuredLogger,
} from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { createSecretBox, loadSecretKey, type SecretBox } from '../secrets';
import { UsageError } from './args';
import { defaultOpenStore, type CliIo, type ResolvedIo } from './io';

export interface Runtime {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  integrations: Integrations;
  logger: StructuredLogger;
  metrics: Metrics;
  dataDir: string;
  close(graceMs?: number): Promise<void>;
}

/**
 * JSON log lines (one per event) on the command's stdout, at CLOUDWARD_LOG_LEVEL; a bad level is a usage error.
 * `process` tells serve's lines from a worker's when both feed one log store.
 */
export function processLogger(resolved: ResolvedIo, processName: 'serve' | 'worker'): StructuredLogger {
  let level;
  try {
    level = logLevelFromEnv(resolved.env);
  } catch (error) {
    if (error instanceof InvalidLogLevelError) throw new UsageError(error.message);
    throw error;
  }
  return createLogger({ level, destination: lineDestination(resolved.out), base: { process: processName } });
}

export async function startRuntime(options: {
  dataDir: string;
  io: CliIo;
  resolved: ResolvedIo;
  queuePrefix?: string;
  logger: StructuredLogger;
}): Promise<Runtime> {
  const { resolved, io, logger } = options;
  const env = resolved.env;
  const metrics = new Metrics({ processMetrics: true });
  const dataDir = path.resolve(options.dataDir);
  // Files this server creates (embedded database, secret key) are readable by its user only.
  process.umask(0o077);
  const { key, generated } = await loadSecretKey({ envValue: env.CLOUDWARD_SECRET_KEY, dataDir });
  if (generated)
    logger.warn(
      `generated a new secret key in ${path.join(dataDir, 'secret.key')}; back it up: external IDs cannot be read without it`,
    );
  const secrets = createSecretBox(key);
  const openStore = io.openStore ?? defaultOpenStore;
  // openStore applies pending migrations before it returns.
  const store = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
  const jobs = createJobQueue({
    redisUrl: env.REDIS_URL || undefined,
    prefix: options.queuePrefix ?? io.queuePrefix,
    onError: (message, error) =>
      logger.error(`${message}: ${error instanceof Error ? error.message : String(error)}`),
  });
  metrics.watchQueue(store);
  const context = { store, secrets, jobs, env, awsCalls: metrics.awsCallObserver() };
  // Every sync and evaluation this process runs is logged and counted, whoever provided it.
  const integrations: Integrations = observeIntegrations(
    { ...defaultIntegrations(context), ...(io.integrations?.(context) ?? {}) },
    { logger, metrics },
  );
  return {
    store,
    secrets,
    jobs,
    integrations,
    logger,
    metrics,
    dataDir,
    async close(graceMs = 30_000) {
      await jobs.close({ graceMs });
      await store.close();
    },
  };
}

/** Redacts credentials in a connection URL for log lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
