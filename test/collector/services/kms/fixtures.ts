import type {
  DescribeKeyCommandOutput,
  GetKeyPolicyCommandOutput,
  GetKeyRotationStatusCommandOutput,
  KeyMetadata,
  ListKeysCommandOutput,
  ListResourceTagsCommandOutput,
} from '@aws-sdk/client-kms';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
export const arnOf = (id: string) => `arn:aws:kms:us-east-1:123456789012:key/${id}`;
export const CUSTOMER = 'c0000000-0000-4000-8000-000000000001';
export const AWS_MANAGED = 'a0000000-0000-4000-8000-000000000002';
export const PENDING = 'd0000000-0000-4000-8000-000000000003';
export const ASYMMETRIC = 'e0000000-0000-4000-8000-000000000004';

export const keysPage1: ListKeysCommandOutput = {
  $metadata,
  Keys: [
    { KeyId: CUSTOMER, KeyArn: arnOf(CUSTOMER) },
    { KeyId: AWS_MANAGED, KeyArn: arnOf(AWS_MANAGED) },
  ],
  Truncated: true,
  NextMarker: 'keys-page-2',
};

export const keysPage2: ListKeysCommandOutput = {
  $metadata,
  Keys: [
    { KeyId: PENDING, KeyArn: arnOf(PENDING) },
    { KeyId: ASYMMETRIC, KeyArn: arnOf(ASYMMETRIC) },
  ],
  Truncated: false,
};

const baseMetadata = (id: string, overrides: Partial<KeyMetadata>): KeyMetadata => ({
  AWSAccountId: '123456789012',
  KeyId: id,
  Arn: arnOf(id),
  CreationDate: new Date('2024-01-01T00:00:00Z'),
  Enabled: true,
  Description: '',
  KeyUsage: 'ENCRYPT_DECRYPT',
  KeyState: 'Enabled',
  Origin: 'AWS_KMS',
  KeyManager: 'CUSTOMER',
  CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
  KeySpec: 'SYMMETRIC_DEFAULT',
  EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
  MultiRegion: false,
  ...overrides,
});

export const descriptions: Record<string, DescribeKeyCommandOutput> = {
  [CUSTOMER]: { $metadata, KeyMetadata: baseMetadata(CUSTOMER, { Description: 'app data' }) },
  [AWS_MANAGED]: {
    $metadata,
    KeyMetadata: baseMetadata(AWS_MANAGED, { KeyManager: 'AWS', Description: 'Default key for S3' }),
  },
  [PENDING]: {
    $metadata,
    KeyMetadata: baseMetadata(PENDING, {
      Enabled: false,
      KeyState: 'PendingDeletion',
      DeletionDate: new Date('2026-12-01T00:00:00Z'),
    }),
  },
  [ASYMMETRIC]: {
    $metadata,
    KeyMetadata: baseMetadata(ASYMMETRIC, {
      KeyUsage: 'SIGN_VERIFY',
      KeySpec: 'ECC_NIST_P256',
      CustomerMasterKeySpec: 'ECC_NIST_P256',
      EncryptionAlgorithms: undefined,
      SigningAlgorithms: ['ECDSA_SHA_256'],
    }),
  },
};

export const rotationEnabled: GetKeyRotationStatusCommandOutput = {
  $metadata,
  KeyRotationEnabled: true,
  KeyId: arnOf(CUSTOMER),
  RotationPeriodInDays: 365,
  NextRotationDate: new Date('2027-01-01T00:00:00Z'),
};

export const keyPolicyDocument = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};
export const keyPolicy: GetKeyPolicyCommandOutput = {
  $metadata,
  Policy: JSON.stringify(keyPolicyDocument),
  PolicyName: 'default',
};

export const tagsPage1: ListResourceTagsCommandOutput = {
  $metadata,
  Tags: [{ TagKey: 'env', TagValue: 'prod' }],
  Truncated: true,
  NextMarker: 'tags-page-2',
};
export const tagsPage2: ListResourceTagsCommandOutput = {
  $metadata,
  Tags: [{ TagKey: 'team', TagValue: 'data' }],
  Truncated: false,
};
export const noTags: ListResourceTagsCommandOutput = { $metadata, Tags: [], Truncated: false };
