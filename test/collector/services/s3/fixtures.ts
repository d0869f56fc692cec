// Trimmed S3 and S3 Control responses, typed against the SDK output types.
import {
  type GetBucketAclCommandOutput,
  type GetBucketEncryptionCommandOutput,
  type GetBucketLoggingCommandOutput,
  type GetBucketOwnershipControlsCommandOutput,
  type GetBucketPolicyCommandOutput,
  type GetBucketPolicyStatusCommandOutput,
  type GetBucketTaggingCommandOutput,
  type GetBucketVersioningCommandOutput,
  type GetPublicAccessBlockCommandOutput,
  type ListBucketsCommandOutput,
  S3ServiceException,
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

/** ACL of a `public-read` bucket: the owner, and READ for the AllUsers group, named by its URI. */
export const publicReadAcl: GetBucketAclCommandOutput = {
  $metadata,
  Owner: owner,
  Grants: [
    { Grantee: { Type: 'CanonicalUser', ID: owner.ID, DisplayName: 'owner' }, Permission: 'FULL_CONTROL' },
    {
      Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
      Permission: 'READ',
    },
  ],
};

/**
 * An S3 error as the SDK raises it from S3's XML error body: `name` and `Code` are the code, the body's other
 * members are copied onto it, and the HTTP answer (status, headers) is in the hidden `$response`.
 */
export function s3Error(
  code: string,
  httpStatusCode: number,
  members: Record<string, string> = {},
  headers: Record<string, string> = {},
): S3ServiceException {
  const { Message: message = code, ...rest } = members;
  const error = new S3ServiceException({
    name: code,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-err' },
    message,
  });
  Object.assign(error, { Code: code, ...rest, RequestId: 'req-err', HostId: 'host-err' });
  Object.defineProperty(error, '$response', {
    value: { statusCode: httpStatusCode, headers: { 'content-type': 'application/xml', ...headers } },
    enumerable: false,
  });
  return error;
}

/** A request sent to a region the bucket is not in (virtual-hosted or path style): 301 with the bucket's region. */
export const permanentRedirect = (bucket: string, region: string) =>
  s3Error(
    'PermanentRedirect',
    301,
    {
      Message:
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      Endpoint: `${bucket}.s3.${region}.amazonaws.com`,
      Bucket: bucket,
    },
    { 'x-amz-bucket-region': region },
  );

/** A request signed for the wrong region: 400 with the bucket's region in the body's `Region`. */
export const authorizationHeaderMalformed = (asked: string, region: string) =>
  s3Error('AuthorizationHeaderMalformed', 400, {
    Message: `The authorization header is malformed; the region '${asked}' is wrong; expecting '${region}'`,
    Region: region,
  });

/** S3's answer for functionality the endpoint does not implement. */
export const notImplemented = () =>
  s3Error('NotImplemented', 501, {
    Message: 'A header you provided implies functionality that is not implemented',
  });
