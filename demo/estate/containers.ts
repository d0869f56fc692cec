// The demo's container workloads: Production's first region runs an ECS cluster whose two Fargate services run the same
// orders-api image (v1.10.0, with a critical CVE in its ECR scan findings, see record-workloads.ts). orders-web sits
// behind the internet-facing load balancer (a target group of task IPs); orders-worker runs in the private subnets
// with no public IP and no load balancer. Same CVE, two rankings.
import type { Cluster, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Recording } from '../recording';
import type { RegionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

/** The image tag both services run: the newest of repository orders-api, whose findings are recorded. */
export const ORDERS_IMAGE_TAG = 'v1.10.0';
export const ORDERS_TASK_ROLE = 'orders-task';

export function runsContainers(ctx: EstateContext, regionIndex: number): boolean {
  return ctx.account.kind === 'production' && regionIndex === 0;
}

/** The target group of orders-web's task IPs, attached to the region's internet-facing load balancer. */
export function ordersTargetGroup(
  ctx: EstateContext,
  network: RegionNetwork,
  lbArn: string,
): { group: TargetGroup; health: TargetHealthDescription[] } {
  const owner = ctx.account.awsAccountId;
  const suffix = stableHex([owner, network.region, 'orders-tg'], 16);
  return {
    group: {
      TargetGroupArn: `arn:aws:elasticloadbalancing:${network.region}:${owner}:targetgroup/production-orders/${suffix}`,
      TargetGroupName: 'production-orders',
      Protocol: 'HTTP',
      Port: 8080,
      VpcId: network.ids.vpc,
      TargetType: 'ip',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/health',
      HealthCheckEnabled: true,
      LoadBalancerArns: [lbArn],
    },
    health: [0, 1].map((index) => ({
      Target: { Id: `10.1.${11 + index}.${40 + index}`, Port: 8080 },
      HealthCheckPort: '8080',
      TargetHealth: { State: 'healthy' },
    })),
  };
}

export function recordContainers(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
  ordersTargetGroupArn: string | undefined,
): void {
  const region = network.region;
  if (!runsContainers(ctx, regionIndex) || !ordersTargetGroupArn) {
    recording.output('ECS', 'ListClusters', region, {}, { clusterArns: [] });
    recording.output('ECS', 'ListTaskDefinitionFamilies', region, {}, { families: [] });
    return;
  }
  const owner = ctx.account.awsAccountId;
  const clusterArn = `arn:aws:ecs:${region}:${owner}:cluster/production`;
  const taskDefinitionArn = `arn:aws:ecs:${region}:${owner}:task-definition/orders-api:14`;
  const cluster: Cluster = {
    clusterArn,
    clusterName: 'production',
    status: 'ACTIVE',
    runningTasksCount: 3,
    activeServicesCount: 2,
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE'],
    tags: [{ key: 'Environment', value: 'production' }],
  };
  recording.output('ECS', 'ListClusters', region, {}, { clusterArns: [clusterArn] });
  recording.output(
    'ECS',
    'DescribeClusters',
    region,
    { clusters: [clusterArn] },
    { clusters: [cluster], failures: [] },
  );
  const service = (name: string, web: boolean): Service => ({
    serviceArn: `arn:aws:ecs:${region}:${owner}:service/production/${name}`,
    serviceName: name,
    clusterArn,
    status: 'ACTIVE',
    desiredCount: web ? 2 : 1,
    runningCount: web ? 2 : 1,
    pendingCount: 0,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    taskDefinition: taskDefinitionArn,
    loadBalancers: web
      ? [{ targetGroupArn: ordersTargetGroupArn, containerName: 'orders-api', containerPort: 8080 }]
      : [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: network.ids.privateSubnets,
        securityGroups: [web ? network.ids.sg.app : network.ids.sg.lambda],
        assignPublicIp: 'DISABLED',
      },
    },
    createdAt: daysAgo(ctx.now, 90),
    tags: [{ key: 'Environment', value: 'production' }],
  });
  const services = [service('orders-web', true), service('orders-worker', false)];
  recording.output(
    'ECS',
    'ListServices',
    region,
    { cluster: clusterArn },
    {
      serviceArns: services.map((s) => s.serviceArn!),
    },
  );
  recording.output('ECS', 'DescribeServices', region, { cluster: clusterArn }, { services, failures: [] });
  const taskDefinition: TaskDefinition = {
    taskDefinitionArn,
    family: 'orders-api',
    revision: 14,
    status: 'ACTIVE',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    taskRoleArn: `arn:aws:iam::${owner}:role/${ORDERS_TASK_ROLE}`,
    executionRoleArn: `arn:aws:iam::${owner}:role/${ORDERS_TASK_ROLE}`,
    containerDefinitions: [
      {
        name: 'orders-api',
        image: `${owner}.dkr.ecr.${region}.amazonaws.com/orders-api:${ORDERS_IMAGE_TAG}`,
        essential: true,
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/orders-api', 'awslogs-region': region },
        },
      },
    ],
    registeredAt: daysAgo(ctx.now, 3),
  };
  recording.output('ECS', 'ListTaskDefinitionFamilies', region, {}, { families: ['orders-api'] });
  recording.output(
    'ECS',
    'DescribeTaskDefinition',
    region,
    { taskDefinition: 'orders-api' },
    { taskDefinition, tags: [{ key: 'Environment', value: 'production' }] },
  );
}
