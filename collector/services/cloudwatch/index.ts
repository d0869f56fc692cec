// CloudWatch (regional): metric alarms, the SNS topics they notify and the metric filters they watch.
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  type MetricFilter,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { allPages, whereOf } from '../../read';
import { cloudwatchOperations, cloudwatchResourceTypes } from './declarations';
import { alarmAssets, type FiltersByMetric, indexMetricFilters } from './transform';

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
  try {
    const logsClient = ctx.client(CloudWatchLogsClient);
    const pages = await allPages(paginateDescribeMetricFilters({ client: logsClient, pageSize: 50 }, {}));
    filters = indexMetricFilters(
      naming,
      pages.flatMap((page) => page.metricFilters ?? ([] as MetricFilter[])),
    );
  } catch (error) {
    filtersFailure = error;
    ctx.log(
      `cloudwatch: metric filters unreadable (${errorCode(error)}); alarms kept without MONITORS edges`,
    );
  }
  const client = ctx.client(CloudWatchClient);
  for await (const page of paginateDescribeAlarms(
    { client, pageSize: 100 },
    { AlarmTypes: ['MetricAlarm'] },
  )) {
    await ctx.emit(alarmAssets(scope, ctx.partition, page.MetricAlarms ?? [], filters));
  }
  // Without the filters this sync's alarm edges are incomplete: keep the type from being treated as complete.
  if (filtersFailure) ctx.typeFailed('aws_cloudwatch_alarm', filtersFailure);
}
