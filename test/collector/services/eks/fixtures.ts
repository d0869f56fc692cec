// Trimmed copies of real EKS responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  AccessDeniedException,
  ResourceNotFoundException,
  type Cluster,
  type DescribeClusterCommandOutput,
  type ListAccessEntriesCommandOutput,
  type ListClustersCommandOutput,
} from '@aws-sdk/client-eks';

const metadata = { httpStatusCode: 200, requestId: 'eks-req-1', attempts: 1 };

export const prodCluster: Cluster = {
  name: 'prod',
  arn: 'arn:aws:eks:us-east-1:123456789012:cluster/prod',
  createdAt: new Date('2026-01-20T12:00:00.000Z'),
  version: '1.31',
  endpoint: 'https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com',
  roleArn: 'arn:aws:iam::123456789012:role/eks-cluster-role',
  resourcesVpcConfig: {
    subnetIds: ['subnet-0a1', 'subnet-0b2'],
    securityGroupIds: ['sg-0extra', 'sg-0cluster'],
    clusterSecurityGroupId: 'sg-0cluster',
    vpcId: 'vpc-0c3',
    endpointPublicAccess: true,
    endpointPrivateAccess: false,
    publicAccessCidrs: ['0.0.0.0/0'],
  },
  logging: { clusterLogging: [{ types: ['api', 'audit'], enabled: true }] },
  status: 'ACTIVE',
  encryptionConfig: [
    {
      resources: ['secrets'],
      provider: { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/5a6b7c8d-0000-1111-2222-333344445555' },
    },
  ],
  accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
  tags: { env: 'prod' },
};

export const legacyCluster: Cluster = {
  name: 'legacy',
  arn: 'arn:aws:eks:us-east-1:123456789012:cluster/legacy',
  version: '1.27',
  roleArn: 'arn:aws:iam::123456789012:role/eks-legacy',
  resourcesVpcConfig: {
    subnetIds: ['subnet-0d4'],
    securityGroupIds: [],
    clusterSecurityGroupId: 'sg-0legacy',
    vpcId: 'vpc-0e5',
    endpointPublicAccess: true,
    endpointPrivateAccess: true,
    publicAccessCidrs: ['203.0.113.0/24'],
  },
  status: 'ACTIVE',
  accessConfig: { authenticationMode: 'CONFIG_MAP' },
  tags: {},
};

export const clustersPage1: ListClustersCommandOutput = {
  $metadata: metadata,
  clusters: ['prod'],
  nextToken: 'clusters-page-2',
};
export const clustersPage2: ListClustersCommandOutput = { $metadata: metadata, clusters: ['legacy'] };
export const noClusters: ListClustersCommandOutput = { $metadata: metadata, clusters: [] };

export const describeProd: DescribeClusterCommandOutput = { $metadata: metadata, cluster: prodCluster };
export const describeLegacy: DescribeClusterCommandOutput = { $metadata: metadata, cluster: legacyCluster };

export const prodEntriesPage1: ListAccessEntriesCommandOutput = {
  $metadata: metadata,
  accessEntries: ['arn:aws:iam::123456789012:role/platform-admins'],
  nextToken: 'entries-page-2',
};
export const prodEntriesPage2: ListAccessEntriesCommandOutput = {
  $metadata: metadata,
  accessEntries: ['arn:aws:iam::123456789012:role/CloudwardReadOnly'],
};

export function accessDenied(action: string): AccessDeniedException {
  return new AccessDeniedException({
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'eks-403' },
  });
}

export function clusterNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `No cluster found for name: ${name}.`,
    $metadata: { httpStatusCode: 404, requestId: 'eks-404' },
  });
}
