// The one place where the other parts are plugged into the server and the workers: the collector runs syncs,
// the evaluator runs evaluations, and the onboarding, controls/frameworks and web-support routers are mounted.
// `cloudward serve` and `cloudward worker` both read this.
import type { AwsCallObserver } from '../collector/clients';
import { assumeAccountRole } from '../collector/credentials';
import { allOperations, allCollectorModules } from '../collector/registry';
import { syncAccount } from '../collector/sync';
import { demoSyncOptions, isDemoAccount, loadDemo } from '../demo';
import {
  evaluateAccount,
  type AccountEvaluation,
  type EvaluateAccountOptions,
} from '../evaluator/evaluate-account';
import type { Store } from '../store/store';
import type { ExtraRouter } from './app';
import type { ResolveControlIds } from './context';
import { PermanentJobError, type JobQueue } from './jobs/queue';
import type { RunEvaluation, RunSync } from './jobs/account-jobs';
import type { RunOrganizationSync } from './jobs/organization-jobs';
import { syncOrganization } from './organization-sync';
import { controlsExtraRouters, isKnownControl, resolveControlIds } from './routes/controls';
import { onboardingExtraRouters } from './routes/onboarding';
import { webSupportExtraRouters } from './routes/web-support';
import { cachedOwnIdentity } from './own-identity';
import type { SecretBox } from './secrets';
import type { StsClientFactory } from './test-connection';

export interface IntegrationContext {
  store: Store;
  /** Decrypts an account's external ID for the collector: `secrets.decrypt(account.externalIdCiphertext)`. */
  secrets: SecretBox;
  jobs: JobQueue;
  env: NodeJS.ProcessEnv;
  /** Counts the AWS calls and throttles of every sync (the server's /metrics). */
  awsCalls?: AwsCallObserver;
  /** STS clients for detecting Cloudward's own identity (tests inject mocks; default new STSClient). */
  createStsClient?: StsClientFactory;
}

export interface Integrations {
  runSync: RunSync;
  runEvaluation: RunEvaluation;
  /** Lists an organization through its connection's role and brings its member accounts in line. */
  runOrganizationSync: RunOrganizationSync;
  resolveControlIds?: ResolveControlIds;
  /** Whether a control id exists (suppression rules naming an unknown control are refused). */
  isKnownControl?: (controlId: string) => boolean;
  /** `serve --demo`: fills the store with demo data. */
  loadDemo?: (store: Store) => Promise<void>;
  extraRouters?: ExtraRouter[];
}

/**
 * Collects an account through its role; the external ID is decrypted only for the AssumeRole call. `now` is the
 * clock the demo recordings' dates are relative to (tests pass a fixed one).
 */
export function collectorRunSync(
  secrets: SecretBox,
  env: NodeJS.ProcessEnv,
  options: { now?: () => Date; awsCalls?: AwsCallObserver } = {},
): RunSync {
  const { awsCalls } = options;
  return async (store, account, sync, onProgress) => {
    // The demo accounts (`serve --demo`) re-sync from their recordings: there is no role to assume.
    if (isDemoAccount(account)) {
      const outcome = await syncAccount(store, account, sync, {
        ...demoSyncOptions(account.awsAccountId, { now: options.now?.() }),
        onProgress,
        awsCalls,
      });
      return outcome.status;
    }
    const credentials = assumeAccountRole({
      roleArn: account.roleArn,
      externalId: secrets.decrypt(account.externalIdCiphertext),
      awsAccountId: account.awsAccountId,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    });
    const outcome = await syncAccount(store, account, sync, { credentials, onProgress, awsCalls });
    // Nothing could be read (e.g. AssumeRole refused): retrying will not help, and the reason must reach the
    // sync record, which a bare status would lose.
    if (outcome.status === 'failed') throw new PermanentJobError(outcome.error ?? 'nothing could be read');
    return outcome.status;
  };
}

export function defaultIntegrations(context: IntegrationContext): Integrations {
  const { store, secrets, env } = context;
  const trustedPrincipal = env.CLOUDWARD_TRUSTED_PRINCIPAL || undefined;
  // Without a configured principal, the wizard trusts whoever Cloudward's own credentials say it is.
  const ownIdentity = cachedOwnIdentity({ env, createClient: context.createStsClient });
  const templateUrl = env.CLOUDWARD_TEMPLATE_URL || undefined;
  return {
    runSync: collectorRunSync(secrets, env, { awsCalls: context.awsCalls }),
    runEvaluation: (evaluationStore, accountId, options) =>
      evaluateForServe(evaluationStore, accountId, options),
    runOrganizationSync: (syncStore, organization) =>
      syncOrganization(organization, {
        store: syncStore,
        decrypt: (ciphertext) => secrets.decrypt(ciphertext),
      }),
    resolveControlIds,
    isKnownControl,
    loadDemo: async (demoStore) => {
      await loadDemo(demoStore, { encryptExternalId: (plaintext) => secrets.encrypt(plaintext) });
    },
    extraRouters: [
      ...onboardingExtraRouters({
        store,
        decryptExternalId: (ciphertext) => secrets.decrypt(ciphertext),
        trustedPrincipal,
        operations: allOperations,
        ownIdentity,
        templateUrl,
      }),
      ...controlsExtraRouters({ store }),
      ...webSupportExtraRouters({
        store,
        resolveControlIds,
        onboarding: { trustedPrincipal, operations: allOperations, ownIdentity },
      }),
    ],
  };
}

/**
 * The evaluation `serve` runs after each sync: the store's clock, and the collector's declared types so that a
 * type the sync could not list is unread, as `scan` tells the evaluator (scan and serve give the same verdicts).
 */
export function evaluateForServe(
  store: Store,
  accountId: string,
  options: Omit<EvaluateAccountOptions, 'declaredTypes'> = {},
): Promise<AccountEvaluation> {
  return evaluateAccount(store, accountId, { ...options, declaredTypes: allCollectorModules() });
}
