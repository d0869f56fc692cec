// Trimmed copies of real EKS responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  AccessDeniedException,
  EKSServiceException,
  InvalidRequestException,
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

/**
 * A cluster as DescribeCluster may return it with every optional member absent: no `accessConfig` (the mode is not
 * reported), no tags, `logging` or `encryptionConfig`, and a VPC config without `vpcId`, cluster security group or
 * `publicAccessCidrs`.
 */
export const minimalCluster: Cluster = {
  name: 'minimal',
  arn: 'arn:aws:eks:us-east-1:123456789012:cluster/minimal',
  createdAt: new Date('2026-03-01T08:00:00.000Z'),
  version: '1.30',
  roleArn: 'arn:aws:iam::123456789012:role/eks-minimal',
  resourcesVpcConfig: { subnetIds: ['subnet-0f6'], securityGroupIds: ['sg-0min'] },
  status: 'ACTIVE',
};
export const describeMinimal: DescribeClusterCommandOutput = { $metadata: metadata, cluster: minimalCluster };
export const minimalOnly: ListClustersCommandOutput = { $metadata: metadata, clusters: ['minimal'] };
/** A last page as some endpoints send it: no `clusters` member at all, no token. */
export const clustersMemberOmitted: ListClustersCommandOutput = { $metadata: metadata };

/** EKS's refusal to list access entries of a cluster in CONFIG_MAP mode. */
export function configMapModeRefusal(): InvalidRequestException {
  return new InvalidRequestException({
    message:
      "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.",
    $metadata: { httpStatusCode: 400, requestId: 'eks-400' },
  });
}

/** An endpoint that does not implement the operation (an AWS emulator): HTTP 501 with a JSON error body. */
export function notImplemented(operation: string): EKSServiceException {
  return new EKSServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: `API action '${operation}' for service 'eks' not yet implemented`,
    $metadata: { httpStatusCode: 501, requestId: 'eks-501' },
  });
}
