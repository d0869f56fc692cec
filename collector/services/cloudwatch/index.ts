// CloudWatch (regional): metric alarms with their tags, the SNS topics they notify and the metric filters they
// watch.
import {
  CloudWatchClient,
  ListTagsForResourceCommand,
  type MetricAlarm,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { detail, isGone, whereOf } from '../../read';
import { regionMetricFilters } from '../logs/metric-filters';
import { cloudwatchOperations, cloudwatchResourceTypes } from './declarations';
import { type AlarmRead, alarmAssets, type FiltersByMetric, indexMetricFilters } from './transform';

export const cloudwatchCollector: CollectorModule = {
  service: 'cloudwatch',
  scope: 'regional',
  resourceTypes: cloudwatchResourceTypes,
  operations: cloudwatchOperations,
  collect: collectCloudWatch,
};

async function collectCloudWatch(ctx: CollectContext): Promise<void> {
  const scope = whereOf(ctx, cloudwatchCollector.service);
  const naming = { partition: ctx.partition, region: ctx.region, accountId: ctx.accountId };
  let filters: FiltersByMetric = new Map();
  let filtersFailure: unknown;
  const listing = await regionMetricFilters(ctx);
  if (listing.error === undefined) filters = indexMetricFilters(naming, listing.filters);
  else {
    filtersFailure = listing.error;
    ctx.log(
      `cloudwatch: metric filters unreadable (${errorCode(listing.error)}); alarms kept without MONITORS edges`,
    );
  }
  const client = ctx.client(CloudWatchClient);
  for await (const page of paginateDescribeAlarms(
    { client, pageSize: 100 },
    { AlarmTypes: ['MetricAlarm'] },
  )) {
    const reads = await readAlarmTags(ctx, client, page.MetricAlarms ?? []);
    await ctx.emit(alarmAssets(scope, ctx.partition, reads, filters));
  }
  // Without the filters this sync's alarm edges are incomplete: keep the type from being treated as complete.
  if (filtersFailure) ctx.typeFailed('aws_cloudwatch_alarm', filtersFailure);
}

/** One ListTagsForResource per alarm; an alarm deleted since DescribeAlarms (ResourceNotFound) is dropped. */
async function readAlarmTags(
  ctx: CollectContext,
  client: CloudWatchClient,
  alarms: MetricAlarm[],
): Promise<AlarmRead[]> {
  const reads = await ctx.mapLimit(alarms, async (alarm): Promise<AlarmRead> => {
    const tags = await detail(async () => {
      const output = await client.send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }), {
        abortSignal: ctx.signal,
      });
      return output?.Tags ?? [];
    });
    return { alarm, tags };
  });
  return reads.filter(
    (read) => !read.tags || !isGone(read.tags, ['ResourceNotFoundException', 'ResourceNotFound']),
  );
}
