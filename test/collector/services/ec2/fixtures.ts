// EC2 responses shaped exactly like AWS's (SDK v3 output types), for account 123456789012 in us-east-1.
import type {
  DescribeAddressesCommandOutput,
  DescribeFlowLogsCommandOutput,
  DescribeImagesCommandOutput,
  DescribeInstancesCommandOutput,
  DescribeInternetGatewaysCommandOutput,
  DescribeNatGatewaysCommandOutput,
  DescribeNetworkAclsCommandOutput,
  DescribeNetworkInterfacesCommandOutput,
  DescribeRouteTablesCommandOutput,
  DescribeSecurityGroupsCommandOutput,
  DescribeSnapshotAttributeCommandOutput,
  DescribeSnapshotsCommandOutput,
  DescribeSubnetsCommandOutput,
  DescribeVolumesCommandOutput,
  DescribeVpcEndpointsCommandOutput,
  DescribeVpcPeeringConnectionsCommandOutput,
  DescribeVpcsCommandOutput,
  GetEbsEncryptionByDefaultCommandOutput,
  Instance,
} from '@aws-sdk/client-ec2';

export const ACCOUNT = '123456789012';
const metadata = {
  httpStatusCode: 200,
  requestId: '8f7a0c1e-1111-4a2b-9c3d-000000000001',
  attempts: 1,
  totalRetryDelay: 0,
};

