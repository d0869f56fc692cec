import { unrestrictedKmsDecrypt } from '../../evaluator/analysers/iam';

const ACCOUNT = '111122223333';
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const judge = (document: unknown, partition = 'aws') => unrestrictedKmsDecrypt(document, partition, ACCOUNT);

describe('unrestrictedKmsDecrypt', () => {
  it('matches actions as IAM does: wildcards, "*:*", any letter case', () => {
    for (const action of ['*', '*:*', 'kms:*', 'kms:De*', 'KMS:decrypt', 'kms:*Encrypt*', 'kms:Decryp?'])
      expect(judge(doc({ Effect: 'Allow', Action: action, Resource: '*' }))).toHaveLength(1);
    for (const action of ['kms:Encrypt', 'kms:GenerateDataKey', 's3:*', 'kms:Describe*'])
      expect(judge(doc({ Effect: 'Allow', Action: action, Resource: '*' }))).toEqual([]);
  });

  it('names the statement and the actions it allows', () => {
    expect(judge(doc({ Sid: 'All', Effect: 'Allow', Action: 'kms:*', Resource: '*' }))).toEqual([
      'statement All ("kms:*" on "*", no condition) allows kms:Decrypt and kms:ReEncryptFrom with every key',
    ]);
  });

  it('reads NotAction and NotResource', () => {
    expect(judge(doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }))).toHaveLength(1);
    expect(judge(doc({ Effect: 'Allow', NotAction: ['iam:*', 'kms:*'], Resource: '*' }))).toEqual([]);
    expect(
      judge(doc({ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: 'arn:aws:s3:::bucket/*' })),
    ).toHaveLength(1);
    expect(judge(doc({ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: 'arn:aws:kms:*' }))).toEqual([]);
  });

  it('counts resource patterns covering every key of the account, in its partition', () => {
    const all = doc({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: `arn:aws-cn:kms:*:${ACCOUNT}:key/*`,
    });
    expect(judge(all, 'aws-cn')).toHaveLength(1);
    expect(judge(all, 'aws')).toEqual([]);
    const oneRegion = doc({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`,
    });
    expect(judge(oneRegion)).toEqual([]);
  });

  it('leaves out conditioned statements and those an unconditional Deny takes back', () => {
    expect(
      judge(
        doc({
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        }),
      ),
    ).toEqual([]);
    const denied = doc(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' },
    );
    expect(judge(denied)).toEqual([
      'statement 1 ("*" on "*", no condition) allows kms:ReEncryptFrom with every key',
    ]);
    expect(
      judge(
        doc(
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
          { Effect: 'Deny', Action: 'kms:*', Resource: '*' },
        ),
      ),
    ).toEqual([]);
  });

  it('accepts documents that are not objects', () => {
    expect(judge(null)).toEqual([]);
    expect(judge('not json')).toEqual([]);
  });
});
