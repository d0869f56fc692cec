// Attack paths analyser and its two controls: one test per escalation rule, the non-exploitable cases, and
// missing data (error, never pass).
import { evaluateEstate, loadControls, type EvalAsset } from '../../evaluator';
import type { AttackPathFacts } from '../../evaluator/analysers/attack-paths';
import type { Relationship } from '../../store/model';
import { ACCOUNT, asset, edge, REGION } from './fixtures';

const { controls } = loadControls({ extraDirs: [] });
const pathControls = controls.filter((control) => control.id.startsWith('attack_path_'));

const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const ec2Arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;
const trustService = (service: string) =>
  doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
const trustAws = (principal: string) =>
  doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });

function role(
  name: string,
  options: {
    trust?: unknown;
    inline?: Record<string, unknown>[];
    attached?: string[];
    profile?: boolean;
  } = {},
): EvalAsset {
  return asset(
    'aws_iam_role',
    roleArn(name),
    {
      RoleName: name,
      Arn: roleArn(name),
      AssumeRolePolicyDocument: options.trust ?? trustService('lambda.amazonaws.com'),
      RolePolicyList: (options.inline ?? []).map((statement, index) => ({
        PolicyName: `${name}-${index + 1}`,
        PolicyDocument: doc(statement),
      })),
      AttachedManagedPolicies: (options.attached ?? []).map((arn) => ({
        PolicyName: arn.split('/').pop(),
        PolicyArn: arn,
      })),
      InstanceProfileList: options.profile
        ? [{ InstanceProfileName: name, Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}` }]
        : [],
    },
    { name },
  );
}

function managedPolicy(name: string, ...statements: Record<string, unknown>[]): EvalAsset {
  return asset(
    'aws_iam_policy',
    policyArn(name),
    { PolicyName: name, Arn: policyArn(name), Document: doc(...statements) },
    { name },
  );
}

/** A function with a public function URL (AuthType NONE) running as `roleName`. */
function publicFunction(name: string, roleName: string, options: { url?: boolean } = {}) {
  const arn = functionArn(name);
  return {
    asset: asset(
      'aws_lambda_function',
      arn,
      {
        FunctionName: name,
        FunctionArn: arn,
        Role: roleArn(roleName),
        FunctionUrlConfigs: {
          FunctionUrlConfigs:
            options.url === false
              ? []
              : [{ FunctionUrl: `https://${name}.lambda-url.${REGION}.on.aws/`, AuthType: 'NONE' }],
        },
      },
      { name },
    ),
    uses: edge(arn, 'USES', roleArn(roleName)),
  };
}

async function analyse(assets: EvalAsset[], relationships: Relationship[] = []) {
  const { results, facts } = await evaluateEstate(assets, relationships, pathControls);
  return {
    results,
    status: (controlId: string, assetId: string) =>
      results.find((result) => result.controlId === controlId && result.assetId === assetId)?.status,
    paths: (assetId: string) => facts.get(assetId)?.attackPaths as AttackPathFacts,
  };
}

const WEB = functionArn('web');

