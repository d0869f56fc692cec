// S3 operations and the IAM actions behind them: S3's action names differ from its operation names.
import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

/** Bucket detail calls: config key (CATALOG.md rule 2) -> operation, IAM action, "not configured" error codes. */
export const BUCKET_DETAILS = [
  {
    key: 'BucketEncryption',
    api: 'S3.GetBucketEncryption',
    action: 's3:GetEncryptionConfiguration',
    notConfigured: ['ServerSideEncryptionConfigurationNotFoundError'],
  },
  {
    key: 'PublicAccessBlock',
    api: 'S3.GetPublicAccessBlock',
    action: 's3:GetBucketPublicAccessBlock',
    notConfigured: ['NoSuchPublicAccessBlockConfiguration'],
  },
  {
    key: 'BucketVersioning',
    api: 'S3.GetBucketVersioning',
    action: 's3:GetBucketVersioning',
    notConfigured: [],
  },
  { key: 'BucketLogging', api: 'S3.GetBucketLogging', action: 's3:GetBucketLogging', notConfigured: [] },
  {
    key: 'BucketPolicy',
    api: 'S3.GetBucketPolicy',
    action: 's3:GetBucketPolicy',
    notConfigured: ['NoSuchBucketPolicy'],
  },
  {
    key: 'BucketPolicyStatus',
    api: 'S3.GetBucketPolicyStatus',
    action: 's3:GetBucketPolicyStatus',
    notConfigured: ['NoSuchBucketPolicy'],
  },
  { key: 'BucketAcl', api: 'S3.GetBucketAcl', action: 's3:GetBucketAcl', notConfigured: [] },
  {
    key: 'BucketOwnershipControls',
    api: 'S3.GetBucketOwnershipControls',
    action: 's3:GetBucketOwnershipControls',
    notConfigured: ['OwnershipControlsNotFoundError'],
  },
  {
    key: 'BucketTagging',
    api: 'S3.GetBucketTagging',
    action: 's3:GetBucketTagging',
    notConfigured: ['NoSuchTagSet'],
  },
] as const;

export type BucketDetailKey = (typeof BUCKET_DETAILS)[number]['key'];

export const s3Operations: OperationDeclaration[] = [
  { api: 'S3.ListBuckets', actions: ['s3:ListAllMyBuckets'] },
  { api: 'S3.GetBucketLocation', actions: ['s3:GetBucketLocation'] },
  ...BUCKET_DETAILS.map((detail) => ({ api: detail.api, actions: [detail.action] })),
  { api: 'S3Control.GetPublicAccessBlock', actions: ['s3:GetAccountPublicAccessBlock'] },
];

export const s3ResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_s3_bucket',
    class: 'DataStore',
    listOperation: 'S3.ListBuckets',
    detailOperations: ['S3.GetBucketLocation', ...BUCKET_DETAILS.map((detail) => detail.api)],
    idSource: 'ARN built from Bucket.Name: arn:{partition}:s3:::{Name}',
  },
  {
    type: 'aws_s3_account_public_access_block',
    class: 'Configuration',
    listOperation: 'S3Control.GetPublicAccessBlock',
    idSource: 'synthetic: arn:{partition}:s3:::{account}:account-public-access-block',
  },
];
