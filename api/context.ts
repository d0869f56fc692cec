// What every router of the app receives: createApp's deps with defaults filled in.
import type { Store } from '../store/store';
import type { JobQueue } from './jobs/queue';
import type { Logger } from './jobs/account-jobs';
import type { SecretBox } from './secrets';
import type { StsClientFactory } from './test-connection';
import { actorOf, type Principal } from './http';

/** Maps a framework (and optionally one requirement) to its control ids; null when the framework/requirement is unknown. */
export type ResolveControlIds = (
  framework: string,
  requirement?: string,
) => string[] | null | Promise<string[] | null>;

export interface AppContext {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  logger: Logger;
  createStsClient?: StsClientFactory;
  env: NodeJS.ProcessEnv;
  resolveControlIds?: ResolveControlIds;
  isKnownControl?: (controlId: string) => boolean;
  /** How long a request waits for the job queue to take a job before answering 503 (ENQUEUE_TIMEOUT_MS). */
  enqueueTimeoutMs: number;
  /** Writes an audit entry for an admin action; details must never hold secrets. */
  audit(
    principal: Principal,
    action: string,
    targetType: string,
    targetId: string | null,
    details?: Record<string, unknown>,
  ): Promise<void>;
}

export function auditWriter(store: Store): AppContext['audit'] {
  return async (principal, action, targetType, targetId, details = {}) => {
    await store.appendAudit({ actor: actorOf(principal), action, targetType, targetId, details });
  };
}
