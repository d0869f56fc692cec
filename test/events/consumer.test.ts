// Event mode end to end: a full sync and evaluation of a quiet estate, then a batch of recorded CloudTrail events
// on the queue (a bucket made public, SSH opened to the internet, a duplicate, a service Cloudward does not read):
// after one processed batch the alerts are open, the messages are deleted, and the duplicate changed nothing.
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { s3Collector } from '../../collector/services/s3';
import { ec2Collector } from '../../collector/services/ec2';
import { syncAccount } from '../../collector/sync';
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
import { awsError } from '../collector/services/iam/aws-error';
import { privateAcl, s3Encryption } from '../collector/services/s3/fixtures';
import { securityGroupsPage2 } from '../collector/services/ec2/fixtures';
import {
  ACCOUNT,
  PUBLIC_POLICY,
  authorizeSsh,
  putBucketPolicy,
  sqsMessage,
  unknownEvent,
} from './cloudtrail-events';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const ec2 = mockClient(EC2Client);
const sqs = mockClient(SQSClient);
const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const QUEUE_URL = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/cloudward-events`;
const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' });
const modules = [s3Collector, ec2Collector];

/** The estate before the changes: app-data without a policy, sg-0db without ingress rules. */
function quietEstate(): void {
  s3.reset();
  s3control.reset();
  ec2.reset();
  s3.on(ListBucketsCommand).resolves({
    $metadata,
    Buckets: [
      { Name: 'app-data', CreationDate: new Date('2024-03-01T10:00:00Z'), BucketRegion: 'eu-west-1' },
    ],
    Owner: { DisplayName: 'owner', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
  });
  s3.on(GetBucketEncryptionCommand).resolves(s3Encryption);
  s3.on(GetPublicAccessBlockCommand).rejects(
    awsError(
      'NoSuchPublicAccessBlockConfiguration',
      404,
      'The public access block configuration was not found',
    ),
  );
  s3.on(GetBucketVersioningCommand).resolves({ $metadata });
  s3.on(GetBucketLoggingCommand).resolves({ $metadata });
  s3.on(GetBucketPolicyCommand).rejects(
    awsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist'),
  );
  s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 404));
  s3.on(GetBucketAclCommand).resolves(privateAcl);
  s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('OwnershipControlsNotFoundError', 404));
  s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 404, 'The TagSet does not exist'));
  s3control
    .on(GetAccountPublicAccessBlockCommand)
    .rejects(awsError('NoSuchPublicAccessBlockConfiguration', 404));
  // Every other EC2 read answers an empty estate; the security groups are the ones that matter here.
  ec2.onAnyCommand().resolves({ $metadata });
  ec2.on(DescribeSecurityGroupsCommand).resolves(securityGroupsPage2);
}

/** What the calls in the events did. */
function changedEstate(): void {
  s3.on(GetBucketPolicyCommand, { Bucket: 'app-data' }).resolves({ $metadata, Policy: PUBLIC_POLICY });
  s3.on(GetBucketPolicyStatusCommand, { Bucket: 'app-data' }).resolves({
    $metadata,
    PolicyStatus: { IsPublic: true },
  });
  const [db] = securityGroupsPage2.SecurityGroups!;
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    $metadata,
    SecurityGroups: [
      {
        ...db,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            UserIdGroupPairs: [],
            PrefixListIds: [],
          },
        ],
      },
    ],
  });
}

let store: Store;
let account: Account;
let deps: EventConsumerDeps;

async function openAlerts(): Promise<string[]> {
  const page = await store.listAlerts({ accountId: account.id, status: ['open'] }, { limit: 500 });
  return page.items
    .filter((alert) =>
      ['s3_bucket_policy_not_public', 'ec2_security_group_no_public_ssh_ingress'].includes(alert.controlId),
    )
    .map((alert) => `${alert.controlId} ${alert.assetId}`)
    .sort();
}

beforeEach(async () => {
  store = await openStore({ memory: true, clock: () => new Date('2026-03-02T10:01:00Z') });
  account = await store.createAccount({
    name: 'events',
    awsAccountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  quietEstate();
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  const outcome = await syncAccount(store, account, sync, { credentials, modules });
  await store.finishSync(sync.id, outcome.status);
  await evaluateForServe(store, account.id);
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
