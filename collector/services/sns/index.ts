// SNS (regional): topics with their attributes (access policy, encryption), subscriptions and tags.
import {
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  paginateListSubscriptions,
  paginateListTopics,
  SNSClient,
  type Subscription,
} from '@aws-sdk/client-sns';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { detail, isGone, readOutput, whereOf } from '../../read';
import { snsOperations, snsResourceTypes } from './declarations';
import { groupSubscriptions, type SubscriptionsByTopic, topicAsset, type TopicRead } from './transform';

export const snsCollector: CollectorModule = {
  service: 'sns',
  scope: 'regional',
  resourceTypes: snsResourceTypes,
  operations: snsOperations,
  collect: collectSns,
};

/**
 * AWS's wire codes for a topic deleted since ListTopics (GetTopicAttributes: NotFound, ListTagsForResource:
 * ResourceNotFound). Not the SDK class names: the SDK also raises NotFoundException, without a wire code, for any
 * HTTP 404 whose body it cannot read (an emulator's or proxy's HTML page), and such a topic is not known gone.
 */
const TOPIC_GONE = ['NotFound', 'ResourceNotFound'];

async function collectSns(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SNSClient);
  const scope = whereOf(ctx, snsCollector.service);
  // Topics list first: if it fails, nothing can be read and the error propagates.
  const topicArns: string[] = [];
  for await (const page of paginateListTopics({ client }, {})) {
    for (const topic of page.Topics ?? []) if (topic.TopicArn) topicArns.push(topic.TopicArn);
  }
  if (topicArns.length === 0) return;
  const subscriptions = await readSubscriptions(client);
  const reads = await ctx.mapLimit(topicArns, async (topicArn): Promise<TopicRead> => {
    const [attributes, tags] = await Promise.all([
      readOutput(() => client.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))),
      detail(async () => {
        const output = await client.send(new ListTagsForResourceCommand({ ResourceArn: topicArn }));
        return output?.Tags ?? [];
      }),
    ]);
    return { topicArn, attributes, tags };
  });
  // Deleted since ListTopics: GetTopicAttributes answers NotFound, ListTagsForResource ResourceNotFound.
  const present = reads.filter(
    (read) => !isGone(read.attributes, TOPIC_GONE) && !(read.tags && isGone(read.tags, TOPIC_GONE)),
  );
  await ctx.emit({ assets: present.map((read) => topicAsset(scope, read, subscriptions)) });
}

/** One account-wide listing instead of ListSubscriptionsByTopic per topic. */
async function readSubscriptions(client: SNSClient): Promise<SubscriptionsByTopic> {
  try {
    const all: Subscription[] = [];
    for await (const page of paginateListSubscriptions({ client }, {}))
      all.push(...(page.Subscriptions ?? []));
    return groupSubscriptions(all);
  } catch (error) {
    return { error: errorCode(error) };
  }
}
