// Vulnerabilities in context: ECR findings joined to the ECS services and Lambda functions that run the image,
// ranked by the workload's exposure (ECS services: public IP per task, internet-facing load balancer), and the
// image hop in the attack path.
import { evaluateEstate, loadControls, type EvalAsset } from '../../evaluator';
import { Estate } from '../../evaluator/engine/estate';
import { analyseExposure } from '../../evaluator/analysers/exposure';
import { parseEcrImage } from '../../evaluator/analysers/vulnerabilities';
import type { AttackPathFacts } from '../../evaluator/analysers/attack-paths';
import { ACCOUNT, asset, REGION } from './fixtures';

const { controls } = loadControls({ extraDirs: [] });
const vulnerabilityControls = controls.filter((c) => c.id.startsWith('ecr_image_vulnerabilities_'));
const adminControl = controls.filter((c) => c.id === 'attack_path_internet_to_admin');

const arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;
const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/web`;
const URI = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/web`;
const DIGEST = `sha256:${'c'.repeat(64)}`;
const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/1`;
const TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-tasks/2`;
const serviceArn = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/${name}`;
const taskDefinitionArn = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${name}:1`;

function network(): EvalAsset[] {
  const allowAll = [
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
  ];
  const group = (id: string, rules: unknown[]) =>
    asset('aws_ec2_security_group', arn('security-group', id), {
      GroupId: id,
      GroupName: id,
      VpcId: 'vpc-1',
      IpPermissions: rules,
      IpPermissionsEgress: [],
    });
  return [
    asset('aws_ec2_vpc', arn('vpc', 'vpc-1'), { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }),
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
      Associations: [{ Main: true, RouteTableId: 'rtb-main' }],
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }],
    }),
    asset('aws_ec2_route_table', arn('route-table', 'rtb-pub'), {
      RouteTableId: 'rtb-pub',
      VpcId: 'vpc-1',
      Associations: [{ Main: false, SubnetId: 'subnet-pub', RouteTableId: 'rtb-pub' }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' },
      ],
    }),
    asset('aws_ec2_network_acl', arn('network-acl', 'acl-1'), {
      NetworkAclId: 'acl-1',
      VpcId: 'vpc-1',
      IsDefault: true,
      Associations: [{ SubnetId: 'subnet-pub' }, { SubnetId: 'subnet-priv' }],
      Entries: allowAll,
    }),
    group('sg-lb', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]),
    group('sg-tasks', [
      { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-lb' }] },
    ]),
    group('sg-closed', []),
  ];
}

function loadBalancer(scheme: 'internet-facing' | 'internal'): EvalAsset[] {
  return [
    asset(
      'aws_elbv2_load_balancer',
      LB,
      {
        LoadBalancerArn: LB,
        LoadBalancerName: 'web',
        Scheme: scheme,
        Type: 'application',
        State: { Code: 'active' },
        SecurityGroups: ['sg-lb'],
        AvailabilityZones: [{ ZoneName: `${REGION}a`, SubnetId: 'subnet-pub' }],
        Listeners: [
          { Port: 443, Protocol: 'HTTPS', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG }] },
        ],
      },
      { name: 'web' },
    ),
    // ECS registers task IPs (target type ip): the targets are addresses, not instances.
    asset('aws_elbv2_target_group', TG, {
      TargetGroupArn: TG,
      TargetGroupName: 'web-tasks',
      Protocol: 'HTTP',
      Port: 8080,
      TargetType: 'ip',
      VpcId: 'vpc-1',
      TargetHealth: {
        TargetHealthDescriptions: [
          { Target: { Id: '10.0.2.15', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        ],
      },
    }),
  ];
}

function image(counts: Record<string, number> | undefined, withFindings = true): EvalAsset[] {
  return [
    asset(
      'aws_ecr_repository',
      REPO,
      { repositoryArn: REPO, repositoryName: 'web', repositoryUri: URI },
      { name: 'web' },
    ),
    asset(
      'aws_ecr_image',
      `${REPO}/image/${DIGEST}`,
      {
        repositoryName: 'web',
        imageDigest: DIGEST,
        imageTags: ['v7'],
        ...(counts
          ? {
              imageScanStatus: { status: 'COMPLETE' },
              imageScanFindingsSummary: { findingSeverityCounts: counts },
            }
          : {}),
        ...(counts && withFindings
          ? {
              // Enhanced scanning (Amazon Inspector) answers in enhancedFindings.
              ImageScanFindings: {
                imageScanFindings: {
                  findingSeverityCounts: counts,
                  enhancedFindings: [
                    {
                      severity: 'HIGH',
                      title: 'CVE-2023-44487 - nghttp2',
                      exploitAvailable: 'NO',
                      packageVulnerabilityDetails: {
                        vulnerabilityId: 'CVE-2023-44487',
                        vulnerablePackages: [{ name: 'nghttp2', version: '1.52.0' }],
                      },
                    },
                    {
                      severity: 'CRITICAL',
                      title: 'CVE-2024-6387 - openssh',
                      exploitAvailable: 'YES',
                      packageVulnerabilityDetails: {
                        vulnerabilityId: 'CVE-2024-6387',
                        vulnerablePackages: [{ name: 'openssh-server', version: '1:9.2p1-2' }],
                      },
                    },
                    {
                      severity: 'MEDIUM',
                      title: 'CVE-2023-5678',
                      packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2023-5678' },
                    },
                  ],
                },
              },
            }
          : {}),
      },
      { name: 'web:v7' },
    ),
  ];
}

