// Event-mode lag: from the moment the queue hands Cloudward a CloudTrail PutBucketPolicy event to the moment the
// alert is open in the store (receive, parse, S3 re-read, evaluation, delete). AWS is aws-sdk-client-mock (S3 and
// SQS answers shaped like AWS's), so this measures Cloudward's share; EventBridge -> SQS delivery (AWS documents it
// as typically seconds) and up to 20 s of long poll already waiting are not in it.
//   npm run build && node dist/bench/event-lag-bench.js [--buckets 200] [--rounds 5]
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
import { GetPublicAccessBlockCommand as GetAccountBlock, S3ControlClient } from '@aws-sdk/client-s3-control';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluateNow, processEventBatch, RecentEventIds } from '../api/events/consumer';
import { evaluateForServe } from '../api/integrations';
import { s3Collector } from '../collector/services/s3';
import { syncAccount } from '../collector/sync';
import { openStore } from '../store';

const ACCOUNT = '123456789012';
const $metadata = { httpStatusCode: 200 };
const notFound = (name: string) =>
  Object.assign(new Error(name), { name, $fault: 'client', $metadata: { httpStatusCode: 404 } });

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error('usage: event-lag-bench [--buckets N] [--rounds N]');
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const buckets = option('buckets', 200);
  const rounds = option('rounds', 5);
  const s3 = mockClient(S3Client);
  const sqs = mockClient(SQSClient);
  mockClient(S3ControlClient).on(GetAccountBlock).rejects(notFound('NoSuchPublicAccessBlockConfiguration'));
  const names = Array.from({ length: buckets }, (_, i) => `bucket-${String(i).padStart(4, '0')}`);
  s3.on(ListBucketsCommand).resolves({
    $metadata,
    Buckets: names.map((Name) => ({
      Name,
      CreationDate: new Date('2024-01-01T00:00:00Z'),
      BucketRegion: 'eu-west-1',
    })),
  });
  s3.on(GetBucketEncryptionCommand).resolves({
    $metadata,
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
  });
  s3.on(GetPublicAccessBlockCommand).rejects(notFound('NoSuchPublicAccessBlockConfiguration'));
  s3.on(GetBucketVersioningCommand).resolves({ $metadata });
  s3.on(GetBucketLoggingCommand).resolves({ $metadata });
  s3.on(GetBucketPolicyCommand).rejects(notFound('NoSuchBucketPolicy'));
  s3.on(GetBucketPolicyStatusCommand).rejects(notFound('NoSuchBucketPolicy'));
  s3.on(GetBucketAclCommand).resolves({ $metadata, Owner: { ID: 'owner' }, Grants: [] });
  s3.on(GetBucketOwnershipControlsCommand).rejects(notFound('OwnershipControlsNotFoundError'));
  s3.on(GetBucketTaggingCommand).rejects(notFound('NoSuchTagSet'));
  sqs.on(DeleteMessageBatchCommand).callsFake((input) => ({
    $metadata,
    Successful: input.Entries.map((entry: { Id: string }) => ({ Id: entry.Id })),
  }));

  const store = await openStore({ memory: true });
  const account = await store.createAccount({
    name: 'bench',
    awsAccountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  const credentials = async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' });
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  await store.finishSync(
    sync.id,
    (await syncAccount(store, account, sync, { credentials, modules: [s3Collector] })).status,
  );
  await evaluateForServe(store, account.id);
  const deps = {
    store,
    credentials,
    evaluate: evaluateNow(store, evaluateForServe),
    seen: new RecentEventIds(),
    modules: [s3Collector],
  };

  const lags: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const bucket = names[round % names.length];
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
      ],
    });
    s3.on(GetBucketPolicyCommand, { Bucket: bucket }).resolves({ $metadata, Policy: policy });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: bucket }).resolves({
      $metadata,
      PolicyStatus: { IsPublic: true },
    });
    const body = JSON.stringify({
      version: '0',
      id: `bench-${round}`,
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      account: ACCOUNT,
      region: 'eu-west-1',
      detail: {
        eventSource: 's3.amazonaws.com',
        eventName: 'PutBucketPolicy',
        awsRegion: 'eu-west-1',
        recipientAccountId: ACCOUNT,
        eventTime: new Date().toISOString(),
        eventID: `bench-event-${round}`,
        readOnly: false,
        requestParameters: { bucketName: bucket, bucketPolicy: JSON.parse(policy) },
      },
    });
    let receivedAt = 0;
    sqs.on(ReceiveMessageCommand).callsFake(() => {
      receivedAt = performance.now();
      return { $metadata, Messages: [{ MessageId: `m${round}`, ReceiptHandle: `r${round}`, Body: body }] };
    });
    await processEventBatch(deps, account, 'eu-west-1');
    const alerts = await store.listAlerts(
      { accountId: account.id, status: ['open'], controlIds: ['s3_bucket_policy_not_public'] },
      { limit: 500 },
    );
    if (!alerts.items.some((alert) => alert.assetId === `arn:aws:s3:::${bucket}`)) {
      throw new Error(`round ${round}: no alert for ${bucket} after the event`);
    }
    lags.push(performance.now() - receivedAt);
  }
  lags.sort((a, b) => a - b);
  const median = lags[Math.floor(lags.length / 2)];
  console.log(
    `event -> alert (receive to open alert, S3 unit of ${buckets} buckets, ${rounds} rounds): ` +
      `median ${median.toFixed(0)} ms, max ${lags[lags.length - 1].toFixed(0)} ms; ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  await store.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
