// Records SQS for one demo region: Production's order queue is encrypted and takes
// messages from one SNS topic only; its dead-letter queue was created without encryption; Staging has a webhook
// inbox whose policy lets anyone send. Queues live in the first region; the others answer empty lists.
import type { Recording } from '../recording';
import type { EstateContext } from './profile';

export function recordMessaging(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  recordQueues(recording, ctx, region, regionIndex);
}

interface DemoQueue {
  name: string;
  attributes: Record<string, string>;
  policy?: object;
  tags: Record<string, string>;
}

function recordQueues(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const arn = (name: string) => `arn:aws:sqs:${region}:${owner}:${name}`;
  const url = (name: string) => `https://sqs.${region}.amazonaws.com/${owner}/${name}`;
  const created = String(Math.floor(ctx.now.getTime() / 1000) - 200 * 86400);
  const base = (name: string): Record<string, string> => ({
    QueueArn: arn(name),
    ApproximateNumberOfMessages: '0',
    ApproximateNumberOfMessagesNotVisible: '0',
    ApproximateNumberOfMessagesDelayed: '0',
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: '30',
    MaximumMessageSize: '262144',
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
  });
  const queues: DemoQueue[] = [];
  if (regionIndex === 0 && !staging) {
    const orders = `${ctx.account.kind}-orders`;
    queues.push(
      {
        name: orders,
        attributes: {
          ...base(orders),
          SqsManagedSseEnabled: 'true',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(`${orders}-dlq`), maxReceiveCount: 5 }),
        },
        policy: {
          Version: '2012-10-17',
          Id: `${arn(orders)}/SQSDefaultPolicy`,
          Statement: [
            {
              Sid: 'order-events-topic',
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'SQS:SendMessage',
              Resource: arn(orders),
              Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${region}:${owner}:order-events` } },
            },
          ],
        },
        tags: { Environment: ctx.account.kind, Owner: 'payments' },
      },
      // Created by hand during an incident: no encryption.
      {
        name: `${orders}-dlq`,
        attributes: {
          ...base(`${orders}-dlq`),
          MessageRetentionPeriod: '1209600',
          SqsManagedSseEnabled: 'false',
        },
        tags: {},
      },
    );
  }
  if (regionIndex === 0 && staging) {
    const inbox = 'staging-webhook-inbox';
    queues.push({
      name: inbox,
      attributes: { ...base(inbox), KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300' },
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'anyone-can-send',
            Effect: 'Allow',
            Principal: '*',
            Action: 'sqs:SendMessage',
            Resource: arn(inbox),
          },
        ],
      },
      tags: { Environment: 'staging' },
    });
  }
  // One queue per page, so the demo reads ListQueues' NextToken too (it only pages when MaxResults is set).
  recording.paged('SQS', 'ListQueues', region, {
    items: queues.map((queue) => url(queue.name)),
    itemsKey: 'QueueUrls',
    pageSize: 1,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const queue of queues) {
    const attributes = {
      ...queue.attributes,
      ...(queue.policy ? { Policy: JSON.stringify(queue.policy) } : {}),
    };
    recording.output(
      'SQS',
      'GetQueueAttributes',
      region,
      { QueueUrl: url(queue.name) },
      { Attributes: attributes },
    );
    recording.output(
      'SQS',
      'ListQueueTags',
      region,
      { QueueUrl: url(queue.name) },
      Object.keys(queue.tags).length ? { Tags: queue.tags } : {},
    );
  }
}
