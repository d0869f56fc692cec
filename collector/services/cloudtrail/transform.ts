// Pure transform: a trail homed in this region, its status and event selectors -> asset and edges.
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig } from '../../shape';

export interface TrailRead {
  trail: Trail;
  details: { TrailStatus: OutputOutcome; EventSelectors: OutputOutcome };
}

export function trailAsset(scope: Where, read: TrailRead): Asset {
  const merged = mergeDetails(plainConfig(read.trail), { ...read.details });
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
export function trailRelationships(scope: Where, partition: string, trail: Trail): Relationship[] {
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
