// CloudTrail (regional): trails homed in this region with their logging status, event selectors and tags.
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  paginateListTags,
  type Tag,
} from '@aws-sdk/client-cloudtrail';
import { parseArn } from '../../arn';
import type { CollectContext, CollectorModule } from '../../types';
import { chunks, detail, type DetailResult, isGone, readOutput, whereOf } from '../../read';
import { cloudtrailOperations, cloudtrailResourceTypes } from './declarations';
import { type TrailRead, trailAsset, trailRelationships } from './transform';

export const cloudtrailCollector: CollectorModule = {
  service: 'cloudtrail',
  scope: 'regional',
  resourceTypes: cloudtrailResourceTypes,
  operations: cloudtrailOperations,
  collect: collectCloudTrail,
};

/** What a detail call answers for a trail deleted since DescribeTrails (ListTags: ResourceNotFoundException). */
const TRAIL_GONE = ['TrailNotFoundException', 'TrailNotFound', 'ResourceNotFoundException'];
/**
 * ListTags errors caused by one ARN of the list (AWS documents them per resource): the rest of the batch is
 * asked again trail by trail. Denials, throttling and server errors concern every trail and are not retried.
 */
const ONE_TRAIL_ERRORS = [
  ...TRAIL_GONE,
  'CloudTrailARNInvalidException',
  'InvalidTrailNameException',
  'ResourceTypeNotSupportedException',
];
/** ListTags accepts at most 20 ARNs per call. */
const TAGS_PER_CALL = 20;

async function collectCloudTrail(ctx: CollectContext): Promise<void> {
  const client = ctx.client(CloudTrailClient);
  const scope = whereOf(ctx, cloudtrailCollector.service);
  // Not paginated. Multi-region trails are reported once, by their home region (no shadow copies).
  const { trailList = [] } = await client.send(new DescribeTrailsCommand({ includeShadowTrails: false }));
  const trails = trailList.filter(
    (trail) => trail.TrailARN && (!trail.HomeRegion || trail.HomeRegion === ctx.region),
  );
  // ListTags is regional and these trails are homed here. A trail of another account (an organization trail
  // seen from a member account) has its tags read where it belongs.
  const owned = trails
    .map((trail) => trail.TrailARN as string)
    .filter((arn) => parseArn(arn)?.accountId === ctx.accountId);
  const tags = await readTrailTags(ctx, client, owned);
  const reads = await ctx.mapLimit(trails, async (trail): Promise<TrailRead | undefined> => {
    const [TrailStatus, EventSelectors] = await Promise.all([
      readOutput(() => client.send(new GetTrailStatusCommand({ Name: trail.TrailARN }))),
      readOutput(() => client.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN }))),
    ]);
    const Tags = tags.get(trail.TrailARN as string);
    const deleted = [TrailStatus, EventSelectors, Tags].some(
      (outcome) => outcome !== undefined && isGone(outcome, TRAIL_GONE),
    );
    return deleted ? undefined : { trail, details: { TrailStatus, EventSelectors }, tags: Tags };
  });
  const present = reads.filter((read): read is TrailRead => read !== undefined);
  await ctx.emit({
    assets: present.map((read) => trailAsset(scope, read)),
    relationships: present.flatMap((read) => trailRelationships(scope, ctx.partition, read.trail)),
  });
}

/** Tags of each trail, 20 trails per ListTags call; a failed call records its error for its trails only. */
async function readTrailTags(
  ctx: CollectContext,
  client: CloudTrailClient,
  arns: string[],
): Promise<Map<string, DetailResult<Tag[]>>> {
  const results = new Map<string, DetailResult<Tag[]>>();
  const record = (batch: string[], outcome: DetailResult<Map<string, Tag[]>>) => {
    for (const arn of batch)
      results.set(arn, outcome.ok ? { ok: true, value: outcome.value.get(arn) ?? [] } : outcome);
  };
  await ctx.mapLimit(chunks(arns, TAGS_PER_CALL), async (batch) => {
    const outcome = await detail(() => listTags(client, batch));
    if (outcome.ok || batch.length === 1 || !isGone(outcome, ONE_TRAIL_ERRORS)) return record(batch, outcome);
    // One trail of the batch was deleted since DescribeTrails (or is refused): ask per trail, so the others keep
    // their tags.
    await ctx.mapLimit(batch, async (arn) => record([arn], await detail(() => listTags(client, [arn]))));
  });
  return results;
}

/** Every page of ListTags, each trail's tags concatenated across pages. */
async function listTags(client: CloudTrailClient, arns: string[]): Promise<Map<string, Tag[]>> {
  const byTrail = new Map<string, Tag[]>();
  for await (const page of paginateListTags({ client }, { ResourceIdList: arns })) {
    for (const entry of page.ResourceTagList ?? []) {
      if (!entry.ResourceId) continue;
      byTrail.set(entry.ResourceId, [...(byTrail.get(entry.ResourceId) ?? []), ...(entry.TagsList ?? [])]);
    }
  }
  return byTrail;
}
