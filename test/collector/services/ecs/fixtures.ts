// Trimmed copies of real ECS responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  AccessDeniedException,
  ClientException,
  ClusterNotFoundException,
  ECSServiceException,
  type Cluster,
  type DescribeClustersCommandOutput,
  type DescribeServicesCommandOutput,
  type DescribeTaskDefinitionCommandOutput,
  type ListClustersCommandOutput,
  type ListServicesCommandOutput,
  type ListTaskDefinitionFamiliesCommandOutput,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';

const metadata = { httpStatusCode: 200, requestId: 'ecs-req-1', attempts: 1 };
const account = '123456789012';

export const prodClusterArn = `arn:aws:ecs:us-east-1:${account}:cluster/prod`;
export const batchClusterArn = `arn:aws:ecs:us-east-1:${account}:cluster/batch`;

export const prodCluster: Cluster = {
  clusterArn: prodClusterArn,
  clusterName: 'prod',
  status: 'ACTIVE',
  runningTasksCount: 4,
  activeServicesCount: 1,
  settings: [{ name: 'containerInsights', value: 'enabled' }],
  tags: [{ key: 'env', value: 'prod' }],
};
export const batchCluster: Cluster = {
  clusterArn: batchClusterArn,
  clusterName: 'batch',
  status: 'ACTIVE',
  settings: [{ name: 'containerInsights', value: 'disabled' }],
  tags: [],
};

export const clustersPage1: ListClustersCommandOutput = {
  $metadata: metadata,
  clusterArns: [prodClusterArn],
  nextToken: 'clusters-page-2',
};
export const clustersPage2: ListClustersCommandOutput = {
  $metadata: metadata,
  clusterArns: [batchClusterArn],
};
export const noClusters: ListClustersCommandOutput = { $metadata: metadata, clusterArns: [] };
export const describeProdCluster: DescribeClustersCommandOutput = {
  $metadata: metadata,
  clusters: [prodCluster],
  failures: [],
};
export const describeBatchCluster: DescribeClustersCommandOutput = {
  $metadata: metadata,
  clusters: [batchCluster],
  failures: [],
};

export const webServiceArn = `arn:aws:ecs:us-east-1:${account}:service/prod/web`;
export const webTaskDefinitionArn = `arn:aws:ecs:us-east-1:${account}:task-definition/web:41`;

export const webService: Service = {
  serviceArn: webServiceArn,
  serviceName: 'web',
  clusterArn: prodClusterArn,
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  launchType: 'FARGATE',
  // Pinned to an older revision than the family's latest.
  taskDefinition: webTaskDefinitionArn,
  createdAt: new Date('2026-03-01T12:00:00.000Z'),
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-0a1'], securityGroups: ['sg-0web'], assignPublicIp: 'ENABLED' },
  },
  tags: [{ key: 'team', value: 'storefront' }],
};

export const servicesPage1: ListServicesCommandOutput = { $metadata: metadata, serviceArns: [webServiceArn] };
export const noServices: ListServicesCommandOutput = { $metadata: metadata, serviceArns: [] };
export const describeWeb: DescribeServicesCommandOutput = {
  $metadata: metadata,
  services: [webService],
  failures: [],
};

export const familiesPage1: ListTaskDefinitionFamiliesCommandOutput = {
  $metadata: metadata,
  families: ['web'],
  nextToken: 'families-page-2',
};
export const familiesPage2: ListTaskDefinitionFamiliesCommandOutput = {
  $metadata: metadata,
  families: ['report'],
};
export const noFamilies: ListTaskDefinitionFamiliesCommandOutput = { $metadata: metadata, families: [] };

