// Records S3 answers for a demo account (collector/services/s3): the bucket list (paged by ContinuationToken),
// each bucket's configuration sub-resources, and the account-level public access block (S3 Control).
import type { Bucket, Grant, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { ANY_REGION, type Recording, type RecordedError } from '../recording';
import { type EstateContext, daysAgo } from './profile';

export const BUCKETS_PER_PAGE = 4;

interface BucketPlan {
  name: string;
  region: string;
  encryption: 'aws:kms' | 'AES256';
  block: boolean;
  versioning: boolean;
  logging: boolean;
  /** Bucket policy statements (undefined: no policy). */
  policy?: object[];
  /** Public to everyone through the ACL. */
  publicAcl?: boolean;
  tags?: Record<string, string>;
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const notFound = (name: string, message: string): RecordedError => ({ name, status: 404, message });

export function demoBuckets(ctx: EstateContext): BucketPlan[] {
  const owner = ctx.account.awsAccountId;
  const denyInsecure = (bucket: string) => ({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const publicRead = (bucket: string) => ({
    Sid: 'PublicRead',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
  });
  const trailWrite = (bucket: string) => ({
    Sid: 'AWSCloudTrailWrite',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${bucket}/AWSLogs/${owner}/*`,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
  });
  if (ctx.account.kind === 'production') {
    const artifacts = `production-artifacts-${owner}`;
    const trail = `production-cloudtrail-${owner}`;
    const website = 'production-public-website';
    return [
      {
        name: artifacts,
        region: 'us-east-1',
        encryption: 'aws:kms',
        block: true,
        versioning: true,
        logging: true,
        policy: [denyInsecure(artifacts)],
        tags: { env: 'production', data: 'internal' },
      },
      {
        name: `production-alb-logs-${owner}`,
        region: 'us-east-1',
        encryption: 'AES256',
        block: true,
        versioning: true,
        logging: false,
      },
      {
        name: trail,
        region: 'us-east-1',
        encryption: 'aws:kms',
        block: true,
        versioning: true,
        logging: true,
        policy: [trailWrite(trail), denyInsecure(trail)],
      },
      {
        name: `production-access-logs-${owner}`,
        region: 'us-east-1',
        encryption: 'AES256',
        block: true,
        versioning: false,
        logging: false,
      },
      {
        name: website,
        region: 'eu-west-1',
        encryption: 'AES256',
        block: false,
        versioning: true,
        logging: true,
        policy: [publicRead(website)],
        tags: { purpose: 'website' },
      },
      {
        name: 'production-partner-exchange',
        region: 'eu-west-1',
        encryption: 'AES256',
        block: ctx.changes.aclBucketFixed,
        versioning: false,
        logging: false,
        publicAcl: !ctx.changes.aclBucketFixed,
      },
      {
        name: `production-uploads-${owner}`,
        region: 'eu-central-1',
        encryption: 'AES256',
        block: true,
        versioning: false,
        logging: false,
        policy: [denyInsecure(`production-uploads-${owner}`)],
      },
    ];
  }
  const trail = `staging-cloudtrail-${owner}`;
  return [
    {
      name: trail,
      region: 'us-east-1',
      encryption: 'AES256',
      block: false,
      versioning: false,
      logging: false,
      policy: [trailWrite(trail)],
    },
    {
      name: `staging-build-cache-${owner}`,
      region: 'us-east-1',
      encryption: 'AES256',
      block: true,
      versioning: false,
      logging: false,
    },
    {
      name: `staging-uploads-${owner}`,
      region: 'eu-west-1',
      encryption: 'AES256',
      block: false,
      versioning: false,
      logging: false,
    },
    {
      name: 'staging-data-dump',
      region: 'eu-central-1',
      encryption: 'AES256',
      block: false,
      versioning: false,
      logging: false,
      policy: [
        {
          Sid: 'Everyone',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::staging-data-dump', 'arn:aws:s3:::staging-data-dump/*'],
        },
      ],
    },
    {
      name: 'staging-qa-screenshots',
      region: 'eu-west-1',
      encryption: 'AES256',
      block: false,
      versioning: false,
      logging: false,
      publicAcl: true,
    },
  ];
}

export function recordStorage(recording: Recording, ctx: EstateContext): void {
  const owner = ctx.account.awsAccountId;
  const ownerId = `${owner}c0ffee${'0'.repeat(46)}`.slice(0, 64);
  const plans = demoBuckets(ctx);
  const buckets: Bucket[] = plans.map((plan, index) => ({
    Name: plan.name,
    CreationDate: daysAgo(ctx.now, 300 + index * 20),
    BucketRegion: plan.region,
  }));
  recording.paged('S3', 'ListBuckets', 'us-east-1', {
    items: buckets,
    itemsKey: 'Buckets',
    pageSize: BUCKETS_PER_PAGE,
    tokenIn: 'ContinuationToken',
    tokenOut: 'ContinuationToken',
    extra: { Owner: { ID: ownerId, DisplayName: ctx.account.name.toLowerCase() } },
  });

  for (const plan of plans) {
    const at = { Bucket: plan.name };
    const add = (operation: string, output: object) =>
      recording.output('S3', operation, ANY_REGION, at, output);
    const fail = (operation: string, error: RecordedError) =>
      recording.error('S3', operation, ANY_REGION, at, error);
    add('GetBucketLocation', { LocationConstraint: plan.region === 'us-east-1' ? undefined : plan.region });
    add('GetBucketEncryption', {
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault:
              plan.encryption === 'aws:kms'
                ? {
                    SSEAlgorithm: 'aws:kms',
                    KMSMasterKeyID: `arn:aws:kms:${plan.region}:${owner}:alias/s3-data`,
                  }
                : { SSEAlgorithm: 'AES256' },
            BucketKeyEnabled: plan.encryption === 'aws:kms',
          },
        ],
      },
    });
    const block: PublicAccessBlockConfiguration = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    if (plan.block) add('GetPublicAccessBlock', { PublicAccessBlockConfiguration: block });
    else
      fail(
        'GetPublicAccessBlock',
        notFound(
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
        ),
      );
    // A bucket that never had versioning answers with no Status at all.
    add('GetBucketVersioning', plan.versioning ? { Status: 'Enabled', MFADelete: 'Disabled' } : {});
    add(
      'GetBucketLogging',
      plan.logging
        ? {
            LoggingEnabled: {
              TargetBucket: `${ctx.account.kind}-access-logs-${owner}`,
              TargetPrefix: `${plan.name}/`,
            },
          }
        : {},
    );
    if (plan.policy) {
      add('GetBucketPolicy', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: plan.policy }) });
      const isPublic = plan.policy.some((statement) => {
        const s = statement as { Effect: string; Principal: unknown; Condition?: unknown };
        return (
          s.Effect === 'Allow' &&
          !s.Condition &&
          (s.Principal === '*' || JSON.stringify(s.Principal) === '{"AWS":"*"}')
        );
      });
      add('GetBucketPolicyStatus', { PolicyStatus: { IsPublic: isPublic && !plan.block } });
    } else {
      fail('GetBucketPolicy', notFound('NoSuchBucketPolicy', 'The bucket policy does not exist'));
      fail('GetBucketPolicyStatus', notFound('NoSuchBucketPolicy', 'The bucket policy does not exist'));
    }
    const grants: Grant[] = [{ Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' }];
    if (plan.publicAcl) grants.push({ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' });
    add('GetBucketAcl', { Owner: { ID: ownerId }, Grants: grants });
    if (plan.publicAcl)
      add('GetBucketOwnershipControls', {
        OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
      });
    else
      add('GetBucketOwnershipControls', {
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    if (plan.tags)
      add('GetBucketTagging', { TagSet: Object.entries(plan.tags).map(([Key, Value]) => ({ Key, Value })) });
    else fail('GetBucketTagging', notFound('NoSuchTagSet', 'The TagSet does not exist'));
  }

  if (ctx.account.kind === 'production') {
    recording.output(
      'S3Control',
      'GetPublicAccessBlock',
      'us-east-1',
      { AccountId: owner },
      {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: false,
          IgnorePublicAcls: false,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      },
    );
  } else {
    recording.error(
      'S3Control',
      'GetPublicAccessBlock',
      'us-east-1',
      { AccountId: owner },
      notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'),
    );
  }
}
