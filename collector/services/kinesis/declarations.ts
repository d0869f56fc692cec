import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: record reads (GetRecords, GetShardIterator, SubscribeToShard) are never called and never granted
// (onboarding/data-access.ts).
export const kinesisOperations: OperationDeclaration[] = [
  { api: 'Kinesis.ListStreams', actions: ['kinesis:ListStreams'] },
  { api: 'Kinesis.DescribeStreamSummary', actions: ['kinesis:DescribeStreamSummary'] },
  { api: 'Kinesis.ListTagsForStream', actions: ['kinesis:ListTagsForStream'] },
];

export const kinesisResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_kinesis_stream',
    class: 'Channel',
    listOperation: 'Kinesis.ListStreams',
    detailOperations: ['Kinesis.DescribeStreamSummary', 'Kinesis.ListTagsForStream'],
    idSource: 'StreamSummaries[].StreamARN (built from the stream name when absent)',
  },
];
