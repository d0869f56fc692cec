// CloudWatch Logs (regional): log groups with their tags and the metric filters that CIS monitoring controls
// look for.
import {
  CloudWatchLogsClient,
  ListTagsForResourceCommand,
  type LogGroup,
  paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, whereOf } from '../../read';
import { logsOperations, logsResourceTypes } from './declarations';
import { regionMetricFilters } from './metric-filters';
import {
  type LogGroupRead,
  type LogsNaming,
  logGroupArn,
  logGroupAssets,
  metricFilterAssets,
} from './transform';

export const logsCollector: CollectorModule = {
  service: 'logs',
  scope: 'regional',
  resourceTypes: logsResourceTypes,
  operations: logsOperations,
  collect: collectLogs,
};

async function collectLogs(ctx: CollectContext): Promise<void> {
  const client = ctx.client(CloudWatchLogsClient);
  const scope = whereOf(ctx, logsCollector.service);
  const naming = { partition: ctx.partition, region: ctx.region, accountId: ctx.accountId };
  const failures: unknown[] = [];
  try {
    for await (const page of paginateDescribeLogGroups({ client, pageSize: 50 }, {})) {
      const reads = await readLogGroupTags(ctx, client, naming, page.logGroups ?? []);
      await ctx.emit(logGroupAssets(scope, naming, reads));
    }
  } catch (error) {
    failures.push(error);
    ctx.typeFailed('aws_logs_log_group', error);
  }
  const listing = await regionMetricFilters(ctx);
  await ctx.emit(metricFilterAssets(scope, naming, listing.filters));
  if (listing.error !== undefined) {
    failures.push(listing.error);
    ctx.typeFailed('aws_logs_metric_filter', listing.error);
  }
  if (failures.length === 2) throw failures[0];
}

/** One ListTagsForResource per log group; a group deleted since the list (ResourceNotFoundException) is dropped. */
async function readLogGroupTags(
  ctx: CollectContext,
  client: CloudWatchLogsClient,
  naming: LogsNaming,
  groups: LogGroup[],
): Promise<LogGroupRead[]> {
  const reads = await ctx.mapLimit(groups, async (group): Promise<LogGroupRead> => {
    const resourceArn = logGroupArn(naming, group);
    const tags = await detail(async () => {
      const output = await client.send(new ListTagsForResourceCommand({ resourceArn }), {
        abortSignal: ctx.signal,
      });
      return output?.tags ?? {};
    });
    return { group, tags };
  });
  return reads.filter((read) => !read.tags || !isGone(read.tags, ['ResourceNotFoundException']));
}
