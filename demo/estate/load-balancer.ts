// The internet-facing application load balancer of each demo region: HTTPS and plain HTTP listeners forwarding to
// the private app instances (reachable from the internet only through it).
import type {
  DescribeLoadBalancerAttributesCommandOutput,
  Listener,
  LoadBalancer,
  TagDescription,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RegionCompute } from './compute';
import { ordersTargetGroup, runsContainers } from './containers';
import type { RegionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

export interface RegionLoadBalancing {
  loadBalancers: LoadBalancer[];
  listeners: Record<string, Listener[]>;
  attributes: Record<string, Omit<DescribeLoadBalancerAttributesCommandOutput, '$metadata'>>;
  targetGroups: TargetGroup[];
  targetHealth: Record<string, TargetHealthDescription[]>;
  tags: TagDescription[];
}

export function regionLoadBalancing(
  ctx: EstateContext,
  network: RegionNetwork,
  compute: RegionCompute,
  regionIndex: number,
): RegionLoadBalancing & { ordersTargetGroupArn?: string } {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const staging = ctx.account.kind === 'staging';
  const env = staging ? 'staging' : 'production';
  const name = `${env}-web`;
  const suffix = stableHex([owner, region, 'alb'], 16);
  const lbArn = `arn:aws:elasticloadbalancing:${region}:${owner}:loadbalancer/app/${name}/${suffix}`;
  const tgArn = `arn:aws:elasticloadbalancing:${region}:${owner}:targetgroup/${env}-app/${suffix}`;
  const listenerArn = (port: number) =>
    `arn:aws:elasticloadbalancing:${region}:${owner}:listener/app/${name}/${suffix}/${stableHex([lbArn, String(port)], 16)}`;
  const forward = [{ Type: 'forward' as const, TargetGroupArn: tgArn, Order: 1 }];
  const listeners: Listener[] = [
    {
      ListenerArn: listenerArn(443),
      LoadBalancerArn: lbArn,
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [
        { CertificateArn: `arn:aws:acm:${region}:${owner}:certificate/${stableHex([lbArn, 'cert'], 32)}` },
      ],
      DefaultActions: forward,
    },
    {
      ListenerArn: listenerArn(80),
      LoadBalancerArn: lbArn,
      Port: 80,
      Protocol: 'HTTP',
      // Production redirects HTTP to HTTPS; Staging serves the app over plain HTTP too.
      DefaultActions: staging
        ? forward
        : [
            {
              Type: 'redirect',
              Order: 1,
              RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
            },
          ],
    },
  ];
  const attribute = (Key: string, Value: string) => ({ Key, Value });
  // Production's ECS service orders-web registers its task IPs behind the same load balancer (containers.ts).
  const orders = runsContainers(ctx, regionIndex) ? ordersTargetGroup(ctx, network, lbArn) : undefined;
  const ordersArn = orders?.group.TargetGroupArn;
  return {
    ordersTargetGroupArn: ordersArn,
    loadBalancers: [
      {
        LoadBalancerArn: lbArn,
        LoadBalancerName: name,
        DNSName: `${name}-${suffix.slice(0, 10)}.${region}.elb.amazonaws.com`,
        CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
        CreatedTime: daysAgo(ctx.now, 300),
        Scheme: 'internet-facing',
        VpcId: network.ids.vpc,
        State: { Code: 'active' },
        Type: 'application',
        IpAddressType: 'ipv4',
        SecurityGroups: [network.ids.sg.web],
        AvailabilityZones: network.ids.publicSubnets.map((subnetId) => ({
          SubnetId: subnetId,
          ZoneName: network.subnets.find((subnet) => subnet.SubnetId === subnetId)?.AvailabilityZone,
        })),
      },
    ],
    listeners: { [lbArn]: listeners },
    attributes: {
      [lbArn]: {
        Attributes: [
          attribute('deletion_protection.enabled', String(!staging)),
          attribute('access_logs.s3.enabled', String(!staging)),
          attribute('access_logs.s3.bucket', staging ? '' : `${env}-alb-logs-${owner}`),
          attribute('routing.http.drop_invalid_header_fields.enabled', String(!staging)),
          attribute('routing.http.desync_mitigation_mode', staging ? 'monitor' : 'defensive'),
          attribute('idle_timeout.timeout_seconds', '60'),
        ],
      },
    },
    targetGroups: [
      {
        TargetGroupArn: tgArn,
        TargetGroupName: `${env}-app`,
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: network.ids.vpc,
        TargetType: 'instance',
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: '/health',
        HealthCheckEnabled: true,
        LoadBalancerArns: [lbArn],
      },
      ...(orders ? [orders.group] : []),
    ],
    targetHealth: {
      ...(orders && ordersArn ? { [ordersArn]: orders.health } : {}),
      [tgArn]: compute.appInstanceIds.map((instanceId) => ({
        Target: { Id: instanceId, Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: { State: 'healthy' },
      })),
    },
    tags: [
      { ResourceArn: lbArn, Tags: [{ Key: 'env', Value: env }] },
      { ResourceArn: tgArn, Tags: [{ Key: 'env', Value: env }] },
      ...(ordersArn ? [{ ResourceArn: ordersArn, Tags: [{ Key: 'env', Value: env }] }] : []),
    ],
  };
}
