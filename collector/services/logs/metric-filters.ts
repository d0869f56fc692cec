// The region's metric filters, listed once per sync: the logs module stores them as assets and the cloudwatch
// module links alarms to them, so both read this one listing (ctx.shared) instead of each paging through it.
import {
  CloudWatchLogsClient,
  type MetricFilter,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CollectContext } from '../../types';

/** The filters read, and the error that stopped the listing early (the pages before it are kept). */
export interface MetricFilterListing {
  filters: MetricFilter[];
  error?: unknown;
}

export function regionMetricFilters(ctx: CollectContext): Promise<MetricFilterListing> {
  return ctx.shared('CloudWatchLogs.DescribeMetricFilters', async () => {
    const client = ctx.client(CloudWatchLogsClient);
    const filters: MetricFilter[] = [];
    try {
      // Account-wide in the region (no log group named): one listing instead of one call per group.
      for await (const page of paginateDescribeMetricFilters({ client, pageSize: 50 }, {}))
        filters.push(...(page.metricFilters ?? []));
      return { filters };
    } catch (error) {
      return { filters, error };
    }
  });
}
