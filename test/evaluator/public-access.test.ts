// Bucket verdicts when a part could not be read: unknown unless what was read settles it.
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
    expect(verdict(config, { PublicAccessBlock: 'AccessDenied' })).toEqual({
      verdict: 'unknown',
      evidence: [
        'config.PublicAccessBlock could not be read (AccessDenied)',
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
