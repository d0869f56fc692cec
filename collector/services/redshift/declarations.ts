import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Settings only: redshift:GetClusterCredentials (database logins) and redshift-data (query results) are never
// called and never granted (onboarding/data-access.ts).
export const redshiftOperations: OperationDeclaration[] = [
  { api: 'Redshift.DescribeClusters', actions: ['redshift:DescribeClusters'] },
  { api: 'Redshift.DescribeLoggingStatus', actions: ['redshift:DescribeLoggingStatus'] },
  { api: 'Redshift.DescribeClusterParameters', actions: ['redshift:DescribeClusterParameters'] },
];

export const redshiftResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_redshift_cluster',
    class: 'Database',
    listOperation: 'Redshift.DescribeClusters',
    detailOperations: ['Redshift.DescribeLoggingStatus', 'Redshift.DescribeClusterParameters'],
    idSource:
      'Cluster.ClusterNamespaceArn is not the cluster: built as arn:{p}:redshift:{r}:{a}:cluster:{ClusterIdentifier}',
  },
];