function service(
  name: string,
  options: {
    subnets: string[];
    groups: string[];
    publicIp?: boolean;
    targetGroup?: string;
    taskRole?: string;
  },
): EvalAsset[] {
  return [
    asset(
      'aws_ecs_service',
      serviceArn(name),
      {
        serviceArn: serviceArn(name),
        serviceName: name,
        taskDefinition: taskDefinitionArn(name),
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        launchType: 'FARGATE',
        loadBalancers: options.targetGroup
          ? [{ targetGroupArn: options.targetGroup, containerName: 'app', containerPort: 8080 }]
          : [],
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: options.subnets,
            securityGroups: options.groups,
            assignPublicIp: options.publicIp ? 'ENABLED' : 'DISABLED',
          },
        },
      },
      { name },
    ),
    asset(
      'aws_ecs_task_definition',
      taskDefinitionArn(name),
      {
        taskDefinitionArn: taskDefinitionArn(name),
        family: name,
        revision: 1,
        networkMode: 'awsvpc',
        ...(options.taskRole ? { taskRoleArn: options.taskRole } : {}),
        containerDefinitions: [{ name: 'app', image: `${URI}:v7`, essential: true }],
      },
      { name: `${name}:1` },
    ),
  ];
}

async function evaluate(assets: EvalAsset[], list = vulnerabilityControls) {
  const { results } = await evaluateEstate(assets, [], list, { now: new Date('2026-06-01T00:00:00Z') });
  return results;
}

describe('parseEcrImage', () => {
  it('reads tags, digests, nested repository names and the implicit latest', () => {
    expect(parseEcrImage(`${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/team/web:v2`)).toMatchObject({
      accountId: ACCOUNT,
      region: 'eu-west-1',
      repository: 'team/web',
      tag: 'v2',
    });
    expect(parseEcrImage(`${URI}@${DIGEST}`)).toMatchObject({
      repository: 'web',
      digest: DIGEST,
      tag: undefined,
    });
    expect(parseEcrImage(URI)).toMatchObject({ repository: 'web', tag: 'latest' });
    expect(parseEcrImage('public.ecr.aws/nginx/nginx:1.27')).toBeUndefined();
    expect(parseEcrImage('nginx:latest')).toBeUndefined();
  });
});

describe('ECS service exposure', () => {
  it('behind an internet-facing ALB whose target group holds its tasks: exposed on the container port', () => {
    const assets = [
      ...network(),
      ...loadBalancer('internet-facing'),
      ...service('web', { subnets: ['subnet-priv'], groups: ['sg-tasks'], targetGroup: TG }),
    ];
    const fact = analyseExposure(new Estate(assets, [])).get(serviceArn('web'))!;
    expect(fact.verdict).toBe('exposed');
    expect(fact.paths).toEqual(['internet -> web:443 -> web-tasks -> web:8080']);
  });

  it('tasks with public IPs in a public subnet, security group open to the internet: exposed', () => {
    const assets = [
      ...network(),
      ...service('api', { subnets: ['subnet-pub'], groups: ['sg-lb'], publicIp: true }),
    ];
    expect(analyseExposure(new Estate(assets, [])).get(serviceArn('api'))!.verdict).toBe('exposed');
  });

  it('private subnet, no public IP, internal load balancer: not exposed, with one sentence saying why', () => {
    const assets = [
      ...network(),
      ...loadBalancer('internal'),
      ...service('web', { subnets: ['subnet-priv'], groups: ['sg-tasks'], targetGroup: TG }),
    ];
    const fact = analyseExposure(new Estate(assets, [])).get(serviceArn('web'))!;
    expect(fact.verdict).toBe('not_exposed');
    expect(fact.evidence[0]).toBe(
      'not exposed: not exploitable from the internet: service web runs in subnets subnet-priv with no public IP and its target groups (web-tasks) sit behind no internet-facing load balancer that admits traffic to it',
    );
  });

  it('a target group that was not collected leaves the service unknown, not private', () => {
    const assets = [
      ...network(),
      ...service('web', { subnets: ['subnet-priv'], groups: ['sg-tasks'], targetGroup: TG }),
    ];
    const fact = analyseExposure(new Estate(assets, [])).get(serviceArn('web'))!;
    expect(fact.verdict).toBe('unknown');
    expect(fact.evidence[0]).toBe(`unknown: service web: its target group ${TG} was not collected`);
  });
});

