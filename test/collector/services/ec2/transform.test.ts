import type { Where } from '../../../../collector/shape';
import {
  instanceToAssets,
  isPublicPermission,
  ownedByAccount,
  snapshotToAssets,
  volumeToAssets,
} from '../../../../collector/services/ec2/transform-compute';
import {
  addressToAssets,
  bucketArnOf,
  ebsDefaultEncryptionToAssets,
  flowLogDestinationArn,
  flowLogToAssets,
  networkInterfaceToAssets,
  peeringToAssets,
  securityGroupToAssets,
  vpcEndpointToAssets,
} from '../../../../collector/services/ec2/transform-interfaces';
import {
  explicitSubnetAssociations,
  internetGatewayToAssets,
  networkAclToAssets,
  routeTableToAssets,
  subnetToAssets,
} from '../../../../collector/services/ec2/transform-network';
import * as fx from './fixtures';

const where: Where = {
  partition: 'aws',
  accountId: fx.ACCOUNT,
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'ec2',
};
const arn = (resource: string) => `arn:aws:ec2:us-east-1:${fx.ACCOUNT}:${resource}`;
const edges = (emitted: { relationships: { fromId: string; verb: string; toId: string }[] }) =>
  emitted.relationships.map((edge) => `${edge.fromId} ${edge.verb} ${edge.toId}`);

