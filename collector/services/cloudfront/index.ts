// CloudFront (global; the API answers in us-east-1): every distribution from ListDistributions, and its full
// configuration from GetDistributionConfig (the summary has no default root object and no logging settings).
import {
  CloudFrontClient,
  type DistributionSummary,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
import type { CollectContext, CollectorModule } from '../../types';
import { isGone, markerPages, readOutput, whereOf } from '../../read';
import { cloudfrontOperations, cloudfrontResourceTypes } from './declarations';
import { distributionAsset, type DistributionRead, distributionWebAclEdges } from './transform';

export const cloudfrontCollector: CollectorModule = {
  service: 'cloudfront',
  scope: 'global',
  resourceTypes: cloudfrontResourceTypes,
  operations: cloudfrontOperations,
  collect: collectCloudFront,
};

/** A distribution deleted since the list. */
const DISTRIBUTION_GONE = ['NoSuchDistribution'];

async function collectCloudFront(ctx: CollectContext): Promise<void> {
  const client = ctx.client(CloudFrontClient);
  const scope = whereOf(ctx, cloudfrontCollector.service);
  // Marker / NextMarker, with IsTruncated saying whether another page follows.
  const summaries: DistributionSummary[] = [];
  for await (const page of markerPages(
    (marker) => client.send(new ListDistributionsCommand({ Marker: marker, MaxItems: 100 })),
    (page) => (page.DistributionList?.IsTruncated ? page.DistributionList.NextMarker : undefined),
  ))
    for (const summary of page.DistributionList?.Items ?? []) if (summary.Id) summaries.push(summary);
  if (summaries.length === 0) return;
  const reads = await ctx.mapLimit(summaries, async (summary): Promise<DistributionRead> => ({
    summary,
    config: await readOutput(async () => {
      const output = await client.send(new GetDistributionConfigCommand({ Id: summary.Id }));
      return output.DistributionConfig ?? {};
    }),
  }));
  const assets = reads
    .filter((read) => !isGone(read.config, DISTRIBUTION_GONE))
    .map((read) => distributionAsset(scope, read));
  const relationships = assets.flatMap((asset) => distributionWebAclEdges(scope, asset));
  await ctx.emit({ assets, relationships });
}
