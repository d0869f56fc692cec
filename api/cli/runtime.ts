// What serve and worker both set up: the store, the secret box, the job queue and the integrations.
import path from 'node:path';
import type { Store } from '../../store/store';
import { defaultIntegrations, type Integrations } from '../integrations';
import { createJobQueue } from '../jobs';
import type { Logger } from '../jobs/account-jobs';
import type { JobQueue } from '../jobs/queue';
import { createSecretBox, loadSecretKey, type SecretBox } from '../secrets';
import { defaultOpenStore, type CliIo, type ResolvedIo } from './io';

export interface Runtime {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  integrations: Integrations;
  logger: Logger;
  dataDir: string;
  close(graceMs?: number): Promise<void>;
}

export function consoleLogger(io: ResolvedIo): Logger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${level} ${message}\n`;
  return {
    info: (message) => io.out(line('info', message)),
    warn: (message) => io.err(line('warn', message)),
    error: (message) => io.err(line('error', message)),
  };
}

export async function startRuntime(options: {
  dataDir: string;
  io: CliIo;
  resolved: ResolvedIo;
  queuePrefix?: string;
}): Promise<Runtime> {
  const { resolved, io } = options;
  const env = resolved.env;
  const logger = consoleLogger(resolved);
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
  const context = { store, secrets, jobs, env };
  const integrations: Integrations = {
    ...defaultIntegrations(context),
    ...(io.integrations?.(context) ?? {}),
  };
  return {
    store,
    secrets,
    jobs,
    integrations,
    logger,
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
