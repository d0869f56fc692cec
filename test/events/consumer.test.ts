// Event mode end to end: a full sync and evaluation of a quiet estate, then a batch of recorded CloudTrail events
// on the queue (a bucket made public, SSH opened to the internet, a duplicate, a service Cloudward does not read):
// after one processed batch the alerts are open, the messages are deleted, and the duplicate changed nothing.
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluateForServe } from '../../api/integrations';
import {
  evaluateNow,
  processEventBatch,
  RecentEventIds,
  type EventConsumerDeps,
} from '../../api/events/consumer';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import type { Account } from '../../store/model';
import { ACCOUNT, authorizeSsh, putBucketPolicy, sqsMessage, unknownEvent } from './cloudtrail-events';
import { $metadata, changedEstate, credentials, modules, openEventAlerts, s3, syncedAccount } from './estate';

const sqs = mockClient(SQSClient);
const QUEUE_URL = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/cloudward-events`;

let store: Store;
let account: Account;
let deps: EventConsumerDeps;

const openAlerts = () => openEventAlerts(store, account);

beforeEach(async () => {
  store = await openStore({ memory: true, clock: () => new Date('2026-03-02T10:01:00Z') });
  account = await syncedAccount(store);
  sqs.reset();
  sqs.on(DeleteMessageBatchCommand).callsFake((input) => ({
    $metadata,
    Successful: input.Entries.map((entry: { Id: string }) => ({ Id: entry.Id })),
    Failed: [],
  }));
  deps = {
    store,
    credentials,
    evaluate: evaluateNow(store, evaluateForServe),
    seen: new RecentEventIds(),
    modules,
    waitTimeSeconds: 20,
  };
});

afterEach(async () => {
  await store.close();
});

it('opens the alerts the events caused after one batch, and deletes every message', async () => {
  expect(await openAlerts()).toEqual([]);
  changedEstate();
  const batch = [
    sqsMessage(putBucketPolicy, 1),
    sqsMessage(authorizeSsh, 1),
    sqsMessage(putBucketPolicy, 2), // EventBridge/SQS at-least-once: the same eventID again
    sqsMessage(unknownEvent, 1),
  ];
  sqs.on(ReceiveMessageCommand).resolvesOnce({ $metadata, Messages: batch });

  const outcome = await processEventBatch(deps, account, 'eu-west-1');

  expect(sqs.commandCalls(ReceiveMessageCommand)[0].args[0].input).toEqual({
    QueueUrl: QUEUE_URL,
    MaxNumberOfMessages: 10,
    WaitTimeSeconds: 20,
  });
  expect(outcome).toMatchObject({ received: 4, applied: 2, duplicates: 1, ignored: 1, kept: 0 });
  expect(outcome.reread).toEqual(['s3 global (app-data)', 'ec2 eu-west-1 (sg-0db)']);
  expect(await openAlerts()).toEqual([
    'ec2_security_group_no_public_ssh_ingress arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0db',
    's3_bucket_policy_not_public arn:aws:s3:::app-data',
  ]);
  const deleted = sqs
    .commandCalls(DeleteMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? []);
  expect(deleted.map((entry) => entry.ReceiptHandle).sort()).toEqual(
    batch.map((m) => m.ReceiptHandle).sort(),
  );
  // The re-read is recorded as an 'event' sync of the two units only, and S3 was listed once, not per event.
  const syncs = await store.listSyncs(account.id);
  expect(syncs.items[0]).toMatchObject({ trigger: 'event', status: 'succeeded' });
  expect(syncs.items[0].services.map((s) => `${s.service} ${s.region}`).sort()).toEqual([
    'ec2 eu-west-1',
    's3 global',
  ]);
  expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2); // the full sync, then the one re-read
});

it('treats a redelivered event as harmless: skipped, deleted, alerts unchanged', async () => {
  changedEstate();
  sqs
    .on(ReceiveMessageCommand)
    .resolvesOnce({ $metadata, Messages: [sqsMessage(putBucketPolicy, 1)] })
    .resolvesOnce({ $metadata, Messages: [sqsMessage(putBucketPolicy, 2)] });
  await processEventBatch(deps, account, 'eu-west-1');
  const before = await openAlerts();
  const listed = s3.commandCalls(ListBucketsCommand).length;

  const again = await processEventBatch(deps, account, 'eu-west-1');

  expect(again).toMatchObject({ received: 1, applied: 0, duplicates: 1, reread: [] });
  expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(listed);
  expect(await openAlerts()).toEqual(before);
  expect(before).toEqual(['s3_bucket_policy_not_public arn:aws:s3:::app-data']);
  expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(2);
});

it('reads current state, so an older event arriving late cannot resurrect a fixed finding', async () => {
  // The policy was made public and then removed again before the first event arrived: the re-read sees no
  // policy, so the bucket stays passing whatever order the events come in.
  sqs.on(ReceiveMessageCommand).resolvesOnce({ $metadata, Messages: [sqsMessage(putBucketPolicy, 1)] });
  const outcome = await processEventBatch(deps, account, 'eu-west-1');
  expect(outcome.applied).toBe(1);
  expect(await openAlerts()).toEqual([]);
});

it('keeps the messages while a full sync is in flight, and applies them on redelivery', async () => {
  changedEstate();
  const running = await store.createSync(account.id, 'schedule');
  sqs.on(ReceiveMessageCommand).resolves({ $metadata, Messages: [sqsMessage(putBucketPolicy, 1)] });

  const waiting = await processEventBatch(deps, account, 'eu-west-1');
  expect(waiting).toMatchObject({ received: 1, applied: 0, kept: 1 });
  expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  expect(await openAlerts()).toEqual([]);

  await store.finishSync(running.id, 'failed', 'test: interrupted');
  const applied = await processEventBatch(deps, account, 'eu-west-1');
  expect(applied).toMatchObject({ applied: 1, kept: 0 });
  expect(await openAlerts()).toEqual(['s3_bucket_policy_not_public arn:aws:s3:::app-data']);
});

it('deletes nothing when the queue is empty', async () => {
  sqs.on(ReceiveMessageCommand).resolves({ $metadata });
  const outcome = await processEventBatch(deps, account, 'eu-west-1');
  expect(outcome).toMatchObject({ received: 0, applied: 0 });
  expect(sqs.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
});
