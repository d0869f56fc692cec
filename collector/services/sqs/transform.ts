// Pure transform: queue URL + GetQueueAttributes(All) (Policy and RedrivePolicy parsed) + its tags -> aws_sqs_queue.
import type { Asset, Relationship } from '../../../store/model';
import { buildArn, kmsKeyArnOf } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, makeRelationship, parsePolicyDocument } from '../../shape';
import { mergeTags, tagsFromMap } from '../../tags';

export interface QueueRead {
  queueUrl: string;
  attributes: OutputOutcome;
  /** ListQueueTags's `Tags` map. */
  tags?: DetailResult<Record<string, string>>;
}

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/orders` -> its name and account (AWS's documented URL form). */
export function queueUrlParts(queueUrl: string): { accountId?: string; name: string } {
  const path = queueUrl
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .split('/')
    .filter(Boolean);
  return path.length >= 2
    ? { accountId: path[0], name: path[1] }
    : { name: path[path.length - 1] ?? queueUrl };
}

/**
 * Example: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders" + {Attributes: {QueueArn, Policy: "{...}",
 * SqsManagedSseEnabled: "true"}} + {Tags: {team: "payments"}} -> id arn:aws:sqs:eu-west-1:123456789012:orders,
 * config {QueueUrl, QueueArn, Attributes: {QueueArn, Policy: {...}, SqsManagedSseEnabled: "true"}, Tags: {team:
 * "payments"}}, tags {team: "payments"}. Attribute values stay the strings AWS sends ("true", "300").
 */
export function queueAsset(scope: Where, read: QueueRead): Asset {
  const { accountId, name } = queueUrlParts(read.queueUrl);
  const details: Record<string, OutputOutcome> = {};
  let queueArn: string | undefined;
  if (read.attributes.ok && read.attributes.value) {
    const attributes = (read.attributes.value.Attributes ?? {}) as Record<string, string>;
    queueArn = attributes.QueueArn;
    const parsed: Record<string, unknown> = { ...attributes };
    if (attributes.Policy !== undefined) parsed.Policy = parsePolicyDocument(attributes.Policy);
    if (attributes.RedrivePolicy !== undefined)
      parsed.RedrivePolicy = parsePolicyDocument(attributes.RedrivePolicy);
    details.Attributes = { ok: true, value: parsed };
  } else details.Attributes = read.attributes;
  const id = queueArn ?? buildArn(scope.partition, 'sqs', scope.region, accountId ?? scope.accountId, name);
  const merged = mergeDetails({ QueueUrl: read.queueUrl, QueueArn: id }, details);
  const asset = makeAsset(scope, {
    id,
    type: 'aws_sqs_queue',
    class: 'Channel',
    name,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, tagsFromMap);
  return asset;
}

/** The queue's KMS key ENCRYPTS it (SSE-KMS with a key id or ARN; an alias such as alias/aws/sqs names no key). */
export function queueRelationships(scope: Where, queue: Asset): Relationship[] {
  const attributes = queue.config.Attributes as Record<string, unknown> | undefined;
  const key = kmsKeyArnOf(scope, attributes?.KmsMasterKeyId as string | undefined);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', queue.id)] : [];
}
