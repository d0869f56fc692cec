// The network of one demo region: a workload VPC (public and private subnets, internet and NAT gateways, route
// tables, network ACLs, security groups) and, in two regions, the default VPC AWS creates. Shapes are EC2's
// Describe* output members; the ids are stable across rounds.
import type {
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import { type EstateContext, daysAgo, stableHex } from './profile';

export interface RegionNetwork {
  region: string;
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  internetGateways: InternetGateway[];
  natGateways: NatGateway[];
  networkAcls: NetworkAcl[];
  securityGroups: SecurityGroup[];
  /** Named ids the compute and data generators place things in. */
  ids: {
    vpc: string;
    publicSubnets: string[];
    privateSubnets: string[];
    sg: Record<
      'default' | 'web' | 'app' | 'db' | 'bastion' | 'legacyAdmin' | 'rdp' | 'lambda' | 'reportingDb',
      string
    >;
    natPublicIp: string;
    natEni: string;
  };
}

const tags = (name: string, extra: Record<string, string> = {}) =>
  Object.entries({ Name: name, ...extra }).map(([Key, Value]) => ({ Key, Value }));

const WORLD4 = [{ CidrIp: '0.0.0.0/0' }];
const WORLD6 = [{ CidrIpv6: '::/0' }];

function allowAll(ruleNumber: number, egress: boolean): NetworkAclEntry[] {
  return [
    { RuleNumber: ruleNumber, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: egress, CidrBlock: '0.0.0.0/0' },
  ];
}

export function regionNetwork(ctx: EstateContext, region: string, regionIndex: number): RegionNetwork {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const id = (prefix: string, name: string) => `${prefix}-${stableHex([owner, region, prefix, name])}`;
  const env = staging ? 'staging' : 'production';
  const octet = (staging ? 20 : 10) + regionIndex;
  const vpc = id('vpc', 'main');
  const azs = ['a', 'b'].map((suffix) => `${region}${suffix}`);

  const vpcs: Vpc[] = [
    {
      VpcId: vpc,
      OwnerId: owner,
      CidrBlock: `10.${octet}.0.0/16`,
      State: 'available',
      IsDefault: false,
      InstanceTenancy: 'default',
      DhcpOptionsId: id('dopt', 'main'),
      Tags: tags(`${env}-main`, { env }),
    },
  ];
  const publicSubnets = azs.map((_, index) => id('subnet', `public-${index}`));
  const privateSubnets = azs.map((_, index) => id('subnet', `private-${index}`));
  const subnet = (
    subnetId: string,
    cidr: string,
    az: string,
    name: string,
    publicIp: boolean,
    vpcId = vpc,
  ) => ({
    SubnetId: subnetId,
    VpcId: vpcId,
    OwnerId: owner,
    CidrBlock: cidr,
    AvailabilityZone: az,
    AvailableIpAddressCount: 250,
    MapPublicIpOnLaunch: publicIp,
    DefaultForAz: vpcId !== vpc,
    State: 'available' as const,
    SubnetArn: `arn:aws:ec2:${region}:${owner}:subnet/${subnetId}`,
    Tags: tags(name, { env }),
  });
  const subnets: Subnet[] = [
    // Staging's public subnets hand out public IPs on launch (ec2_subnet_no_auto_public_ip fails there).
    ...publicSubnets.map((subnetId, index) =>
      subnet(subnetId, `10.${octet}.${index}.0/24`, azs[index], `${env}-public-${azs[index]}`, staging),
    ),
    ...privateSubnets.map((subnetId, index) =>
      subnet(subnetId, `10.${octet}.${10 + index}.0/24`, azs[index], `${env}-private-${azs[index]}`, false),
    ),
  ];

  const igw = id('igw', 'main');
  const internetGateways: InternetGateway[] = [
    {
      InternetGatewayId: igw,
      OwnerId: owner,
      Attachments: [{ VpcId: vpc, State: 'attached' }],
      Tags: tags(`${env}-igw`),
    },
  ];
  const nat = id('nat', 'main');
  const natEni = id('eni', 'nat');
  const natPublicIp = `52.${10 + octet}.${regionIndex}.10`;
  const natGateways: NatGateway[] = [
    {
      NatGatewayId: nat,
      VpcId: vpc,
      SubnetId: publicSubnets[0],
      State: 'available',
      ConnectivityType: 'public',
      CreateTime: daysAgo(ctx.now, 400),
      NatGatewayAddresses: [
        {
          AllocationId: id('eipalloc', 'nat'),
          NetworkInterfaceId: natEni,
          PrivateIp: `10.${octet}.0.10`,
          PublicIp: natPublicIp,
          IsPrimary: true,
          Status: 'succeeded',
        },
      ],
      Tags: tags(`${env}-nat`),
    },
  ];
  const routeTables: RouteTable[] = [
    {
      RouteTableId: id('rtb', 'main'),
      VpcId: vpc,
      OwnerId: owner,
      Associations: [
        { Main: true, RouteTableAssociationId: id('rtbassoc', 'main'), RouteTableId: id('rtb', 'main') },
      ],
      Routes: [
        {
          DestinationCidrBlock: `10.${octet}.0.0/16`,
          GatewayId: 'local',
          State: 'active',
          Origin: 'CreateRouteTable',
        },
      ],
      Tags: tags(`${env}-main-rt`),
    },
    {
      RouteTableId: id('rtb', 'public'),
      VpcId: vpc,
      OwnerId: owner,
      Associations: publicSubnets.map((subnetId) => ({
        Main: false,
        SubnetId: subnetId,
        RouteTableAssociationId: id('rtbassoc', subnetId),
        RouteTableId: id('rtb', 'public'),
      })),
      Routes: [
        {
          DestinationCidrBlock: `10.${octet}.0.0/16`,
          GatewayId: 'local',
          State: 'active',
          Origin: 'CreateRouteTable',
        },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, State: 'active', Origin: 'CreateRoute' },
      ],
      Tags: tags(`${env}-public-rt`),
    },
    {
      RouteTableId: id('rtb', 'private'),
      VpcId: vpc,
      OwnerId: owner,
      Associations: privateSubnets.map((subnetId) => ({
        Main: false,
        SubnetId: subnetId,
        RouteTableAssociationId: id('rtbassoc', subnetId),
        RouteTableId: id('rtb', 'private'),
      })),
      Routes: [
        {
          DestinationCidrBlock: `10.${octet}.0.0/16`,
          GatewayId: 'local',
          State: 'active',
          Origin: 'CreateRouteTable',
        },
        { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat, State: 'active', Origin: 'CreateRoute' },
      ],
      Tags: tags(`${env}-private-rt`),
    },
  ];
  const networkAcls: NetworkAcl[] = [
    {
      NetworkAclId: id('acl', 'default'),
      VpcId: vpc,
      OwnerId: owner,
      IsDefault: true,
      Entries: [...allowAll(100, false), ...allowAll(100, true)],
      Associations: [...publicSubnets, ...privateSubnets].map((subnetId) => ({
        NetworkAclAssociationId: id('aclassoc', subnetId),
        NetworkAclId: id('acl', 'default'),
        SubnetId: subnetId,
      })),
      Tags: [],
    },
  ];
  if (staging) {
    // Created for a migration and never associated (ec2_network_acl_in_use fails); it also admits RDP.
    networkAcls.push({
      NetworkAclId: id('acl', 'unused'),
      VpcId: vpc,
      OwnerId: owner,
      IsDefault: false,
      Entries: [
        {
          RuleNumber: 100,
          Protocol: '6',
          RuleAction: 'allow',
          Egress: false,
          CidrBlock: '0.0.0.0/0',
          PortRange: { From: 3389, To: 3389 },
        },
        { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
        ...allowAll(100, true),
      ],
      Associations: [],
      Tags: tags('migration-acl'),
    });
  }

  const sg = {
    default: id('sg', 'default'),
    web: id('sg', 'web'),
    app: id('sg', 'app'),
    db: id('sg', 'db'),
    bastion: id('sg', 'bastion'),
    legacyAdmin: id('sg', 'legacy-admin'),
    rdp: id('sg', 'rdp'),
    lambda: id('sg', 'lambda'),
    reportingDb: id('sg', 'reporting-db'),
  };
  const egressAll = [
    { IpProtocol: '-1', IpRanges: WORLD4, Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
  ];
  const group = (
    groupId: string,
    name: string,
    description: string,
    ingress: SecurityGroup['IpPermissions'],
  ) => ({
    GroupId: groupId,
    GroupName: name,
    Description: description,
    OwnerId: owner,
    VpcId: vpc,
    SecurityGroupArn: `arn:aws:ec2:${region}:${owner}:security-group/${groupId}`,
    IpPermissions: ingress,
    IpPermissionsEgress: egressAll,
    Tags: tags(name),
  });
  const tcp = (
    port: number,
    ranges: { CidrIp: string; Description?: string }[],
    v6: { CidrIpv6: string }[] = [],
  ) => ({
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    IpRanges: ranges,
    Ipv6Ranges: v6,
    PrefixListIds: [],
    UserIdGroupPairs: [],
  });
  const fromGroup = (port: number, groupId: string) => ({
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [{ GroupId: groupId, UserId: owner }],
  });
  const securityGroups: SecurityGroup[] = [
    // Production keeps the default group empty (CIS 6.x passes); Staging left AWS's self-referencing rule.
    group(
      sg.default,
      'default',
      'default VPC security group',
      staging
        ? [
            {
              IpProtocol: '-1',
              IpRanges: [],
              Ipv6Ranges: [],
              PrefixListIds: [],
              UserIdGroupPairs: [{ GroupId: sg.default, UserId: owner }],
            },
          ]
        : [],
    ),
    group(sg.web, `${env}-web-alb`, 'HTTPS and HTTP from the internet to the load balancer', [
      tcp(443, WORLD4, WORLD6),
      tcp(80, WORLD4, WORLD6),
    ]),
    group(sg.app, `${env}-app`, 'app instances behind the load balancer', [fromGroup(8080, sg.web)]),
    group(sg.db, `${env}-db`, 'PostgreSQL from the app tier', [fromGroup(5432, sg.app)]),
    group(sg.bastion, `${env}-bastion`, 'SSH from the office range', [
      tcp(22, [{ CidrIp: '203.0.113.0/24', Description: 'office' }]),
    ]),
    group(sg.lambda, `${env}-lambda`, 'functions in the VPC', []),
  ];
  if (regionIndex === 0) {
    // The group whose SSH rule is closed in round 1 and re-opened in round 3 (alert resolved, then reopened).
    securityGroups.push(
      group(
        sg.legacyAdmin,
        'legacy-admin',
        'temporary admin access',
        ctx.changes.legacyAdminSshOpen ? [tcp(22, [{ CidrIp: '0.0.0.0/0', Description: 'temporary' }])] : [],
      ),
    );
  }
  if (staging && regionIndex === 1) {
    securityGroups.push(
      group(sg.rdp, 'windows-rdp', 'RDP for the Windows build host', [tcp(3389, WORLD4), tcp(5985, WORLD4)]),
      // Opened "for the BI vendor" in front of the publicly accessible reporting database.
      group(sg.reportingDb, 'reporting-db', 'MySQL for the BI vendor', [tcp(3306, WORLD4)]),
    );
  }

  const network: RegionNetwork = {
    region,
    vpcs,
    subnets,
    routeTables,
    internetGateways,
    natGateways,
    networkAcls,
    securityGroups,
    ids: { vpc, publicSubnets, privateSubnets, sg, natPublicIp, natEni },
  };
  if (regionIndex < 2) addDefaultVpc(network, ctx, region, id);
  return network;
}

/** The default VPC AWS creates in every region: one default subnet per zone, public, with AWS's default group. */
function addDefaultVpc(
  network: RegionNetwork,
  ctx: EstateContext,
  region: string,
  id: (prefix: string, name: string) => string,
): void {
  const owner = ctx.account.awsAccountId;
  const vpc = id('vpc', 'default');
  const subnet = id('subnet', 'default-a');
  const igw = id('igw', 'default');
  network.vpcs.push({
    VpcId: vpc,
    OwnerId: owner,
    CidrBlock: '172.31.0.0/16',
    State: 'available',
    IsDefault: true,
    InstanceTenancy: 'default',
    Tags: [],
  });
  network.subnets.push({
    SubnetId: subnet,
    VpcId: vpc,
    OwnerId: owner,
    CidrBlock: '172.31.0.0/20',
    AvailabilityZone: `${region}a`,
    AvailableIpAddressCount: 4091,
    MapPublicIpOnLaunch: true,
    DefaultForAz: true,
    State: 'available',
    SubnetArn: `arn:aws:ec2:${region}:${owner}:subnet/${subnet}`,
    Tags: [],
  });
  network.internetGateways.push({
    InternetGatewayId: igw,
    OwnerId: owner,
    Attachments: [{ VpcId: vpc, State: 'attached' }],
    Tags: [],
  });
  network.routeTables.push({
    RouteTableId: id('rtb', 'default'),
    VpcId: vpc,
    OwnerId: owner,
    Associations: [
      { Main: true, RouteTableAssociationId: id('rtbassoc', 'default'), RouteTableId: id('rtb', 'default') },
    ],
    Routes: [
      {
        DestinationCidrBlock: '172.31.0.0/16',
        GatewayId: 'local',
        State: 'active',
        Origin: 'CreateRouteTable',
      },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, State: 'active', Origin: 'CreateRoute' },
    ],
    Tags: [],
  });
  network.networkAcls.push({
    NetworkAclId: id('acl', 'default-vpc'),
    VpcId: vpc,
    OwnerId: owner,
    IsDefault: true,
    Entries: [...allowAll(100, false), ...allowAll(100, true)],
    Associations: [
      {
        NetworkAclAssociationId: id('aclassoc', subnet),
        NetworkAclId: id('acl', 'default-vpc'),
        SubnetId: subnet,
      },
    ],
    Tags: [],
  });
  const defaultGroup = id('sg', 'default-vpc');
  network.securityGroups.push({
    GroupId: defaultGroup,
    GroupName: 'default',
    Description: 'default VPC security group',
    OwnerId: owner,
    VpcId: vpc,
    SecurityGroupArn: `arn:aws:ec2:${region}:${owner}:security-group/${defaultGroup}`,
    IpPermissions: [
      {
        IpProtocol: '-1',
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: defaultGroup, UserId: owner }],
      },
    ],
    IpPermissionsEgress: [
      { IpProtocol: '-1', IpRanges: WORLD4, Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ],
    Tags: [],
  });
}
