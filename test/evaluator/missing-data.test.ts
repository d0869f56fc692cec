// Missing data never reads as a verdict: what the collector could not read (a readErrors entry, an asset never
// collected, a document not in the response) makes an analyser's fact undecided, and a control reading it says
// `error` with what was missing. Genuinely empty data (AWS answered, and there is nothing) still decides.
import { evaluateEstate, unreadTypesOf } from '../../evaluator';
import type { EvalAsset } from '../../evaluator';
import { analyseIam } from '../../evaluator/analysers/iam';
import { analysePublicAccess } from '../../evaluator/analysers/public-access';
import { Estate } from '../../evaluator/engine/estate';
import type { Relationship } from '../../store/model';
import { ACCOUNT, asset, control, REGION } from './fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const ec2Arn = (kind: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`;

async function run(
  assets: EvalAsset[],
  condition: unknown,
  resourceTypes: string[],
  edges: Relationship[] = [],
) {
  const scope = resourceTypes.some((type) => type.startsWith('aws_iam') || type === 'aws_s3_bucket')
    ? 'global'
    : 'regional';
  const { results, facts } = await evaluateEstate(
    assets,
    edges,
    [control({ condition, resourceTypes, scope })],
    { now: NOW },
  );
  return { results, facts };
}

describe('RDS instance whose subnets were not read: the exposure control says error with what was missing', () => {
  const dbArn = `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders`;
  // DescribeDBInstances (trimmed): public, port 5432, subnet group db-sub naming subnet-0abc.
  const db = asset(
    'aws_rds_db_instance',
    dbArn,
    {
      DBInstanceIdentifier: 'orders',
      DBInstanceClass: 'db.t4g.micro',
      Engine: 'postgres',
      DBInstanceStatus: 'available',
      PubliclyAccessible: true,
      Endpoint: { Address: 'orders.abc123.eu-west-1.rds.amazonaws.com', Port: 5432 },
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0db', Status: 'active' }],
      DBSubnetGroup: {
        DBSubnetGroupName: 'db-sub',
        DBSubnetGroupDescription: 'orders',
        VpcId: 'vpc-1',
        SubnetGroupStatus: 'Complete',
        Subnets: [
          {
            SubnetIdentifier: 'subnet-0abc',
            SubnetAvailabilityZone: { Name: 'eu-west-1a' },
            SubnetOutpost: {},
            SubnetStatus: 'Active',
          },
        ],
      },
    },
    { name: 'orders' },
  );
  const group = asset('aws_ec2_security_group', ec2Arn('security-group', 'sg-0db'), {
    GroupId: 'sg-0db',
    GroupName: 'db',
    VpcId: 'vpc-1',
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
      },
    ],
    IpPermissionsEgress: [],
  });

  it('error, naming the subnet and its DB subnet group, instead of a pass with "not exposed: "', async () => {
    const { results, facts } = await run([db, group], { fact: 'exposure.verdict', ne: 'exposed' }, [
      'aws_rds_db_instance',
    ]);
    expect((facts.get(dbArn)!.exposure as { verdict: string }).verdict).toBe('unknown');
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe('error');
    expect(results[0].reason).toBe(
      'Could not decide whether it is reachable from the internet for db instance orders: subnet subnet-0abc of DB subnet group db-sub was not collected.',
    );
  });
});

