// Pure transform: a trail homed in this region, its status, event selectors and tags -> asset and edges.
import type { Tag, Trail } from '@aws-sdk/client-cloudtrail';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface TrailRead {
  trail: Trail;
  details: { TrailStatus: OutputOutcome; EventSelectors: OutputOutcome };
  /** ListTags' TagsList for this trail; undefined when not read (a trail of another account). */
  tags?: DetailResult<Tag[]>;
}

export function trailAsset(scope: Where, read: TrailRead): Asset {
  const merged = mergeDetails(plainConfig(read.trail), { ...read.details });
  const asset = makeAsset(scope, {
    id: read.trail.TrailARN as string,
    type: 'aws_cloudtrail_trail',
    class: 'Logs',
    name: read.trail.Name ?? (read.trail.TrailARN as string),
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
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