export function instance(id: string, overrides: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    ImageId: 'ami-0abcdef1234567890',
    InstanceType: 't3.micro',
    LaunchTime: new Date('2026-01-02T03:04:05.000Z'),
    State: { Code: 16, Name: 'running' },
    SubnetId: 'subnet-0a1b2c3d',
    VpcId: 'vpc-0a1b2c3d',
    PrivateIpAddress: '10.0.1.10',
    PublicIpAddress: '54.1.2.3',
    IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/web`, Id: 'AIPAEXAMPLE' },
    SecurityGroups: [{ GroupId: 'sg-0web', GroupName: 'web' }],
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          VolumeId: 'vol-0root',
          Status: 'attached',
          DeleteOnTermination: true,
          AttachTime: new Date('2026-01-02T03:04:06.000Z'),
        },
      },
    ],
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'applied' },
    Tags: [
      { Key: 'Name', Value: `web-${id}` },
      { Key: 'env', Value: 'prod' },
    ],
    ...overrides,
  };
}

export const instancesPage1: DescribeInstancesCommandOutput = {
  $metadata: metadata,
  Reservations: [
    {
      ReservationId: 'r-0001',
      OwnerId: ACCOUNT,
      Instances: [instance('i-0001'), instance('i-0002', { PublicIpAddress: undefined })],
    },
  ],
  NextToken: 'eyJ2IjoiMiIsImMiOiJwYWdlMiJ9',
};

export const instancesPage2: DescribeInstancesCommandOutput = {
  $metadata: metadata,
  Reservations: [
    {
      ReservationId: 'r-0002',
      OwnerId: ACCOUNT,
      Instances: [instance('i-0003', { IamInstanceProfile: undefined, Tags: [] })],
    },
  ],
};

export const emptyInstances: DescribeInstancesCommandOutput = { $metadata: metadata, Reservations: [] };

export const volumes: DescribeVolumesCommandOutput = {
  $metadata: metadata,
  Volumes: [
    {
      VolumeId: 'vol-0root',
      Size: 8,
      AvailabilityZone: 'us-east-1a',
      State: 'in-use',
      VolumeType: 'gp3',
      Encrypted: true,
      KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      CreateTime: new Date('2026-01-02T03:04:05.000Z'),
      Attachments: [{ InstanceId: 'i-0001', VolumeId: 'vol-0root', Device: '/dev/xvda', State: 'attached' }],
    },
  ],
};

export const ownedSnapshots: DescribeSnapshotsCommandOutput = {
  $metadata: metadata,
  Snapshots: [
    {
      SnapshotId: 'snap-0public',
      VolumeId: 'vol-0root',
      State: 'completed',
      Encrypted: false,
      OwnerId: ACCOUNT,
      StartTime: new Date('2026-02-01T00:00:00.000Z'),
    },
    {
      SnapshotId: 'snap-0private',
      VolumeId: 'vol-0root',
      State: 'completed',
      Encrypted: true,
      OwnerId: ACCOUNT,
      StartTime: new Date('2026-02-02T00:00:00.000Z'),
    },
  ],
};

export const publicSnapshots: DescribeSnapshotsCommandOutput = {
  $metadata: metadata,
  Snapshots: [ownedSnapshots.Snapshots![0]],
};

/** DescribeSnapshotAttribute of a snapshot shared with everyone (and one account). */
export const publicSnapshotAttribute: DescribeSnapshotAttributeCommandOutput = {
  $metadata: metadata,
  SnapshotId: 'snap-0public',
  CreateVolumePermissions: [{ Group: 'all' }, { UserId: '444455556666' }],
};

/** DescribeSnapshotAttribute of a snapshot shared with no one: AWS sends the empty list. */
export const privateSnapshotAttribute: DescribeSnapshotAttributeCommandOutput = {
  $metadata: metadata,
  SnapshotId: 'snap-0private',
  CreateVolumePermissions: [],
};

export const images: DescribeImagesCommandOutput = {
  $metadata: metadata,
  Images: [
    {
      ImageId: 'ami-0abcdef1234567890',
      Name: 'golden-2026-01',
      Public: false,
      OwnerId: ACCOUNT,
      State: 'available',
      CreationDate: '2026-01-01T00:00:00.000Z',
    },
  ],
};

/** Amazon's public snapshot and AMI: what a listing that ignored `OwnerIds`/`Owners: ['self']` would add. */
export const amazonSnapshot = {
  SnapshotId: 'snap-0amazon',
  VolumeId: 'vol-ffffffff',
  State: 'completed' as const,
  Encrypted: false,
  OwnerId: '137112412989',
  OwnerAlias: 'amazon',
  VolumeSize: 8,
  StartTime: new Date('2025-12-01T00:00:00.000Z'),
};
export const amazonImage = {
  ImageId: 'ami-0amazon',
  Name: 'al2023-ami-2026.0',
  Public: true,
  OwnerId: '137112412989',
  ImageOwnerAlias: 'amazon',
  State: 'available' as const,
  CreationDate: '2025-12-01T00:00:00.000Z',
};

export const securityGroupsPage1: DescribeSecurityGroupsCommandOutput = {
  $metadata: metadata,
  SecurityGroups: [
    {
      GroupId: 'sg-0web',
      GroupName: 'web',
      Description: 'web servers',
      VpcId: 'vpc-0a1b2c3d',
      OwnerId: ACCOUNT,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          UserIdGroupPairs: [],
          PrefixListIds: [],
        },
      ],
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          UserIdGroupPairs: [],
          PrefixListIds: [],
        },
      ],
    },
  ],
  NextToken: 'c2ctcGFnZS0y',
};

export const securityGroupsPage2: DescribeSecurityGroupsCommandOutput = {
  $metadata: metadata,
  SecurityGroups: [
    {
      GroupId: 'sg-0db',
      GroupName: 'db',
      Description: 'database',
      VpcId: 'vpc-0a1b2c3d',
      OwnerId: ACCOUNT,
      IpPermissions: [],
      IpPermissionsEgress: [],
    },
  ],
};

export const vpcs: DescribeVpcsCommandOutput = {
  $metadata: metadata,
  Vpcs: [
    {
      VpcId: 'vpc-0a1b2c3d',
      CidrBlock: '10.0.0.0/16',
      State: 'available',
      IsDefault: false,
      OwnerId: ACCOUNT,
      Tags: [{ Key: 'Name', Value: 'main' }],
    },
  ],
};

export const subnets: DescribeSubnetsCommandOutput = {
  $metadata: metadata,
  Subnets: [
    {
      SubnetId: 'subnet-0a1b2c3d',
      SubnetArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-0a1b2c3d`,
      VpcId: 'vpc-0a1b2c3d',
      CidrBlock: '10.0.1.0/24',
      MapPublicIpOnLaunch: true,
      AvailabilityZone: 'us-east-1a',
    },
    {
      SubnetId: 'subnet-0private',
      SubnetArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-0private`,
      VpcId: 'vpc-0a1b2c3d',
      CidrBlock: '10.0.2.0/24',
      MapPublicIpOnLaunch: false,
      AvailabilityZone: 'us-east-1b',
    },
  ],
};

export const routeTables: DescribeRouteTablesCommandOutput = {
  $metadata: metadata,
  RouteTables: [
    {
      RouteTableId: 'rtb-0public',
      VpcId: 'vpc-0a1b2c3d',
      OwnerId: ACCOUNT,
      Associations: [
        {
          RouteTableAssociationId: 'rtbassoc-01',
          RouteTableId: 'rtb-0public',
          SubnetId: 'subnet-0a1b2c3d',
          Main: false,
        },
      ],
      Routes: [
        {
          DestinationCidrBlock: '10.0.0.0/16',
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a1b', Origin: 'CreateRoute', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-0a1b', Origin: 'CreateRoute', State: 'active' },
      ],
    },
    {
      RouteTableId: 'rtb-0main',
      VpcId: 'vpc-0a1b2c3d',
      OwnerId: ACCOUNT,
      Associations: [{ RouteTableAssociationId: 'rtbassoc-02', RouteTableId: 'rtb-0main', Main: true }],
      Routes: [
        {
          DestinationCidrBlock: '10.0.0.0/16',
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
        {
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: 'nat-0a1b',
          Origin: 'CreateRoute',
          State: 'active',
        },
        {
          DestinationCidrBlock: '172.16.0.0/16',
          VpcPeeringConnectionId: 'pcx-0a1b',
          Origin: 'CreateRoute',
          State: 'active',
        },
      ],
    },
  ],
};

export const internetGateways: DescribeInternetGatewaysCommandOutput = {
  $metadata: metadata,
  InternetGateways: [
    {
      InternetGatewayId: 'igw-0a1b',
      OwnerId: ACCOUNT,
      Attachments: [{ VpcId: 'vpc-0a1b2c3d', State: 'attached' }],
    },
  ],
};

export const natGateways: DescribeNatGatewaysCommandOutput = {
  $metadata: metadata,
  NatGateways: [
    {
      NatGatewayId: 'nat-0a1b',
      SubnetId: 'subnet-0a1b2c3d',
      VpcId: 'vpc-0a1b2c3d',
      State: 'available',
      CreateTime: new Date('2026-01-01T00:00:00.000Z'),
    },
  ],
};

export const networkAcls: DescribeNetworkAclsCommandOutput = {
  $metadata: metadata,
  NetworkAcls: [
    {
      NetworkAclId: 'acl-0a1b',
      VpcId: 'vpc-0a1b2c3d',
      IsDefault: true,
      OwnerId: ACCOUNT,
      Associations: [
        { NetworkAclAssociationId: 'aclassoc-01', NetworkAclId: 'acl-0a1b', SubnetId: 'subnet-0a1b2c3d' },
        { NetworkAclAssociationId: 'aclassoc-02', NetworkAclId: 'acl-0a1b', SubnetId: 'subnet-0private' },
      ],
      Entries: [
        { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
      ],
    },
  ],
};

export const networkInterfaces: DescribeNetworkInterfacesCommandOutput = {
  $metadata: metadata,
  NetworkInterfaces: [
    {
      NetworkInterfaceId: 'eni-0a1b',
      SubnetId: 'subnet-0a1b2c3d',
      VpcId: 'vpc-0a1b2c3d',
      InterfaceType: 'interface',
      PrivateIpAddress: '10.0.1.10',
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.10', Primary: true }],
      Groups: [{ GroupId: 'sg-0web', GroupName: 'web' }],
      Attachment: { AttachmentId: 'eni-attach-01', InstanceId: 'i-0001', DeviceIndex: 0, Status: 'attached' },
      Association: { PublicIp: '54.1.2.3', IpOwnerId: 'amazon' },
      TagSet: [],
    },
  ],
};

export const addresses: DescribeAddressesCommandOutput = {
  $metadata: metadata,
  Addresses: [
    {
      AllocationId: 'eipalloc-0a1b',
      PublicIp: '54.1.2.3',
      Domain: 'vpc',
      InstanceId: 'i-0001',
      NetworkInterfaceId: 'eni-0a1b',
      AssociationId: 'eipassoc-01',
    },
    { AllocationId: 'eipalloc-0idle', PublicIp: '54.9.9.9', Domain: 'vpc' },
  ],
};

export const flowLogs: DescribeFlowLogsCommandOutput = {
  $metadata: metadata,
  FlowLogs: [
    {
      FlowLogId: 'fl-0s3',
      ResourceId: 'vpc-0a1b2c3d',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: 'arn:aws:s3:::flow-logs-bucket/vpc/',
      FlowLogStatus: 'ACTIVE',
      CreationTime: new Date('2026-01-01T00:00:00.000Z'),
    },
    {
      FlowLogId: 'fl-0cwl',
      ResourceId: 'vpc-0a1b2c3d',
      TrafficType: 'REJECT',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: 'vpc-flow',
      DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/flow`,
      FlowLogStatus: 'ACTIVE',
    },
  ],
};