describe('public access: an unread part never reads as "not public"', () => {
  it('an EBS snapshot whose public sharing could not be listed is unknown, and its control errors', async () => {
    // DescribeSnapshots(RestorableByUserIds: ['all']) failed: the collector records readErrors.Public.
    const snapshot = asset(
      'aws_ec2_snapshot',
      ec2Arn('snapshot', 'snap-0a1'),
      {
        SnapshotId: 'snap-0a1',
        VolumeId: 'vol-0a1',
        State: 'completed',
        Encrypted: false,
        OwnerId: ACCOUNT,
        VolumeSize: 8,
        StartTime: '2026-05-01T00:00:00.000Z',
      },
      { readErrors: { Public: 'UnauthorizedOperation' } },
    );
    const fact = analysePublicAccess(new Estate([snapshot], [])).get(snapshot.id)!;
    expect(fact).toEqual({
      verdict: 'unknown',
      evidence: ['its sharing settings could not be read (UnauthorizedOperation)'],
    });
    const { results } = await run([snapshot], { fact: 'public.verdict', eq: 'not_public' }, [
      'aws_ec2_snapshot',
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      [
        'error',
        'Could not decide whether it is public for snapshot snap-0a1: its sharing settings could not be read (UnauthorizedOperation).',
      ],
    ]);
  });

  it('an EBS snapshot AWS did not list as public is not public', () => {
    const snapshot = asset('aws_ec2_snapshot', ec2Arn('snapshot', 'snap-0a2'), {
      SnapshotId: 'snap-0a2',
      State: 'completed',
      Public: false,
    });
    expect(analysePublicAccess(new Estate([snapshot], [])).get(snapshot.id)!.verdict).toBe('not_public');
  });

  const aclBucket = asset(
    'aws_s3_bucket',
    'arn:aws:s3:::logs-prod',
    {
      Name: 'logs-prod',
      BucketPolicy: null,
      PublicAccessBlock: null,
      BucketAcl: {
        Owner: { ID: 'c0ffee' },
        Grants: [
          {
            Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
            Permission: 'READ',
          },
        ],
      },
    },
    { name: 'logs-prod' },
  );
  const accountBlock = (readErrors?: Record<string, string>, settings?: Record<string, boolean>) =>
    asset(
      'aws_s3_account_public_access_block',
      `arn:aws:s3:::${ACCOUNT}:account-public-access-block`,
      settings ? { PublicAccessBlock: { PublicAccessBlockConfiguration: settings } } : {},
      { region: 'global', readErrors },
    );

  it("a public ACL grant with the account's public access block unread is unknown: that block may ignore it", () => {
    const fact = analysePublicAccess(
      new Estate([aclBucket, accountBlock({ PublicAccessBlock: 'AccessDenied' })], []),
    ).get(aclBucket.id)!;
    expect(fact).toMatchObject({
      verdict: 'unknown',
      evidence: [
        "the account's public access block could not be read (AccessDenied)",
        "bucket logs-prod ACL grants READ to AllUsers, unless the account's block neutralises it",
      ],
    });
  });

  it('a resource policy the collector could not parse is unknown, not "grants nothing to *"', () => {
    const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:billing`;
    // GetPolicy answered, but with text that is not JSON: the collector keeps the text.
    const fn = asset(
      'aws_lambda_function',
      fnArn,
      {
        FunctionName: 'billing',
        FunctionArn: fnArn,
        Policy: { Policy: '{"Version":"2012-10-17","Statement":[{' },
      },
      { name: 'billing' },
    );
    expect(analysePublicAccess(new Estate([fn], [])).get(fnArn)).toEqual({
      verdict: 'unknown',
      evidence: ['function billing resource policy could not be parsed as a policy document'],
    });
    // No policy at all (GetPolicy said ResourceNotFoundException): genuinely not public.
    const bare = { ...fn, config: { ...fn.config, Policy: null } };
    expect(analysePublicAccess(new Estate([bare], [])).get(fnArn)!.verdict).toBe('not_public');
  });

  it("with the account's block read and off, the same grant is public", () => {
    const off = {
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    };
    expect(
      analysePublicAccess(new Estate([aclBucket, accountBlock(undefined, off)], [])).get(aclBucket.id)!
        .verdict,
    ).toBe('public');
  });
});

describe('IAM: a policy that was not read never makes a principal "not admin"', () => {
  const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  const managed = (name: string, document: unknown) =>
    asset(
      'aws_iam_policy',
      policyArn(name),
      {
        PolicyName: name,
        PolicyId: 'ANPA0000000000000001',
        Arn: policyArn(name),
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        IsAttachable: true,
        PolicyVersionList: [],
        Document: document,
      },
      { name },
    );
  const userArn = `arn:aws:iam::${ACCOUNT}:user/alice`;
  const user = (attached: string[]) =>
    asset(
      'aws_iam_user',
      userArn,
      {
        UserName: 'alice',
        Arn: userArn,
        UserPolicyList: [],
        GroupList: [],
        AttachedManagedPolicies: attached.map((name) => ({ PolicyName: name, PolicyArn: policyArn(name) })),
      },
      { name: 'alice' },
    );

  it('a managed policy whose document was not in the response: admin checks error instead of passing', async () => {
    const policy = managed('Ops', null);
    const facts = await analyseIam(new Estate([policy], []), { now: NOW });
    expect(facts.get(policy.id)).toEqual({
      unknown: {
        adminAccess: 'the document of policy Ops was not collected',
        fullAdminStatement: 'the document of policy Ops was not collected',
        unrestrictedKmsDecrypt: 'the document of policy Ops was not collected',
      },
    });
    const SUBJECTS: Record<string, string> = {
      adminAccess: 'whether it grants administrator access',
      fullAdminStatement: 'whether it has a statement allowing everything',
      unrestrictedKmsDecrypt: 'whether it lets anyone decrypt with every KMS key',
    };
    for (const field of ['adminAccess', 'fullAdminStatement', 'unrestrictedKmsDecrypt']) {
      const { results } = await run([policy], { fact: `iam.${field}`, eq: false }, ['aws_iam_policy']);
      expect(results.map((r) => [r.status, r.reason])).toEqual([
        [
          'error',
          `Could not decide ${SUBJECTS[field]} for policy Ops: the document of policy Ops was not collected.`,
        ],
      ]);
    }
  });

  it('a user holding a managed policy that was not collected is undecided, not "not admin"', async () => {
    const facts = await analyseIam(new Estate([user(['Gone'])], []), { now: NOW });
    expect(facts.get(userArn)!.unknown).toEqual({
      adminAccess: `managed policy ${policyArn('Gone')} was not collected`,
    });
    const { results } = await run([user(['Gone'])], { fact: 'iam.adminAccess', eq: false }, ['aws_iam_user']);
    expect(results[0].status).toBe('error');
  });

  it('a user with no policies at all is genuinely not admin', async () => {
    const facts = await analyseIam(new Estate([user([])], []), { now: NOW });
    expect(facts.get(userArn)).toMatchObject({ adminAccess: false });
    expect(facts.get(userArn)!.unknown).toBeUndefined();
    const { results } = await run([user([])], { fact: 'iam.adminAccess', eq: false }, ['aws_iam_user']);
    expect(results[0].status).toBe('pass');
  });

  it('a role whose trust policy was not read: "trusted by nobody public" is not decided', async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/deploy`;
    const role = asset(
      'aws_iam_role',
      roleArn,
      {
        RoleName: 'deploy',
        Arn: roleArn,
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        AssumeRolePolicyDocument: null,
      },
      { name: 'deploy' },
    );
    const { results } = await run(
      [role],
      { noneOf: 'facts.iam.assumableBy', where: { attr: 'public', eq: true } },
      ['aws_iam_role'],
    );
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      [
        'error',
        'Could not decide who can assume it for role deploy: the trust policy of role deploy was not collected.',
      ],
    ]);
  });
});

