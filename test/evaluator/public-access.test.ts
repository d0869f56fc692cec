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
