// Pure transform: topic + attributes (Policy parsed) + its subscriptions -> aws_sns_topic.
import type { Subscription } from '@aws-sdk/client-sns';
import type { Asset } from '../../../store/model';
import { parseArn } from '../../arn';
import {
  type AssetScope,
  type DetailResult,
  makeAsset,
  mergeDetails,
  parsePolicy,
  plainRecord,
} from '../s3/aws-values';

export interface TopicRead {
  topicArn: string;
  attributes: DetailResult;
}

/** Subscriptions by topic ARN, or the error code when ListSubscriptions failed. */
export type SubscriptionsByTopic = Map<string, Subscription[]> | { error: string };

export function groupSubscriptions(subscriptions: Subscription[]): Map<string, Subscription[]> {
  const byTopic = new Map<string, Subscription[]>();
  for (const subscription of subscriptions) {
    const topic = subscription.TopicArn as string;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), subscription]);
  }
  return byTopic;
}

/**
 * Example: "arn:aws:sns:r:a:alerts" + {Attributes: {Policy: "{...}", KmsMasterKeyId}} + [subscription]
 * -> config {TopicArn, TopicAttributes: {Attributes: {Policy: {...}, KmsMasterKeyId}}, Subscriptions: [...]}.
 */
export function topicAsset(scope: AssetScope, read: TopicRead, subscriptions: SubscriptionsByTopic): Asset {
  const details: Record<string, DetailResult> = {};
  if ('value' in read.attributes && read.attributes.value) {
    const attributes = (read.attributes.value.Attributes ?? {}) as Record<string, string>;
    const parsed: Record<string, unknown> = { ...attributes };
    if (attributes.Policy !== undefined) parsed.Policy = parsePolicy(attributes.Policy);
    details.TopicAttributes = { value: { Attributes: parsed } };
  } else details.TopicAttributes = read.attributes;
  details.Subscriptions =
    subscriptions instanceof Map
      ? {
          value: (subscriptions.get(read.topicArn) ?? []).map((subscription) =>
            plainRecord(subscription),
          ) as never,
        }
      : subscriptions;
  const merged = mergeDetails({ TopicArn: read.topicArn }, details);
  const resource = parseArn(read.topicArn)?.resource ?? read.topicArn;
  return makeAsset(scope, {
    id: read.topicArn,
    type: 'aws_sns_topic',
    class: 'Channel',
    name: resource,
    config: merged.config,
    readErrors: merged.readErrors,
  });
}
