import { analyseExposure, analyseNetworkAclIngress } from '../../evaluator/analysers/exposure';
import { Estate } from '../../evaluator/engine/estate';
import type { EvalAsset } from '../../evaluator';
import type { Relationship } from '../../store/model';
import { ACCOUNT, asset, edge, REGION } from './fixtures';

const arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;

// A VPC with a public subnet (route to igw-1), a private subnet (local only) and the default NACL allowing all.
function network(options: { naclEntries?: unknown[]; groups?: Record<string, unknown[]> } = {}): EvalAsset[] {
  const allowAll = [
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 101, Protocol: '-1', RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
  ];
  const groups = options.groups ?? {
    'sg-open': [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        UserIdGroupPairs: [],
      },
    ],
  };
  return [
    asset('aws_ec2_vpc', arn('vpc', 'vpc-1'), { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }),
    asset('aws_ec2_internet_gateway', arn('internet-gateway', 'igw-1'), {
      InternetGatewayId: 'igw-1',
      Attachments: [{ VpcId: 'vpc-1', State: 'available' }],
    }),
    asset('aws_ec2_subnet', arn('subnet', 'subnet-pub'), {
      SubnetId: 'subnet-pub',
      VpcId: 'vpc-1',
      CidrBlock: '10.0.1.0/24',
    }),
    asset('aws_ec2_subnet', arn('subnet', 'subnet-priv'), {
      SubnetId: 'subnet-priv',
      VpcId: 'vpc-1',
      CidrBlock: '10.0.2.0/24',
    }),
    asset('aws_ec2_route_table', arn('route-table', 'rtb-main'), {
      RouteTableId: 'rtb-main',
      VpcId: 'vpc-1',
      Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-0', RouteTableId: 'rtb-main' }],
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }],
    }),
    asset('aws_ec2_route_table', arn('route-table', 'rtb-pub'), {
      RouteTableId: 'rtb-pub',
      VpcId: 'vpc-1',
      Associations: [
        {
          Main: false,
          SubnetId: 'subnet-pub',
          RouteTableAssociationId: 'rtbassoc-1',
          RouteTableId: 'rtb-pub',
        },
      ],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1', State: 'active' },
      ],
    }),
    asset('aws_ec2_network_acl', arn('network-acl', 'acl-1'), {
      NetworkAclId: 'acl-1',
      VpcId: 'vpc-1',
      IsDefault: true,
      Associations: [{ SubnetId: 'subnet-pub' }, { SubnetId: 'subnet-priv' }],
      Entries: options.naclEntries ?? allowAll,
    }),
    ...Object.entries(groups).map(([id, rules]) =>
      asset('aws_ec2_security_group', arn('security-group', id), {
        GroupId: id,
        GroupName: id,
        VpcId: 'vpc-1',
        IpPermissions: rules,
        IpPermissionsEgress: [],
      }),
    ),
  ];
}

function instance(
  options: { subnet?: string; publicIp?: string; ipv6?: string; groups?: string[]; state?: string } = {},
): EvalAsset {
  const subnet = options.subnet ?? 'subnet-pub';
  const groups = (options.groups ?? ['sg-open']).map((id) => ({ GroupId: id, GroupName: id }));
  return asset('aws_ec2_instance', arn('instance', 'i-1'), {
    InstanceId: 'i-1',
    State: { Code: options.state === 'stopped' ? 80 : 16, Name: options.state ?? 'running' },
    SubnetId: subnet,
    VpcId: 'vpc-1',
    PrivateIpAddress: '10.0.1.10',
    PublicIpAddress: options.publicIp,
    SecurityGroups: groups,
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-1',
        SubnetId: subnet,
        VpcId: 'vpc-1',
        Status: 'in-use',
        Groups: groups,
        PrivateIpAddress: '10.0.1.10',
        Association: options.publicIp ? { PublicIp: options.publicIp, IpOwnerId: 'amazon' } : undefined,
        Ipv6Addresses: options.ipv6 ? [{ Ipv6Address: options.ipv6 }] : [],
      },
    ],
  });
}

function exposureOf(assets: EvalAsset[], id: string, relationships: Relationship[] = []) {
  const fact = analyseExposure(new Estate(assets, relationships)).get(id);
  expect(fact).toBeDefined();
  return fact!;
}

const INSTANCE = arn('instance', 'i-1');

