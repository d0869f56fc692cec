import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandOutput,
  ListQueuesCommand,
  type ListQueuesCommandOutput,
  ListQueueTagsCommand,
  type ListQueueTagsCommandOutput,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { sqsCollector } from '../../../../collector/services/sqs';
import { queueUrlParts } from '../../../../collector/services/sqs/transform';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'b5b4f3a0-0000-4000-8000-000000000001' };
const ORDERS_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const ORDERS = 'arn:aws:sqs:us-east-1:123456789012:orders';
const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq';
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:orders-dlq';

// ListQueues pages only when MaxResults is given; the token is opaque.
const queuesPage1: ListQueuesCommandOutput = {
  $metadata,
  QueueUrls: [ORDERS_URL],
  NextToken: 'eyJleGNsdXNpdmVTdGFydFF1ZXVlVXJsIjoib3JkZXJzIn0=',
};
const queuesPage2: ListQueuesCommandOutput = { $metadata, QueueUrls: [DLQ_URL] };

const ordersPolicy = {
  Version: '2012-10-17',
  Id: `${ORDERS}/SQSDefaultPolicy`,
  Statement: [
    {
      Sid: 'topic-to-queue',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'SQS:SendMessage',
      Resource: ORDERS,
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:order-events' } },
    },
  ],
};

// GetQueueAttributes(All): every value a string, Policy and RedrivePolicy JSON strings, no Policy when unset.
const ordersAttributes: GetQueueAttributesCommandOutput = {
  $metadata,
  Attributes: {
    QueueArn: ORDERS,
    ApproximateNumberOfMessages: '3',
    ApproximateNumberOfMessagesNotVisible: '0',
    ApproximateNumberOfMessagesDelayed: '0',
    CreatedTimestamp: '1735689600',
    LastModifiedTimestamp: '1738368000',
    VisibilityTimeout: '30',
    MaximumMessageSize: '262144',
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    Policy: JSON.stringify(ordersPolicy),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ, maxReceiveCount: 5 }),
    KmsMasterKeyId: 'alias/aws/sqs',
    KmsDataKeyReusePeriodSeconds: '300',
    SqsManagedSseEnabled: 'false',
  },
};
const dlqAttributes: GetQueueAttributesCommandOutput = {
  $metadata,
  Attributes: {
    QueueArn: DLQ,
    ApproximateNumberOfMessages: '0',
    CreatedTimestamp: '1735689600',
    VisibilityTimeout: '30',
    MessageRetentionPeriod: '1209600',
    SqsManagedSseEnabled: 'true',
  },
};
const ordersTags: ListQueueTagsCommandOutput = { $metadata, Tags: { team: 'payments', env: 'prod' } };
const noTags: ListQueueTagsCommandOutput = { $metadata };