describe('attack paths to administrator', () => {
  it('ends at administrator when the exposed function runs as an administrator role', async () => {
    const web = publicFunction('web', 'web-role');
    const run = await analyse([web.asset, role('web-role', { inline: [allowAll] })], [web.uses]);
    const facts = run.paths(WEB);
    expect(facts.admin).toBe(true);
    expect(facts.adminPaths[0].hops.map((hop) => hop.kind)).toEqual([
      'internet',
      'network',
      'workload',
      'role',
      'admin',
    ]);
    expect(facts.adminPaths[0].summary).toBe(
      `internet -> https://web.lambda-url.${REGION}.on.aws/ -> web -> role web-role -> administrator of the account`,
    );
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('fail');
    const result = run.results.find((r) => r.controlId === 'attack_path_internet_to_admin')!;
    expect(result.severity).toBe('critical');
    expect(result.evidence.join(' ')).toContain(`role web-role (${roleArn('web-role')})`);
  });

  it('follows iam:PassRole + ec2:RunInstances to an administrator role with an instance profile', async () => {
    const web = publicFunction('web', 'web-role');
    const assets = [
      web.asset,
      role('web-role', {
        inline: [
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: roleArn('ops-admin'),
            Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
          },
          { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
        ],
      }),
      role('ops-admin', { trust: trustService('ec2.amazonaws.com'), inline: [allowAll], profile: true }),
    ];
    const facts = (await analyse(assets, [web.uses])).paths(WEB);
    expect(facts.admin).toBe(true);
    const end = facts.adminPaths[0].hops.at(-1)!;
    expect(end).toMatchObject({ kind: 'admin', id: roleArn('ops-admin') });
    expect(end.label).toContain('iam:PassRole + ec2:RunInstances');
  });

  it('does not count iam:PassRole without ec2:RunInstances, or a role EC2 cannot use', async () => {
    const web = publicFunction('web', 'web-role');
    const passOnly = role('web-role', {
      inline: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn('ops-admin') }],
    });
    const withoutProfile = role('ops-admin', {
      trust: trustService('ec2.amazonaws.com'),
      inline: [allowAll],
    });
    const run = await analyse([web.asset, passOnly, withoutProfile], [web.uses]);
    expect(run.paths(WEB).admin).toBe(false);
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('pass');
  });

  it('follows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction to an administrator role', async () => {
    const web = publicFunction('web', 'web-role');
    const assets = [
      web.asset,
      role('web-role', {
        inline: [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn('deployer') },
          { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
        ],
      }),
      role('deployer', { trust: trustService('lambda.amazonaws.com'), inline: [allowAll] }),
    ];
    const facts = (await analyse(assets, [web.uses])).paths(WEB);
    expect(facts.admin).toBe(true);
    expect(facts.adminPaths[0].hops.at(-1)!.label).toContain('lambda:CreateFunction');
    expect(facts.adminEvidence[0]).toContain('may pass administrator role deployer');
  });

  it('follows iam:CreatePolicyVersion on a customer managed policy attached to the role', async () => {
    const web = publicFunction('web', 'web-role');
    const assets = [
      web.asset,
      role('web-role', { attached: [policyArn('web-policy')] }),
      managedPolicy('web-policy', {
        Effect: 'Allow',
        Action: 'iam:CreatePolicyVersion',
        Resource: policyArn('web-policy'),
      }),
    ];
    const facts = (await analyse(assets, [web.uses])).paths(WEB);
    expect(facts.admin).toBe(true);
    expect(facts.adminPaths[0].hops.at(-1)!.label).toContain('rewriting policy web-policy');
  });

  it('follows iam:AttachRolePolicy on the role itself', async () => {
    const web = publicFunction('web', 'web-role');
    const self = role('web-role', {
      inline: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: roleArn('web-role') }],
    });
    const facts = (await analyse([web.asset, self], [web.uses])).paths(WEB);
    expect(facts.admin).toBe(true);
    expect(facts.adminPaths[0].hops.at(-1)!.label).toContain('attaching a policy to itself');
  });

  it('follows iam:PutRolePolicy on the role itself', async () => {
    const web = publicFunction('web', 'web-role');
    const self = role('web-role', {
      inline: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: roleArn('web-role') }],
    });
    const facts = (await analyse([web.asset, self], [web.uses])).paths(WEB);
    expect(facts.adminPaths[0].hops.at(-1)!.label).toContain('iam:PutRolePolicy');
  });

  // iam-simulate answers a request on resource "*" as "allowed on some resource": the IAM analyser asks about a
  // made-up role instead, so one named other role is not "any role".
  it('does not count iam:AttachRolePolicy on another role', async () => {
    const web = publicFunction('web', 'web-role');
    const other = role('web-role', {
      inline: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: roleArn('someone-else') }],
    });
    expect((await analyse([web.asset, other], [web.uses])).paths(WEB).admin).toBe(false);
  });

  it('follows an sts:AssumeRole chain to an administrator role of the same account', async () => {
    const web = publicFunction('web', 'web-role');
    const assets = [
      web.asset,
      role('web-role', { inline: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('ops') }] }),
      // ops trusts web-role by name, and may assume break-glass, which trusts the whole account.
      role('ops', {
        trust: trustAws(roleArn('web-role')),
        inline: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('break-glass') }],
      }),
      role('break-glass', { trust: trustAws(`arn:aws:iam::${ACCOUNT}:root`), inline: [allowAll] }),
      // Trusted by nobody here: web-role's identity policy alone cannot open it.
      role('locked-admin', { trust: trustService('ec2.amazonaws.com'), inline: [allowAll] }),
    ];
    const facts = (await analyse(assets, [web.uses])).paths(WEB);
    expect(facts.admin).toBe(true);
    expect(facts.adminPaths[0].hops.filter((hop) => hop.kind === 'role').map((hop) => hop.id)).toEqual([
      roleArn('web-role'),
      roleArn('ops'),
      roleArn('break-glass'),
    ]);
  });

  it('does not assume a role whose trust policy does not admit the workload role', async () => {
    const web = publicFunction('web', 'web-role');
    const assets = [
      web.asset,
      role('web-role', { inline: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }),
      role('admin', { trust: trustAws(roleArn('someone-else')), inline: [allowAll] }),
    ];
    expect((await analyse(assets, [web.uses])).paths(WEB).admin).toBe(false);
  });
});

