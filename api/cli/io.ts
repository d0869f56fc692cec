// Where CLI commands write, and how they learn to stop; tests pass their own.
import type { Integrations, IntegrationContext } from '../integrations';
import type { Store } from '../../store/store';

export interface CliIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** serve/worker stop when this aborts; default: SIGINT/SIGTERM. */
  stopSignal?: AbortSignal;
  /** Called once serve listens (tests use port 0). */
  onListening?: (address: { port: number }) => void;
  /** Overrides api/integrations.ts defaults (tests, integrator). */
  integrations?: (context: IntegrationContext) => Partial<Integrations>;
  /** BullMQ key prefix (default `cloudward`); tests use their own. */
  queuePrefix?: string;
  /** How often serve/worker check Redis for lost jobs (default 10 s); tests shorten it. */
  resetCheckIntervalMs?: number;
  /** Store factory override (tests); default store/index.ts openStore. */
  openStore?: (options: { databaseUrl?: string; dataDir?: string; clock?: () => Date }) => Promise<Store>;
}

export interface ResolvedIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export function resolveIo(io: CliIo): ResolvedIo {
  return {
    out: io.stdout ?? ((text) => void process.stdout.write(text)),
    err: io.stderr ?? ((text) => void process.stderr.write(text)),
    env: io.env ?? process.env,
  };
}

/** Resolves on the first SIGINT/SIGTERM (or when `signal` aborts), and removes its listeners. */
export function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) return resolve('abort');
      signal.addEventListener('abort', () => resolve('abort'), { once: true });
      return;
    }
    const onSignal = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/** store/index.ts `openStore`, loaded lazily so the CLI's other commands never load the database engines. */
export async function defaultOpenStore(options: {
  databaseUrl?: string;
  dataDir?: string;
  clock?: () => Date;
}): Promise<Store> {
  const { openStore } = require('../../store/index') as typeof import('../../store/index');
  return openStore(options);
}