export const vpcEndpoints: DescribeVpcEndpointsCommandOutput = {
  $metadata: metadata,
  VpcEndpoints: [
    {
      VpcEndpointId: 'vpce-0a1b',
      VpcEndpointType: 'Gateway',
      VpcId: 'vpc-0a1b2c3d',
      ServiceName: 'com.amazonaws.us-east-1.s3',
      State: 'Available',
      PolicyDocument:
        '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      RouteTableIds: ['rtb-0main'],
    },
  ],
};

export const peerings: DescribeVpcPeeringConnectionsCommandOutput = {
  $metadata: metadata,
  VpcPeeringConnections: [
    {
      VpcPeeringConnectionId: 'pcx-0a1b',
      RequesterVpcInfo: {
        VpcId: 'vpc-0a1b2c3d',
        OwnerId: ACCOUNT,
        Region: 'us-east-1',
        CidrBlock: '10.0.0.0/16',
      },
      AccepterVpcInfo: {
        VpcId: 'vpc-0other',
        OwnerId: '210987654321',
        Region: 'eu-west-1',
        CidrBlock: '172.16.0.0/16',
      },
      Status: { Code: 'active', Message: 'Active' },
    },
  ],
};

export const ebsDefault: GetEbsEncryptionByDefaultCommandOutput = {
  $metadata: metadata,
  EbsEncryptionByDefault: false,
  SseType: 'none',
};
