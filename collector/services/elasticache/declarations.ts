import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Settings only: no call here reaches cached data.
export const elasticacheOperations: OperationDeclaration[] = [
  { api: 'ElastiCache.DescribeReplicationGroups', actions: ['elasticache:DescribeReplicationGroups'] },
  { api: 'ElastiCache.DescribeCacheClusters', actions: ['elasticache:DescribeCacheClusters'] },
];

export const elasticacheResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_elasticache_replication_group',
    class: 'Database',
    listOperation: 'ElastiCache.DescribeReplicationGroups',
    idSource: 'ReplicationGroup.ARN (built as arn:{p}:elasticache:{r}:{a}:replicationgroup:{id} when absent)',
  },
  {
    type: 'aws_elasticache_cluster',
    class: 'Database',
    listOperation: 'ElastiCache.DescribeCacheClusters',
    idSource: 'CacheCluster.ARN (built as arn:{p}:elasticache:{r}:{a}:cluster:{id} when absent)',
  },
];
