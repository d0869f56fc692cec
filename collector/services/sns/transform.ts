// Pure transform: topic + attributes (Policy parsed) + its subscriptions + its tags -> aws_sns_topic.
import type { Subscription, Tag } from '@aws-sdk/client-sns';
import type { Asset } from '../../../store/model';
import { parseArn } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, parsePolicyDocument, plainConfig, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface TopicRead {
  topicArn: string;
  attributes: OutputOutcome;
  /** ListTagsForResource's `Tags` list. */
  tags?: DetailResult<Tag[]>;
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
 * + [{Key: "Owner", Value: "secops"}] -> config {TopicArn, TopicAttributes: {Attributes: {Policy: {...},
 * KmsMasterKeyId}}, Subscriptions: [...], Tags: [{Key: "Owner", Value: "secops"}]}, tags {Owner: "secops"}.
 */
export function topicAsset(scope: Where, read: TopicRead, subscriptions: SubscriptionsByTopic): Asset {
  const details: Record<string, OutputOutcome> = {};
  if (read.attributes.ok && read.attributes.value) {
    const attributes = (read.attributes.value.Attributes ?? {}) as Record<string, string>;
    const parsed: Record<string, unknown> = { ...attributes };
    if (attributes.Policy !== undefined) parsed.Policy = parsePolicyDocument(attributes.Policy);
    details.TopicAttributes = { ok: true, value: { Attributes: parsed } };
  } else details.TopicAttributes = read.attributes;
  details.Subscriptions =
    subscriptions instanceof Map
      ? {
          ok: true,
          value: (subscriptions.get(read.topicArn) ?? []).map((subscription) =>
            plainConfig(subscription),
          ) as never,
        }
      : { ok: false, code: subscriptions.error };
  const merged = mergeDetails({ TopicArn: read.topicArn }, details);
  const resource = parseArn(read.topicArn)?.resource ?? read.topicArn;
  const asset = makeAsset(scope, {
    id: read.topicArn,
    type: 'aws_sns_topic',
    class: 'Channel',
    name: resource,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
}
