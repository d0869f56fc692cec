import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const cloudwatchOperations: OperationDeclaration[] = [
  { api: 'CloudWatch.DescribeAlarms', actions: ['cloudwatch:DescribeAlarms'] },
  { api: 'CloudWatch.ListTagsForResource', actions: ['cloudwatch:ListTagsForResource'] },
  // Read here too (not through the logs module) to link alarms to the metric filters that feed them.
  { api: 'CloudWatchLogs.DescribeMetricFilters', actions: ['logs:DescribeMetricFilters'] },
];

export const cloudwatchResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_cloudwatch_alarm',
    class: 'Monitor',
    listOperation: 'CloudWatch.DescribeAlarms',
    detailOperations: ['CloudWatchLogs.DescribeMetricFilters', 'CloudWatch.ListTagsForResource'],
    idSource: 'MetricAlarm.AlarmArn',
  },
];
