// Pure transform: ListStreams entry + DescribeStreamSummary + ListTagsForStream -> aws_kinesis_stream.
import type { Tag } from '@aws-sdk/client-kinesis';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, makeRelationship, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface StreamRead {
  name: string;
  /** The ListStreams summary's StreamARN (built from the name when absent). */
  arn: string;
  /** DescribeStreamSummary's `StreamDescriptionSummary`. */
  summary: OutputOutcome;
  /** ListTagsForStream's `Tags`, every page. */
  tags: DetailResult<Tag[]>;
}

/**
 * Example: "clicks" + {StreamARN, StreamStatus: "ACTIVE", RetentionPeriodHours: 24, EncryptionType: "KMS", KeyId:
 * "alias/aws/kinesis", StreamModeDetails: {StreamMode: "ON_DEMAND"}} + [{Key: "team", Value: "web"}] -> id the ARN,
 * config {StreamName, StreamARN, StreamDescriptionSummary: {...}, Tags: [...]}, tags {team: "web"}.
 */
export function streamAsset(scope: Where, read: StreamRead): Asset {
  const merged = mergeDetails(
    { StreamName: read.name, StreamARN: read.arn },
    { StreamDescriptionSummary: read.summary },
  );
  const asset = makeAsset(scope, {
    id: read.arn,
    type: 'aws_kinesis_stream',
    class: 'Channel',
    name: read.name,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
}

/** The stream's KMS key ENCRYPTS it when named by key ARN or key id (alias/aws/kinesis names no key). */
export function streamRelationships(scope: Where, stream: Asset): Relationship[] {
  const summary = stream.config.StreamDescriptionSummary as { KeyId?: string } | undefined;
  const key = kmsKeyArnOf(scope, summary?.KeyId);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', stream.id)] : [];
}
