// Bucket verdicts: unknown when a part could not be read, unless what was read settles it; public read, public
// write and policy-only verdicts apart.
import { analysePublicAccess } from '../../evaluator/analysers/public-access';
import { Estate } from '../../evaluator/engine/estate';
import { asset } from './fixtures';

const publicPolicy = {
  Policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
  },
};
const bucket = (config: Record<string, unknown>, readErrors?: Record<string, string>) =>
  asset(
    'aws_s3_bucket',
    'arn:aws:s3:::data',
    { Name: 'data', BucketPolicy: null, BucketAcl: { Grants: [] }, PublicAccessBlock: null, ...config },
    { name: 'data', readErrors },
  );
const verdict = (config: Record<string, unknown>, readErrors?: Record<string, string>) =>
  analysePublicAccess(new Estate([bucket(config, readErrors)], [])).get('arn:aws:s3:::data')!;

describe('bucket verdicts with unread parts', () => {
  it('a public policy with the bucket block unread is unknown: the block may neutralise it', () => {
    const { PublicAccessBlock: _unread, ...config } = { BucketPolicy: publicPolicy, PublicAccessBlock: null };
    expect(verdict(config, { PublicAccessBlock: 'AccessDenied' })).toMatchObject({
      verdict: 'unknown',
      evidence: [
        'its public access block could not be read (AccessDenied)',
        'bucket data policy statement 1 allows Principal "*" to s3:GetObject with no restricting condition, unless the bucket\'s block neutralises it',
      ],
    });
  });

  it('a public ACL is public though the policy could not be read', () => {
    const acl = {
      Grants: [
        {
          Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
          Permission: 'READ',
        },
      ],
    };
    expect(verdict({ BucketAcl: acl }, { BucketPolicy: 'AccessDenied' }).verdict).toBe('public');
  });

  it('nothing public and the bucket block unread is not public (the block only ever narrows access)', () => {
    expect(verdict({}, { PublicAccessBlock: 'AccessDenied' }).verdict).toBe('not_public');
  });
});