export const webLatest: TaskDefinition = {
  taskDefinitionArn: `arn:aws:ecs:us-east-1:${account}:task-definition/web:42`,
  family: 'web',
  revision: 42,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  taskRoleArn: `arn:aws:iam::${account}:role/web-task`,
  executionRoleArn: `arn:aws:iam::${account}:role/ecsTaskExecutionRole`,
  containerDefinitions: [
    { name: 'web', image: `${account}.dkr.ecr.us-east-1.amazonaws.com/shop/web:v3`, essential: true },
  ],
  registeredAt: new Date('2026-11-20T11:00:00.000Z'),
};
export const webRunning: TaskDefinition = {
  ...webLatest,
  taskDefinitionArn: webTaskDefinitionArn,
  revision: 41,
  registeredAt: new Date('2026-10-01T11:00:00.000Z'),
};
export const reportLatest: TaskDefinition = {
  taskDefinitionArn: `arn:aws:ecs:us-east-1:${account}:task-definition/report:3`,
  family: 'report',
  revision: 3,
  status: 'ACTIVE',
  networkMode: 'bridge',
  // Registered with a short role name, which AWS accepts and echoes back.
  taskRoleArn: 'report-task',
  containerDefinitions: [
    { name: 'report', image: 'public.ecr.aws/docker/library/python:3.12', privileged: true },
  ],
};

export const describeWebLatest: DescribeTaskDefinitionCommandOutput = {
  $metadata: metadata,
  taskDefinition: webLatest,
  tags: [{ key: 'team', value: 'storefront' }],
};
export const describeWebRunning: DescribeTaskDefinitionCommandOutput = {
  $metadata: metadata,
  taskDefinition: webRunning,
};
export const describeReport: DescribeTaskDefinitionCommandOutput = {
  $metadata: metadata,
  taskDefinition: reportLatest,
};

export function accessDenied(action: string): AccessDeniedException {
  return new AccessDeniedException({
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'ecs-403' },
  });
}

export function taskDefinitionGone(): ClientException {
  return new ClientException({
    message: 'Unable to describe task definition.',
    $metadata: { httpStatusCode: 400, requestId: 'ecs-400' },
  });
}

/** The family's answer after its latest revision was deregistered: documented status INACTIVE. */
export const webDeregistered: TaskDefinition = {
  ...webLatest,
  taskDefinitionArn: `arn:aws:ecs:us-east-1:${account}:task-definition/web:43`,
  revision: 43,
  status: 'INACTIVE',
  deregisteredAt: new Date('2026-11-21T09:00:00.000Z'),
};
export const describeWebDeregistered: DescribeTaskDefinitionCommandOutput = {
  $metadata: metadata,
  taskDefinition: webDeregistered,
};
export const describeWebRunningInactive: DescribeTaskDefinitionCommandOutput = {
  $metadata: metadata,
  taskDefinition: { ...webRunning, status: 'INACTIVE' },
};

/** Every optional member absent: no tags, settings or configuration. */
export const bareCluster: Cluster = { clusterArn: batchClusterArn, clusterName: 'batch', status: 'ACTIVE' };

/**
 * A service under the EXTERNAL deployment controller (its task definitions live on task sets, so the service has
 * no `taskDefinition`), with no load balancers, no network configuration and no tags.
 */
export const externalService: Service = {
  serviceArn: `arn:aws:ecs:us-east-1:${account}:service/prod/canary`,
  serviceName: 'canary',
  clusterArn: prodClusterArn,
  status: 'ACTIVE',
  desiredCount: 1,
  loadBalancers: [],
  deploymentController: { type: 'EXTERNAL' },
};

/** No roles, and DescribeTaskDefinition without `tags` (the definition has none). */
export const bareTaskDefinition: TaskDefinition = {
  taskDefinitionArn: `arn:aws:ecs:us-east-1:${account}:task-definition/cron:1`,
  family: 'cron',
  revision: 1,
  status: 'ACTIVE',
  containerDefinitions: [{ name: 'cron', image: 'busybox' }],
};

export function clusterNotFound(): ClusterNotFoundException {
  return new ClusterNotFoundException({
    message: 'Cluster not found.',
    $metadata: { httpStatusCode: 400, requestId: 'ecs-400' },
  });
}

/** An endpoint that does not implement the operation (an AWS emulator): HTTP 501 with a JSON error body. */
export function notImplemented(operation: string): ECSServiceException {
  return new ECSServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: `API action '${operation}' for service 'ecs' not yet implemented`,
    $metadata: { httpStatusCode: 501, requestId: 'ecs-501' },
  });
}