describe('attack paths that are not exploitable', () => {
  it('passes an exposed function whose role only reads configuration', async () => {
    const web = publicFunction('web', 'web-role');
    const readOnly = role('web-role', {
      inline: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:Get*', 'iam:List*'], Resource: '*' }],
    });
    const bucket = asset('aws_s3_bucket', 'arn:aws:s3:::customer-data', { Name: 'customer-data' });
    const run = await analyse([web.asset, readOnly, bucket], [web.uses]);
    expect(run.paths(WEB)).toMatchObject({ admin: false, data: false, adminPaths: [], dataPaths: [] });
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('pass');
    expect(run.status('attack_path_internet_to_sensitive_data', WEB)).toBe('pass');
    expect(run.paths(WEB).adminEvidence[0]).toContain('cannot become an administrator');
  });

  it('passes a function nobody reaches from the internet, even with an administrator role', async () => {
    const internal = publicFunction('web', 'web-role', { url: false });
    const run = await analyse([internal.asset, role('web-role', { inline: [allowAll] })], [internal.uses]);
    expect(run.paths(WEB).admin).toBe(false);
    expect(run.paths(WEB).adminEvidence[0]).toContain('is not reachable from the internet');
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('pass');
  });

  it('passes a private instance with an administrator role and fails the same instance made public', async () => {
    const build = (publicIp?: string) => {
      const instanceArn = ec2Arn('instance', 'i-1');
      const groups = [{ GroupId: 'sg-open', GroupName: 'sg-open' }];
      return {
        assets: [
          ...network(),
          asset('aws_ec2_instance', instanceArn, {
            InstanceId: 'i-1',
            State: { Code: 16, Name: 'running' },
            SubnetId: publicIp ? 'subnet-pub' : 'subnet-priv',
            VpcId: 'vpc-1',
            PublicIpAddress: publicIp,
            SecurityGroups: groups,
            IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` },
            NetworkInterfaces: [
              {
                NetworkInterfaceId: 'eni-1',
                SubnetId: publicIp ? 'subnet-pub' : 'subnet-priv',
                VpcId: 'vpc-1',
                Status: 'in-use',
                Groups: groups,
                Association: publicIp ? { PublicIp: publicIp, IpOwnerId: 'amazon' } : undefined,
                Ipv6Addresses: [],
              },
            ],
          }),
          asset('aws_iam_instance_profile', `arn:aws:iam::${ACCOUNT}:instance-profile/app`, {
            InstanceProfileName: 'app',
          }),
          role('app', { trust: trustService('ec2.amazonaws.com'), inline: [allowAll], profile: true }),
        ],
        relationships: [
          edge(instanceArn, 'USES', `arn:aws:iam::${ACCOUNT}:instance-profile/app`),
          edge(`arn:aws:iam::${ACCOUNT}:instance-profile/app`, 'USES', roleArn('app')),
        ],
      };
    };
    const instance = ec2Arn('instance', 'i-1');
    const privateRun = build();
    const closed = await analyse(privateRun.assets, privateRun.relationships);
    expect(closed.status('attack_path_internet_to_admin', instance)).toBe('pass');

    const publicRun = build('54.1.2.3');
    const open = await analyse(publicRun.assets, publicRun.relationships);
    expect(open.status('attack_path_internet_to_admin', instance)).toBe('fail');
    expect(open.paths(instance).adminPaths[0].summary).toBe(
      'internet -> igw-1 -> subnet-pub -> acl-1 -> sg-open -> i-1 (tcp 22) -> role app -> administrator of the account',
    );
  });
});

describe('attack paths to data', () => {
  const reader = (resource: string) =>
    role('web-role', { inline: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });

  it('ends at the bucket whose objects the role may read, with the bucket named in the evidence', async () => {
    const web = publicFunction('web', 'web-role');
    const run = await analyse(
      [
        web.asset,
        reader('arn:aws:s3:::customer-data/*'),
        asset('aws_s3_bucket', 'arn:aws:s3:::customer-data', { Name: 'customer-data' }),
        asset('aws_s3_bucket', 'arn:aws:s3:::other', { Name: 'other' }),
      ],
      [web.uses],
    );
    const facts = run.paths(WEB);
    expect(facts.data).toBe(true);
    expect(facts.dataPaths.map((path) => path.hops.at(-1))).toEqual([
      {
        kind: 'bucket',
        label: 'can read bucket customer-data',
        id: 'arn:aws:s3:::customer-data',
        accountId: ACCOUNT,
      },
    ]);
    const result = run.results.find((r) => r.controlId === 'attack_path_internet_to_sensitive_data')!;
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.evidence.join(' ')).toContain('customer-data (arn:aws:s3:::customer-data)');
  });

  it('needs kms:Decrypt on the customer managed key that encrypts the bucket', async () => {
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const key = asset('aws_kms_key', keyArn, {
      KeyMetadata: { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: keyArn, KeyManager: 'CUSTOMER' },
      // The default key policy: the account's IAM policies decide.
      KeyPolicy: {
        Policy: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'kms:*',
          Resource: '*',
        }),
      },
    });
    const bucket = asset('aws_s3_bucket', 'arn:aws:s3:::customer-data', {
      Name: 'customer-data',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: {
          Rules: [
            { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } },
          ],
        },
      },
    });
    const web = publicFunction('web', 'web-role');
    const objectsOnly = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::customer-data/*' };
    const without = await analyse(
      [web.asset, role('web-role', { inline: [objectsOnly] }), key, bucket],
      [web.uses],
    );
    expect(without.paths(WEB).data).toBe(false);
    const decrypt = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn };
    const withKey = await analyse(
      [web.asset, role('web-role', { inline: [objectsOnly, decrypt] }), key, bucket],
      [web.uses],
    );
    expect(withKey.paths(WEB).data).toBe(true);
  });

  it('does not count a bucket whose policy denies the role, or one anyone may read', async () => {
    const web = publicFunction('web', 'web-role');
    const denied = asset('aws_s3_bucket', 'arn:aws:s3:::customer-data', {
      Name: 'customer-data',
      BucketPolicy: {
        Policy: doc({
          Effect: 'Deny',
          Principal: { AWS: roleArn('web-role') },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::customer-data/*',
        }),
      },
    });
    const website = asset('aws_s3_bucket', 'arn:aws:s3:::website', {
      Name: 'website',
      BucketPolicy: {
        Policy: doc({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::website/*',
        }),
      },
    });
    const run = await analyse([web.asset, reader('*'), denied, website], [web.uses]);
    expect(run.paths(WEB).data).toBe(false);
    expect(run.status('attack_path_internet_to_sensitive_data', WEB)).toBe('pass');
  });
});

describe('attack paths with missing data', () => {
  it('is an error, not a pass, when the exposed function runs as a role that was not collected', async () => {
    const web = publicFunction('web', 'web-role');
    const run = await analyse([web.asset], [web.uses]);
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('error');
    expect(run.status('attack_path_internet_to_sensitive_data', WEB)).toBe('error');
    expect(run.results[0].reason).toContain(`execution role ${roleArn('web-role')} was not collected`);
  });

  it('is an error for data, not a pass, when the bucket list could not be read', async () => {
    const web = publicFunction('web', 'web-role');
    const reader = role('web-role', { inline: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const { results } = await evaluateEstate([web.asset, reader], [web.uses], pathControls, {
      unreadTypes: [{ accountId: ACCOUNT, type: 'aws_s3_bucket', region: 'global', code: 'AccessDenied' }],
    });
    const data = results.find((result) => result.controlId === 'attack_path_internet_to_sensitive_data')!;
    expect(data.status).toBe('error');
    expect(data.reason).toContain('could not be listed (AccessDenied)');
    expect(results.find((result) => result.controlId === 'attack_path_internet_to_admin')!.status).toBe(
      'pass',
    );
  });

  it('is an error when a managed policy of the role was not collected and nothing else settles it', async () => {
    const web = publicFunction('web', 'web-role');
    const run = await analyse([web.asset, role('web-role', { attached: [policyArn('gone')] })], [web.uses]);
    expect(run.status('attack_path_internet_to_admin', WEB)).toBe('error');
  });
});

// A VPC with a public subnet (route to igw-1) and a private one, an allow-all network ACL and a group open on 22.
function network(): EvalAsset[] {
  return [
    asset('aws_ec2_vpc', ec2Arn('vpc', 'vpc-1'), { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }),
    asset('aws_ec2_internet_gateway', ec2Arn('internet-gateway', 'igw-1'), {
      InternetGatewayId: 'igw-1',
      Attachments: [{ VpcId: 'vpc-1', State: 'available' }],
    }),
    asset('aws_ec2_subnet', ec2Arn('subnet', 'subnet-pub'), {
      SubnetId: 'subnet-pub',
      VpcId: 'vpc-1',
      CidrBlock: '10.0.1.0/24',
    }),
    asset('aws_ec2_subnet', ec2Arn('subnet', 'subnet-priv'), {
      SubnetId: 'subnet-priv',
      VpcId: 'vpc-1',
      CidrBlock: '10.0.2.0/24',
    }),
    asset('aws_ec2_route_table', ec2Arn('route-table', 'rtb-main'), {
      RouteTableId: 'rtb-main',
      VpcId: 'vpc-1',
      Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-0', RouteTableId: 'rtb-main' }],
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }],
    }),
    asset('aws_ec2_route_table', ec2Arn('route-table', 'rtb-pub'), {
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
      ],
    }),
    asset('aws_ec2_network_acl', ec2Arn('network-acl', 'acl-1'), {
      NetworkAclId: 'acl-1',
      VpcId: 'vpc-1',
      IsDefault: true,
      Associations: [{ SubnetId: 'subnet-pub' }, { SubnetId: 'subnet-priv' }],
      Entries: [
        { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      ],
    }),
    asset('aws_ec2_security_group', ec2Arn('security-group', 'sg-open'), {
      GroupId: 'sg-open',
      GroupName: 'sg-open',
      VpcId: 'vpc-1',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          UserIdGroupPairs: [],
        },
      ],
      IpPermissionsEgress: [],
    }),
  ];
}
