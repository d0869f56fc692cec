// Pure transforms from S3 responses to bucket and account public-access-block assets, and bucket edges.
import type { Bucket } from '@aws-sdk/client-s3';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { type OutputOutcome, mergeDetails } from '../../read';
import {
  type Where,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  plainConfig,
  tagMap,
} from '../../shape';
import type { BucketDetailKey } from './declarations';

export interface BucketRead {
  bucket: Bucket;
  /** Where the bucket lives, or the error code of GetBucketLocation. */
  region: { region: string } | { error: string };
  details: Record<BucketDetailKey, OutputOutcome>;
}

export function bucketArn(partition: string, name: string): string {
  return `arn:${partition}:s3:::${name}`;
}

/**
 * Example: Bucket {Name: "logs", BucketRegion: "eu-west-1"} + details -> aws_s3_bucket
 * `arn:aws:s3:::logs` with config {Name, CreationDate, BucketRegion, BucketEncryption, ..., BucketPolicy: {Policy: {...}}}.
 */
export function bucketAsset(scope: Where, partition: string, read: BucketRead): Asset {
  const name = read.bucket.Name as string;
  const config = plainConfig(read.bucket);
  const details: Record<string, OutputOutcome> = { ...read.details };
  if ('region' in read.region) config.BucketRegion = read.region.region;
  else details.BucketRegion = { ok: false, code: read.region.error };
  const policy = read.details.BucketPolicy;
  if (policy.ok && policy.value) {
    details.BucketPolicy = {
      ok: true,
      value: { ...policy.value, Policy: parsePolicyDocument(policy.value.Policy) },
    };
  }
  const merged = mergeDetails(config, details);
  const tagging = read.details.BucketTagging;
  const tags =
    tagging.ok && tagging.value ? tagMap(tagging.value.TagSet as { Key: string; Value: string }[]) : {};
  return makeAsset(scope, {
    id: bucketArn(partition, name),
    type: 'aws_s3_bucket',
    class: 'DataStore',
    name,
    tags,
    config: merged.config,
    readErrors: merged.readErrors,
  });
}

/** bucket LOGS_TO its access-log bucket; KMS key ENCRYPTS bucket when default encryption names a key. */
export function bucketRelationships(scope: Where, partition: string, read: BucketRead): Relationship[] {
  const arn = bucketArn(partition, read.bucket.Name as string);
  const relationships: Relationship[] = [];
  const logging = read.details.BucketLogging;
  const target = logging.ok
    ? (logging.value?.LoggingEnabled as { TargetBucket?: string } | undefined)
    : undefined;
  if (target?.TargetBucket) {
    relationships.push(makeRelationship(scope, arn, 'LOGS_TO', bucketArn(partition, target.TargetBucket)));
  }
  const region = 'region' in read.region ? read.region.region : undefined;
  for (const keyId of encryptionKeyIds(read.details.BucketEncryption)) {
    const keyArn = kmsKeyArn(keyId, partition, region, scope.accountId);
    if (keyArn) relationships.push(makeRelationship(scope, keyArn, 'ENCRYPTS', arn));
  }
  return relationships;
}

function encryptionKeyIds(encryption: OutputOutcome): string[] {
  if (!encryption.ok || !encryption.value) return [];
  const configuration = encryption.value.ServerSideEncryptionConfiguration as
    { Rules?: { ApplyServerSideEncryptionByDefault?: { KMSMasterKeyID?: string } }[] } | undefined;
  return (configuration?.Rules ?? [])
    .map((rule) => rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID)
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

/** A key ARN as is, a bare key id in the bucket's region; aliases cannot be resolved without KMS. */
function kmsKeyArn(
  keyId: string,
  partition: string,
  region: string | undefined,
  accountId: string,
): string | undefined {
  const arn = parseArn(keyId);
  if (arn) return arn.resource.startsWith('key/') ? keyId : undefined;
  if (keyId.startsWith('alias/') || !region) return undefined;
  return `arn:${partition}:kms:${region}:${accountId}:key/${keyId}`;
}

export function accountPublicAccessBlockAsset(scope: Where, partition: string, result: OutputOutcome): Asset {
  const merged = mergeDetails({}, { PublicAccessBlock: result });
  return makeAsset(scope, {
    id: `arn:${partition}:s3:::${scope.accountId}:account-public-access-block`,
    type: 'aws_s3_account_public_access_block',
    class: 'Configuration',
    name: 'account-public-access-block',
    config: merged.config,
    readErrors: merged.readErrors,
  });
}