describe('network exposure of an instance', () => {
  const cases: {
    name: string;
    assets: () => EvalAsset[];
    verdict: string;
    ports?: unknown[];
    evidence: string;
  }[] = [
    {
      name: 'public subnet, public IP and a security group open on 22',
      assets: () => [...network(), instance({ publicIp: '54.1.2.3' })],
      verdict: 'exposed',
      ports: [{ protocol: 'tcp', from: 22, to: 22 }],
      evidence:
        'exposed: interface eni-1 has public address 54.1.2.3 in subnet subnet-pub routed to igw-1; open to 0.0.0.0/0 on tcp 22',
    },
    {
      name: 'private subnet without a public IP',
      assets: () => [...network(), instance({ subnet: 'subnet-priv' })],
      verdict: 'not_exposed',
      evidence:
        'not exposed: private subnet subnet-priv has no route to an internet gateway; no public IP on interface eni-1',
    },
    {
      name: 'a public IP in a private subnet is not reachable',
      assets: () => [...network(), instance({ subnet: 'subnet-priv', publicIp: '54.1.2.3' })],
      verdict: 'not_exposed',
      evidence: 'not exposed: private subnet subnet-priv has no route to an internet gateway',
    },
    {
      name: 'a network ACL deny at rule 90 beats the allow at rule 100',
      assets: () => [
        ...network({
          naclEntries: [
            { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            {
              RuleNumber: 90,
              Protocol: '6',
              RuleAction: 'deny',
              Egress: false,
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 22, To: 22 },
            },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          ],
        }),
        instance({ publicIp: '54.1.2.3' }),
      ],
      verdict: 'not_exposed',
      evidence: 'not exposed: network ACL acl-1 blocks the ports the security groups open (tcp 22)',
    },
    {
      name: 'IPv6 only: a global IPv6 address with ::/0 to the internet gateway and an SG open to ::/0',
      assets: () => [
        ...network({
          groups: {
            'sg-v6': [
              {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                IpRanges: [],
                Ipv6Ranges: [{ CidrIpv6: '::/0' }],
              },
            ],
          },
        }),
        instance({ ipv6: '2001:db8::10', groups: ['sg-v6'] }),
      ],
      verdict: 'exposed',
      ports: [{ protocol: 'tcp', from: 443, to: 443 }],
      evidence:
        'exposed: interface eni-1 has public address 2001:db8::10 in subnet subnet-pub routed to igw-1; open to ::/0 on tcp 443',
    },
    {
      name: 'a stopped instance',
      assets: () => [...network(), instance({ publicIp: '54.1.2.3', state: 'stopped' })],
      verdict: 'not_exposed',
      evidence: 'not exposed: instance i-1 is stopped',
    },
    {
      name: 'a security group that only references another security group',
      assets: () => [
        ...network({
          groups: {
            'sg-app': [
              {
                IpProtocol: 'tcp',
                FromPort: 8080,
                ToPort: 8080,
                IpRanges: [],
                UserIdGroupPairs: [{ GroupId: 'sg-lb' }],
              },
            ],
          },
        }),
        instance({ publicIp: '54.1.2.3', groups: ['sg-app'] }),
      ],
      verdict: 'not_exposed',
      evidence: 'not exposed: security groups (sg-app) allow no inbound traffic from 0.0.0.0/0',
    },
    {
      name: 'a security group open only to a private range',
      assets: () => [
        ...network({
          groups: {
            'sg-int': [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
          },
        }),
        instance({ publicIp: '54.1.2.3', groups: ['sg-int'] }),
      ],
      verdict: 'not_exposed',
      evidence: 'not exposed: security groups (sg-int) allow no inbound traffic from 0.0.0.0/0',
    },
    {
      name: 'protocol -1 opens every port',
      assets: () => [
        ...network({ groups: { 'sg-all': [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } }),
        instance({ publicIp: '54.1.2.3', groups: ['sg-all'] }),
      ],
      verdict: 'exposed',
      ports: [{ protocol: 'all', from: 0, to: 65535 }],
      evidence:
        'exposed: interface eni-1 has public address 54.1.2.3 in subnet subnet-pub routed to igw-1; open to 0.0.0.0/0 on all traffic',
    },
    {
      name: 'a security group that was not collected makes it unknown',
      assets: () => [...network(), instance({ publicIp: '54.1.2.3', groups: ['sg-missing'] })],
      verdict: 'unknown',
      evidence: 'unknown: security group sg-missing was not collected',
    },
    {
      name: 'a subnet that was not collected makes it unknown',
      assets: () => [...network(), instance({ publicIp: '54.1.2.3', subnet: 'subnet-gone' })],
      verdict: 'unknown',
      evidence: 'unknown: subnet subnet-gone was not collected',
    },
  ];

  it.each(cases)('$name -> $verdict', ({ assets, verdict, ports, evidence }) => {
    const fact = exposureOf(assets(), INSTANCE);
    expect(fact.verdict).toBe(verdict);
    expect(fact.evidence[0]).toBe(evidence);
    if (ports) expect(fact.ports).toEqual(ports);
    else if (verdict !== 'exposed') expect(fact.ports).toEqual([]);
  });

  it('shows the NACL rules that decided, in order', () => {
    const fact = exposureOf(
      [
        ...network({
          naclEntries: [
            { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            {
              RuleNumber: 90,
              Protocol: '6',
              RuleAction: 'deny',
              Egress: false,
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 22, To: 22 },
            },
          ],
        }),
        instance({ publicIp: '54.1.2.3' }),
      ],
      INSTANCE,
    );
    expect(fact.evidence).toContain('network ACL acl-1 rule 90 denies tcp 22 from 0.0.0.0/0');
  });
});

describe('network ACLs on their own', () => {
  const acl = (entries: unknown[]) => {
    const id = arn('network-acl', 'acl-9');
    const estate = new Estate(
      [asset('aws_ec2_network_acl', id, { NetworkAclId: 'acl-9', Entries: entries })],
      [],
    );
    // What an ACL lets in is its own fact: an ACL is not an endpoint the internet can reach.
    expect(analyseExposure(estate).has(id)).toBe(false);
    return analyseNetworkAclIngress(estate).get(id)!;
  };
  const rule = (RuleNumber: number, RuleAction: string, Protocol: string, from?: number, to = from) => ({
    RuleNumber,
    RuleAction,
    Protocol,
    Egress: false,
    CidrBlock: '0.0.0.0/0',
    ...(from === undefined ? {} : { PortRange: { From: from, To: to } }),
  });

  it('what they let in from the internet, the lowest rule number deciding each port', () => {
    const fact = acl([
      rule(100, 'allow', '-1'),
      rule(10, 'deny', '6', 22),
      { ...rule(50, 'allow', '6', 22), CidrBlock: '10.0.0.0/8' },
      { ...rule(20, 'allow', '6', 3389), Egress: true },
    ]);
    expect(fact.verdict).toBe('open');
    expect(fact.ports).toEqual([
      { protocol: 'tcp', from: 0, to: 21 },
      { protocol: 'tcp', from: 23, to: 65535 },
      { protocol: 'udp', from: 0, to: 65535 },
    ]);
    expect(fact.evidence[0]).toBe(
      'open: network ACL acl-9 lets 0.0.0.0/0 in on tcp 0-21, tcp 23-65535, udp 0-65535',
    );
    expect(fact.evidence).toContain('network ACL acl-9 rule 10 denies tcp 22 from 0.0.0.0/0');
  });

  it('protocol -1 ignores the port range (AWS applies it to every port)', () => {
    const fact = acl([rule(10, 'deny', '-1', 22), rule(100, 'allow', '-1')]);
    expect(fact.verdict).toBe('closed');
    expect(fact.evidence[0]).toBe(
      'closed: network ACL acl-9 lets no inbound traffic in from 0.0.0.0/0 or ::/0',
    );
  });

  it('an ACL whose entries were not in the response is unknown, not closed', () => {
    const acl = asset('aws_ec2_network_acl', arn('network-acl', 'acl-9'), {
      NetworkAclId: 'acl-9',
      VpcId: 'vpc-1',
    });
    expect(analyseNetworkAclIngress(new Estate([acl], [])).get(acl.id)).toEqual({
      verdict: 'unknown',
      ports: [],
      evidence: ['unknown: the entries of network ACL acl-9 were not collected'],
    });
  });

  it('IPv6 rules count on their own', () => {
    const fact = acl([{ ...rule(101, 'allow', '6', 3389), CidrBlock: undefined, Ipv6CidrBlock: '::/0' }]);
    expect(fact.ports).toEqual([{ protocol: 'tcp', from: 3389, to: 3389 }]);
    expect(fact.evidence[0]).toBe('open: network ACL acl-9 lets ::/0 in on tcp 3389');
  });
});

describe('load balancers', () => {
  const lbArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/1`;
  const tgArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/app/2`;
  function estate(scheme: string, state = 'running') {
    return [
      ...network({
        groups: {
          'sg-lb': [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          'sg-app': [
            { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-lb' }] },
          ],
        },
      }),
      instance({ subnet: 'subnet-priv', groups: ['sg-app'], state }),
      asset(
        'aws_elbv2_load_balancer',
        lbArn,
        {
          LoadBalancerArn: lbArn,
          LoadBalancerName: 'web',
          Scheme: scheme,
          Type: 'application',
          State: { Code: 'active' },
          SecurityGroups: ['sg-lb'],
          AvailabilityZones: [{ ZoneName: 'eu-west-1a', SubnetId: 'subnet-pub' }],
          Listeners: [
            {
              ListenerArn: `${lbArn}/l1`,
              Port: 443,
              Protocol: 'HTTPS',
              DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
            },
          ],
          LoadBalancerAttributes: { Attributes: [] },
        },
        { name: 'web' },
      ),
      asset('aws_elbv2_target_group', tgArn, {
        TargetGroupArn: tgArn,
        TargetGroupName: 'app',
        Protocol: 'HTTP',
        Port: 8080,
        TargetType: 'instance',
        TargetHealth: {
          TargetHealthDescriptions: [
            { Target: { Id: 'i-1', Port: 8080 }, TargetHealth: { State: 'healthy' } },
          ],
        },
      }),
    ];
  }

  it('an instance in a private subnet behind an internet-facing ALB is exposed on its target port', () => {
    const fact = exposureOf(estate('internet-facing'), INSTANCE);
    expect(fact.verdict).toBe('exposed');
    expect(fact.ports).toEqual([{ protocol: 'tcp', from: 8080, to: 8080 }]);
    expect(fact.evidence[0]).toBe(
      'exposed: behind internet-facing load balancer web (listener 443 -> target group app port 8080)',
    );
    expect(fact.paths).toEqual(['internet -> web:443 -> app -> i-1:8080']);
    expect(exposureOf(estate('internet-facing'), lbArn).ports).toEqual([
      { protocol: 'tcp', from: 443, to: 443 },
    ]);
  });

  it('an internal load balancer exposes nothing', () => {
    expect(exposureOf(estate('internal'), lbArn).evidence[0]).toBe(
      'not exposed: load balancer web is internal',
    );
    expect(exposureOf(estate('internal'), INSTANCE).verdict).toBe('not_exposed');
  });

  it('DescribeListeners failed: the internet-facing load balancer is unknown, not "no listeners"', () => {
    const assets = estate('internet-facing').map((a) =>
      a.id === lbArn
        ? { ...a, config: { ...a.config, Listeners: undefined }, readErrors: { Listeners: 'AccessDenied' } }
        : a,
    );
    const fact = exposureOf(assets, lbArn);
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe(
      'unknown: internet-facing load balancer web: its listeners could not be read (AccessDenied)',
    );
    // An internal one stays not exposed: its listeners cannot change that.
    const internal = estate('internal').map((a) =>
      a.id === lbArn ? { ...a, readErrors: { Listeners: 'AccessDenied' } } : a,
    );
    expect(exposureOf(internal, lbArn).verdict).toBe('not_exposed');
  });

  it('DescribeTargetHealth failed: an instance in its VPC is unknown, not "not exposed"', () => {
    const assets = estate('internet-facing').map((a) =>
      a.id === tgArn
        ? {
            ...a,
            config: { ...a.config, VpcId: 'vpc-1', TargetHealth: undefined },
            readErrors: { TargetHealth: 'AccessDenied' },
          }
        : a,
    );
    const fact = exposureOf(assets, INSTANCE);
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe(
      'unknown: internet-facing load balancer web forwards listener 443 to target group app, whose targets could not be read (AccessDenied)',
    );
    // An instance in another VPC cannot be one of its targets.
    const elsewhere = assets.map((a) =>
      a.id === INSTANCE ? { ...a, config: { ...a.config, VpcId: 'vpc-2' } } : a,
    );
    expect(exposureOf(elsewhere, INSTANCE).verdict).toBe('not_exposed');
  });

  it('a stopped instance behind an internet-facing ALB is not exposed', () => {
    expect(exposureOf(estate('internet-facing', 'stopped'), INSTANCE).verdict).toBe('not_exposed');
  });
});

describe('other endpoints', () => {
  it('a publicly accessible database in a public subnet with its port open', () => {
    const dbArn = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders`;
    const db = (publiclyAccessible: boolean) =>
      asset('aws_rds_db_instance', dbArn, {
        DBInstanceIdentifier: 'orders',
        DBInstanceStatus: 'available',
        PubliclyAccessible: publiclyAccessible,
        Endpoint: { Address: 'orders.abc.eu-west-1.rds.amazonaws.com', Port: 5432 },
        VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db', Status: 'active' }],
        DBSubnetGroup: {
          DBSubnetGroupName: 'default',
          VpcId: 'vpc-1',
          Subnets: [{ SubnetIdentifier: 'subnet-pub' }],
        },
      });
    const groups = {
      'sg-db': [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    };
    const open = exposureOf([...network({ groups }), db(true)], dbArn);
    expect(open.verdict).toBe('exposed');
    expect(open.ports).toEqual([{ protocol: 'tcp', from: 5432, to: 5432 }]);
    expect(exposureOf([...network({ groups }), db(false)], dbArn).verdict).toBe('not_exposed');
  });

  describe('a publicly accessible database whose subnets were not read is undecided, never "not exposed"', () => {
    const dbArn = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders`;
    const groups = {
      'sg-db': [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    };
    // DescribeDBInstances shape (trimmed): the subnet group names its subnets; `subnetGroup` replaces it.
    const db = (subnetGroup: unknown, readErrors?: Record<string, string>) =>
      asset(
        'aws_rds_db_instance',
        dbArn,
        {
          DBInstanceIdentifier: 'orders',
          DBInstanceStatus: 'available',
          Engine: 'postgres',
          PubliclyAccessible: true,
          Endpoint: { Address: 'orders.abc.eu-west-1.rds.amazonaws.com', Port: 5432 },
          VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db', Status: 'active' }],
          ...(subnetGroup === undefined ? {} : { DBSubnetGroup: subnetGroup }),
        },
        readErrors ? { readErrors } : {},
      );
    const subnetGroup = (subnets: string[]) => ({
      DBSubnetGroupName: 'db-sub',
      DBSubnetGroupDescription: 'orders',
      VpcId: 'vpc-1',
      SubnetGroupStatus: 'Complete',
      Subnets: subnets.map((id) => ({
        SubnetIdentifier: id,
        SubnetAvailabilityZone: { Name: 'eu-west-1a' },
        SubnetOutpost: {},
        SubnetStatus: 'Active',
      })),
    });

    it('a subnet of its DB subnet group was not collected', () => {
      const fact = exposureOf([...network({ groups }), db(subnetGroup(['subnet-0abc']))], dbArn);
      expect(fact.verdict).toBe('unknown');
      expect(fact.evidence[0]).toBe(
        'unknown: subnet subnet-0abc of DB subnet group db-sub was not collected',
      );
    });

    it('the DB subnet group lists no subnets', () => {
      const fact = exposureOf([...network({ groups }), db(subnetGroup([]))], dbArn);
      expect(fact.verdict).toBe('unknown');
      expect(fact.evidence[0]).toBe(
        'unknown: database orders: the subnets of DB subnet group db-sub were not collected',
      );
    });

    it('the DB subnet group was not in the response (readErrors.DBSubnetGroup)', () => {
      const fact = exposureOf(
        [...network({ groups }), db(undefined, { DBSubnetGroup: 'NotInResponse' })],
        dbArn,
      );
      expect(fact.verdict).toBe('unknown');
      expect(fact.evidence[0]).toBe(
        'unknown: database orders: its DB subnet group was not collected (NotInResponse), so the subnets it runs in are not known',
      );
    });

    it('the route table of its subnet was not collected', () => {
      const withoutRoutes = network({ groups }).filter((a) => a.type !== 'aws_ec2_route_table');
      const fact = exposureOf([...withoutRoutes, db(subnetGroup(['subnet-pub']))], dbArn);
      expect(fact.verdict).toBe('unknown');
      expect(fact.evidence[0]).toBe('unknown: no route table for subnet subnet-pub was collected');
    });

    it('PubliclyAccessible missing from the response', () => {
      const noFlag = db(subnetGroup(['subnet-pub']));
      delete noFlag.config.PubliclyAccessible;
      const fact = exposureOf([...network({ groups }), noFlag], dbArn);
      expect(fact.verdict).toBe('unknown');
      expect(fact.evidence[0]).toBe('unknown: database orders: PubliclyAccessible was not collected');
    });

    it('with its subnets read, a private subnet is genuinely not exposed and says why', () => {
      const fact = exposureOf([...network({ groups }), db(subnetGroup(['subnet-priv']))], dbArn);
      expect(fact.verdict).toBe('not_exposed');
      expect(fact.evidence[0]).toBe(
        'not exposed: private subnet subnet-priv has no route to an internet gateway',
      );
    });
  });

  it('EKS endpoints: public to 0.0.0.0/0, restricted, private', () => {
    const id = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/prod`;
    const cluster = (config: Record<string, unknown>) =>
      asset('aws_eks_cluster', id, {
        name: 'prod',
        status: 'ACTIVE',
        resourcesVpcConfig: config,
        AccessEntries: { accessEntries: [] },
      });
    expect(
      exposureOf(
        [
          cluster({
            endpointPublicAccess: true,
            endpointPrivateAccess: false,
            publicAccessCidrs: ['0.0.0.0/0'],
          }),
        ],
        id,
      ).verdict,
    ).toBe('exposed');
    expect(
      exposureOf([cluster({ endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] })], id)
        .evidence[0],
    ).toBe('not exposed: cluster prod has a public API endpoint restricted to 203.0.113.0/24');
    expect(
      exposureOf([cluster({ endpointPublicAccess: false, endpointPrivateAccess: true })], id).verdict,
    ).toBe('not_exposed');
  });

  it('Lambda function URLs: AuthType NONE is exposed, AWS_IAM is not; a public API that triggers it exposes it', () => {
    const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
    const fn = (authType?: string) =>
      asset('aws_lambda_function', fnArn, {
        FunctionName: 'api',
        FunctionArn: fnArn,
        Policy: null,
        FunctionUrlConfigs: {
          FunctionUrlConfigs: authType
            ? [
                {
                  FunctionUrl: 'https://x.lambda-url.eu-west-1.on.aws/',
                  FunctionArn: fnArn,
                  AuthType: authType,
                },
              ]
            : [],
        },
      });
    expect(exposureOf([fn('NONE')], fnArn).verdict).toBe('exposed');
    expect(exposureOf([fn('AWS_IAM')], fnArn).verdict).toBe('not_exposed');
    const apiArn = `arn:aws:apigateway:${REGION}::/restapis/abc`;
    const api = (types: string[]) =>
      asset(
        'aws_apigateway_rest_api',
        apiArn,
        { id: 'abc', name: 'shop', endpointConfiguration: { types } },
        { name: 'shop' },
      );
    expect(exposureOf([fn(), api(['REGIONAL'])], fnArn, [edge(apiArn, 'TRIGGERS', fnArn)]).evidence[0]).toBe(
      'exposed: triggered by public API shop',
    );
    expect(exposureOf([fn(), api(['PRIVATE'])], fnArn, [edge(apiArn, 'TRIGGERS', fnArn)]).verdict).toBe(
      'not_exposed',
    );
    expect(exposureOf([api(['PRIVATE'])], apiArn).verdict).toBe('not_exposed');
  });
});

describe('a Lambda function triggered by an API that could not be judged is undecided, not "no public API"', () => {
  const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;
  const apiArn = `arn:aws:apigateway:${REGION}::/apis/a1b2c3`;
  // GetFunctionUrlConfig answered ResourceNotFoundException: no URL.
  const fn = asset('aws_lambda_function', fnArn, {
    FunctionName: 'orders',
    FunctionArn: fnArn,
    FunctionUrlConfigs: { FunctionUrlConfigs: [] },
  });

  it('the triggering API was never collected', () => {
    const fact = exposureOf([fn], fnArn, [edge(apiArn, 'TRIGGERS', fnArn)]);
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe('unknown: function orders: API a1b2c3 that triggers it was not collected');
  });

  it('the triggering API disables its default endpoint (custom domains are not collected)', () => {
    const api = asset(
      'aws_apigatewayv2_api',
      apiArn,
      { ApiId: 'a1b2c3', Name: 'orders-api', ProtocolType: 'HTTP', DisableExecuteApiEndpoint: true },
      { name: 'orders-api' },
    );
    const fact = exposureOf([fn, api], fnArn, [edge(apiArn, 'TRIGGERS', fnArn)]);
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe('unknown: function orders: API orders-api that triggers it is undecided');
  });

  it('with no API at all it is genuinely not exposed', () => {
    expect(exposureOf([fn], fnArn).evidence[0]).toBe(
      'not exposed: function orders has no function URL and no public API triggers it',
    );
  });
});

describe('load balancer traffic must be admitted by the target', () => {
  const albArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/1`;
  const nlbArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/edge/3`;
  const clbArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/legacy`;
  const tgArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/app/2`;
  const LB_WORLD_443 = [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ];
  // An ingress rule of the app instance's group on 8080 (DescribeSecurityGroups shape: every list present).
  const on8080 = (source: Record<string, unknown>, protocol = 'tcp') => ({
    IpProtocol: protocol,
    FromPort: 8080,
    ToPort: 8080,
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
    ...source,
  });

  interface Options {
    type?: 'application' | 'network';
    appRules: unknown[];
    lbGroups?: string[];
    lbSubnets?: string[];
    tgProtocol?: string;
    tgAttributes?: { Key: string; Value: string }[];
    instanceGroups?: string[];
    withoutVpc?: boolean;
  }

  function elbv2(options: Options): EvalAsset[] {
    const type = options.type ?? 'application';
    const lbArn = type === 'application' ? albArn : nlbArn;
    const lbGroups = options.lbGroups ?? (type === 'application' ? ['sg-lb'] : []);
    const tgProtocol = options.tgProtocol ?? (type === 'application' ? 'HTTP' : 'TCP');
    return [
      ...network({ groups: { 'sg-lb': LB_WORLD_443, 'sg-app': options.appRules } }).filter(
        (a) => !(options.withoutVpc && a.type === 'aws_ec2_vpc'),
      ),
      instance({ subnet: 'subnet-priv', groups: options.instanceGroups ?? ['sg-app'] }),
      asset(
        'aws_elbv2_load_balancer',
        lbArn,
        {
          LoadBalancerArn: lbArn,
          LoadBalancerName: type === 'application' ? 'web' : 'edge',
          Scheme: 'internet-facing',
          Type: type,
          VpcId: 'vpc-1',
          IpAddressType: 'ipv4',
          State: { Code: 'active' },
          // DescribeLoadBalancers leaves SecurityGroups out for an NLB created without them.
          ...(lbGroups.length ? { SecurityGroups: lbGroups } : {}),
          AvailabilityZones: (options.lbSubnets ?? ['subnet-pub']).map((SubnetId) => ({
            ZoneName: 'eu-west-1a',
            SubnetId,
            LoadBalancerAddresses: [],
          })),
          Listeners: [
            {
              ListenerArn: `${lbArn}/l1`,
              Port: 443,
              Protocol: type === 'application' ? 'HTTPS' : 'TCP',
              DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
            },
          ],
          LoadBalancerAttributes: { Attributes: [] },
        },
        { name: type === 'application' ? 'web' : 'edge' },
      ),
      asset('aws_elbv2_target_group', tgArn, {
        TargetGroupArn: tgArn,
        TargetGroupName: 'app',
        Protocol: tgProtocol,
        Port: 8080,
        VpcId: 'vpc-1',
        TargetType: 'instance',
        LoadBalancerArns: [lbArn],
        ...(options.tgAttributes ? { TargetGroupAttributes: { Attributes: options.tgAttributes } } : {}),
        TargetHealth: {
          TargetHealthDescriptions: [
            {
              Target: { Id: 'i-1', Port: 8080 },
              HealthCheckPort: '8080',
              TargetHealth: { State: 'healthy' },
            },
          ],
        },
      }),
    ];
  }

  const PRIVATE =
    'private subnet subnet-priv has no route to an internet gateway; no public IP on interface eni-1';

  it("ALB whose subnets' network ACL lets nothing in on its listener port: neither it nor its targets are exposed", () => {
    const withAcl = (entries: unknown[]) =>
      elbv2({ appRules: [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }] })] }).map((a) =>
        a.type === 'aws_ec2_network_acl' ? { ...a, config: { ...a.config, Entries: entries } } : a,
      );
    const sshOnly = withAcl([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 22, To: 22 },
      },
    ]);
    const lb = exposureOf(sshOnly, albArn);
    expect(lb.verdict).toBe('not_exposed');
    expect(lb.evidence[0]).toBe(
      'not exposed: internet-facing load balancer web: the network ACLs of its subnets (subnet-pub) let none of its listener ports in from the internet (tcp 443)',
    );
    expect(lb.evidence).toContain('network ACL acl-1 has no rule for tcp 443 from 0.0.0.0/0 (denied)');
    expect(exposureOf(sshOnly, INSTANCE).verdict).toBe('not_exposed');
    // The same ACL with 443 allowed after a deny elsewhere: the listener is reachable again.
    const https = withAcl([
      {
        RuleNumber: 90,
        Protocol: '6',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 22, To: 22 },
      },
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
    ]);
    expect(exposureOf(https, albArn).verdict).toBe('exposed');
    expect(exposureOf(https, INSTANCE).verdict).toBe('exposed');
  });

  it("the network ACL of the target's subnet must let the load balancer's traffic in", () => {
    // One ACL on both subnets: 443 from the internet (the listener), 8080 only from the source given.
    const acl8080From = (cidr: string, type: 'application' | 'network' = 'application') =>
      elbv2({
        type,
        appRules: [
          on8080(
            type === 'application'
              ? { UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }] }
              : { IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ),
        ],
      }).map((a) =>
        a.type === 'aws_ec2_network_acl'
          ? {
              ...a,
              config: {
                ...a.config,
                Entries: [
                  {
                    RuleNumber: 100,
                    Protocol: '6',
                    RuleAction: 'allow',
                    Egress: false,
                    CidrBlock: '0.0.0.0/0',
                    PortRange: { From: 443, To: 443 },
                  },
                  {
                    RuleNumber: 110,
                    Protocol: '6',
                    RuleAction: 'allow',
                    Egress: false,
                    CidrBlock: cidr,
                    PortRange: { From: 8080, To: 8080 },
                  },
                  {
                    RuleNumber: 32767,
                    Protocol: '-1',
                    RuleAction: 'deny',
                    Egress: false,
                    CidrBlock: '0.0.0.0/0',
                  },
                ],
              },
            }
          : a,
      );
    const elsewhere = exposureOf(acl8080From('10.9.0.0/16'), INSTANCE);
    expect(elsewhere.verdict).toBe('not_exposed');
    expect(elsewhere.evidence[0]).toContain(
      "load balancer web forwards to i-1 on tcp 8080 but the network ACL of its subnet lets no traffic from load balancer web's subnets subnet-pub (10.0.1.0/24) in",
    );
    expect(elsewhere.evidence).toContain('network ACL acl-1 rule * denies tcp 8080 from 0.0.0.0/0');
    // From the load balancer's subnet (inside the VPC's range): admitted.
    const fromVpc = exposureOf(acl8080From('10.0.0.0/16'), INSTANCE);
    expect(fromVpc.verdict).toBe('exposed');
    expect(fromVpc.evidence).toContain('network ACL acl-1 rule 110 allows tcp 8080 from 10.0.0.0/16');
    // An NLB keeping the clients' addresses: the VPC's range is not them.
    const nlb = exposureOf(acl8080From('10.0.0.0/16', 'network'), INSTANCE);
    expect(nlb.verdict).toBe('not_exposed');
    expect(nlb.evidence[0]).toContain(
      'but the network ACL of its subnet lets no traffic from the internet in',
    );
    expect(exposureOf(acl8080From('0.0.0.0/0', 'network'), INSTANCE).verdict).toBe('exposed');
  });

  it('an internet-facing ALB whose subnets do not route to an internet gateway is not reachable', () => {
    const assets = elbv2({
      appRules: [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }] })],
      lbSubnets: ['subnet-priv'],
    });
    const lb = exposureOf(assets, albArn);
    expect(lb.verdict).toBe('not_exposed');
    expect(lb.evidence[0]).toBe(
      'not exposed: internet-facing load balancer web: none of its subnets (subnet-priv) routes to an internet gateway',
    );
    expect(lb.evidence).toContain(
      'route table rtb-main of subnet subnet-priv has no 0.0.0.0/0 route to an internet gateway',
    );
    expect(exposureOf(assets, INSTANCE).verdict).toBe('not_exposed');
  });

  it('ALB: a rule referencing the load balancer security group admits it', () => {
    const fact = exposureOf(
      elbv2({ appRules: [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }] })] }),
      INSTANCE,
    );
    expect(fact.verdict).toBe('exposed');
    expect(fact.ports).toEqual([{ protocol: 'tcp', from: 8080, to: 8080 }]);
    expect(fact.paths).toEqual(['internet -> web:443 -> app -> i-1:8080']);
    expect(fact.evidence).toContain(
      "security group sg-app allows tcp 8080 from load balancer web's security group sg-lb",
    );
  });

  it("ALB: a rule for a range overlapping the load balancer's subnet admits it", () => {
    const fact = exposureOf(
      elbv2({ appRules: [on8080({ IpRanges: [{ CidrIp: '10.0.1.0/25' }] })] }),
      INSTANCE,
    );
    expect(fact.verdict).toBe('exposed');
    expect(fact.evidence[0]).toBe(
      'exposed: behind internet-facing load balancer web (listener 443 -> target group app port 8080)',
    );
    expect(fact.evidence).toContain(
      "security group sg-app allows tcp 8080 from 10.0.1.0/25, which overlaps load balancer web's subnets subnet-pub (10.0.1.0/24)",
    );
  });

  it('ALB: a rule for an unrelated range or another group does not, and says why', () => {
    const assets = elbv2({
      appRules: [
        on8080({ IpRanges: [{ CidrIp: '10.0.2.0/24' }], UserIdGroupPairs: [{ GroupId: 'sg-other' }] }),
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.1.0/24' }] },
      ],
    });
    const fact = exposureOf(assets, INSTANCE);
    expect(fact.verdict).toBe('not_exposed');
    expect(fact.ports).toEqual([]);
    expect(fact.paths).toEqual([]);
    expect(fact.evidence[0]).toBe(
      `not exposed: ${PRIVATE}; load balancer web forwards to i-1 on tcp 8080 but the security groups of i-1 (sg-app) admit no traffic from it`,
    );
    expect(fact.evidence).toEqual(
      expect.arrayContaining([
        'security group sg-app allows tcp 8080 only from 10.0.2.0/24',
        'security group sg-app allows tcp 8080 only from security group sg-other',
      ]),
    );
    // The load balancer itself is still exposed on its listener.
    expect(exposureOf(assets, albArn).verdict).toBe('exposed');
  });

  it('ALB: a dropped path stays visible when the instance is exposed some other way', () => {
    const assets = elbv2({ appRules: [on8080({ IpRanges: [{ CidrIp: '192.168.0.0/16' }] })] });
    const i = assets.findIndex((a) => a.id === INSTANCE);
    assets[i] = instance({ publicIp: '54.1.2.3', groups: ['sg-open', 'sg-app'] });
    const groups = network().filter((a) => a.type === 'aws_ec2_security_group');
    const fact = exposureOf([...assets, ...groups], INSTANCE);
    expect(fact.verdict).toBe('exposed');
    expect(fact.ports).toEqual([{ protocol: 'tcp', from: 22, to: 22 }]);
    expect(fact.evidence).toContain(
      'load balancer web forwards to i-1 on tcp 8080 but the security groups of i-1 (sg-open, sg-app) admit no traffic from it',
    );
  });

  it("ALB whose subnets were not collected: the VPC's CIDR stands in; with neither, a private range is unknown", () => {
    const rules = [on8080({ IpRanges: [{ CidrIp: '10.0.2.0/24' }] })];
    expect(exposureOf(elbv2({ appRules: rules, lbSubnets: ['subnet-gone'] }), INSTANCE).verdict).toBe(
      'exposed',
    );
    const fact = exposureOf(
      elbv2({ appRules: rules, lbSubnets: ['subnet-gone'], withoutVpc: true }),
      INSTANCE,
    );
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe(
      "unknown: load balancer web forwards to i-1 on tcp 8080; security group sg-app allows tcp 8080 from 10.0.2.0/24, but the load balancer's subnets subnet-gone and VPC vpc-1 were not collected",
    );
  });

  it('NLB preserving client IPs (the default for instance targets): the instance must admit the internet', () => {
    const open = exposureOf(
      elbv2({ type: 'network', appRules: [on8080({ IpRanges: [{ CidrIp: '0.0.0.0/0' }] })] }),
      INSTANCE,
    );
    expect(open.verdict).toBe('exposed');
    expect(open.paths).toEqual(['internet -> edge:443 -> app -> i-1:8080']);
    expect(open.evidence).toContain('security group sg-app allows tcp 8080 from 0.0.0.0/0');

    const vpcOnly = exposureOf(
      elbv2({ type: 'network', appRules: [on8080({ IpRanges: [{ CidrIp: '10.0.0.0/16' }] })] }),
      INSTANCE,
    );
    expect(vpcOnly.verdict).toBe('not_exposed');
    expect(vpcOnly.evidence[0]).toBe(
      `not exposed: ${PRIVATE}; load balancer edge forwards to i-1 on tcp 8080 keeping the clients' addresses, but the security groups of i-1 (sg-app) admit no traffic from the internet`,
    );
  });

  it('NLB: with preservation turned off its own addresses are admitted; UDP always preserves', () => {
    const vpcRule = [on8080({ IpRanges: [{ CidrIp: '10.0.0.0/16' }] })];
    const off = [{ Key: 'preserve_client_ip.enabled', Value: 'false' }];
    const fact = exposureOf(elbv2({ type: 'network', appRules: vpcRule, tgAttributes: off }), INSTANCE);
    expect(fact.verdict).toBe('exposed');
    expect(fact.evidence).toContain(
      "security group sg-app allows tcp 8080 from 10.0.0.0/16, which overlaps load balancer edge's subnets subnet-pub (10.0.1.0/24)",
    );
    const udp = exposureOf(
      elbv2({
        type: 'network',
        tgProtocol: 'UDP',
        appRules: [on8080({ IpRanges: [{ CidrIp: '10.0.0.0/16' }] }, 'udp')],
        tgAttributes: off,
      }),
      INSTANCE,
    );
    expect(udp.verdict).toBe('not_exposed');
  });

  it('NLB with security groups: a rule referencing them admits clients even with their addresses preserved', () => {
    const fact = exposureOf(
      elbv2({
        type: 'network',
        lbGroups: ['sg-lb'],
        appRules: [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-lb', UserId: ACCOUNT }] })],
      }),
      INSTANCE,
    );
    expect(fact.verdict).toBe('exposed');
    expect(fact.ports).toEqual([{ protocol: 'tcp', from: 8080, to: 8080 }]);
  });

  it('security groups of the target not collected: the load balancer path is unknown', () => {
    const fact = exposureOf(elbv2({ appRules: [], instanceGroups: ['sg-gone'] }), INSTANCE);
    expect(fact.verdict).toBe('unknown');
    expect(fact.ports).toEqual([]);
    expect(fact.evidence[0]).toBe(
      'unknown: load balancer web forwards to i-1 on tcp 8080 but security group sg-gone of i-1 was not collected',
    );
  });

  describe('classic ELB', () => {
    function classic(options: { appRules: unknown[]; securityGroups?: string[] }): EvalAsset[] {
      return [
        ...network({
          groups: {
            'sg-elb': [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
            'sg-app': options.appRules,
          },
        }),
        instance({ subnet: 'subnet-priv', groups: ['sg-app'] }),
        asset(
          'aws_elb_load_balancer',
          clbArn,
          {
            LoadBalancerName: 'legacy',
            Scheme: 'internet-facing',
            VPCId: 'vpc-1',
            Subnets: ['subnet-pub'],
            AvailabilityZones: ['eu-west-1a'],
            // DescribeLoadBalancers: SecurityGroups holds ids, SourceSecurityGroup the name and owner alias.
            ...(options.securityGroups ? { SecurityGroups: options.securityGroups } : {}),
            SourceSecurityGroup: { OwnerAlias: ACCOUNT, GroupName: 'sg-elb' },
            ListenerDescriptions: [
              {
                Listener: {
                  Protocol: 'HTTP',
                  LoadBalancerPort: 80,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 8080,
                },
                PolicyNames: [],
              },
            ],
            Instances: [{ InstanceId: 'i-1' }],
          },
          { name: 'legacy' },
        ),
      ];
    }
    const pair = [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-elb', UserId: ACCOUNT }] })];

    it('a rule referencing its SourceSecurityGroup admits it', () => {
      const fact = exposureOf(classic({ appRules: pair, securityGroups: ['sg-elb'] }), INSTANCE);
      expect(fact.verdict).toBe('exposed');
      expect(fact.paths).toEqual(['internet -> legacy:80 -> listener -> i-1:8080']);
      expect(fact.evidence).toContain(
        "security group sg-app allows tcp 8080 from load balancer legacy's security group sg-elb",
      );
    });

    it('the SourceSecurityGroup name is resolved to its id in the VPC', () => {
      // Without SecurityGroups the listener is open (no group to check) and only the name identifies the group.
      expect(exposureOf(classic({ appRules: pair }), INSTANCE).verdict).toBe('exposed');
    });

    it('with SecurityGroups listed, a SourceSecurityGroup naming another group does not stand for it', () => {
      // The source group of a load balancer in a VPC is one of its SecurityGroups; an emulator names 'default'.
      const web = asset('aws_ec2_security_group', arn('security-group', 'sg-web'), {
        GroupId: 'sg-web',
        GroupName: 'sg-web',
        VpcId: 'vpc-1',
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        IpPermissionsEgress: [],
      });
      const assets = [...classic({ appRules: pair, securityGroups: ['sg-web'] }), web];
      expect(exposureOf(assets, clbArn).verdict).toBe('exposed');
      const fact = exposureOf(assets, INSTANCE);
      expect(fact.verdict).toBe('not_exposed');
      expect(fact.evidence[0]).toContain('admit no traffic from it');
      // Its own group admits it.
      const own = [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-web', UserId: ACCOUNT }] })];
      expect(
        exposureOf([...classic({ appRules: own, securityGroups: ['sg-web'] }), web], INSTANCE).verdict,
      ).toBe('exposed');
    });

    it('a rule referencing another group does not admit it', () => {
      const other = [on8080({ UserIdGroupPairs: [{ GroupId: 'sg-other', UserId: ACCOUNT }] })];
      const fact = exposureOf(classic({ appRules: other, securityGroups: ['sg-elb'] }), INSTANCE);
      expect(fact.verdict).toBe('not_exposed');
      expect(fact.evidence[0]).toBe(
        `not exposed: ${PRIVATE}; load balancer legacy forwards to i-1 on tcp 8080 but the security groups of i-1 (sg-app) admit no traffic from it`,
      );
    });
  });
});
