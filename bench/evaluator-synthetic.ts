// A synthetic, CATALOG-shaped estate of N assets with relationships, for the evaluator benchmark.
// Deterministic: item i of each type is built from i, so runs are comparable.
import type { EvalAsset } from '../evaluator';
import type { AssetClass, Relationship, RelationshipVerb } from '../store/model';

export const ACCOUNT = '123456789012';
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
const DATE = '2025-06-01T00:00:00.000Z';

/** Share of the estate per type (the rest are EBS volumes). */
const MIX: [string, number][] = [
  ['aws_ec2_instance', 0.2],
  ['aws_ec2_network_interface', 0.2],
  ['aws_ec2_security_group', 0.03],
  ['aws_s3_bucket', 0.05],
  ['aws_iam_user', 0.02],
  ['aws_iam_role', 0.02],
  ['aws_iam_policy', 0.01],
  ['aws_lambda_function', 0.03],
  ['aws_logs_log_group', 0.03],
  ['aws_kms_key', 0.01],
  ['aws_rds_db_instance', 0.01],
  ['aws_ec2_snapshot', 0.02],
  ['aws_elbv2_load_balancer', 0.005],
  ['aws_elbv2_target_group', 0.005],
  ['aws_sns_topic', 0.005],
  ['aws_ecr_repository', 0.005],
];

export interface SyntheticEstate {
  assets: EvalAsset[];
  relationships: Relationship[];
}

