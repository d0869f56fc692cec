// SQS (regional): queues with every attribute (access policy, encryption, dead-letter settings) and their tags.
// Never ReceiveMessage: message bodies are data, not configuration.
import {
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  paginateListQueues,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, readOutput, whereOf } from '../../read';
import { sqsOperations, sqsResourceTypes } from './declarations';
import { queueAsset, queueRelationships, type QueueRead } from './transform';

export const sqsCollector: CollectorModule = {
  service: 'sqs',
  scope: 'regional',
  resourceTypes: sqsResourceTypes,
  operations: sqsOperations,
  collect: collectSqs,
};

/**
 * A queue deleted since ListQueues. SQS speaks JSON with query-compatible errors: the SDK names the error
 * `QueueDoesNotExist` and keeps the query code (`AWS.SimpleQueueService.NonExistentQueue`) in `Code`.
 */
const QUEUE_GONE = ['AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExist'];

async function collectSqs(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SQSClient);
  const scope = whereOf(ctx, sqsCollector.service);
  // ListQueues returns NextToken only when MaxResults is set (AWS's documented behaviour): without it, 1,000 max.
  const queueUrls: string[] = [];
  for await (const page of paginateListQueues({ client }, { MaxResults: 1000 }))
    queueUrls.push(...(page.QueueUrls ?? []));
  if (queueUrls.length === 0) return;
  const reads = await ctx.mapLimit(queueUrls, async (queueUrl): Promise<QueueRead> => {
    const [attributes, tags] = await Promise.all([
      readOutput(() =>
        client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] })),
      ),
      detail(async () => {
        const output = await client.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }));
        return (output?.Tags ?? {}) as Record<string, string>;
      }),
    ]);
    return { queueUrl, attributes, tags };
  });
  const present = reads.filter(
    (read) => !isGone(read.attributes, QUEUE_GONE) && !(read.tags && isGone(read.tags, QUEUE_GONE)),
  );
  const assets = present.map((read) => queueAsset(scope, read));
  await ctx.emit({ assets, relationships: assets.flatMap((queue) => queueRelationships(scope, queue)) });
}
