// Event mode in `serve` (CLOUDWARD_EVENTS=true): the SQS consumer loops and the HTTPS push queue, with the
// accounts' roles and evaluations queued as evaluate-account jobs (one evaluation per account at a time, as after
// a sync), each evaluation limited to the controls reading what was re-read.
import { assumeAccountRole } from '../../collector/credentials';
import { isDemoAccount } from '../../demo';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';
import { enqueueEvaluation, type Logger } from '../jobs/account-jobs';
import type { JobQueue } from '../jobs/queue';
import type { SecretBox } from '../secrets';
import { startEventConsumers, type EventLoops } from './loop';
import { RecentEventIds } from './pipeline';
import { PushedEventIngest } from './push';

export interface ServeEventMode {
  loops: EventLoops;
  /** Accepts events POSTed to /api/v1/events/cloudtrail. */
  ingest: PushedEventIngest;
  stop(): Promise<void>;
}

export function startServeEventMode(context: {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): ServeEventMode | undefined {
  const { store, secrets, jobs, env, logger } = context;
  if (env.CLOUDWARD_EVENTS !== 'true') return undefined;
  logger.info(
    "event mode: reading each account's cloudward-events queue in its monitored regions, and accepting pushed events at /api/v1/events/cloudtrail",
  );
  const credentialsFor = (account: Account) =>
    assumeAccountRole({
      roleArn: account.roleArn,
      externalId: secrets.decrypt(account.externalIdCiphertext),
      awsAccountId: account.awsAccountId,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    });
  const evaluate = (accountId: string, requestedAt: string, syncId: string, changedTypes: string[]) =>
    enqueueEvaluation(jobs, accountId, syncId, requestedAt, changedTypes);
  const log = {
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
  };
  // One memory of event ids for both ways in: an event pushed and also queued is read once.
  const seen = new RecentEventIds();
  const loops = startEventConsumers({ store, skip: isDemoAccount, credentialsFor, evaluate, log, seen });
  const ingest = new PushedEventIngest({ store, skip: isDemoAccount, credentialsFor, evaluate, log, seen });
  return {
    loops,
    ingest,
    async stop() {
      await Promise.all([loops.stop(), ingest.stop()]);
    },
  };
}
