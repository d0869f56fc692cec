import {
  bucketAsset,
  bucketRelationships,
  type BucketRead,
} from '../../../../collector/services/s3/transform';

const scope = {
  partition: 'aws',
  accountId: '123456789012',
  region: 'us-east-1',
  assetRegion: 'global',
  service: 's3',
};
const configured = (value: Record<string, unknown> | null) => ({ ok: true as const, value });

function read(keyId: string | undefined, region: BucketRead['region'] = { region: 'eu-west-1' }): BucketRead {
  return {
    bucket: { Name: 'b', CreationDate: new Date('2024-01-01T00:00:00Z') },
    region,
    details: {
      BucketEncryption: configured({
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyId } }],
        },
      }),
      PublicAccessBlock: configured(null),
      BucketVersioning: configured({}),
      BucketLogging: configured({}),
      BucketPolicy: configured({ Policy: 'not json' }),
      BucketPolicyStatus: configured(null),
      BucketAcl: { ok: false, code: 'AccessDenied' },
      BucketOwnershipControls: configured(null),
      BucketTagging: configured(null),
    },
  };
}

describe('bucketRelationships', () => {
  it('builds the key ARN from a bare key id in the bucket region', () => {
    expect(bucketRelationships(scope, 'aws', read('1234abcd'))[0].fromId).toBe(
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd',
    );
  });

  it('skips aliases, alias ARNs and keys of a bucket whose region is unknown', () => {
    expect(bucketRelationships(scope, 'aws', read('alias/aws/s3'))).toEqual([]);
    expect(bucketRelationships(scope, 'aws', read('arn:aws:kms:eu-west-1:123456789012:alias/app'))).toEqual(
      [],
    );
    expect(bucketRelationships(scope, 'aws', read('1234abcd', { error: 'AccessDenied' }))).toEqual([]);
    expect(bucketRelationships(scope, 'aws', read(undefined))).toEqual([]);
  });
});

describe('bucketAsset', () => {
  it('keeps an unparseable policy as AWS sent it and lists failed reads in readErrors', () => {
    const asset = bucketAsset(scope, 'aws-cn', read('k'));
    expect(asset.id).toBe('arn:aws-cn:s3:::b');
    expect(asset.config.BucketPolicy).toEqual({ Policy: 'not json' });
    expect(asset.readErrors).toEqual({ BucketAcl: 'AccessDenied' });
    expect(asset.config.CreationDate).toBe('2024-01-01T00:00:00.000Z');
  });
});
