import { analyseIam } from '../../evaluator/analysers/iam';
import { analysePublicAccess } from '../../evaluator/analysers/public-access';
import { Estate } from '../../evaluator/engine/estate';
import type { EvalAsset } from '../../evaluator';
import { ACCOUNT, asset, edge } from './fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });

function managed(name: string, document: unknown): EvalAsset {
  return asset(
    'aws_iam_policy',
    policyArn(name),
    { PolicyName: name, Arn: policyArn(name), Document: document },
    { name },
  );
}

function user(name: string, config: Record<string, unknown>): EvalAsset {
  const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
  return asset(
    'aws_iam_user',
    arn,
    { UserName: name, Arn: arn, UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], ...config },
    { name },
  );
}

async function iamFacts(assets: EvalAsset[], relationships = [] as ReturnType<typeof edge>[]) {
  return analyseIam(new Estate(assets, relationships), { now: NOW });
}

describe('IAM analyser', () => {
  const adminPolicy = managed('Admin', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
  const iamWildcard = managed('IamEverything', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
  const readOnly = managed(
    'S3Read',
    doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: '*' }),
  );
  const conditional = managed(
    'AdminWithMfa',
    doc({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }),
  );
  const denied = managed('DenyAll', doc({ Effect: 'Deny', Action: '*', Resource: '*' }));
  const attach = (...names: string[]) =>
    names.map((name) => ({ PolicyName: name, PolicyArn: policyArn(name) }));

  it.each([
    ['a user with * on *', attach('Admin'), true],
    ['a user with iam:* (can grant itself anything)', attach('IamEverything'), true],
    ['a user with read-only S3', attach('S3Read'), false],
    ['a conditional allow is not unconditional admin', attach('AdminWithMfa'), false],
    ['an explicit deny cancels the allow', attach('Admin', 'DenyAll'), false],
  ])('%s', async (_name, policies, expected) => {
    const facts = await iamFacts([
      adminPolicy,
      iamWildcard,
      readOnly,
      conditional,
      denied,
      user('alice', { AttachedManagedPolicies: policies }),
    ]);
    const alice = facts.get(`arn:aws:iam::${ACCOUNT}:user/alice`)!;
    expect(alice.adminAccess).toBe(expected);
    expect(alice.hasAttachedPolicies).toBe(true);
  });

  it('counts group policies towards a member (GroupList and MEMBER_OF)', async () => {
    const groupArn = `arn:aws:iam::${ACCOUNT}:group/admins`;
    const group = asset(
      'aws_iam_group',
      groupArn,
      { GroupName: 'admins', Arn: groupArn, GroupPolicyList: [], AttachedManagedPolicies: attach('Admin') },
      { name: 'admins' },
    );
    const facts = await iamFacts([adminPolicy, group, user('bob', { GroupList: ['admins'] })]);
    const bob = facts.get(`arn:aws:iam::${ACCOUNT}:user/bob`)!;
    expect(bob.adminAccess).toBe(true);
    expect(bob.hasAttachedPolicies).toBe(false);
    expect(bob.adminEvidence![0]).toContain('Admin (group admins)');
    expect(facts.get(groupArn)!.adminAccess).toBe(true);
  });

  it('never reuses a verdict for a principal the simulator would see differently (another account)', async () => {
    // The estate's account differs from the one in alice's ARN (what `serve` did when it handed the analyser
    // Cloudward's account UUID): alice reaches nothing in it, while the policy judged alone (its probe principal
    // is in the estate's account) still allows everything. Both share the same policies and boundaries.
    const elsewhere = (a: EvalAsset): EvalAsset => ({ ...a, accountId: '444455556666' });
    const facts = await iamFacts(
      [adminPolicy, user('alice', { AttachedManagedPolicies: attach('Admin') })].map(elsewhere),
    );
    expect(facts.get(`arn:aws:iam::${ACCOUNT}:user/alice`)!.adminAccess).toBe(false);
    expect(facts.get(policyArn('Admin'))!.adminAccess).toBe(true);
  });

  it('reads the statements directly when the simulator rejects a document', async () => {
    const odd = managed(
      'Odd',
      doc({ Sid: 'has spaces!', Effect: 'Allow', Action: '*', Resource: '*', Unexpected: true }),
    );
    const facts = await iamFacts([odd, user('carol', { AttachedManagedPolicies: attach('Odd') })]);
    expect(facts.get(`arn:aws:iam::${ACCOUNT}:user/carol`)!.adminAccess).toBe(true);
  });

  it('marks policies: admin-equivalent and full "*" statements', async () => {
    const facts = await iamFacts([adminPolicy, iamWildcard, readOnly]);
    expect(facts.get(policyArn('Admin'))).toMatchObject({ adminAccess: true, fullAdminStatement: true });
    expect(facts.get(policyArn('IamEverything'))).toMatchObject({
      adminAccess: true,
      fullAdminStatement: false,
    });
    expect(facts.get(policyArn('S3Read'))).toMatchObject({ adminAccess: false, fullAdminStatement: false });
  });

  it('summarises who can assume a role: cross-account, public, services', async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/r`;
    const role = asset('aws_iam_role', roleArn, {
      RoleName: 'r',
      Arn: roleArn,
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      AssumeRolePolicyDocument: doc(
        {
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::999988887777:root', `arn:aws:iam::${ACCOUNT}:user/alice`] },
          Action: 'sts:AssumeRole',
        },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ),
    });
    const facts = await iamFacts([role]);
    expect(facts.get(roleArn)!.assumableBy).toEqual([
      {
        principal: 'arn:aws:iam::999988887777:root',
        kind: 'AWS',
        crossAccount: true,
        public: false,
        externalId: false,
      },
      {
        principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        kind: 'AWS',
        crossAccount: false,
        public: false,
        externalId: false,
      },
      {
        principal: 'ec2.amazonaws.com',
        kind: 'Service',
        crossAccount: false,
        public: false,
        externalId: false,
      },
      { principal: '*', kind: 'AWS', crossAccount: true, public: true, externalId: false },
      { principal: '*', kind: 'AWS', crossAccount: true, public: false, externalId: false },
    ]);
  });

  it('says which trusted principals must present an sts:ExternalId', async () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/vendor`;
    const trust = (Condition?: Record<string, unknown>) => ({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      ...(Condition ? { Condition } : {}),
    });
    const role = asset('aws_iam_role', roleArn, {
      RoleName: 'vendor',
      Arn: roleArn,
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      AssumeRolePolicyDocument: doc(
        trust({ StringEquals: { 'sts:ExternalId': 'a1b2c3' } }),
        trust({ StringLike: { 'STS:externalid': 'vendor-*' } }),
        trust({ StringNotEquals: { 'sts:ExternalId': 'a1b2c3' } }),
        trust({ StringEqualsIfExists: { 'sts:ExternalId': 'a1b2c3' } }),
        trust({ Null: { 'sts:ExternalId': 'false' } }),
        trust(),
      ),
    });
    const facts = await iamFacts([role]);
    expect(facts.get(roleArn)!.assumableBy!.map((entry) => entry.externalId)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('days since credentials were last used (null when never)', async () => {
    const report = (last: Record<string, string>) => ({
      CredentialReport: {
        user: 'x',
        password_last_used: 'N/A',
        access_key_1_last_used_date: 'N/A',
        access_key_2_last_used_date: 'N/A',
        ...last,
      },
    });
    const facts = await iamFacts([
      user(
        'used',
        report({
          password_last_used: '2026-05-01T00:00:00+00:00',
          access_key_1_last_used_date: '2026-05-22T00:00:00+00:00',
        }),
      ),
      user('never', report({ password_last_used: 'no_information' })),
    ]);
    expect(facts.get(`arn:aws:iam::${ACCOUNT}:user/used`)!.lastActivityDays).toBe(10);
    expect(facts.get(`arn:aws:iam::${ACCOUNT}:user/never`)!.lastActivityDays).toBeNull();
  });
});

describe('public access analyser', () => {
  const bucket = (config: Record<string, unknown>, readErrors?: Record<string, string>) =>
    asset(
      'aws_s3_bucket',
      'arn:aws:s3:::data',
      { Name: 'data', BucketPolicy: null, BucketAcl: { Grants: [] }, PublicAccessBlock: null, ...config },
      { name: 'data', readErrors },
    );
  const publicPolicy = {
    Policy: doc({
      Sid: 'Web',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::data/*',
    }),
  };
  const accountBlock = (restrict: boolean) =>
    asset('aws_s3_account_public_access_block', `arn:aws:s3:::${ACCOUNT}:account-public-access-block`, {
      PublicAccessBlock: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: restrict,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: restrict,
        },
      },
    });
  const verdict = (assets: EvalAsset[], id = 'arn:aws:s3:::data') =>
    analysePublicAccess(new Estate(assets, [])).get(id)!;

  it.each([
    ['a policy allowing Principal "*" with no condition', { BucketPolicy: publicPolicy }, [], 'public'],
    [
      '{"AWS": "*"} restricted by aws:SourceVpce',
      {
        BucketPolicy: {
          Policy: doc({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
          }),
        },
      },
      [],
      'not_public',
    ],
    [
      '{"AWS": "*"} restricted by AWS:SourceOwner (any capitalisation)',
      {
        BucketPolicy: {
          Policy: doc({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } },
          }),
        },
      },
      [],
      'not_public',
    ],
    [
      'an ACL grant to AllUsers',
      {
        BucketAcl: {
          Grants: [
            {
              Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
              Permission: 'READ',
            },
          ],
        },
      },
      [],
      'public',
    ],
    [
      'a public policy neutralised by the bucket block',
      {
        BucketPolicy: publicPolicy,
        PublicAccessBlock: { PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } },
      },
      [],
      'not_public',
    ],
    [
      'a public policy neutralised by the account block',
      { BucketPolicy: publicPolicy },
      [accountBlock(true)],
      'not_public',
    ],
    [
      'an account block without RestrictPublicBuckets',
      { BucketPolicy: publicPolicy },
      [accountBlock(false)],
      'public',
    ],
  ])('%s', (_name, config, extra, expected) => {
    expect(verdict([bucket(config), ...(extra as EvalAsset[])]).verdict).toBe(expected);
  });

  it('an unreadable policy makes the verdict unknown, with the reason', () => {
    const fact = verdict([bucket({}, { BucketPolicy: 'AccessDenied' })]);
    expect(fact).toMatchObject({
      verdict: 'unknown',
      evidence: ['its bucket policy could not be read (AccessDenied)'],
    });
  });

  it('snapshots, AMIs and RDS snapshots shared with everyone', () => {
    const snap = asset('aws_ec2_snapshot', 'arn:aws:ec2:eu-west-1:123456789012:snapshot/snap-1', {
      SnapshotId: 'snap-1',
      Public: true,
    });
    const ami = asset('aws_ec2_image', 'arn:aws:ec2:eu-west-1::image/ami-1', {
      ImageId: 'ami-1',
      Public: false,
    });
    const rds = asset('aws_rds_db_snapshot', 'arn:aws:rds:eu-west-1:123456789012:snapshot:s1', {
      DBSnapshotIdentifier: 's1',
      DBSnapshotAttributes: {
        DBSnapshotAttributesResult: {
          DBSnapshotIdentifier: 's1',
          DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
        },
      },
    });
    const facts = analysePublicAccess(new Estate([snap, ami, rds], []));
    expect(facts.get(snap.id)!.verdict).toBe('public');
    expect(facts.get(ami.id)!.verdict).toBe('not_public');
    expect(facts.get(rds.id)!.evidence).toEqual(['DB snapshot s1 restore attribute includes "all"']);
  });

  it('resource policies of Lambda, ECR, SNS, KMS and EFS', () => {
    const open = doc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'lambda:InvokeFunction',
      Resource: '*',
    });
    const fn = asset(
      'aws_lambda_function',
      'arn:aws:lambda:eu-west-1:123456789012:function:f',
      { FunctionName: 'f', Policy: { Policy: open } },
      { name: 'f' },
    );
    const repo = asset(
      'aws_ecr_repository',
      'arn:aws:ecr:eu-west-1:123456789012:repository/r',
      { RepositoryPolicy: null },
      { name: 'r' },
    );
    const facts = analysePublicAccess(new Estate([fn, repo], []));
    expect(facts.get(fn.id)).toEqual({
      verdict: 'public',
      evidence: [
        'function f resource policy statement 1 allows Principal "*" to lambda:InvokeFunction with no restricting condition',
      ],
    });
    expect(facts.get(repo.id)!.verdict).toBe('not_public');
  });
});
