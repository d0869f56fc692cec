import {
  DescribeStreamSummaryCommand,
  type DescribeStreamSummaryCommandOutput,
  GetRecordsCommand,
  KinesisClient,
  KinesisServiceException,
  ListStreamsCommand,
  type ListStreamsCommandOutput,
  ListTagsForStreamCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { kinesisCollector } from '../../../../collector/services/kinesis';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'c6f1e1de-0000-4000-8000-000000000001' };
const CLICKS = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const AUDIT = 'arn:aws:kinesis:us-east-1:123456789012:stream/audit';
const KEY_ID = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const created = new Date('2025-01-01T00:00:00Z');

// ListStreams: StreamNames and StreamSummaries side by side, HasMoreStreams with an opaque NextToken.
const streamsPage1: ListStreamsCommandOutput = {
  $metadata,
  StreamNames: ['clicks'],
  HasMoreStreams: true,
  NextToken: 'AAAAAAAAAAGsc3RyZWFtcy1wYWdlLTI=',
  StreamSummaries: [
    {
      StreamName: 'clicks',
      StreamARN: CLICKS,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamCreationTimestamp: created,
    },
  ],
};
const streamsPage2: ListStreamsCommandOutput = {
  $metadata,
  StreamNames: ['audit'],
  HasMoreStreams: false,
  StreamSummaries: [
    {
      StreamName: 'audit',
      StreamARN: AUDIT,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamCreationTimestamp: created,
    },
  ],
};
const clicksSummary: DescribeStreamSummaryCommandOutput = {
  $metadata,
  StreamDescriptionSummary: {
    StreamName: 'clicks',
    StreamARN: CLICKS,
    StreamStatus: 'ACTIVE',
    StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    RetentionPeriodHours: 24,
    StreamCreationTimestamp: created,
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: 'NONE',
    OpenShardCount: 4,
    ConsumerCount: 1,
  },
};
const auditSummary: DescribeStreamSummaryCommandOutput = {
  $metadata,
  StreamDescriptionSummary: {
    StreamName: 'audit',
    StreamARN: AUDIT,
    StreamStatus: 'ACTIVE',
    StreamModeDetails: { StreamMode: 'PROVISIONED' },
    RetentionPeriodHours: 168,
    StreamCreationTimestamp: created,
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: 'KMS',
    KeyId: `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`,
    OpenShardCount: 1,
    ConsumerCount: 0,
  },
};

const accessDenied = (action: string) =>
  new KinesisServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });
const streamGone = (arn: string) =>
  new ResourceNotFoundException({
    message: `Stream audit under account 123456789012 not found. (${arn})`,
    $metadata: { httpStatusCode: 400 },
  });

const kinesis = mockClient(KinesisClient);

function mockStreams(): void {
  kinesis
    .on(ListStreamsCommand)
    .resolves(streamsPage1)
    .on(ListStreamsCommand, { NextToken: streamsPage1.NextToken })
    .resolves(streamsPage2);
  kinesis.on(DescribeStreamSummaryCommand, { StreamARN: CLICKS }).resolves(clicksSummary);
  kinesis.on(DescribeStreamSummaryCommand, { StreamARN: AUDIT }).resolves(auditSummary);
  // Tags page by ExclusiveStartTagKey while HasMoreTags.
  kinesis
    .on(ListTagsForStreamCommand, { StreamARN: CLICKS })
    .resolves({ $metadata, Tags: [{ Key: 'env', Value: 'prod' }], HasMoreTags: true })
    .on(ListTagsForStreamCommand, { StreamARN: CLICKS, ExclusiveStartTagKey: 'env' })
    .resolves({ $metadata, Tags: [{ Key: 'team', Value: 'web' }], HasMoreTags: false });
  kinesis
    .on(ListTagsForStreamCommand, { StreamARN: AUDIT })
    .resolves({ $metadata, Tags: [], HasMoreTags: false });
}

beforeEach(() => kinesis.reset());

describe('kinesisCollector', () => {
  it('follows NextToken and emits each stream with its summary and every page of tags', async () => {
    mockStreams();
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(kinesis.commandCalls(ListStreamsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      ['aws_kinesis_stream', 'Channel', CLICKS, 'clicks'],
      ['aws_kinesis_stream', 'Channel', AUDIT, 'audit'],
    ]);
    expect(run.assets[0].config).toEqual({
      StreamName: 'clicks',
      StreamARN: CLICKS,
      StreamDescriptionSummary: {
        ...clicksSummary.StreamDescriptionSummary,
        StreamCreationTimestamp: '2025-01-01T00:00:00.000Z',
      },
      Tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'web' },
      ],
    });
    expect(run.assets[0].tags).toEqual({ env: 'prod', team: 'web' });
    expect(run.assets[1].tags).toEqual({});
  });

  it('links the KMS key named by ARN to its stream (ENCRYPTS); an unencrypted stream has no key edge', async () => {
    mockStreams();
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [`arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`, 'ENCRYPTS', AUDIT],
    ]);
  });

  it('never reads records', async () => {
    mockStreams();
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(kinesis.commandCalls(GetRecordsCommand)).toHaveLength(0);
    expect(new Set(run.calls)).toEqual(
      new Set(['Kinesis.ListStreams', 'Kinesis.DescribeStreamSummary', 'Kinesis.ListTagsForStream']),
    );
  });

  it('keeps a stream whose summary is denied, with readErrors.StreamDescriptionSummary', async () => {
    mockStreams();
    kinesis
      .on(DescribeStreamSummaryCommand, { StreamARN: CLICKS })
      .rejects(accessDenied('kinesis:DescribeStreamSummary'));
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(run.assets[0].readErrors).toEqual({ StreamDescriptionSummary: 'AccessDeniedException' });
    expect(run.assets[0].config.StreamDescriptionSummary).toBeUndefined();
  });

  it('drops a stream deleted since the list (ResourceNotFoundException)', async () => {
    mockStreams();
    kinesis.on(DescribeStreamSummaryCommand, { StreamARN: AUDIT }).rejects(streamGone(AUDIT));
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([CLICKS]);
  });

  it('fails the unit with AWS code when ListStreams is denied', async () => {
    kinesis.on(ListStreamsCommand).rejects(accessDenied('kinesis:ListStreams'));
    const run = testContext(kinesisCollector);
    await expect(kinesisCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets).toEqual([]);
  });

  it('makes no further calls in a region without streams', async () => {
    kinesis
      .on(ListStreamsCommand)
      .resolves({ $metadata, StreamNames: [], HasMoreStreams: false, StreamSummaries: [] });
    const run = testContext(kinesisCollector);
    await kinesisCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['Kinesis.ListStreams']);
  });
});
