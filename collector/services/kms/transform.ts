// Pure transform: a key read -> aws_kms_key asset (KeyMetadata at the top, detail calls merged by name).
import type { Asset } from '../../../store/model';
import {
  type AssetScope,
  type DetailResult,
  makeAsset,
  mergeDetails,
  parsePolicy,
  tagMap,
} from '../s3/aws-values';
import type { KeyRead } from './get';

/**
 * Example: {KeyArn}, DescribeKey {KeyMetadata: {KeyId, KeyManager: "CUSTOMER", ...}}, rotation {KeyRotationEnabled},
 * policy {Policy: "{...}", PolicyName: "default"} -> config {KeyId, KeyManager, ..., KeyRotationStatus, KeyPolicy: {Policy: {...}}}.
 */
export function keyAsset(scope: AssetScope, read: KeyRead): Asset {
  const keyArn = read.key.KeyArn as string;
  const config: Record<string, unknown> = { KeyId: read.key.KeyId, KeyArn: keyArn };
  const details: Record<string, DetailResult> = {};
  if ('value' in read.description && read.description.value) {
    Object.assign(config, read.description.value.KeyMetadata as Record<string, unknown>);
  } else if ('error' in read.description) details.KeyMetadata = read.description;
  let tags: Record<string, string> = {};
  if (read.customer) {
    const { KeyRotationStatus, KeyPolicy, ResourceTags } = read.customer;
    details.KeyRotationStatus = KeyRotationStatus;
    details.KeyPolicy =
      'value' in KeyPolicy && KeyPolicy.value
        ? { value: { ...KeyPolicy.value, Policy: parsePolicy(KeyPolicy.value.Policy) } }
        : KeyPolicy;
    details.ResourceTags = ResourceTags;
    if ('value' in ResourceTags && ResourceTags.value) {
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
