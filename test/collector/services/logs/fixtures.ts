import type {
  DescribeLogGroupsCommandOutput,
  DescribeMetricFiltersCommandOutput,
  ListTagsForResourceCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };

export const logGroupsPage1: DescribeLogGroupsCommandOutput = {
  $metadata,
  logGroups: [
    {
      logGroupName: 'cloudtrail',
      creationTime: 1704067200000,
      retentionInDays: 365,
      metricFilterCount: 1,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail',
      storedBytes: 1048576,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      logGroupClass: 'STANDARD',
    },
  ],
  nextToken: 'groups-page-2',
};

export const logGroupsPage2: DescribeLogGroupsCommandOutput = {
  $metadata,
  logGroups: [
    {
      logGroupName: '/aws/lambda/worker',
      creationTime: 1706745600000,
      metricFilterCount: 0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/worker:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/worker',
      storedBytes: 0,
      logGroupClass: 'STANDARD',
    },
  ],
};

/** CIS 4.3: root account usage. */
export const rootUsageFilter = {
  filterName: 'root-usage',
  filterPattern:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  metricTransformations: [
    { metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark', metricValue: '1' },
  ],
  creationTime: 1704067300000,
  logGroupName: 'cloudtrail',
};

export const metricFiltersPage1: DescribeMetricFiltersCommandOutput = {
  $metadata,
  metricFilters: [rootUsageFilter],
  nextToken: 'filters-page-2',
};

export const metricFiltersPage2: DescribeMetricFiltersCommandOutput = { $metadata, metricFilters: [] };

/** ListTagsForResource (by logGroupArn, without `:*`): the trail's log group is tagged, the Lambda one is not. */
export const cloudtrailGroupTags: ListTagsForResourceCommandOutput = {
  $metadata,
  tags: { Environment: 'production', Owner: 'security' },
};
export const noTags: ListTagsForResourceCommandOutput = { $metadata, tags: {} };
