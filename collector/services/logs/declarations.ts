import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const logsOperations: OperationDeclaration[] = [
  { api: 'CloudWatchLogs.DescribeLogGroups', actions: ['logs:DescribeLogGroups'] },
  { api: 'CloudWatchLogs.DescribeMetricFilters', actions: ['logs:DescribeMetricFilters'] },
  { api: 'CloudWatchLogs.ListTagsForResource', actions: ['logs:ListTagsForResource'] },
];

export const logsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_logs_log_group',
    class: 'Logs',
    listOperation: 'CloudWatchLogs.DescribeLogGroups',
    detailOperations: ['CloudWatchLogs.ListTagsForResource'],
    idSource: 'LogGroup.arn without the trailing ":*"',
  },
  {
    type: 'aws_logs_metric_filter',
    class: 'Monitor',
    listOperation: 'CloudWatchLogs.DescribeMetricFilters',
    idSource: 'synthetic: arn:{partition}:logs:{region}:{account}:metric-filter/{logGroupName}/{filterName}',
  },
];