export function syntheticEstate(total: number): SyntheticEstate {
  const assets: EvalAsset[] = [];
  const relationships: Relationship[] = [];
  const arn = (service: string, region: string, resource: string) =>
    `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
  const add = (
    type: string,
    cls: AssetClass,
    region: string,
    id: string,
    name: string,
    config: Record<string, unknown>,
  ) => {
    assets.push({
      id,
      accountId: ACCOUNT,
      region,
      service: type.split('_')[1],
      type,
      class: cls,
      name,
      tags: { Environment: name.length % 2 ? 'prod' : 'dev' },
      config,
    });
  };
  const link = (fromId: string, verb: RelationshipVerb, toId: string, region: string) =>
    relationships.push({ accountId: ACCOUNT, fromId, verb, toId, service: 'bench', region });

  // Account anchors and per-region networking: 10 VPCs per region, each with a public and a private subnet.
  add('aws_account', 'Account', 'global', `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, {
    AccountId: ACCOUNT,
    Partition: 'aws',
    Regions: REGIONS,
  });
  add('aws_iam_root_user', 'User', 'global', `arn:aws:iam::${ACCOUNT}:root-user`, 'root', {
    CredentialReport: {
      user: '<root_account>',
      mfa_active: 'true',
      access_key_1_active: 'false',
      access_key_2_active: 'false',
      password_last_used: DATE,
    },
    VirtualMFADevices: [],
  });
  add(
    'aws_iam_password_policy',
    'Configuration',
    'global',
    `arn:aws:iam::${ACCOUNT}:account-password-policy`,
    'password-policy',
    { PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } },
  );
  add(
    'aws_s3_account_public_access_block',
    'Configuration',
    'global',
    `arn:aws:s3:::${ACCOUNT}:account-public-access-block`,
    'account-public-access-block',
    {
      PublicAccessBlock: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      },
    },
  );
  for (const region of REGIONS) {
    add('aws_account_region', 'Account', region, arn('ec2', region, 'region'), region, {
      AccountId: ACCOUNT,
      Region: region,
    });
    add(
      'aws_ec2_ebs_default_encryption',
      'Configuration',
      region,
      arn('ec2', region, 'ebs-default-encryption'),
      'ebs-default-encryption',
      { EbsEncryptionByDefault: region !== 'us-west-2' },
    );
    add(
      'aws_cloudtrail_trail',
      'Logs',
      region,
      arn('cloudtrail', region, `trail/main-${region}`),
      `main-${region}`,
      {
        Name: `main-${region}`,
        IsMultiRegionTrail: region === 'us-east-1',
        LogFileValidationEnabled: true,
        HomeRegion: region,
        S3BucketName: 'trail-logs',
        KmsKeyId: undefined,
        TrailStatus: { IsLogging: true },
        EventSelectors: {
          EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }],
        },
      },
    );
    for (let v = 0; v < 10; v++) {
      const vpcId = `vpc-${region}-${v}`;
      add('aws_ec2_vpc', 'Network', region, arn('ec2', region, `vpc/${vpcId}`), vpcId, {
        VpcId: vpcId,
        CidrBlock: '10.0.0.0/16',
        IsDefault: v === 0,
        State: 'available',
      });
      add(
        'aws_ec2_internet_gateway',
        'Gateway',
        region,
        arn('ec2', region, `internet-gateway/igw-${region}-${v}`),
        `igw-${region}-${v}`,
        { InternetGatewayId: `igw-${region}-${v}`, Attachments: [{ VpcId: vpcId, State: 'available' }] },
      );
      for (const kind of ['pub', 'priv']) {
        const subnetId = `subnet-${region}-${v}-${kind}`;
        add('aws_ec2_subnet', 'Network', region, arn('ec2', region, `subnet/${subnetId}`), subnetId, {
          SubnetId: subnetId,
          VpcId: vpcId,
          CidrBlock: kind === 'pub' ? '10.0.1.0/24' : '10.0.2.0/24',
          MapPublicIpOnLaunch: kind === 'pub',
        });
        const rtb = `rtb-${region}-${v}-${kind}`;
        const routes: Record<string, unknown>[] = [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
        ];
        if (kind === 'pub')
          routes.push({
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: `igw-${region}-${v}`,
            State: 'active',
          });
        add('aws_ec2_route_table', 'Network', region, arn('ec2', region, `route-table/${rtb}`), rtb, {
          RouteTableId: rtb,
          VpcId: vpcId,
          Associations: [{ Main: kind === 'priv', SubnetId: subnetId }],
          Routes: routes,
        });
        link(
          arn('ec2', region, `route-table/${rtb}`),
          'ROUTES',
          arn('ec2', region, `subnet/${subnetId}`),
          region,
        );
      }
      add(
        'aws_ec2_network_acl',
        'Firewall',
        region,
        arn('ec2', region, `network-acl/acl-${region}-${v}`),
        `acl-${region}-${v}`,
        {
          NetworkAclId: `acl-${region}-${v}`,
          VpcId: vpcId,
          IsDefault: true,
          Associations: [
            { SubnetId: `subnet-${region}-${v}-pub` },
            { SubnetId: `subnet-${region}-${v}-priv` },
          ],
          Entries: [
            {
              RuleNumber: 90,
              Protocol: '6',
              RuleAction: 'deny',
              Egress: false,
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 3389, To: 3389 },
            },
            { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          ],
        },
      );
    }
  }

  const counts = new Map<string, number>();
  const fixed = assets.length;
  for (const [type, share] of MIX) counts.set(type, Math.floor(total * share));
  const used = [...counts.values()].reduce((a, b) => a + b, 0);
  counts.set('aws_ec2_volume', Math.max(0, total - fixed - used));
  const sgCount = counts.get('aws_ec2_security_group')!;
  const regionOf = (i: number) => REGIONS[i % REGIONS.length];
  const sgIdOf = (i: number) => `sg-${i}`;

  for (let i = 0; i < sgCount; i++) {
    const region = regionOf(i);
    const open = i % 7 === 0;
    add(
      'aws_ec2_security_group',
      'Firewall',
      region,
      arn('ec2', region, `security-group/${sgIdOf(i)}`),
      `web-${i}`,
      {
        GroupId: sgIdOf(i),
        GroupName: `web-${i}`,
        VpcId: `vpc-${region}-${i % 10}`,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            UserIdGroupPairs: [],
          },
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: open ? '0.0.0.0/0' : '10.0.0.0/8' }],
            Ipv6Ranges: [],
            UserIdGroupPairs: [],
          },
          {
            IpProtocol: 'tcp',
            FromPort: 5432,
            ToPort: 5432,
            IpRanges: [],
            UserIdGroupPairs: [{ GroupId: sgIdOf((i + 1) % sgCount) }],
          },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
    );
  }
  // Instances in every region, each regionally matched to a security group and a subnet, with its ENI and volume.
  const sgInRegion = (i: number) =>
    sgIdOf((i % Math.max(1, Math.floor(sgCount / REGIONS.length))) * REGIONS.length + (i % REGIONS.length));
  for (let i = 0; i < counts.get('aws_ec2_instance')!; i++) {
    const region = regionOf(i);
    const v = i % 10;
    const kind = i % 3 === 0 ? 'pub' : 'priv';
    const subnetId = `subnet-${region}-${v}-${kind}`;
    const sg = sgInRegion(i);
    const id = arn('ec2', region, `instance/i-${i}`);
    const groups = [{ GroupId: sg, GroupName: sg }];
    add('aws_ec2_instance', 'Host', region, id, `app-${i}`, {
      InstanceId: `i-${i}`,
      InstanceType: 't3.micro',
      State: { Code: i % 10 === 0 ? 80 : 16, Name: i % 10 === 0 ? 'stopped' : 'running' },
      SubnetId: subnetId,
      VpcId: `vpc-${region}-${v}`,
      PublicIpAddress: kind === 'pub' ? `54.0.${(i >> 8) & 255}.${i & 255}` : undefined,
      MetadataOptions: { HttpTokens: i % 4 === 0 ? 'optional' : 'required', HttpEndpoint: 'enabled' },
      IamInstanceProfile: i % 5 === 0 ? undefined : { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` },
      SecurityGroups: groups,
      LaunchTime: DATE,
      NetworkInterfaces: [
        {
          NetworkInterfaceId: `eni-${i}`,
          SubnetId: subnetId,
          Status: 'in-use',
          Groups: groups,
          Association: kind === 'pub' ? { PublicIp: `54.0.${(i >> 8) & 255}.${i & 255}` } : undefined,
          Ipv6Addresses: [],
        },
      ],
    });
    link(arn('ec2', region, `security-group/${sg}`), 'PROTECTS', id, region);
    link(id, 'IN', arn('ec2', region, `subnet/${subnetId}`), region);
  }
  for (let i = 0; i < counts.get('aws_ec2_network_interface')!; i++) {
    const region = regionOf(i);
    const subnetId = `subnet-${region}-${i % 10}-${i % 3 === 0 ? 'pub' : 'priv'}`;
    add(
      'aws_ec2_network_interface',
      'Network',
      region,
      arn('ec2', region, `network-interface/eni-${i}`),
      `eni-${i}`,
      {
        NetworkInterfaceId: `eni-${i}`,
        SubnetId: subnetId,
        Status: 'in-use',
        Groups: [{ GroupId: sgInRegion(i) }],
        Attachment: { InstanceId: `i-${i}` },
        Ipv6Addresses: [],
      },
    );
    link(
      arn('ec2', region, `network-interface/eni-${i}`),
      'ATTACHED_TO',
      arn('ec2', region, `instance/i-${i}`),
      region,
    );
  }
  for (let i = 0; i < counts.get('aws_ec2_volume')!; i++) {
    const region = regionOf(i);
    add('aws_ec2_volume', 'Disk', region, arn('ec2', region, `volume/vol-${i}`), `vol-${i}`, {
      VolumeId: `vol-${i}`,
      Encrypted: i % 6 !== 0,
      Size: 20,
      State: 'in-use',
      Attachments: [{ InstanceId: `i-${i}` }],
    });
    link(arn('ec2', region, `instance/i-${i}`), 'USES', arn('ec2', region, `volume/vol-${i}`), region);
  }
  for (let i = 0; i < counts.get('aws_ec2_snapshot')!; i++) {
    const region = regionOf(i);
    add('aws_ec2_snapshot', 'DataStore', region, arn('ec2', region, `snapshot/snap-${i}`), `snap-${i}`, {
      SnapshotId: `snap-${i}`,
      Encrypted: i % 3 !== 0,
      Public: i % 97 === 0,
      StartTime: DATE,
    });
  }
  for (let i = 0; i < counts.get('aws_s3_bucket')!; i++) {
    const name = `bucket-${i}`;
    add('aws_s3_bucket', 'DataStore', 'global', `arn:aws:s3:::${name}`, name, {
      Name: name,
      CreationDate: DATE,
      BucketRegion: regionOf(i),
      BucketEncryption:
        i % 5 === 0
          ? null
          : {
              ServerSideEncryptionConfiguration: {
                Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
              },
            },
      PublicAccessBlock:
        i % 3 === 0
          ? null
          : {
              PublicAccessBlockConfiguration: {
                BlockPublicAcls: true,
                IgnorePublicAcls: true,
                BlockPublicPolicy: true,
                RestrictPublicBuckets: true,
              },
            },
      BucketVersioning: { Status: i % 2 ? 'Enabled' : 'Suspended' },
      BucketLogging: { LoggingEnabled: i % 4 === 0 ? { TargetBucket: 'logs' } : undefined },
      BucketPolicy: {
        Policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Tls',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [`arn:aws:s3:::${name}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            ...(i % 50 === 0
              ? [
                  {
                    Sid: 'Public',
                    Effect: 'Allow',
                    Principal: '*',
                    Action: 's3:GetObject',
                    Resource: `arn:aws:s3:::${name}/*`,
                  },
                ]
              : []),
          ],
        },
      },
      BucketPolicyStatus: { PolicyStatus: { IsPublic: i % 50 === 0 } },
      BucketAcl: {
        Owner: { ID: 'owner' },
        Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }],
      },
      BucketOwnershipControls: { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } },
    });
  }
  const policyCount = counts.get('aws_iam_policy')!;
  for (let i = 0; i < policyCount; i++) {
    const admin = i % 100 === 0;
    add('aws_iam_policy', 'AccessPolicy', 'global', `arn:aws:iam::${ACCOUNT}:policy/p-${i}`, `p-${i}`, {
      PolicyName: `p-${i}`,
      Arn: `arn:aws:iam::${ACCOUNT}:policy/p-${i}`,
      AttachmentCount: 1,
      IsAttachable: true,
      Document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: admin ? '*' : [`s3:GetObject`, `ec2:Describe*`],
            Resource: admin ? '*' : `arn:aws:s3:::bucket-${i}/*`,
          },
        ],
      },
    });
  }
  for (let i = 0; i < counts.get('aws_iam_user')!; i++) {
    const name = `user-${i}`;
    add('aws_iam_user', 'User', 'global', `arn:aws:iam::${ACCOUNT}:user/${name}`, name, {
      UserName: name,
      Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
      CreateDate: DATE,
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [
        {
          PolicyName: `p-${i % policyCount}`,
          PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p-${i % policyCount}`,
        },
      ],
      CredentialReport: {
        user: name,
        password_enabled: 'true',
        mfa_active: i % 3 ? 'true' : 'false',
        password_last_used: DATE,
        access_key_1_active: 'true',
        access_key_1_last_rotated: DATE,
        access_key_1_last_used_date: 'N/A',
        access_key_2_active: 'false',
      },
    });
  }
  for (let i = 0; i < counts.get('aws_iam_role')!; i++) {
    const name = `role-${i}`;
    add('aws_iam_role', 'AccessRole', 'global', `arn:aws:iam::${ACCOUNT}:role/${name}`, name, {
      RoleName: name,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal:
              i % 9 === 0 ? { AWS: 'arn:aws:iam::999999999999:root' } : { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      RolePolicyList: [],
      AttachedManagedPolicies: [
        {
          PolicyName: `p-${(i * 7) % policyCount}`,
          PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p-${(i * 7) % policyCount}`,
        },
      ],
    });
  }
  const simpleRegional: [
    string,
    AssetClass,
    (i: number, region: string) => [string, string, Record<string, unknown>],
  ][] = [
    [
      'aws_lambda_function',
      'Function',
      (i, r) => [
        arn('lambda', r, `function:fn-${i}`),
        `fn-${i}`,
        {
          FunctionName: `fn-${i}`,
          Runtime: i % 8 === 0 ? 'python3.7' : 'nodejs20.x',
          Policy: null,
          FunctionUrlConfigs: {
            FunctionUrlConfigs: i % 40 === 0 ? [{ AuthType: 'NONE', FunctionUrl: 'https://x.on.aws/' }] : [],
          },
          TracingConfig: { Mode: 'PassThrough' },
        },
      ],
    ],
    [
      'aws_logs_log_group',
      'Logs',
      (i, r) => [
        arn('logs', r, `log-group:/app/${i}`),
        `/app/${i}`,
        {
          logGroupName: `/app/${i}`,
          retentionInDays: i % 3 ? 365 : undefined,
          kmsKeyId: i % 2 ? undefined : 'arn:aws:kms:...',
        },
      ],
    ],
    [
      'aws_kms_key',
      'Key',
      (i, r) => [
        arn('kms', r, `key/k-${i}`),
        `k-${i}`,
        {
          KeyMetadata: {
            KeyId: `k-${i}`,
            KeyManager: 'CUSTOMER',
            KeySpec: 'SYMMETRIC_DEFAULT',
            KeyState: 'Enabled',
          },
          KeyRotationStatus: { KeyRotationEnabled: i % 2 === 0 },
          KeyPolicy: {
            Policy: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                  Action: 'kms:*',
                  Resource: '*',
                },
              ],
            },
          },
        },
      ],
    ],
    [
      'aws_rds_db_instance',
      'Database',
      (i, r) => [
        arn('rds', r, `db:db-${i}`),
        `db-${i}`,
        {
          DBInstanceIdentifier: `db-${i}`,
          DBInstanceStatus: 'available',
          Engine: 'postgres',
          PubliclyAccessible: i % 11 === 0,
          StorageEncrypted: i % 4 !== 0,
          MultiAZ: i % 2 === 0,
          AutoMinorVersionUpgrade: true,
          BackupRetentionPeriod: 7,
          DeletionProtection: false,
          Endpoint: { Port: 5432 },
          VpcSecurityGroups: [{ VpcSecurityGroupId: sgInRegion(i), Status: 'active' }],
          DBSubnetGroup: { Subnets: [{ SubnetIdentifier: `subnet-${r}-${i % 10}-pub` }] },
        },
      ],
    ],
    [
      'aws_elbv2_load_balancer',
      'Gateway',
      (i, r) => [
        arn('elasticloadbalancing', r, `loadbalancer/app/lb-${i}/1`),
        `lb-${i}`,
        {
          LoadBalancerName: `lb-${i}`,
          Scheme: i % 2 ? 'internet-facing' : 'internal',
          Type: 'application',
          State: { Code: 'active' },
          SecurityGroups: [sgInRegion(i)],
          Listeners: [
            {
              Port: 443,
              Protocol: 'HTTPS',
              DefaultActions: [
                { Type: 'forward', TargetGroupArn: arn('elasticloadbalancing', r, `targetgroup/tg-${i}/1`) },
              ],
            },
          ],
          LoadBalancerAttributes: {
            Attributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
          },
        },
      ],
    ],
    [
      'aws_elbv2_target_group',
      'Service',
      (i, r) => [
        arn('elasticloadbalancing', r, `targetgroup/tg-${i}/1`),
        `tg-${i}`,
        {
          TargetGroupName: `tg-${i}`,
          Port: 8080,
          Protocol: 'HTTP',
          TargetType: 'instance',
          TargetHealth: { TargetHealthDescriptions: [{ Target: { Id: `i-${i * 4 + 1}`, Port: 8080 } }] },
        },
      ],
    ],
    [
      'aws_sns_topic',
      'Channel',
      (i, r) => [
        arn('sns', r, `topic-${i}`),
        `topic-${i}`,
        {
          TopicArn: arn('sns', r, `topic-${i}`),
          TopicAttributes: {
            Attributes: { KmsMasterKeyId: i % 2 ? 'alias/aws/sns' : undefined, Policy: { Statement: [] } },
          },
          Subscriptions: [],
        },
      ],
    ],
    [
      'aws_ecr_repository',
      'Repository',
      (i, r) => [
        arn('ecr', r, `repository/repo-${i}`),
        `repo-${i}`,
        {
          Repository: {
            repositoryName: `repo-${i}`,
            imageTagMutability: i % 2 ? 'IMMUTABLE' : 'MUTABLE',
            imageScanningConfiguration: { scanOnPush: i % 3 === 0 },
          },
          RepositoryPolicy: null,
        },
      ],
    ],
  ];
  for (const [type, cls, build] of simpleRegional) {
    for (let i = 0; i < counts.get(type)!; i++) {
      const region = regionOf(i);
      const [id, name, config] = build(i, region);
      add(type, cls, region, id, name, config);
    }
  }
  return { assets, relationships };
}
