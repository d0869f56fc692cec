// Records EC2 and Elastic Load Balancing answers for one demo region (the calls collector/services/ec2 and
// collector/services/elb make), and the ECS services behind the load balancer (containers.ts). Instances come three per page so the collector walks NextToken pages.
import type { FlowLog, VpcEndpoint } from '@aws-sdk/client-ec2';
import type { Recording } from '../recording';
import { regionCompute } from './compute';
import { recordContainers } from './containers';
import { regionLoadBalancing } from './load-balancer';
import { regionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

export const INSTANCES_PER_PAGE = 3;

export function recordNetwork(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const network = regionNetwork(ctx, region, regionIndex);
  const compute = regionCompute(ctx, network, regionIndex);
  const list = (operation: string, key: string, items: unknown[], match: Record<string, unknown> = {}) =>
    recording.output('EC2', operation, region, match, { [key]: items });

  recording.paged('EC2', 'DescribeInstances', region, {
    items: compute.instances.map((instance) => ({
      ReservationId: `r-${stableHex([owner, region, instance.InstanceId!], 17)}`,
      OwnerId: owner,
      Groups: [],
      Instances: [instance],
    })),
    itemsKey: 'Reservations',
    pageSize: INSTANCES_PER_PAGE,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  list('DescribeVolumes', 'Volumes', compute.volumes);
  list('DescribeSnapshots', 'Snapshots', compute.snapshots, { OwnerIds: ['self'] });
  list(
    'DescribeSnapshots',
    'Snapshots',
    compute.snapshots.filter((snapshot) => compute.publicSnapshotIds.includes(snapshot.SnapshotId!)),
    { OwnerIds: ['self'], RestorableByUserIds: ['all'] },
  );
  for (const snapshotId of compute.publicSnapshotIds) {
    recording.output(
      'EC2',
      'DescribeSnapshotAttribute',
      region,
      { SnapshotId: snapshotId, Attribute: 'createVolumePermission' },
      { SnapshotId: snapshotId, CreateVolumePermissions: [{ Group: 'all' }] },
    );
  }
  list('DescribeImages', 'Images', compute.images, { Owners: ['self'] });
  list('DescribeSecurityGroups', 'SecurityGroups', network.securityGroups);
  list('DescribeVpcs', 'Vpcs', network.vpcs);
  list('DescribeSubnets', 'Subnets', network.subnets);
  list('DescribeRouteTables', 'RouteTables', network.routeTables);
  list('DescribeInternetGateways', 'InternetGateways', network.internetGateways);
  list('DescribeNatGateways', 'NatGateways', network.natGateways);
  list('DescribeNetworkAcls', 'NetworkAcls', network.networkAcls);
  list('DescribeNetworkInterfaces', 'NetworkInterfaces', compute.networkInterfaces);
  list('DescribeAddresses', 'Addresses', compute.addresses);
  // Production logs VPC traffic (CIS 3.7 / 3.9); Staging does not.
  const flowLogs: FlowLog[] = staging
    ? []
    : [
        {
          FlowLogId: `fl-${stableHex([owner, region, 'flow'], 17)}`,
          ResourceId: network.ids.vpc,
          TrafficType: 'ALL',
          FlowLogStatus: 'ACTIVE',
          DeliverLogsStatus: 'SUCCESS',
          LogDestinationType: 'cloud-watch-logs',
          LogGroupName: '/vpc/flow-logs',
          DeliverLogsPermissionArn: `arn:aws:iam::${owner}:role/vpc-flow-logs`,
          CreationTime: daysAgo(ctx.now, 200),
          MaxAggregationInterval: 600,
        },
      ];
  list('DescribeFlowLogs', 'FlowLogs', flowLogs);
  const endpoints: VpcEndpoint[] =
    !staging && regionIndex === 0
      ? [
          {
            VpcEndpointId: `vpce-${stableHex([owner, region, 's3'], 17)}`,
            VpcEndpointType: 'Gateway',
            VpcId: network.ids.vpc,
            ServiceName: `com.amazonaws.${region}.s3`,
            // AWS answers lower-case here although the SDK's enum spells it "Available".
            State: 'available' as VpcEndpoint['State'],
            RouteTableIds: [network.routeTables[2].RouteTableId!],
            PolicyDocument: JSON.stringify({
              Version: '2008-10-17',
              Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
            }),
            OwnerId: owner,
            CreationTimestamp: daysAgo(ctx.now, 250),
          },
        ]
      : [];
  list('DescribeVpcEndpoints', 'VpcEndpoints', endpoints);
  list('DescribeVpcPeeringConnections', 'VpcPeeringConnections', []);
  recording.output(
    'EC2',
    'GetEbsEncryptionByDefault',
    region,
    {},
    { EbsEncryptionByDefault: !staging, SseType: 'sse-ebs' },
  );

  const balancing = regionLoadBalancing(ctx, network, compute, regionIndex);
  recordContainers(recording, ctx, network, regionIndex, balancing.ordersTargetGroupArn);
  recording.output(
    'ElasticLoadBalancingV2',
    'DescribeLoadBalancers',
    region,
    {},
    { LoadBalancers: balancing.loadBalancers },
  );
  recording.output(
    'ElasticLoadBalancingV2',
    'DescribeTargetGroups',
    region,
    {},
    { TargetGroups: balancing.targetGroups },
  );
  // The collector asks for the tags of each load balancer, and of the region's target groups in one batch.
  const groupTags = balancing.tags.filter((d) => d.ResourceArn?.includes(':targetgroup/'));
  for (const description of balancing.tags.filter((d) => !groupTags.includes(d))) {
    recording.output(
      'ElasticLoadBalancingV2',
      'DescribeTags',
      region,
      { ResourceArns: [description.ResourceArn] },
      { TagDescriptions: [description] },
    );
  }
  if (groupTags.length)
    recording.output(
      'ElasticLoadBalancingV2',
      'DescribeTags',
      region,
      { ResourceArns: groupTags.map((d) => d.ResourceArn) },
      { TagDescriptions: groupTags },
    );
  for (const [arn, listeners] of Object.entries(balancing.listeners)) {
    recording.output(
      'ElasticLoadBalancingV2',
      'DescribeListeners',
      region,
      { LoadBalancerArn: arn },
      { Listeners: listeners },
    );
  }
  for (const [arn, attributes] of Object.entries(balancing.attributes)) {
    recording.output(
      'ElasticLoadBalancingV2',
      'DescribeLoadBalancerAttributes',
      region,
      { LoadBalancerArn: arn },
      attributes,
    );
  }
  for (const [arn, health] of Object.entries(balancing.targetHealth)) {
    recording.output(
      'ElasticLoadBalancingV2',
      'DescribeTargetHealth',
      region,
      { TargetGroupArn: arn },
      { TargetHealthDescriptions: health },
    );
  }
  recording.output(
    'ElasticLoadBalancing',
    'DescribeLoadBalancers',
    region,
    {},
    { LoadBalancerDescriptions: [] },
  );
}
