// CloudTrail (regional): trails homed in this region with their logging status and event selectors.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { CollectContext, CollectorModule } from '../../types';
import { isGone, readOutput, whereOf } from '../../read';
import { cloudtrailOperations, cloudtrailResourceTypes } from './declarations';
import { type TrailRead, trailAsset, trailRelationships } from './transform';

export const cloudtrailCollector: CollectorModule = {
  service: 'cloudtrail',
  scope: 'regional',
  resourceTypes: cloudtrailResourceTypes,
  operations: cloudtrailOperations,
  collect: collectCloudTrail,
};

async function collectCloudTrail(ctx: CollectContext): Promise<void> {
  const client = ctx.client(CloudTrailClient);
  const scope = whereOf(ctx, cloudtrailCollector.service);
  // Not paginated. Multi-region trails are reported once, by their home region (no shadow copies).
  const { trailList = [] } = await client.send(new DescribeTrailsCommand({ includeShadowTrails: false }));
  const trails = trailList.filter(
    (trail) => trail.TrailARN && (!trail.HomeRegion || trail.HomeRegion === ctx.region),
  );
  const reads = await ctx.mapLimit(trails, async (trail): Promise<TrailRead | undefined> => {
    const [TrailStatus, EventSelectors] = await Promise.all([
      readOutput(() => client.send(new GetTrailStatusCommand({ Name: trail.TrailARN }))),
      readOutput(() => client.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN }))),
    ]);
    const deleted = [TrailStatus, EventSelectors].some((detail) =>
      isGone(detail, ['TrailNotFoundException', 'TrailNotFound']),
    );
    return deleted ? undefined : { trail, details: { TrailStatus, EventSelectors } };
  });
  const present = reads.filter((read): read is TrailRead => read !== undefined);
  await ctx.emit({
    assets: present.map((read) => trailAsset(scope, read)),
    relationships: present.flatMap((read) => trailRelationships(scope, ctx.partition, read.trail)),
  });
}
