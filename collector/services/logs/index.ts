// CloudWatch Logs (regional): log groups and the metric filters that CIS monitoring controls look for.
import {
  CloudWatchLogsClient,
  paginateDescribeLogGroups,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CollectContext, CollectorModule } from '../../types';
import { whereOf } from '../../read';
import { logsOperations, logsResourceTypes } from './declarations';
import { logGroupAssets, metricFilterAssets } from './transform';

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
      await ctx.emit(logGroupAssets(scope, naming, page.logGroups ?? []));
    }
  } catch (error) {
    failures.push(error);
    ctx.typeFailed('aws_logs_log_group', error);
  }
  try {
    // Account-wide in the region (no log group named): one listing instead of one call per group.
    for await (const page of paginateDescribeMetricFilters({ client, pageSize: 50 }, {})) {
      await ctx.emit(metricFilterAssets(scope, naming, page.metricFilters ?? []));
    }
  } catch (error) {
    failures.push(error);
    ctx.typeFailed('aws_logs_metric_filter', error);
  }
  if (failures.length === 2) throw failures[0];
}
