// What the load balancer module reads (ELBv2 and classic ELB) and every API operation it may call.
import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

const v2 = (name: string): OperationDeclaration => ({
  api: `ElasticLoadBalancingV2.${name}`,
  actions: [`elasticloadbalancing:${name}`],
});
const classic = (name: string): OperationDeclaration => ({
  api: `ElasticLoadBalancing.${name}`,
  actions: [`elasticloadbalancing:${name}`],
});

export const elbOperations: OperationDeclaration[] = [
  v2('DescribeLoadBalancers'),
  v2('DescribeListeners'),
  v2('DescribeLoadBalancerAttributes'),
  v2('DescribeTargetGroups'),
  v2('DescribeTargetHealth'),
  v2('DescribeTags'),
  classic('DescribeLoadBalancers'),
  classic('DescribeLoadBalancerAttributes'),
  classic('DescribeTags'),
  // Resolves IP targets to the network interface that holds the address (one call per VPC and 200 addresses).
  { api: 'EC2.DescribeNetworkInterfaces', actions: ['ec2:DescribeNetworkInterfaces'] },
];

export const elbResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_elbv2_load_balancer',
    class: 'Gateway',
    listOperation: 'ElasticLoadBalancingV2.DescribeLoadBalancers',
    detailOperations: [
      'ElasticLoadBalancingV2.DescribeListeners',
      'ElasticLoadBalancingV2.DescribeLoadBalancerAttributes',
      'ElasticLoadBalancingV2.DescribeTags',
    ],
    idSource: 'LoadBalancerArn',
  },
  {
    type: 'aws_elbv2_target_group',
    class: 'Service',
    listOperation: 'ElasticLoadBalancingV2.DescribeTargetGroups',
    detailOperations: [
      'ElasticLoadBalancingV2.DescribeTargetHealth',
      'ElasticLoadBalancingV2.DescribeTags',
      'EC2.DescribeNetworkInterfaces',
    ],
    idSource: 'TargetGroupArn',
  },
  {
    type: 'aws_elb_load_balancer',
    class: 'Gateway',
    listOperation: 'ElasticLoadBalancing.DescribeLoadBalancers',
    detailOperations: [
      'ElasticLoadBalancing.DescribeLoadBalancerAttributes',
      'ElasticLoadBalancing.DescribeTags',
    ],
    idSource:
      'ARN built from LoadBalancerName: arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/{name}',
  },
];
