// Kinesis Data Streams (regional): streams with their summary (encryption at rest, retention, mode) and tags.
// Never a record read: what flows through a stream is data, not configuration.
import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListTagsForStreamCommand,
  paginateListStreams,
  type Tag,
} from '@aws-sdk/client-kinesis';
import { buildArn } from '../../arn';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, readOutput, whereOf } from '../../read';
import { kinesisOperations, kinesisResourceTypes } from './declarations';
import { streamAsset, streamRelationships, type StreamRead } from './transform';

export const kinesisCollector: CollectorModule = {
  service: 'kinesis',
  scope: 'regional',
  resourceTypes: kinesisResourceTypes,
  operations: kinesisOperations,
  collect: collectKinesis,
};

/** A stream deleted since ListStreams. */
const STREAM_GONE = ['ResourceNotFoundException'];

async function collectKinesis(ctx: CollectContext): Promise<void> {
  const client = ctx.client(KinesisClient);
  const scope = whereOf(ctx, kinesisCollector.service);
  // ListStreams pages by NextToken (HasMoreStreams says whether one follows); StreamSummaries carry the ARN.
  const streams: { name: string; arn: string }[] = [];
  for await (const page of paginateListStreams({ client }, { Limit: 100 })) {
    const summaries = page.StreamSummaries ?? [];
    // An older answer may carry StreamNames only: the ARN is then built from the name.
    const names = summaries.length
      ? summaries.map((summary) => ({ name: summary.StreamName, arn: summary.StreamARN }))
      : (page.StreamNames ?? []).map((name) => ({ name, arn: undefined }));
    for (const { name, arn } of names)
      if (name)
        streams.push({
          name,
          arn: arn ?? buildArn(scope.partition, 'kinesis', scope.region, scope.accountId, `stream/${name}`),
        });
  }
  if (streams.length === 0) return;
  const reads = await ctx.mapLimit(streams, async ({ name, arn }): Promise<StreamRead> => {
    const [summary, tags] = await Promise.all([
      readOutput(async () => {
        const output = await client.send(new DescribeStreamSummaryCommand({ StreamARN: arn }));
        return output.StreamDescriptionSummary ?? {};
      }),
      detail(async () => {
        // Tags page by ExclusiveStartTagKey while HasMoreTags (at most 50 per page).
        const all: Tag[] = [];
        let start: string | undefined;
        for (;;) {
          const output = await client.send(
            new ListTagsForStreamCommand({ StreamARN: arn, ExclusiveStartTagKey: start }),
          );
          const page = output.Tags ?? [];
          all.push(...page);
          const last = page[page.length - 1]?.Key;
          if (!output.HasMoreTags || !last || last === start) return all;
          start = last;
        }
      }),
    ]);
    return { name, arn, summary, tags };
  });
  const present = reads.filter(
    (read) => !isGone(read.summary, STREAM_GONE) && !isGone(read.tags, STREAM_GONE),
  );
  const assets = present.map((read) => streamAsset(scope, read));
  await ctx.emit({ assets, relationships: assets.flatMap((stream) => streamRelationships(scope, stream)) });
}
