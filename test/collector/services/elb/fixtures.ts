// ELBv2 / classic ELB / EC2 responses shaped like AWS's (SDK v3 output types).
import type {
  DescribeLoadBalancerAttributesCommandOutput as ClassicAttributesOutput,
  DescribeLoadBalancersCommandOutput as ClassicLoadBalancersOutput,
  DescribeTagsCommandOutput as ClassicTagsOutput,
} from '@aws-sdk/client-elastic-load-balancing';
import type {
  DescribeListenersCommandOutput,
  DescribeLoadBalancerAttributesCommandOutput,
  DescribeLoadBalancersCommandOutput,
  DescribeTagsCommandOutput,
  DescribeTargetGroupsCommandOutput,
  DescribeTargetHealthCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DescribeNetworkInterfacesCommandOutput } from '@aws-sdk/client-ec2';

export const ACCOUNT = '123456789012';
const metadata = {
  httpStatusCode: 200,
  requestId: '3c1f0e2a-2222-4b3c-8d4e-000000000002',
  attempts: 1,
  totalRetryDelay: 0,
};
export const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
export const NLB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/edge/73e2d6bc24d8a067`;
export const TG_INSTANCES = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/943f017f100becff`;
export const TG_IPS = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/ips/2453ed029918f21f`;
export const TG_LAMBDA = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/fn/8e0a7b1f3c2d4e5f`;
export const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`;

export const loadBalancersPage1: DescribeLoadBalancersCommandOutput = {
  $metadata: metadata,
  LoadBalancers: [
    {
      LoadBalancerArn: ALB_ARN,
      LoadBalancerName: 'web',
      DNSName: 'web-1234.us-east-1.elb.amazonaws.com',
      Scheme: 'internet-facing',
      VpcId: 'vpc-0a1b2c3d',
      State: { Code: 'active' },
      Type: 'application',
      SecurityGroups: ['sg-0alb'],
      AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0a1b2c3d' }],
      CreatedTime: new Date('2026-01-01T00:00:00.000Z'),
    },
  ],
  NextMarker: 'bWFya2VyLTI=',
};

export const loadBalancersPage2: DescribeLoadBalancersCommandOutput = {
  $metadata: metadata,
  LoadBalancers: [
    {
      LoadBalancerArn: NLB_ARN,
      LoadBalancerName: 'edge',
      Scheme: 'internal',
      VpcId: 'vpc-0a1b2c3d',
      Type: 'network',
      State: { Code: 'active' },
    },
  ],
};

export const listenersPage1: DescribeListenersCommandOutput = {
  $metadata: metadata,
  Listeners: [
    {
      ListenerArn: `${ALB_ARN.replace(':loadbalancer/', ':listener/')}/aaa`,
      LoadBalancerArn: ALB_ARN,
      Port: 80,
      Protocol: 'HTTP',
    },
  ],
  NextMarker: 'bGlzdGVuZXItMg==',
};

export const listenersPage2: DescribeListenersCommandOutput = {
  $metadata: metadata,
  Listeners: [
    {
      ListenerArn: `${ALB_ARN.replace(':loadbalancer/', ':listener/')}/bbb`,
      LoadBalancerArn: ALB_ARN,
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    },
  ],
};

export const albAttributes: DescribeLoadBalancerAttributesCommandOutput = {
  $metadata: metadata,
  Attributes: [
    { Key: 'access_logs.s3.enabled', Value: 'false' },
    { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
  ],
};

export const tags: DescribeTagsCommandOutput = {
  $metadata: metadata,
  TagDescriptions: [{ ResourceArn: ALB_ARN, Tags: [{ Key: 'team', Value: 'web' }] }],
};

export const targetGroups: DescribeTargetGroupsCommandOutput = {
  $metadata: metadata,
  TargetGroups: [
    {
      TargetGroupArn: TG_INSTANCES,
      TargetGroupName: 'web',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: 'vpc-0a1b2c3d',
      TargetType: 'instance',
      LoadBalancerArns: [ALB_ARN],
    },
    {
      TargetGroupArn: TG_IPS,
      TargetGroupName: 'ips',
      Protocol: 'TCP',
      Port: 443,
      VpcId: 'vpc-0a1b2c3d',
      TargetType: 'ip',
      LoadBalancerArns: [NLB_ARN],
    },
    { TargetGroupArn: TG_LAMBDA, TargetGroupName: 'fn', TargetType: 'lambda', LoadBalancerArns: [] },
  ],
};

export const instanceHealth: DescribeTargetHealthCommandOutput = {
  $metadata: metadata,
  TargetHealthDescriptions: [
    { Target: { Id: 'i-0001', Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'healthy' } },
    {
      Target: { Id: 'i-0002', Port: 80 },
      HealthCheckPort: '80',
      TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout' },
    },
  ],
};

export const ipHealth: DescribeTargetHealthCommandOutput = {
  $metadata: metadata,
  TargetHealthDescriptions: [
    { Target: { Id: '10.0.1.10', Port: 443 }, TargetHealth: { State: 'healthy' } },
    {
      Target: { Id: '192.168.7.7', Port: 443, AvailabilityZone: 'all' },
      TargetHealth: { State: 'unavailable' },
    },
  ],
};

export const lambdaHealth: DescribeTargetHealthCommandOutput = {
  $metadata: metadata,
  TargetHealthDescriptions: [{ Target: { Id: FUNCTION_ARN }, TargetHealth: { State: 'healthy' } }],
};

export const interfacesForIps: DescribeNetworkInterfacesCommandOutput = {
  $metadata: metadata,
  NetworkInterfaces: [
    {
      NetworkInterfaceId: 'eni-0a1b',
      VpcId: 'vpc-0a1b2c3d',
      PrivateIpAddress: '10.0.1.10',
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.10', Primary: true }],
    },
  ],
};

export const classicLoadBalancers: ClassicLoadBalancersOutput = {
  $metadata: metadata,
  LoadBalancerDescriptions: [
    {
      LoadBalancerName: 'legacy',
      DNSName: 'legacy-1.us-east-1.elb.amazonaws.com',
      Scheme: 'internet-facing',
      VPCId: 'vpc-0a1b2c3d',
      SecurityGroups: ['sg-0legacy'],
      Instances: [{ InstanceId: 'i-0003' }],
      ListenerDescriptions: [
        {
          Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
          PolicyNames: [],
        },
      ],
      CreatedTime: new Date('2020-05-05T00:00:00.000Z'),
    },
  ],
};

export const classicAttributes: ClassicAttributesOutput = {
  $metadata: metadata,
  LoadBalancerAttributes: {
    AccessLog: { Enabled: false },
    ConnectionDraining: { Enabled: true, Timeout: 300 },
    CrossZoneLoadBalancing: { Enabled: true },
  },
};

export const classicTags: ClassicTagsOutput = {
  $metadata: metadata,
  TagDescriptions: [{ LoadBalancerName: 'legacy', Tags: [{ Key: 'owner', Value: 'ops' }] }],
};
