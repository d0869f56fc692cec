// The one place where the work of other parts is plugged into the server and the workers. The integrator
// replaces the placeholders with the real functions (collector `syncAccount`, evaluator `evaluateAccount`,
// frameworks' resolver, demo loader, extra routers); `cloudward serve` and `cloudward worker` read this.
import type { Store } from '../store/store';
import type { ExtraRouter } from './app';
import type { ResolveControlIds } from './context';
import type { JobQueue } from './jobs/queue';
import type { RunEvaluation, RunSync } from './jobs/account-jobs';
import { evaluationNotAvailable, syncNotAvailable } from './jobs/placeholders';
import type { SecretBox } from './secrets';

export interface IntegrationContext {
  store: Store;
  /** Decrypts an account's external ID for the collector: `secrets.decrypt(account.externalIdCiphertext)`. */
  secrets: SecretBox;
  jobs: JobQueue;
  env: NodeJS.ProcessEnv;
}

export interface Integrations {
  runSync: RunSync;
  runEvaluation: RunEvaluation;
  resolveControlIds?: ResolveControlIds;
  /** `serve --demo`: fills the store with demo data. */
  loadDemo?: (store: Store) => Promise<void>;
  extraRouters?: ExtraRouter[];
}

export function defaultIntegrations(_context: IntegrationContext): Integrations {
  return {
    runSync: syncNotAvailable,
    runEvaluation: evaluationNotAvailable,
  };
}
