// Pure transform: a key read -> aws_kms_key asset (KeyMetadata at the top, detail calls merged by name).
import type { Asset } from '../../../store/model';
import { type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, parsePolicyDocument, tagMap } from '../../shape';
import type { KeyRead } from './get';

/**
 * Example: {KeyArn}, DescribeKey {KeyMetadata: {KeyId, KeyManager: "CUSTOMER", ...}}, rotation {KeyRotationEnabled},
 * policy {Policy: "{...}", PolicyName: "default"} -> config {KeyId, KeyManager, ..., KeyRotationStatus, KeyPolicy: {Policy: {...}}}.
 */
export function keyAsset(scope: Where, read: KeyRead): Asset {
  const keyArn = read.key.KeyArn as string;
  const config: Record<string, unknown> = { KeyId: read.key.KeyId, KeyArn: keyArn };
  const details: Record<string, OutputOutcome> = {};
  if (read.description.ok && read.description.value) {
    Object.assign(config, read.description.value.KeyMetadata as Record<string, unknown>);
  } else if (!read.description.ok) details.KeyMetadata = read.description;
  let tags: Record<string, string> = {};
  if (read.customer) {
    const { KeyRotationStatus, KeyPolicy, ResourceTags } = read.customer;
    details.KeyRotationStatus = KeyRotationStatus;
    details.KeyPolicy =
      KeyPolicy.ok && KeyPolicy.value
        ? { ok: true, value: { ...KeyPolicy.value, Policy: parsePolicyDocument(KeyPolicy.value.Policy) } }
        : KeyPolicy;
    details.ResourceTags = ResourceTags;
    if (ResourceTags.ok && ResourceTags.value) {
      tags = tagMap(ResourceTags.value.Tags as { TagKey: string; TagValue: string }[], 'TagKey', 'TagValue');
    }
  }
  const merged = mergeDetails(config, details);
  return makeAsset(scope, {
    id: keyArn,
    type: 'aws_kms_key',
    class: 'Key',
    name: (read.key.KeyId as string) ?? keyArn,
    tags,
    config: merged.config,
    readErrors: merged.readErrors,
  });
}
