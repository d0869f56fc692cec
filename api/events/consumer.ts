// Event mode's SQS consumer: long-polls an account's event queue in one region, re-reads the collector units the
// CloudTrail calls touched and re-evaluates the controls reading them (pipeline.ts), then deletes the messages. Messages are kept (SQS redelivers them after the visibility timeout) when the re-read
// could not run: a full sync in flight, or a read that failed. Full syncs still run on their schedule.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { EVENT_QUEUE_NAME } from '../../onboarding/events';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';
import { parseEnvelope } from './envelope';
import { classifyChange, RecentEventIds, rereadAndEvaluate, type RereadDeps } from './pipeline';
import type { ChangeTarget } from './targets';

export { RecentEventIds };

export const RECEIVE_WAIT_SECONDS = 20;
export const RECEIVE_MAX_MESSAGES = 10;

/** The queue the onboarding bundle creates in each region (onboarding/events.ts). */
export function eventQueueUrl(partition: string, region: string, awsAccountId: string): string {
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${awsAccountId}/${EVENT_QUEUE_NAME}`;
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

export interface EventConsumerDeps extends RereadDeps {
  seen: RecentEventIds;
  /** Ends a long poll early (shutdown). */
  signal?: AbortSignal;
  partition?: string;
  waitTimeSeconds?: number;
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
      const verdict = change ? classifyChange(change, account, deps.modules) : { kind: 'ignored' as const };
      if (verdict.kind === 'ignored' || !change) {
        outcome.ignored += 1;
        pending.push({ message });
      } else if (deps.seen.has(change.eventId) || batchIds.has(change.eventId)) {
        outcome.duplicates += 1;
        pending.push({ message });
      } else {
        batchIds.add(change.eventId);
        pending.push({ message, eventId: change.eventId, target: verdict.target });
      }
    }

    const targets = pending.flatMap((entry) => (entry.target ? [entry.target] : []));
    let keep = false;
    if (targets.length > 0) {
      const result = await rereadAndEvaluate(deps, account, region, targets, log);
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