/** SQS speaks JSON with query-compatible errors: the SDK's name, plus the query code in `Code`. */
function sqsError(name: string, code: string, httpStatusCode: number, message: string): Error {
  return Object.assign(
    new SQSServiceException({
      name,
      $fault: 'client',
      $metadata: { httpStatusCode, requestId: 'b5b4f3a0-0000-4000-8000-00000000000e' },
      message,
    }),
    { Code: code, Type: 'Sender' },
  );
}
const accessDenied = (action: string) =>
  sqsError(
    'AccessDeniedException',
    'AccessDenied',
    403,
    `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  );
const queueGone = () =>
  Object.assign(
    new QueueDoesNotExist({
      message: 'The specified queue does not exist.',
      $metadata: { httpStatusCode: 400 },
    }),
    { Code: 'AWS.SimpleQueueService.NonExistentQueue', Type: 'Sender' },
  );

const sqs = mockClient(SQSClient);

function mockQueues(): void {
  sqs
    .on(ListQueuesCommand)
    .resolves(queuesPage1)
    .on(ListQueuesCommand, { NextToken: queuesPage1.NextToken })
    .resolves(queuesPage2);
  sqs.on(GetQueueAttributesCommand, { QueueUrl: ORDERS_URL }).resolves(ordersAttributes);
  sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).resolves(dlqAttributes);
  sqs.on(ListQueueTagsCommand, { QueueUrl: ORDERS_URL }).resolves(ordersTags);
  sqs.on(ListQueueTagsCommand, { QueueUrl: DLQ_URL }).resolves(noTags);
}

beforeEach(() => sqs.reset());

describe('sqsCollector', () => {
  it('lists every page (MaxResults set, so SQS returns NextToken) and emits each queue with parsed policies', async () => {
    mockQueues();
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    // (The SDK paginator reuses one input object, so only the count and MaxResults can be read back.)
    const listCalls = sqs.commandCalls(ListQueuesCommand);
    expect(listCalls).toHaveLength(2);
    expect(listCalls.every((call) => call.args[0].input.MaxResults === 1000)).toBe(true);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name, asset.region])).toEqual([
      ['aws_sqs_queue', 'Channel', ORDERS, 'orders', 'us-east-1'],
      ['aws_sqs_queue', 'Channel', DLQ, 'orders-dlq', 'us-east-1'],
    ]);
    expect(run.assets[0].config).toEqual({
      QueueUrl: ORDERS_URL,
      QueueArn: ORDERS,
      Attributes: {
        ...ordersAttributes.Attributes,
        Policy: ordersPolicy,
        RedrivePolicy: { deadLetterTargetArn: DLQ, maxReceiveCount: 5 },
      },
      Tags: { team: 'payments', env: 'prod' },
    });
    expect(run.assets[0].tags).toEqual({ team: 'payments', env: 'prod' });
    expect(run.assets[1].tags).toEqual({});
    expect(run.assets[1].config.Attributes).toEqual(dlqAttributes.Attributes);
  });

  it('links a KMS key it can name to the queue (ENCRYPTS); an alias such as alias/aws/sqs names no key', async () => {
    mockQueues();
    const keyId = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).resolves({
      $metadata,
      Attributes: { ...dlqAttributes.Attributes, KmsMasterKeyId: keyId, SqsManagedSseEnabled: 'false' },
    });
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    // orders uses alias/aws/sqs: no edge; the dead-letter queue a bare key id, in its own region and account.
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [`arn:aws:kms:us-east-1:123456789012:key/${keyId}`, 'ENCRYPTS', DLQ],
    ]);
  });

  it('asks for every attribute by queue URL, and never reads messages', async () => {
    mockQueues();
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: ORDERS_URL, AttributeNames: ['All'] },
      { QueueUrl: DLQ_URL, AttributeNames: ['All'] },
    ]);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
    expect(new Set(run.calls)).toEqual(
      new Set(['SQS.ListQueues', 'SQS.GetQueueAttributes', 'SQS.ListQueueTags']),
    );
  });

  it('fails the unit with AWS code when ListQueues is denied (nothing emitted, so nothing is deleted)', async () => {
    sqs.on(ListQueuesCommand).rejects(accessDenied('sqs:listqueues'));
    const run = testContext(sqsCollector);
    await expect(sqsCollector.collect(run.ctx)).rejects.toMatchObject({ Code: 'AccessDenied' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a queue whose attributes are denied, with readErrors.Attributes and the ARN built from its URL', async () => {
    mockQueues();
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: ORDERS_URL })
      .rejects(accessDenied('sqs:getqueueattributes'));
    sqs.on(ListQueueTagsCommand, { QueueUrl: DLQ_URL }).rejects(accessDenied('sqs:listqueuetags'));
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
      [ORDERS, { Attributes: 'AccessDenied' }],
      [DLQ, { Tags: 'AccessDenied' }],
    ]);
    expect(run.assets[0].config).toEqual({
      QueueUrl: ORDERS_URL,
      QueueArn: ORDERS,
      Tags: { team: 'payments', env: 'prod' },
    });
  });

  it('drops a queue deleted since the list (QueueDoesNotExist / AWS.SimpleQueueService.NonExistentQueue)', async () => {
    mockQueues();
    sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).rejects(queueGone());
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ORDERS]);
  });

  it('makes no further calls in a region without queues (ListQueues omits QueueUrls)', async () => {
    sqs.on(ListQueuesCommand).resolves({ $metadata });
    const run = testContext(sqsCollector);
    await sqsCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['SQS.ListQueues']);
  });

  it('reads name and account from both queue URL forms AWS has used', () => {
    expect(queueUrlParts(ORDERS_URL)).toEqual({ accountId: '123456789012', name: 'orders' });
    expect(queueUrlParts('https://us-east-1.queue.amazonaws.com/123456789012/orders.fifo')).toEqual({
      accountId: '123456789012',
      name: 'orders.fifo',
    });
  });
});
