// Pure transform: a trail homed in this region, its status and event selectors -> asset and edges.
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import {
  type AssetScope,
  type DetailResult,
  makeAsset,
  makeRelationship,
  mergeDetails,
  plainRecord,
} from '../s3/aws-values';

export interface TrailRead {
  trail: Trail;
  details: { TrailStatus: DetailResult; EventSelectors: DetailResult };
}

export function trailAsset(scope: AssetScope, read: TrailRead): Asset {
  const merged = mergeDetails(plainRecord(read.trail), { ...read.details });
  return makeAsset(scope, {
    id: read.trail.TrailARN as string,
    type: 'aws_cloudtrail_trail',
    class: 'Logs',
    name: read.trail.Name ?? (read.trail.TrailARN as string),
    config: merged.config,
    readErrors: merged.readErrors,
  });
}

/** trail LOGS_TO its bucket and log group; its KMS key ENCRYPTS it. */
export function trailRelationships(scope: AssetScope, partition: string, trail: Trail): Relationship[] {
  const arn = trail.TrailARN as string;
  const relationships: Relationship[] = [];
  if (trail.S3BucketName) {
    relationships.push(
      makeRelationship(scope, arn, 'LOGS_TO', `arn:${partition}:s3:::${trail.S3BucketName}`),
    );
  }
  if (trail.CloudWatchLogsLogGroupArn) {
    relationships.push(
      makeRelationship(scope, arn, 'LOGS_TO', trail.CloudWatchLogsLogGroupArn.replace(/:\*$/, '')),
    );
  }
  if (trail.KmsKeyId && parseArn(trail.KmsKeyId)?.resource.startsWith('key/')) {
    relationships.push(makeRelationship(scope, trail.KmsKeyId, 'ENCRYPTS', arn));
  }
  return relationships;
}