describe('vulnerabilities in context', () => {
  const critical = { CRITICAL: 1, HIGH: 1, MEDIUM: 1 };

  it('the same critical CVE: critical finding on the internet-facing service, medium one on the private service', async () => {
    const assets = [
      ...network(),
      ...loadBalancer('internet-facing'),
      ...image(critical),
      ...service('web', { subnets: ['subnet-priv'], groups: ['sg-tasks'], targetGroup: TG }),
      ...service('billing', { subnets: ['subnet-priv'], groups: ['sg-closed'] }),
    ];
    const results = await evaluate(assets);
    const find = (control: string, id: string) =>
      results.find((r) => r.controlId === control && r.assetId === id)!;

    const exposed = find('ecr_image_vulnerabilities_not_internet_exposed', serviceArn('web'));
    expect(exposed.status).toBe('fail');
    expect(exposed.evidence[1]).toBe(
      `Exploitable from the internet: internet -> web:443 -> web-tasks -> web:8080 reaches ECS service web (${serviceArn('web')}), which runs image ${URI}:v7 (1 critical, 1 high: CVE-2024-6387 CRITICAL in openssh-server, exploit available, CVE-2023-44487 HIGH in nghttp2).`,
    );
    expect(find('ecr_image_vulnerabilities_not_on_internal_workload', serviceArn('web')).status).toBe('pass');

    const internal = find('ecr_image_vulnerabilities_not_on_internal_workload', serviceArn('billing'));
    expect(internal.status).toBe('fail');
    expect(internal.evidence[1]).toBe(
      `ECS service billing (${serviceArn('billing')}) runs image ${URI}:v7 (1 critical, 1 high: CVE-2024-6387 CRITICAL in openssh-server, exploit available, CVE-2023-44487 HIGH in nghttp2); not exploitable from the internet: service billing runs in subnets subnet-priv with no public IP and no load balancer forwards to it.`,
    );
    expect(find('ecr_image_vulnerabilities_not_internet_exposed', serviceArn('billing')).status).toBe('pass');
    expect(
      vulnerabilityControls.find((c) => c.id === 'ecr_image_vulnerabilities_not_internet_exposed')!.severity,
    ).toBe('critical');
  });

  it('counts without the findings list (an older image): still ranked, the evidence says why no CVE is named', async () => {
    const assets = [
      ...network(),
      ...image(critical, false),
      ...service('billing', { subnets: ['subnet-priv'], groups: ['sg-closed'] }),
    ];
    const result = (await evaluate(assets)).find(
      (r) => r.controlId === 'ecr_image_vulnerabilities_not_on_internal_workload',
    )!;
    expect(result.status).toBe('fail');
    expect(result.evidence[1]).toContain(
      '(1 critical, 1 high (the findings list was read for the newest image only))',
    );
  });

  it('an image never scanned is an error for both controls, never a pass', async () => {
    const assets = [
      ...network(),
      ...image(undefined),
      ...service('billing', { subnets: ['subnet-priv'], groups: ['sg-closed'] }),
    ];
    const results = await evaluate(assets);
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
    expect(results[0].reason).toContain('image web:v7 has no scan results (never scanned)');
  });

  it('a vulnerable image on a service whose exposure is unknown is an error, not internal', async () => {
    const assets = [
      ...network(),
      ...image(critical),
      ...service('web', { subnets: ['subnet-priv'], groups: ['sg-tasks'], targetGroup: TG }),
    ];
    const results = await evaluate(assets);
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
  });

  it('the attack path names the vulnerable image between the workload and its task role', async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/web-task`;
    const assets = [
      ...network(),
      ...loadBalancer('internet-facing'),
      ...image(critical),
      ...service('web', {
        subnets: ['subnet-priv'],
        groups: ['sg-tasks'],
        targetGroup: TG,
        taskRole: roleArn,
      }),
      asset(
        'aws_iam_role',
        roleArn,
        {
          RoleName: 'web-task',
          Arn: roleArn,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ecs-tasks.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          RolePolicyList: [
            {
              PolicyName: 'all',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
              },
            },
          ],
          AttachedManagedPolicies: [],
          InstanceProfileList: [],
        },
        { name: 'web-task' },
      ),
    ];
    const { results, facts: all } = await evaluateEstate(assets, [], adminControl, {
      now: new Date('2026-06-01T00:00:00Z'),
    });
    expect(results.map((r) => r.status)).toEqual(['fail']);
    const facts = all.get(serviceArn('web'))?.attackPaths as AttackPathFacts | undefined;
    expect(facts?.adminPaths[0].summary).toBe(
      'internet -> web:443 -> web-tasks -> web:8080 -> image web:v7 with CVE-2024-6387, CVE-2023-44487 -> role web-task -> administrator of the account',
    );
    expect(facts?.adminPaths[0].hops.map((hop) => hop.kind)).toEqual([
      'internet',
      'network',
      'network',
      'workload',
      'image',
      'role',
      'admin',
    ]);
  });
});