describe('ec2 transforms', () => {
  test('instance: ARN id, Name tag, config as AWS returned it with ISO dates, and its edges', () => {
    const out = instanceToAssets(where, fx.instance('i-0001'));
    const [asset] = out.assets;
    expect(asset).toMatchObject({
      id: arn('instance/i-0001'),
      type: 'aws_ec2_instance',
      class: 'Host',
      name: 'web-i-0001',
      region: 'us-east-1',
      service: 'ec2',
      tags: { Name: 'web-i-0001', env: 'prod' },
    });
    expect(asset.config.LaunchTime).toBe('2026-01-02T03:04:05.000Z');
    expect(asset.config.PublicIpAddress).toBe('54.1.2.3');
    expect(asset.config.MetadataOptions).toEqual({
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      State: 'applied',
    });
    expect(edges(out).sort()).toEqual(
      [
        `${arn('security-group/sg-0web')} PROTECTS ${arn('instance/i-0001')}`,
        `${arn('instance/i-0001')} USES ${arn('volume/vol-0root')}`,
        `${arn('instance/i-0001')} USES arn:aws:iam::${fx.ACCOUNT}:instance-profile/web`,
        `${arn('instance/i-0001')} IN ${arn('subnet/subnet-0a1b2c3d')}`,
      ].sort(),
    );
  });

  test('instance without tags is named by its id', () => {
    expect(instanceToAssets(where, fx.instance('i-0009', { Tags: undefined })).assets[0].name).toBe('i-0009');
  });

  test('volume: KMS key ENCRYPTS the volume', () => {
    const out = volumeToAssets(where, fx.volumes.Volumes![0]);
    expect(out.assets[0].id).toBe(arn('volume/vol-0root'));
    expect(edges(out)).toEqual([`${fx.volumes.Volumes![0].KmsKeyId} ENCRYPTS ${arn('volume/vol-0root')}`]);
  });

  test('volume key given as a bare key id becomes its ARN; an alias gives no edge', () => {
    const volume = fx.volumes.Volumes![0];
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(edges(volumeToAssets(where, { ...volume, KmsKeyId: keyId }))).toEqual([
      `arn:aws:kms:us-east-1:${fx.ACCOUNT}:key/${keyId} ENCRYPTS ${arn('volume/vol-0root')}`,
    ]);
    expect(volumeToAssets(where, { ...volume, KmsKeyId: 'alias/aws/ebs' }).relationships).toEqual([]);
    expect(
      volumeToAssets(where, { ...volume, KmsKeyId: `arn:aws:kms:us-east-1:${fx.ACCOUNT}:alias/aws/ebs` })
        .relationships,
    ).toEqual([]);
    expect(volumeToAssets(where, { ...volume, Encrypted: false, KmsKeyId: undefined }).relationships).toEqual(
      [],
    );
  });

  test('snapshot: Public from the public listing, or a read error when that listing failed', () => {
    const publicIds = new Set(['snap-0public']);
    const [pub, priv] = fx.ownedSnapshots.Snapshots!.map(
      (snapshot) => snapshotToAssets(where, snapshot, publicIds).assets[0],
    );
    expect(pub.config.Public).toBe(true);
    expect(priv.config.Public).toBe(false);
    const unknown = snapshotToAssets(
      where,
      fx.ownedSnapshots.Snapshots![0],
      undefined,
      'UnauthorizedOperation',
    ).assets[0];
    expect(unknown.config).not.toHaveProperty('Public');
    expect(unknown.readErrors).toEqual({ Public: 'UnauthorizedOperation' });
  });

  test('security group keeps every v4 and v6 rule and sits IN its vpc', () => {
    const out = securityGroupToAssets(where, fx.securityGroupsPage1.SecurityGroups![0]);
    const permissions = out.assets[0].config.IpPermissions as {
      IpRanges: unknown[];
      Ipv6Ranges: unknown[];
    }[];
    expect(permissions[0].IpRanges).toEqual([{ CidrIp: '0.0.0.0/0' }]);
    expect(permissions[0].Ipv6Ranges).toEqual([{ CidrIpv6: '::/0' }]);
    expect(out.assets[0].name).toBe('web');
    expect(edges(out)).toEqual([`${arn('security-group/sg-0web')} IN ${arn('vpc/vpc-0a1b2c3d')}`]);
  });

  test('subnet uses SubnetArn and sits IN its vpc', () => {
    const out = subnetToAssets(where, fx.subnets.Subnets![0]);
    expect(out.assets[0].id).toBe(fx.subnets.Subnets![0].SubnetArn);
    expect(edges(out)).toEqual([`${fx.subnets.Subnets![0].SubnetArn} IN ${arn('vpc/vpc-0a1b2c3d')}`]);
  });

  test('route tables: explicit and implicit (main) associations, one ROUTES_TO edge per target', () => {
    const tables = fx.routeTables.RouteTables!;
    const explicit = explicitSubnetAssociations(tables);
    const byVpc = new Map([['vpc-0a1b2c3d', ['subnet-0a1b2c3d', 'subnet-0private']]]);
    const publicTable = routeTableToAssets(where, tables[0], byVpc, explicit);
    expect(edges(publicTable)).toEqual([
      `${arn('route-table/rtb-0public')} IN ${arn('vpc/vpc-0a1b2c3d')}`,
      `${arn('route-table/rtb-0public')} ROUTES ${arn('subnet/subnet-0a1b2c3d')}`,
      `${arn('route-table/rtb-0public')} ROUTES_TO ${arn('internet-gateway/igw-0a1b')}`,
    ]);
    expect(publicTable.relationships[2].properties).toEqual({ destinations: ['0.0.0.0/0', '::/0'] });
    const mainTable = routeTableToAssets(where, tables[1], byVpc, explicit);
    expect(edges(mainTable)).toEqual([
      `${arn('route-table/rtb-0main')} IN ${arn('vpc/vpc-0a1b2c3d')}`,
      `${arn('route-table/rtb-0main')} ROUTES ${arn('subnet/subnet-0private')}`,
      `${arn('route-table/rtb-0main')} ROUTES_TO ${arn('natgateway/nat-0a1b')}`,
      `${arn('route-table/rtb-0main')} ROUTES_TO ${arn('vpc-peering-connection/pcx-0a1b')}`,
    ]);
    expect(mainTable.relationships[1].properties).toEqual({ main: true });
    // Without the subnet list the implicit associations are unknown, not guessed.
    expect(edges(routeTableToAssets(where, tables[1], undefined, explicit))).toHaveLength(3);
  });

  test('internet gateway: vpc HAS igw; network ACL PROTECTS each associated subnet', () => {
    expect(edges(internetGatewayToAssets(where, fx.internetGateways.InternetGateways![0]))).toEqual([
      `${arn('vpc/vpc-0a1b2c3d')} HAS ${arn('internet-gateway/igw-0a1b')}`,
    ]);
    expect(edges(networkAclToAssets(where, fx.networkAcls.NetworkAcls![0]))).toEqual([
      `${arn('network-acl/acl-0a1b')} IN ${arn('vpc/vpc-0a1b2c3d')}`,
      `${arn('network-acl/acl-0a1b')} PROTECTS ${arn('subnet/subnet-0a1b2c3d')}`,
      `${arn('network-acl/acl-0a1b')} PROTECTS ${arn('subnet/subnet-0private')}`,
    ]);
  });

  test('network interface and elastic IPs', () => {
    expect(edges(networkInterfaceToAssets(where, fx.networkInterfaces.NetworkInterfaces![0]))).toEqual([
      `${arn('security-group/sg-0web')} PROTECTS ${arn('network-interface/eni-0a1b')}`,
      `${arn('network-interface/eni-0a1b')} IN ${arn('subnet/subnet-0a1b2c3d')}`,
      `${arn('network-interface/eni-0a1b')} ATTACHED_TO ${arn('instance/i-0001')}`,
    ]);
    const [attached, idle] = fx.addresses.Addresses!.map((address) => addressToAssets(where, address));
    expect(attached.assets[0].id).toBe(arn('elastic-ip/eipalloc-0a1b'));
    expect(edges(attached)).toEqual([
      `${arn('elastic-ip/eipalloc-0a1b')} ATTACHED_TO ${arn('network-interface/eni-0a1b')}`,
      `${arn('elastic-ip/eipalloc-0a1b')} ATTACHED_TO ${arn('instance/i-0001')}`,
    ]);
    expect(idle.relationships).toEqual([]);
  });

  test('flow logs LOG_TO their bucket or log group and MONITOR their VPC', () => {
    const [toS3, toLogs] = fx.flowLogs.FlowLogs!.map((flowLog) => flowLogToAssets(where, flowLog));
    expect(edges(toS3)).toEqual([
      `${arn('vpc-flow-log/fl-0s3')} LOGS_TO arn:aws:s3:::flow-logs-bucket`,
      `${arn('vpc-flow-log/fl-0s3')} MONITORS ${arn('vpc/vpc-0a1b2c3d')}`,
    ]);
    expect(edges(toLogs)).toEqual([
      `${arn('vpc-flow-log/fl-0cwl')} LOGS_TO arn:aws:logs:us-east-1:${fx.ACCOUNT}:log-group:vpc-flow`,
      `${arn('vpc-flow-log/fl-0cwl')} MONITORS ${arn('vpc/vpc-0a1b2c3d')}`,
    ]);
    expect(bucketArnOf('arn:aws:s3:::bucket')).toBe('arn:aws:s3:::bucket');
  });

  test('flow logs on a subnet or a network interface MONITOR that resource; other kinds link nothing', () => {
    const flowLog = fx.flowLogs.FlowLogs![0];
    const monitored = (ResourceId: string) =>
      edges(flowLogToAssets(where, { ...flowLog, ResourceId })).filter((edge) => edge.includes(' MONITORS '));
    expect(monitored('subnet-0a1b2c3d')).toEqual([
      `${arn('vpc-flow-log/fl-0s3')} MONITORS ${arn('subnet/subnet-0a1b2c3d')}`,
    ]);
    expect(monitored('eni-0a1b')).toEqual([
      `${arn('vpc-flow-log/fl-0s3')} MONITORS ${arn('network-interface/eni-0a1b')}`,
    ]);
    expect(monitored('tgw-attach-0a1b')).toEqual([]);
  });

  test('a VPC HAS its endpoints', () => {
    expect(edges(vpcEndpointToAssets(where, fx.vpcEndpoints.VpcEndpoints![0]))).toEqual([
      `${arn('vpc/vpc-0a1b2c3d')} HAS ${arn('vpc-endpoint/vpce-0a1b')}`,
    ]);
  });

  test('vpc endpoint policy is parsed; peering links both VPCs across accounts and regions', () => {
    const endpoint = vpcEndpointToAssets(where, fx.vpcEndpoints.VpcEndpoints![0]).assets[0];
    expect(endpoint.config.PolicyDocument).toEqual({
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
    expect(edges(peeringToAssets(where, fx.peerings.VpcPeeringConnections![0]))).toEqual([
      `${arn('vpc/vpc-0a1b2c3d')} PEERS_WITH arn:aws:ec2:eu-west-1:210987654321:vpc/vpc-0other`,
    ]);
  });

  test('EBS default encryption is one synthetic asset per region', () => {
    const { $metadata: _m, ...output } = fx.ebsDefault;
    const [asset] = ebsDefaultEncryptionToAssets(where, output).assets;
    expect(asset.id).toBe(arn('ebs-default-encryption'));
    expect(asset.config).toEqual({ EbsEncryptionByDefault: false, SseType: 'none' });
  });

  // Shapes AWS documents as possible (members optional, empty lists omitted or sent empty) that an estate read
  // through an emulator shows more often than AWS does.
  describe('optional members AWS may leave out', () => {
    test('an instance with no tags, IPs, profile, placement, state, groups or subnet: an asset, no edges', () => {
      const out = instanceToAssets(where, { InstanceId: 'i-0bare', InstanceType: 't3.micro' });
      expect(out.assets[0]).toMatchObject({ id: arn('instance/i-0bare'), name: 'i-0bare', tags: {} });
      expect(out.assets[0].config).toEqual({ InstanceId: 'i-0bare', InstanceType: 't3.micro' });
      expect(out.relationships).toEqual([]);
    });

    test('instance groups from SecurityGroups and its interfaces, once each; subnet from the primary interface', () => {
      const out = instanceToAssets(
        where,
        fx.instance('i-0eni', {
          SubnetId: undefined,
          SecurityGroups: [],
          IamInstanceProfile: undefined,
          BlockDeviceMappings: [],
          NetworkInterfaces: [
            {
              NetworkInterfaceId: 'eni-0second',
              SubnetId: 'subnet-0private',
              Attachment: { DeviceIndex: 1, Status: 'attached' },
              Groups: [{ GroupId: 'sg-0db', GroupName: 'db' }],
            },
            {
              NetworkInterfaceId: 'eni-0primary',
              SubnetId: 'subnet-0a1b2c3d',
              Attachment: { DeviceIndex: 0, Status: 'attached' },
              Groups: [
                { GroupId: 'sg-0web', GroupName: 'web' },
                { GroupId: 'sg-0db', GroupName: 'db' },
              ],
            },
          ],
        }),
      );
      expect(edges(out)).toEqual([
        `${arn('security-group/sg-0db')} PROTECTS ${arn('instance/i-0eni')}`,
        `${arn('security-group/sg-0web')} PROTECTS ${arn('instance/i-0eni')}`,
        `${arn('instance/i-0eni')} IN ${arn('subnet/subnet-0a1b2c3d')}`,
      ]);
      // A group named in both lists gives one edge.
      const both = instanceToAssets(
        where,
        fx.instance('i-0both', {
          NetworkInterfaces: [{ Attachment: { DeviceIndex: 0 }, Groups: [{ GroupId: 'sg-0web' }] }],
        }),
      );
      expect(edges(both).filter((edge) => edge.includes(' PROTECTS '))).toEqual([
        `${arn('security-group/sg-0web')} PROTECTS ${arn('instance/i-0both')}`,
      ]);
    });

    test('security group rules kept as AWS sent them: all protocols, ICMP -1 ports, groups of other accounts', () => {
      const group = {
        GroupId: 'sg-0edge',
        GroupName: 'edge',
        OwnerId: fx.ACCOUNT,
        VpcId: 'vpc-0a1b2c3d',
        IpPermissions: [
          { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
          {
            IpProtocol: 'tcp',
            FromPort: 5432,
            ToPort: 5432,
            UserIdGroupPairs: [
              { GroupId: 'sg-0web', UserId: fx.ACCOUNT },
              { GroupId: 'sg-0peer', UserId: '210987654321', VpcPeeringConnectionId: 'pcx-0a1b' },
            ],
          },
        ],
      };
      const out = securityGroupToAssets(where, group);
      expect(out.assets[0].config.IpPermissions).toEqual(group.IpPermissions);
      expect(out.assets[0].config).not.toHaveProperty('IpPermissionsEgress');
      expect(out.assets[0].tags).toEqual({});
      expect(edges(out)).toEqual([`${arn('security-group/sg-0edge')} IN ${arn('vpc/vpc-0a1b2c3d')}`]);
    });

    test('route tables with no associations, only the main one, or a VPC whose subnets were not listed', () => {
      const bare = routeTableToAssets(where, { RouteTableId: 'rtb-0bare' }, new Map(), new Set());
      expect(bare.assets[0].id).toBe(arn('route-table/rtb-0bare'));
      expect(bare.relationships).toEqual([]);
      const mainOnly = {
        RouteTableId: 'rtb-0main2',
        VpcId: 'vpc-0other',
        Associations: [
          {
            Main: true,
            RouteTableAssociationId: 'rtbassoc-0m',
            AssociationState: { State: 'associated' as const },
          },
        ],
        Routes: [{ DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'local', State: 'active' as const }],
      };
      const byVpc = new Map([['vpc-0a1b2c3d', ['subnet-0a1b2c3d']]]);
      expect(edges(routeTableToAssets(where, mainOnly, byVpc, new Set()))).toEqual([
        `${arn('route-table/rtb-0main2')} IN ${arn('vpc/vpc-0other')}`,
      ]);
    });

    test('flow log destinations: a log group ARN (another account), a bucket ARN without its type, firehose', () => {
      const base = { FlowLogId: 'fl-0x', ResourceId: 'vpc-0a1b2c3d' };
      expect(
        flowLogDestinationArn(where, {
          ...base,
          LogDestinationType: 'cloud-watch-logs',
          LogDestination: 'arn:aws:logs:us-east-1:210987654321:log-group:central-flows:*',
        }),
      ).toBe('arn:aws:logs:us-east-1:210987654321:log-group:central-flows');
      expect(flowLogDestinationArn(where, { ...base, LogDestination: 'arn:aws:s3:::flows/vpc/' })).toBe(
        'arn:aws:s3:::flows',
      );
      expect(flowLogDestinationArn(where, { ...base, LogGroupName: 'flows' })).toBe(
        `arn:aws:logs:us-east-1:${fx.ACCOUNT}:log-group:flows`,
      );
      expect(
        flowLogDestinationArn(where, {
          ...base,
          LogDestinationType: 'kinesis-data-firehose',
          LogDestination: `arn:aws:firehose:us-east-1:${fx.ACCOUNT}:deliverystream/flows`,
        }),
      ).toBeUndefined();
      expect(flowLogDestinationArn(where, { ...base, LogDestinationType: 's3' })).toBeUndefined();
      expect(edges(flowLogToAssets(where, base))).toEqual([
        `${arn('vpc-flow-log/fl-0x')} MONITORS ${arn('vpc/vpc-0a1b2c3d')}`,
      ]);
    });

    test('members sent as empty elements ("") count as absent', () => {
      const address = addressToAssets(where, {
        AllocationId: '',
        PublicIp: '198.51.100.7',
        Domain: 'standard',
        InstanceId: '',
        NetworkInterfaceId: '',
      });
      expect(address.assets[0].id).toBe(arn('elastic-ip/198.51.100.7'));
      expect(address.relationships).toEqual([]);
      const peering = peeringToAssets(where, {
        VpcPeeringConnectionId: 'pcx-0e',
        RequesterVpcInfo: { VpcId: 'vpc-0a1b2c3d', OwnerId: fx.ACCOUNT, Region: 'us-east-1' },
        AccepterVpcInfo: { VpcId: 'vpc-0b', OwnerId: '', Region: '' },
      });
      expect(edges(peering)).toEqual([`${arn('vpc/vpc-0a1b2c3d')} PEERS_WITH ${arn('vpc/vpc-0b')}`]);
      const subnet = subnetToAssets(where, { SubnetId: 'subnet-0e', SubnetArn: '', VpcId: 'vpc-0a1b2c3d' });
      expect(subnet.assets[0].id).toBe(arn('subnet/subnet-0e'));
      const table = routeTableToAssets(where, {
        RouteTableId: 'rtb-0e',
        Routes: [{ DestinationCidrBlock: '', DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-0a1b' }],
      });
      expect(table.relationships[0].properties).toEqual({ destinations: ['::/0'] });
      expect(
        flowLogDestinationArn(where, {
          LogDestinationType: '' as never,
          LogDestination: 'arn:aws:s3:::flows',
        }),
      ).toBe('arn:aws:s3:::flows');
    });

    test('ownership and public permission helpers', () => {
      expect(ownedByAccount(where, fx.ACCOUNT)).toBe(true);
      expect(ownedByAccount(where, undefined)).toBe(true);
      expect(ownedByAccount(where, '137112412989')).toBe(false);
      expect(isPublicPermission({ Group: 'all' })).toBe(true);
      expect(isPublicPermission({ UserId: '444455556666' })).toBe(false);
    });
  });
});
