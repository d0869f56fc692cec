// Which resource-policy statements open a resource to everyone: Principal "*" (or NotPrincipal) Allow statements,
// unless a condition ties the request to fixed accounts, organisations, networks or sources.
import { publicStatements } from '../../evaluator/analysers/resource-policy';

const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const open = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' };
const isPublic = (statement: Record<string, unknown>) =>
  publicStatements(doc(statement), 'policy').length > 0;

describe('publicStatements', () => {
  it.each([
    ['StringEquals aws:PrincipalOrgID o-abc', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['StringEquals aws:SourceVpce (list)', { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } }],
    ['IpAddress aws:SourceIp 203.0.113.0/24', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
    ['ArnEquals aws:SourceArn', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::logs' } }],
    [
      'ForAnyValue:StringEquals aws:PrincipalOrgPaths',
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/r-b/ou-c/' } },
    ],
    ['kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': '123456789012' } }],
    [
      'an S3 bucket source written arn:aws:s3:*:*:bucket',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:*:*:uploads' } },
    ],
    ['AccessedViaMountTarget true', { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } }],
  ])('a fixed %s narrows "*": not public', (_name, condition) => {
    expect(isPublic({ ...open, Condition: condition })).toBe(false);
  });

  it.each([
    ['no condition', undefined],
    ['StringLike aws:PrincipalOrgID "*"', { StringLike: { 'aws:PrincipalOrgID': '*' } }],
    ['StringLike aws:SourceVpc "vpc-*"', { StringLike: { 'aws:SourceVpc': 'vpc-*' } }],
    ['a policy variable', { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }],
    ['a source ARN of any account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:alerts' } }],
    ['any bucket', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:*:*:*' } }],
    ['IpAddress aws:SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['IpAddress aws:SourceIp ::/0 among others', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::/0'] } }],
    ['StringNotEquals aws:SourceVpce', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }],
    ['NotIpAddress aws:SourceIp', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }],
    ['StringEqualsIfExists aws:SourceVpce', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }],
    [
      'ForAllValues:StringEquals aws:PrincipalOrgPaths',
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/' } },
    ],
    ['Null aws:SourceVpce false', { Null: { 'aws:SourceVpce': 'false' } }],
    ['AccessedViaMountTarget false', { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'false' } }],
    ['lambda:FunctionUrlAuthType NONE', { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } }],
    ['aws:username (the same name exists in every account)', { StringEquals: { 'aws:username': 'deploy' } }],
    ['aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }],
    [
      'kms:ViaService alone (any account can call through the service)',
      { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    ],
  ])('%s leaves "*" open: public', (_name, condition) => {
    expect(isPublic(condition ? { ...open, Condition: condition } : open)).toBe(true);
  });

  it('says which conditions failed to narrow the grant', () => {
    expect(
      publicStatements(
        doc({ ...open, Sid: 'AnyOrg', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }),
        'bucket data policy',
      ),
    ).toEqual([
      'bucket data policy statement AnyOrg allows Principal "*" to s3:GetObject with its conditions ' +
        '(StringLike aws:PrincipalOrgID) do not narrow it to fixed accounts, networks or sources',
    ]);
  });

  it('Allow with NotPrincipal grants everyone but the principals named', () => {
    const statement = {
      ...open,
      Principal: undefined,
      NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' },
    };
    expect(publicStatements(doc(statement), 'policy')).toEqual([
      'policy statement 1 allows everyone but its NotPrincipal to s3:GetObject with no restricting condition',
    ]);
  });

  describe('a Deny to everyone outside fixed sources', () => {
    const denyOutside = (extra: Record<string, unknown> = {}) => ({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      ...extra,
    });
    const publicWith = (deny: Record<string, unknown>) =>
      publicStatements(doc(open, deny), 'policy').length > 0;

    it('limits the Allow to those sources: not public', () => {
      expect(publicWith(denyOutside())).toBe(false);
      expect(publicWith(denyOutside({ Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] }))).toBe(false);
      expect(
        publicWith(denyOutside({ Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })),
      ).toBe(false);
    });

    it.each([
      ['a wildcard value', { Condition: { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } } }],
      ['a /0 range', { Condition: { NotIpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }],
      ['a positive operator', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }],
      [
        'a second condition that narrows when the Deny applies',
        {
          Condition: {
            StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
            Bool: { 'aws:SecureTransport': 'false' },
          },
        },
      ],
      ['fewer actions than the Allow grants', { Action: 's3:PutObject' }],
      ['one resource only', { Resource: 'arn:aws:s3:::data' }],
      [
        'no condition at all is a plain deny-all... of another principal',
        { Principal: { AWS: 'arn:aws:iam::1:root' } },
      ],
    ])('does not, with %s: public', (_name, extra) => {
      expect(publicWith(denyOutside(extra))).toBe(true);
    });
  });

  it('named principals and Deny statements are not public', () => {
    expect(isPublic({ ...open, Principal: { AWS: 'arn:aws:iam::999988887777:root' } })).toBe(false);
    expect(isPublic({ ...open, Principal: { Service: 'logging.s3.amazonaws.com' } })).toBe(false);
    expect(
      isPublic({ ...open, Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ).toBe(false);
  });
});
