// Trimmed S3 and S3 Control responses, typed against the SDK output types.
import type {
  GetBucketAclCommandOutput,
  GetBucketEncryptionCommandOutput,
  GetBucketLoggingCommandOutput,
  GetBucketOwnershipControlsCommandOutput,
  GetBucketPolicyCommandOutput,
  GetBucketPolicyStatusCommandOutput,
  GetBucketTaggingCommandOutput,
  GetBucketVersioningCommandOutput,
  GetPublicAccessBlockCommandOutput,
  ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import type { GetPublicAccessBlockCommandOutput as AccountBlockOutput } from '@aws-sdk/client-s3-control';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const owner = {
  DisplayName: 'owner',
  ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
};

export const bucketsPage1: ListBucketsCommandOutput = {
  $metadata,
  Buckets: [
    { Name: 'app-data', CreationDate: new Date('2024-03-01T10:00:00Z'), BucketRegion: 'eu-west-1' },
    // Emulators (and older endpoints) omit BucketRegion.
    { Name: 'legacy-eu', CreationDate: new Date('2015-05-05T05:05:05Z') },
  ],
  Owner: owner,
  ContinuationToken: 'page-2-token',
  Prefix: undefined,
};

export const bucketsPage2: ListBucketsCommandOutput = {
  $metadata,
  Buckets: [
    { Name: 'access-logs', CreationDate: new Date('2024-01-01T00:00:00Z'), BucketRegion: 'us-east-1' },
  ],
  Owner: owner,
};

export const emptyBuckets: ListBucketsCommandOutput = { $metadata, Buckets: [], Owner: owner };

export const kmsEncryption: GetBucketEncryptionCommandOutput = {
  $metadata,
  ServerSideEncryptionConfiguration: {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
        BucketKeyEnabled: true,
      },
    ],
  },
};

export const s3Encryption: GetBucketEncryptionCommandOutput = {
  $metadata,
  ServerSideEncryptionConfiguration: {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
  },
};

export const blockAll: GetPublicAccessBlockCommandOutput = {
  $metadata,
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
};

export const versioningEnabled: GetBucketVersioningCommandOutput = {
  $metadata,
  Status: 'Enabled',
  MFADelete: 'Disabled',
};
/** A bucket whose versioning was never enabled: an empty output, not an error. */
export const versioningNever: GetBucketVersioningCommandOutput = { $metadata };

export const loggingToAccessLogs: GetBucketLoggingCommandOutput = {
  $metadata,
  LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'app-data/' },
};
export const loggingOff: GetBucketLoggingCommandOutput = { $metadata };

export const bucketPolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};
export const bucketPolicy: GetBucketPolicyCommandOutput = {
  $metadata,
  Policy: JSON.stringify(bucketPolicyDocument),
};
export const policyStatus: GetBucketPolicyStatusCommandOutput = {
  $metadata,
  PolicyStatus: { IsPublic: false },
};

export const privateAcl: GetBucketAclCommandOutput = {
  $metadata,
  Owner: owner,
  Grants: [
    { Grantee: { Type: 'CanonicalUser', ID: owner.ID, DisplayName: 'owner' }, Permission: 'FULL_CONTROL' },
  ],
};

export const ownerEnforced: GetBucketOwnershipControlsCommandOutput = {
  $metadata,
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
};

export const tagging: GetBucketTaggingCommandOutput = {
  $metadata,
  TagSet: [
    { Key: 'env', Value: 'prod' },
    { Key: 'owner', Value: 'data' },
  ],
};

export const accountBlock: AccountBlockOutput = {
  $metadata,
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
};
