// What the EC2/VPC module reads: its resource types (CATALOG.md) and every API operation it may call.
import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

const describe = (name: string): OperationDeclaration => ({ api: `EC2.${name}`, actions: [`ec2:${name}`] });

export const ec2Operations: OperationDeclaration[] = [
  describe('DescribeInstances'),
  describe('DescribeVolumes'),
  describe('DescribeSnapshots'),
  // Confirms each snapshot listed as restorable by all (few: only public ones).
  describe('DescribeSnapshotAttribute'),
  describe('DescribeImages'),
  describe('DescribeSecurityGroups'),
  describe('DescribeVpcs'),
  describe('DescribeSubnets'),
  describe('DescribeRouteTables'),
  describe('DescribeInternetGateways'),
  describe('DescribeNatGateways'),
  describe('DescribeNetworkAcls'),
  describe('DescribeNetworkInterfaces'),
  describe('DescribeAddresses'),
  describe('DescribeFlowLogs'),
  describe('DescribeVpcEndpoints'),
  describe('DescribeVpcPeeringConnections'),
  describe('GetEbsEncryptionByDefault'),
];

const arnOf = (what: string) => `ARN built from ${what}`;

export const ec2ResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_ec2_instance',
    class: 'Host',
    listOperation: 'EC2.DescribeInstances',
    idSource: arnOf('InstanceId'),
  },
  {
    type: 'aws_ec2_volume',
    class: 'Disk',
    listOperation: 'EC2.DescribeVolumes',
    idSource: arnOf('VolumeId'),
  },
  {
    type: 'aws_ec2_snapshot',
    class: 'DataStore',
    listOperation: 'EC2.DescribeSnapshots',
    detailOperations: ['EC2.DescribeSnapshots', 'EC2.DescribeSnapshotAttribute'],
    idSource: arnOf('SnapshotId (owned by self)'),
  },
  {
    type: 'aws_ec2_image',
    class: 'Image',
    listOperation: 'EC2.DescribeImages',
    idSource: arnOf('ImageId (owned by self)'),
  },
  {
    type: 'aws_ec2_security_group',
    class: 'Firewall',
    listOperation: 'EC2.DescribeSecurityGroups',
    idSource: arnOf('GroupId'),
  },
  { type: 'aws_ec2_vpc', class: 'Network', listOperation: 'EC2.DescribeVpcs', idSource: arnOf('VpcId') },
  { type: 'aws_ec2_subnet', class: 'Network', listOperation: 'EC2.DescribeSubnets', idSource: 'SubnetArn' },
  {
    type: 'aws_ec2_route_table',
    class: 'Network',
    listOperation: 'EC2.DescribeRouteTables',
    idSource: arnOf('RouteTableId'),
  },
  {
    type: 'aws_ec2_internet_gateway',
    class: 'Gateway',
    listOperation: 'EC2.DescribeInternetGateways',
    idSource: arnOf('InternetGatewayId'),
  },
  {
    type: 'aws_ec2_nat_gateway',
    class: 'Gateway',
    listOperation: 'EC2.DescribeNatGateways',
    idSource: arnOf('NatGatewayId'),
  },
  {
    type: 'aws_ec2_network_acl',
    class: 'Firewall',
    listOperation: 'EC2.DescribeNetworkAcls',
    idSource: arnOf('NetworkAclId'),
  },
  {
    type: 'aws_ec2_network_interface',
    class: 'Network',
    listOperation: 'EC2.DescribeNetworkInterfaces',
    idSource: arnOf('NetworkInterfaceId'),
  },
  {
    type: 'aws_ec2_elastic_ip',
    class: 'IpAddress',
    listOperation: 'EC2.DescribeAddresses',
    idSource: arnOf('AllocationId'),
  },
  {
    type: 'aws_ec2_flow_log',
    class: 'Logs',
    listOperation: 'EC2.DescribeFlowLogs',
    idSource: arnOf('FlowLogId'),
  },
  {
    type: 'aws_ec2_vpc_endpoint',
    class: 'Gateway',
    listOperation: 'EC2.DescribeVpcEndpoints',
    idSource: arnOf('VpcEndpointId'),
  },
  {
    type: 'aws_ec2_vpc_peering_connection',
    class: 'Network',
    listOperation: 'EC2.DescribeVpcPeeringConnections',
    idSource: arnOf('VpcPeeringConnectionId'),
  },
  {
    type: 'aws_ec2_ebs_default_encryption',
    class: 'Configuration',
    listOperation: 'EC2.GetEbsEncryptionByDefault',
    idSource: 'synthetic: arn:{partition}:ec2:{region}:{account}:ebs-default-encryption',
  },
];
