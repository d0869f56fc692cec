// Event mode in `serve` (CLOUDWARD_EVENTS=true): the consumer loops, with the accounts' roles and evaluations
// queued as evaluate-account jobs (one evaluation per account at a time, as after a sync).
import { assumeAccountRole } from '../../collector/credentials';
import { isDemoAccount } from '../../demo';
import type { Store } from '../../store/store';
import { enqueueEvaluation, type Logger } from '../jobs/account-jobs';
import type { JobQueue } from '../jobs/queue';
import type { SecretBox } from '../secrets';
import { startEventConsumers, type EventLoops } from './loop';

export function startServeEventMode(context: {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): EventLoops | undefined {
  const { store, secrets, jobs, env, logger } = context;
  if (env.CLOUDWARD_EVENTS !== 'true') return undefined;
  logger.info("event mode: reading each account's cloudward-events queue in its monitored regions");
  return startEventConsumers({
    store,
    skip: isDemoAccount,
    credentialsFor: (account) =>
      assumeAccountRole({
        roleArn: account.roleArn,
        externalId: secrets.decrypt(account.externalIdCiphertext),
        awsAccountId: account.awsAccountId,
        region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      }),
    evaluate: (accountId, requestedAt, syncId, changedTypes) =>
      enqueueEvaluation(jobs, accountId, syncId, requestedAt, changedTypes),
    log: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });
}