describe('list operators: members that were never collected never make an empty list pass', () => {
  const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`;
  const trail = asset(
    'aws_cloudtrail_trail',
    trailArn,
    { Name: 'org-trail', S3BucketName: 'central-audit-logs', IsMultiRegionTrail: true, TrailARN: trailArn },
    { name: 'org-trail' },
  );
  const bucket = (name: string, isPublic: boolean) =>
    asset(
      'aws_s3_bucket',
      `arn:aws:s3:::${name}`,
      { Name: name },
      {
        name,
        facts: { public: { verdict: isPublic ? 'public' : 'not_public', evidence: [] } },
      },
    );
  const logsTo = (to: string): Relationship => ({
    accountId: ACCOUNT,
    fromId: trailArn,
    verb: 'LOGS_TO',
    toId: to,
    service: 'cloudtrail',
    region: REGION,
  });
  const bucketNotPublic = {
    related: { verb: 'LOGS_TO', direction: 'out', type: 'aws_s3_bucket' },
    all: { fact: 'public.verdict', eq: 'not_public' },
  };
  const evaluateTrail = async (assets: EvalAsset[], edges: Relationship[], condition: unknown) => {
    const { results } = await evaluateEstate(
      assets,
      edges,
      [control({ condition, resourceTypes: ['aws_cloudtrail_trail'] })],
      { now: NOW, analysers: false },
    );
    return results.map((r) => [r.status, r.reason]);
  };

  it('related all: a trail bucket that was never collected is an error naming it, not a vacuous pass', async () => {
    expect(
      await evaluateTrail([trail], [logsTo('arn:aws:s3:::central-audit-logs')], bucketNotPublic),
    ).toEqual([
      [
        'error',
        'Could not decide: Trail org-trail logs to bucket central-audit-logs, which was not collected.',
      ],
    ]);
  });

  it('related all: a collected member that fails still decides', async () => {
    const edges = [logsTo('arn:aws:s3:::central-audit-logs'), logsTo('arn:aws:s3:::open-logs')];
    const [[status]] = await evaluateTrail([trail, bucket('open-logs', true)], edges, bucketNotPublic);
    expect(status).toBe('fail');
  });

  it('related any: a collected member that matches still decides', async () => {
    const edges = [logsTo('arn:aws:s3:::central-audit-logs'), logsTo('arn:aws:s3:::private-logs')];
    const condition = { related: bucketNotPublic.related, any: bucketNotPublic.all };
    const [[status]] = await evaluateTrail([trail, bucket('private-logs', false)], edges, condition);
    expect(status).toBe('pass');
  });

  it('related: an edge to something that is not an asset (a service principal) is not missing data', async () => {
    const edges = [logsTo('cloudtrail.amazonaws.com')];
    const [[status]] = await evaluateTrail([trail], edges, bucketNotPublic);
    expect(status).toBe('pass');
  });

  const accountArn = `arn:aws:iam::${ACCOUNT}:root`;
  const account = asset('aws_account', accountArn, { AccountId: ACCOUNT, Partition: 'aws' });
  const noPublicBuckets = {
    assets: { type: 'aws_s3_bucket' },
    none: { fact: 'public.verdict', eq: 'public' },
  };
  const evaluateAccount = async (assets: EvalAsset[], condition: unknown, unreadTypes = [] as never[]) => {
    const { results } = await evaluateEstate(
      assets,
      [],
      [control({ condition, resourceTypes: ['aws_account'], scope: 'global' })],
      { now: NOW, analysers: false, unreadTypes },
    );
    return results.map((r) => [r.status, r.reason]);
  };
  const bucketsUnread = [
    { accountId: ACCOUNT, type: 'aws_s3_bucket', region: 'global', code: 'AccessDenied' },
  ] as never[];

  it('assets none: a type whose list call failed is an error, not "no bucket is public"', async () => {
    expect(await evaluateAccount([account], noPublicBuckets, bucketsUnread)).toEqual([
      [
        'error',
        `Could not decide: The bucket list of account ${ACCOUNT} could not be read in global (AccessDenied).`,
      ],
    ]);
  });

  it('assets none: with the list read and empty (AWS answered, nothing there), it passes', async () => {
    expect((await evaluateAccount([account], noPublicBuckets))[0][0]).toBe('pass');
  });

  it('assets: a collected member that decides still decides with the list partly unread', async () => {
    const [[status]] = await evaluateAccount(
      [account, bucket('open-logs', true)],
      noPublicBuckets,
      bucketsUnread,
    );
    expect(status).toBe('fail');
  });
});

describe('unreadTypesOf: which lists a sync could not read', () => {
  const modules = [
    {
      service: 's3',
      resourceTypes: [{ type: 'aws_s3_bucket' }, { type: 'aws_s3_account_public_access_block' }],
    },
    { service: 'ec2', resourceTypes: [{ type: 'aws_ec2_instance' }, { type: 'aws_ec2_security_group' }] },
  ];
  const unit = (
    service: string,
    region: string,
    status: 'ok' | 'failed',
    completeTypes: string[],
    errorCode?: string,
  ) => ({
    service,
    region,
    status,
    completeTypes,
    errorCode,
    assetCount: 0,
    calls: {},
    retries: 0,
    throttles: 0,
    durationMs: 1,
  });

  it('the declared types a failed unit did not read completely, in its region, with its error code', () => {
    expect(
      unreadTypesOf(
        ACCOUNT,
        [
          unit('s3', 'global', 'failed', ['aws_s3_bucket'], 'AccessDenied'),
          unit('ec2', 'eu-west-1', 'failed', [], 'UnauthorizedOperation'),
          unit('ec2', 'us-east-1', 'ok', ['aws_ec2_instance', 'aws_ec2_security_group']),
        ],
        modules,
      ),
    ).toEqual([
      {
        accountId: ACCOUNT,
        type: 'aws_s3_account_public_access_block',
        region: 'global',
        code: 'AccessDenied',
      },
      { accountId: ACCOUNT, type: 'aws_ec2_instance', region: 'eu-west-1', code: 'UnauthorizedOperation' },
      {
        accountId: ACCOUNT,
        type: 'aws_ec2_security_group',
        region: 'eu-west-1',
        code: 'UnauthorizedOperation',
      },
    ]);
  });
});
