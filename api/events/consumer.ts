// Event mode's consumer: long-polls an account's event queue in one region, re-reads the collector units the
// CloudTrail calls touched (recorded as a sync with trigger 'event'), re-evaluates the account, then deletes the
// messages. Re-reads read current state, so a duplicate or out-of-order event only costs a read; recently seen
// event ids are skipped. Messages are kept (SQS redelivers them after the visibility timeout) when the re-read
// could not run: a full sync in flight, or a read that failed. Full syncs still run on their schedule.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { syncAccount } from '../../collector/sync';
import { collectorModules } from '../../collector/registry';
import type { CollectorModule } from '../../collector/types';
import { EVENT_QUEUE_NAME } from '../../onboarding/events';
import type { Account } from '../../store/model';
import { ConflictError, type Store } from '../../store/store';
import { parseEnvelope } from './envelope';
import { changeTarget, type ChangeTarget } from './targets';

export const RECEIVE_WAIT_SECONDS = 20;
export const RECEIVE_MAX_MESSAGES = 10;

/** The queue the onboarding bundle creates in each region (onboarding/events.ts). */
export function eventQueueUrl(partition: string, region: string, awsAccountId: string): string {
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${awsAccountId}/${EVENT_QUEUE_NAME}`;
}

/** Event ids processed recently (oldest forgotten first): a redelivered or duplicated event is skipped. */
export class RecentEventIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

export interface EventCounters {
  received: number;
  /** Re-read and deleted. */
  applied: number;
  duplicates: number;
  /** Not a CloudTrail call, a service Cloudward does not read, another account, a failed call or an unmonitored region. */
  ignored: number;
  /** Left in the queue for redelivery. */
  kept: number;
}

export interface EventConsumerDeps {
  store: Store;
  /** Credentials of the account's role (assumeAccountRole in serve). */
  credentials: AwsCredentialIdentityProvider;
  /**
   * Evaluates the account after a re-read; the request is already in the store (Store.requestEvaluation). serve
   * queues an evaluate-account job (one evaluation per account at a time, the request cleared by the job);
   * `evaluateNow` runs it in place.
   */
  evaluate: (accountId: string, requestedAt: string, syncId: string, changedTypes: string[]) => Promise<void>;
  seen: RecentEventIds;
  /** Merged into the SQS and collector clients (tests inject handlers; benchmarks endpoints). */
  clientConfig?: Record<string, unknown>;
  /** Default: the registry. */
  modules?: CollectorModule[];
  partition?: string;
  waitTimeSeconds?: number;
  /** Ends a long poll early (shutdown). */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface BatchOutcome extends EventCounters {
  /** The re-read units, e.g. "s3 global (app-data)". */
  reread: string[];
  syncId?: string;
}

interface Pending {
  message: Message;
  eventId?: string;
  target?: ChangeTarget;
}

/** One receive -> re-read -> evaluate -> delete round for `account` in `region`. */
export async function processEventBatch(
  deps: EventConsumerDeps,
  account: Account,
  region: string,
): Promise<BatchOutcome> {
  const log = deps.log ?? (() => undefined);
  const partition = deps.partition ?? 'aws';
  const queueUrl = eventQueueUrl(partition, region, account.awsAccountId);
  const sqs = new SQSClient({ region, credentials: deps.credentials, ...deps.clientConfig });
  const outcome: BatchOutcome = {
    received: 0,
    applied: 0,
    duplicates: 0,
    ignored: 0,
    kept: 0,
    reread: [],
  };
  try {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: RECEIVE_MAX_MESSAGES,
        WaitTimeSeconds: deps.waitTimeSeconds ?? RECEIVE_WAIT_SECONDS,
      }),
      { abortSignal: deps.signal },
    );
    const messages = received.Messages ?? [];
    outcome.received = messages.length;
    if (messages.length === 0) return outcome;

    const pending: Pending[] = [];
    const batchIds = new Set<string>();
    for (const message of messages) {
      const change = parseEnvelope(message.Body);
      const target = change && !change.errorCode ? changeTarget(change) : null;
      const module = target && (deps.modules ?? collectorModules).find((m) => m.service === target.service);
      const monitored =
        module && (module.scope === 'global' || account.regions.includes(change?.region ?? ''));
      if (!change || !target || !monitored || change.awsAccountId !== account.awsAccountId) {
        outcome.ignored += 1;
        pending.push({ message });
      } else if (deps.seen.has(change.eventId) || batchIds.has(change.eventId)) {
        outcome.duplicates += 1;
        pending.push({ message });
      } else {
        batchIds.add(change.eventId);
        pending.push({ message, eventId: change.eventId, target });
      }
    }

    const targets = pending.flatMap((entry) => (entry.target ? [entry.target] : []));
    let keep = false;
    if (targets.length > 0) {
      const result = await reread(deps, account, region, targets, log);
      outcome.reread = result.units;
      outcome.syncId = result.syncId;
      keep = !result.done;
    }
    const toDelete = pending.filter((entry) => !(keep && entry.target));
    outcome.kept = pending.length - toDelete.length;
    outcome.applied = keep ? 0 : targets.length;
    if (toDelete.length > 0) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: toDelete.map((entry, index) => ({
            Id: String(index),
            ReceiptHandle: entry.message.ReceiptHandle,
          })),
        }),
      );
      // A message not deleted comes back after the visibility timeout; its event id is remembered below, so it is
      // then skipped as a duplicate.
      for (const failure of deleted.Failed ?? []) log(`event message not deleted: ${failure.Code}`);
    }
    if (!keep) for (const entry of pending) if (entry.eventId) deps.seen.add(entry.eventId);
    return outcome;
  } finally {
    sqs.destroy();
  }
}

/** Re-reads the touched units as one 'event' sync, then evaluates. `done` false: keep the messages. */
async function reread(
  deps: EventConsumerDeps,
  account: Account,
  region: string,
  targets: ChangeTarget[],
  log: (message: string) => void,
): Promise<{ done: boolean; units: string[]; syncId?: string }> {
  const modules = (deps.modules ?? collectorModules).filter((module) =>
    targets.some((target) => target.service === module.service),
  );
  const units = modules.map((module) => {
    const names = [
      ...new Set(targets.filter((t) => t.service === module.service).flatMap((t) => t.resources)),
    ];
    const where = module.scope === 'global' ? 'global' : region;
    return `${module.service} ${where}${names.length ? ` (${names.join(', ')})` : ''}`;
  });
  let sync;
  try {
    sync = await deps.store.createSync(account.id, 'event');
  } catch (error) {
    // A sync is queued or running: keep the events; after it they re-read (cheap) what it may have read earlier.
    if (error instanceof ConflictError) {
      log(`events for account ${account.id} wait: a sync is already queued or running`);
      return { done: false, units };
    }
    throw error;
  }
  await deps.store.markSyncRunning(sync.id);
  let status: 'succeeded' | 'partial' | 'failed';
  try {
    const outcome = await syncAccount(deps.store, account, sync, {
      credentials: deps.credentials,
      regions: [region],
      modules,
      clientConfig: deps.clientConfig,
    });
    status = outcome.status;
    await deps.store.finishSync(sync.id, status, outcome.error);
  } catch (error) {
    await deps.store.finishSync(sync.id, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
  log(`events re-read ${units.join('; ')} for account ${account.id}: ${status}`);
  if (status === 'failed') return { done: false, units, syncId: sync.id };
  // Requested in the store first, as after a full sync: a crash before the evaluation still evaluates at start.
  const requestedAt = await deps.store.requestEvaluation(account.id);
  // Only the controls reading what the re-read replaced run again (evaluator/control-inputs.ts).
  const changedTypes = [...new Set(modules.flatMap((module) => module.resourceTypes.map((t) => t.type)))];
  await deps.evaluate(account.id, requestedAt, sync.id, changedTypes);
  return { done: true, units, syncId: sync.id };
}

/** Evaluates in place (evaluateForServe or evaluateAccount) and clears the request it answers. */
export function evaluateNow(
  store: Store,
  run: (store: Store, accountId: string, options: { changedTypes: string[] }) => Promise<unknown>,
): EventConsumerDeps['evaluate'] {
  return async (accountId, requestedAt, _syncId, changedTypes) => {
    await run(store, accountId, { changedTypes });
    await store.clearEvaluationRequest(accountId, requestedAt);
  };
}