const grant = (group: 'AllUsers' | 'AuthenticatedUsers', Permission: string) => ({
  Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${group}` },
  Permission,
});
const policyAllowing = (statement: Record<string, unknown>) => ({
  Policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Resource: 'arn:aws:s3:::data/*', ...statement }],
  },
});
const kinds = (config: Record<string, unknown>, readErrors?: Record<string, string>) => {
  const fact = verdict(config, readErrors);
  return { read: fact.read?.verdict, write: fact.write?.verdict, policy: fact.policy?.verdict };
};

describe('bucket public read and public write apart', () => {
  it.each(['READ', 'READ_ACP'])(
    'an ACL granting %s to AllUsers is public read, not public write',
    (permission) => {
      expect(kinds({ BucketAcl: { Grants: [grant('AllUsers', permission)] } })).toEqual({
        read: 'public',
        write: 'not_public',
        policy: 'not_public',
      });
    },
  );

  it.each(['WRITE', 'WRITE_ACP'])(
    'an ACL granting %s to AuthenticatedUsers is public write, not public read',
    (permission) => {
      expect(kinds({ BucketAcl: { Grants: [grant('AuthenticatedUsers', permission)] } })).toEqual({
        read: 'not_public',
        write: 'public',
        policy: 'not_public',
      });
    },
  );

  it('an ACL granting FULL_CONTROL to AllUsers is both', () => {
    expect(kinds({ BucketAcl: { Grants: [grant('AllUsers', 'FULL_CONTROL')] } })).toMatchObject({
      read: 'public',
      write: 'public',
    });
  });

  it('a policy letting everyone s3:GetObject is public read through the policy, not public write', () => {
    const fact = verdict({ BucketPolicy: policyAllowing({ Action: 's3:GetObject' }) });
    expect(fact.read).toEqual({
      verdict: 'public',
      evidence: [
        'bucket data policy statement 1 allows Principal "*" to s3:GetObject with no restricting condition',
      ],
    });
    expect(fact.write).toEqual({
      verdict: 'not_public',
      evidence: ['bucket data: no policy statement or ACL grant lets everyone write to it'],
    });
    expect(fact.policy?.verdict).toBe('public');
  });

  it.each([
    [['s3:PutObject'], { read: 'not_public', write: 'public' }],
    [['s3:DeleteObject', 's3:PutObjectAcl'], { read: 'not_public', write: 'public' }],
    [['s3:Get*', 's3:List*'], { read: 'public', write: 'not_public' }],
    [['s3:Put*'], { read: 'not_public', write: 'public' }],
    [['s3:*'], { read: 'public', write: 'public' }],
    [['*'], { read: 'public', write: 'public' }],
    [['S3:getobject'], { read: 'public', write: 'not_public' }],
    [['s3:*Object'], { read: 'public', write: 'public' }],
  ])('a policy allowing %j to everyone is %j', (Action, expected) => {
    expect(kinds({ BucketPolicy: policyAllowing({ Action }) })).toMatchObject(expected);
  });

  it('NotAction grants what it does not name: NotAction s3:Put*/s3:Delete* still lets everyone read', () => {
    expect(
      kinds({
        BucketPolicy: policyAllowing({
          NotAction: ['s3:Put*', 's3:Delete*', 's3:Abort*', 's3:Restore*', 's3:Replicate*', 's3:Bypass*'],
        }),
      }),
    ).toMatchObject({ read: 'public', write: 'not_public' });
  });

  it('a public read policy and a public write ACL make each verdict name its own grant', () => {
    const fact = verdict({
      BucketPolicy: policyAllowing({ Action: 's3:GetObject' }),
      BucketAcl: { Grants: [grant('AllUsers', 'WRITE')] },
    });
    expect(fact.read?.evidence).toEqual([
      'bucket data policy statement 1 allows Principal "*" to s3:GetObject with no restricting condition',
    ]);
    expect(fact.write?.evidence).toEqual(['bucket data ACL grants WRITE to AllUsers']);
    expect(fact.policy?.evidence).toEqual([
      'bucket data policy statement 1 allows Principal "*" to s3:GetObject with no restricting condition',
    ]);
  });

  it('IgnorePublicAcls neutralises a public write ACL: not public write, and the evidence says why', () => {
    const fact = verdict({
      BucketAcl: { Grants: [grant('AllUsers', 'WRITE')] },
      PublicAccessBlock: { PublicAccessBlockConfiguration: { IgnorePublicAcls: true } },
    });
    expect(fact.write).toEqual({
      verdict: 'not_public',
      evidence: [
        'bucket data: no policy statement or ACL grant lets everyone write to it',
        'bucket data ACL grants WRITE to AllUsers, but IgnorePublicAcls (bucket public access block) neutralises it',
      ],
    });
  });

  it('an unread ACL leaves public write unknown when the policy opens only reading', () => {
    expect(
      kinds({ BucketPolicy: policyAllowing({ Action: 's3:GetObject' }) }, { BucketAcl: 'AccessDenied' }),
    ).toEqual({ read: 'public', write: 'unknown', policy: 'public' });
  });

  it('an unread policy leaves the policy verdict unknown though a public ACL is found', () => {
    expect(
      kinds({ BucketAcl: { Grants: [grant('AllUsers', 'READ')] } }, { BucketPolicy: 'AccessDenied' }),
    ).toEqual({ read: 'public', write: 'unknown', policy: 'unknown' });
  });

  it('AWS reporting the policy public with no statement found counts as both read and write', () => {
    expect(kinds({ BucketPolicyStatus: { PolicyStatus: { IsPublic: true } } })).toEqual({
      read: 'public',
      write: 'public',
      policy: 'public',
    });
  });
});

// EventBridge event bus and SNS topic policies, as the collectors keep them (DescribeEventBus's Policy under
// config.EventBus, GetTopicAttributes' Policy under config.TopicAttributes.Attributes), through the same policy table.
describe('event bus and topic resource policies', () => {
  const ACCOUNT = '123456789012';
  const BUS = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`;
  const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:order-events`;
  const statement = (principal: unknown, action: string, resource: string, condition?: object) => ({
    Sid: 'put',
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  });
  const busWith = (policy: unknown, readErrors?: Record<string, string>) =>
    asset(
      'aws_eventbridge_event_bus',
      BUS,
      readErrors
        ? { Name: 'orders', Arn: BUS }
        : {
            Name: 'orders',
            Arn: BUS,
            EventBus: { Name: 'orders', Arn: BUS, ...(policy ? { Policy: policy } : {}) },
          },
      { name: 'orders', readErrors },
    );
  const topicWith = (policy: unknown) =>
    asset(
      'aws_sns_topic',
      TOPIC,
      { TopicArn: TOPIC, TopicAttributes: { Attributes: { TopicArn: TOPIC, Policy: policy } } },
      { name: 'order-events' },
    );
  const factOf = (item: ReturnType<typeof asset>) =>
    analysePublicAccess(new Estate([item], [])).get(item.id)!;
  const policyOf = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

  const cases: [string, (principal: unknown, condition?: object) => ReturnType<typeof asset>, string][] = [
    [
      'event bus',
      (p, c) => busWith(policyOf(statement(p, 'events:PutEvents', BUS, c))),
      'event bus orders policy',
    ],
    [
      'SNS topic',
      (p, c) => topicWith(policyOf(statement(p, 'SNS:Publish', TOPIC, c))),
      'topic order-events policy',
    ],
  ];

  describe.each(cases)('%s', (_kind, make, label) => {
    it('Principal "*" with no condition is public, and the evidence names the statement', () => {
      const fact = factOf(make('*'));
      expect(fact.verdict).toBe('public');
      expect(fact.evidence[0]).toMatch(new RegExp(`^${label} statement put allows Principal "\\*" to `));
    });

    it('{"AWS": "*"} is the same as "*"', () => {
      expect(factOf(make({ AWS: '*' })).verdict).toBe('public');
    });

    it.each([
      ['aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }],
      ['aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }],
    ])('"*" restricted by %s is not public', (_key, condition) => {
      expect(factOf(make('*', condition)).verdict).toBe('not_public');
    });

    it('"*" under a condition that narrows nothing (a wildcard org id) stays public', () => {
      expect(factOf(make('*', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).verdict).toBe('public');
    });

    it('a grant to one named account is not public', () => {
      expect(factOf(make({ AWS: 'arn:aws:iam::444455556666:root' })).verdict).toBe('not_public');
    });
  });

  it('a bus without a policy is not public; one whose DescribeEventBus was refused is unknown, naming the error', () => {
    expect(factOf(busWith(undefined))).toEqual({
      verdict: 'not_public',
      evidence: ['event bus orders policy grants nothing to Principal "*" without a restricting condition'],
    });
    expect(factOf(busWith(undefined, { EventBus: 'AccessDeniedException' }))).toEqual({
      verdict: 'unknown',
      evidence: ['its event bus could not be read (AccessDeniedException)'],
    });
  });
});
