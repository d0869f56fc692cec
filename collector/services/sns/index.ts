// SNS (regional): topics with their attributes (access policy, encryption) and subscriptions.
import {
  GetTopicAttributesCommand,
  paginateListSubscriptions,
  paginateListTopics,
  SNSClient,
  type Subscription,
} from '@aws-sdk/client-sns';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { isGone, readOutput, whereOf } from '../../read';
import { snsOperations, snsResourceTypes } from './declarations';
import { groupSubscriptions, type SubscriptionsByTopic, topicAsset, type TopicRead } from './transform';

export const snsCollector: CollectorModule = {
  service: 'sns',
  scope: 'regional',
  resourceTypes: snsResourceTypes,
  operations: snsOperations,
  collect: collectSns,
};

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
  const reads = await ctx.mapLimit(topicArns, async (topicArn): Promise<TopicRead> => ({
    topicArn,
    attributes: await readOutput(() => client.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))),
  }));
  // NotFound: deleted since ListTopics.
  const present = reads.filter((read) => !isGone(read.attributes, ['NotFound', 'NotFoundException']));
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
