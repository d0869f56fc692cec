// Pure transform: ListSecrets entry (metadata, never the value) + GetResourcePolicy -> aws_secretsmanager_secret.
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import { type DetailOutcome, mergeDetail } from '../../read';
import {
  type Where,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  plainConfig,
  tagMap,
} from '../../shape';

export interface SecretRead {
  entry: SecretListEntry;
  /** GetResourcePolicy's `ResourcePolicy` string, null when the secret has none. */
  policy: DetailOutcome<string | null>;
}

/**
 * Example: {ARN: "arn:aws:secretsmanager:r:a:secret:prod/db-AbCdEf", Name: "prod/db", RotationEnabled: true,
 * LastAccessedDate: Date, Tags: [{Key: "team", Value: "data"}]} + '{"Version":...}' -> config {ARN, Name,
 * RotationEnabled: true, LastAccessedDate: "2026-11-20T00:00:00.000Z", Tags: [...], ResourcePolicy: {Version: ...}},
 * tags {team: "data"}. No resource policy: ResourcePolicy null; GetResourcePolicy refused: readErrors.ResourcePolicy.
 */
export function secretAsset(scope: Where, read: SecretRead): Asset {
  const config = plainConfig(read.entry);
  const asset = makeAsset(scope, {
    id: read.entry.ARN as string,
    type: 'aws_secretsmanager_secret',
    class: 'Key',
    name: read.entry.Name ?? (read.entry.ARN as string),
    tags: tagMap(read.entry.Tags),
    config,
  });
  mergeDetail(asset, 'ResourcePolicy', read.policy, (policy) =>
    policy === null ? null : parsePolicyDocument(policy),
  );
  return asset;
}

/** The secret's customer managed key ENCRYPTS it (no KmsKeyId: the AWS managed aws/secretsmanager key). */
export function secretRelationships(scope: Where, secret: Asset): Relationship[] {
  const key = kmsKeyArnOf(scope, secret.config.KmsKeyId as string | undefined);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', secret.id)] : [];
}
