import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  NoSuchBucket,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { s3Collector } from '../../../../collector/services/s3';
import { redirectRegion, regionFromLocation } from '../../../../collector/services/s3/get';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';
import {
  accountBlock,
  authorizationHeaderMalformed,
  blockAll,
  bucketPolicy,
  bucketPolicyDocument,
  bucketsPage1,
  bucketsPage2,
  emptyBuckets,
  kmsEncryption,
  loggingOff,
  loggingToAccessLogs,
  notImplemented,
  ownerEnforced,
  permanentRedirect,
  policyStatus,
  privateAcl,
  publicReadAcl,
  s3Encryption,
  tagging,
  versioningEnabled,
  versioningNever,
} from './fixtures';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);

/** A fully configured account: app-data has everything, the others hit the "not configured" answers. */
function mockEstate(): void {
  s3.on(ListBucketsCommand)
    .resolves(bucketsPage1)
    .on(ListBucketsCommand, { ContinuationToken: 'page-2-token' })
    .resolves(bucketsPage2);
  s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({
    $metadata: {},
    LocationConstraint: 'EU',
  });
  s3.on(GetBucketEncryptionCommand)
    .resolves(s3Encryption)
    .on(GetBucketEncryptionCommand, { Bucket: 'app-data' })
    .resolves(kmsEncryption);
  s3.on(GetPublicAccessBlockCommand)
    .rejects(
      awsError(
        'NoSuchPublicAccessBlockConfiguration',
        404,
        'The public access block configuration was not found',
      ),
    )
    .on(GetPublicAccessBlockCommand, { Bucket: 'app-data' })
    .resolves(blockAll);
  s3.on(GetBucketVersioningCommand)
    .resolves(versioningNever)
    .on(GetBucketVersioningCommand, { Bucket: 'app-data' })
    .resolves(versioningEnabled);
  s3.on(GetBucketLoggingCommand)
    .resolves(loggingOff)
    .on(GetBucketLoggingCommand, { Bucket: 'app-data' })
    .resolves(loggingToAccessLogs);
  s3.on(GetBucketPolicyCommand)
    .rejects(awsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist'))
    .on(GetBucketPolicyCommand, { Bucket: 'app-data' })
    .resolves(bucketPolicy);
  s3.on(GetBucketPolicyStatusCommand)
    .rejects(awsError('NoSuchBucketPolicy', 404))
    .on(GetBucketPolicyStatusCommand, { Bucket: 'app-data' })
    .resolves(policyStatus);
  s3.on(GetBucketAclCommand).resolves(privateAcl);
  s3.on(GetBucketOwnershipControlsCommand)
    .rejects(awsError('OwnershipControlsNotFoundError', 404))
    .on(GetBucketOwnershipControlsCommand, { Bucket: 'app-data' })
    .resolves(ownerEnforced);
  s3.on(GetBucketTaggingCommand)
    .rejects(awsError('NoSuchTagSet', 404, 'The TagSet does not exist'))
    .on(GetBucketTaggingCommand, { Bucket: 'app-data' })
    .resolves(tagging);
  s3control.on(GetAccountPublicAccessBlockCommand).resolves(accountBlock);
}

beforeEach(() => {
  s3.reset();
  s3control.reset();
});

describe('s3Collector', () => {
  it('declares the real IAM actions, not the operation names', () => {
    const actions = Object.fromEntries(
      s3Collector.operations.map((operation) => [operation.api, operation.actions]),
    );
    expect(actions).toMatchObject({
      'S3.ListBuckets': ['s3:ListAllMyBuckets'],
      'S3.GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
      'S3.GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
      'S3Control.GetPublicAccessBlock': ['s3:GetAccountPublicAccessBlock'],
    });
    expect(s3Collector.scope).toBe('global');
  });

  it('reads every page of buckets, each with its configuration, as global assets', async () => {
    mockEstate();
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.id, asset.region])).toEqual([
      ['aws_s3_bucket', 'arn:aws:s3:::app-data', 'global'],
      ['aws_s3_bucket', 'arn:aws:s3:::legacy-eu', 'global'],
      ['aws_s3_bucket', 'arn:aws:s3:::access-logs', 'global'],
      [
        'aws_s3_account_public_access_block',
        'arn:aws:s3:::123456789012:account-public-access-block',
        'global',
      ],
    ]);
    const appData = run.assets[0];
    expect(appData).toMatchObject({
      class: 'DataStore',
      name: 'app-data',
      service: 's3',
      tags: { env: 'prod', owner: 'data' },
    });
    expect(appData.readErrors).toBeUndefined();
    expect(appData.config).toEqual({
      Name: 'app-data',
      CreationDate: '2024-03-01T10:00:00.000Z',
      BucketRegion: 'eu-west-1',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: kmsEncryption.ServerSideEncryptionConfiguration,
      },
      PublicAccessBlock: { PublicAccessBlockConfiguration: blockAll.PublicAccessBlockConfiguration },
      BucketVersioning: { Status: 'Enabled', MFADelete: 'Disabled' },
      BucketLogging: { LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'app-data/' } },
      BucketPolicy: { Policy: bucketPolicyDocument },
      BucketPolicyStatus: { PolicyStatus: { IsPublic: false } },
      BucketAcl: { Owner: privateAcl.Owner, Grants: privateAcl.Grants },
      BucketOwnershipControls: { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } },
      BucketTagging: { TagSet: tagging.TagSet },
    });
  });

  it('stores "not configured" answers as null, read and absent', async () => {
    mockEstate();
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const logs = run.assets.find((asset) => asset.name === 'access-logs');
    expect(logs?.readErrors).toBeUndefined();
    expect(logs?.config).toMatchObject({
      PublicAccessBlock: null,
      BucketPolicy: null,
      BucketPolicyStatus: null,
      BucketOwnershipControls: null,
      BucketTagging: null,
      BucketVersioning: {},
      BucketLogging: {},
    });
    expect(logs?.tags).toEqual({});
  });

  it('falls back to GetBucketLocation when ListBuckets gives no region and reads details in that region', async () => {
    mockEstate();
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(s3.commandCalls(GetBucketLocationCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'legacy-eu' },
    ]);
    expect(run.assets.find((asset) => asset.name === 'legacy-eu')?.config.BucketRegion).toBe('eu-west-1');
    const regions: Record<string, string> = {};
    for (const call of s3.commandCalls(GetBucketAclCommand)) {
      const client = call.thisValue as S3Client;
      regions[(call.args[0].input as { Bucket: string }).Bucket] = await client.config.region();
    }
    expect(regions).toEqual({
      'app-data': 'eu-west-1',
      'legacy-eu': 'eu-west-1',
      'access-logs': 'us-east-1',
    });
  });

  it('emits LOGS_TO for access logging and ENCRYPTS from the default-encryption key', async () => {
    mockEstate();
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.relationships).toEqual([
      {
        accountId: '123456789012',
        fromId: 'arn:aws:s3:::app-data',
        verb: 'LOGS_TO',
        toId: 'arn:aws:s3:::access-logs',
        service: 's3',
        region: 'global',
      },
      {
        accountId: '123456789012',
        fromId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        verb: 'ENCRYPTS',
        toId: 'arn:aws:s3:::app-data',
        service: 's3',
        region: 'global',
      },
    ]);
  });

  it('records denied or throttled detail calls as readErrors and keeps the rest of the bucket', async () => {
    mockEstate();
    s3.on(GetBucketPolicyCommand, { Bucket: 'app-data' }).rejects(
      awsError('AccessDenied', 403, 'Access Denied'),
    );
    s3.on(GetBucketAclCommand, { Bucket: 'app-data' }).rejects(
      awsError('SlowDown', 503, 'Please reduce your request rate.'),
    );
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const appData = run.assets.find((asset) => asset.name === 'app-data');
    expect(appData?.readErrors).toEqual({ BucketPolicy: 'AccessDenied', BucketAcl: 'SlowDown' });
    expect(appData?.config).not.toHaveProperty('BucketPolicy');
    expect(appData?.config).not.toHaveProperty('BucketAcl');
    expect(appData?.config.BucketVersioning).toEqual({ Status: 'Enabled', MFADelete: 'Disabled' });
    expect(run.failures).toEqual([]);
  });

  it('records a failed GetBucketLocation as a BucketRegion read error', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).rejects(awsError('AccessDenied', 403));
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.assets.find((asset) => asset.name === 'legacy-eu')?.readErrors).toEqual({
      BucketRegion: 'AccessDenied',
    });
  });

  it('leaves out a bucket deleted between the list and its detail calls', async () => {
    mockEstate();
    s3.on(GetBucketAclCommand, { Bucket: 'legacy-eu' }).rejects(
      new NoSuchBucket({
        message: 'The specified bucket does not exist',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.name)).not.toContain('legacy-eu');
  });

  it('handles an account without buckets and without an account-level block (null)', async () => {
    s3.on(ListBucketsCommand).resolves(emptyBuckets);
    s3control
      .on(GetAccountPublicAccessBlockCommand)
      .rejects(awsError('NoSuchPublicAccessBlockConfiguration', 404));
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.assets).toEqual([
      {
        id: 'arn:aws:s3:::123456789012:account-public-access-block',
        accountId: '123456789012',
        region: 'global',
        service: 's3',
        type: 'aws_s3_account_public_access_block',
        class: 'Configuration',
        name: 'account-public-access-block',
        tags: {},
        config: { PublicAccessBlock: null },
      },
    ]);
    expect(s3control.commandCalls(GetAccountPublicAccessBlockCommand)[0].args[0].input).toEqual({
      AccountId: '123456789012',
    });
  });

  it('fails the bucket type on AccessDenied for ListBuckets and still reads the account block', async () => {
    const denied = awsError('AccessDenied', 403, 'Access Denied');
    s3.on(ListBucketsCommand).rejects(denied);
    s3control.on(GetAccountPublicAccessBlockCommand).resolves(accountBlock);
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.failures).toEqual([{ type: 'aws_s3_bucket', error: denied }]);
    expect(run.assets.map((asset) => asset.config)).toEqual([
      { PublicAccessBlock: { PublicAccessBlockConfiguration: accountBlock.PublicAccessBlockConfiguration } },
    ]);
  });

  it('throws when neither buckets nor the account block could be read', async () => {
    const denied = awsError('AccessDenied', 403);
    s3.on(ListBucketsCommand).rejects(denied);
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 403));
    const run = testContext(s3Collector);
    await expect(s3Collector.collect(run.ctx)).rejects.toBe(denied);
  });
});

/** The detail calls of one bucket, each with the answer it gets in the bucket's own region. */
const DETAIL_ANSWERS = [
  [GetBucketEncryptionCommand, s3Encryption],
  [GetPublicAccessBlockCommand, blockAll],
  [GetBucketVersioningCommand, versioningEnabled],
  [GetBucketLoggingCommand, loggingOff],
  [GetBucketPolicyCommand, bucketPolicy],
  [GetBucketPolicyStatusCommand, policyStatus],
  [GetBucketAclCommand, privateAcl],
  [GetBucketOwnershipControlsCommand, ownerEnforced],
  [GetBucketTaggingCommand, tagging],
] as const;

/** Every detail call of `bucket` answers only from a client in `region`; from elsewhere it gets `wrongRegion`. */
function answerOnlyIn(bucket: string, region: string, wrongRegion: (asked: string) => Error): void {
  for (const [Command, output] of DETAIL_ANSWERS) {
    s3.on(Command as typeof GetBucketAclCommand, { Bucket: bucket }).callsFake(async (_input, getClient) => {
      const asked = await getClient().config.region();
      if (asked === region) return output;
      throw wrongRegion(asked);
    });
  }
}

/** Bucket -> region of the client each detail call of that bucket was sent with (one region per bucket). */
async function detailRegions(): Promise<Record<string, string[]>> {
  const regions: Record<string, Set<string>> = {};
  for (const call of s3.commandCalls(GetBucketAclCommand)) {
    const bucket = (call.args[0].input as { Bucket: string }).Bucket;
    (regions[bucket] ??= new Set()).add(await (call.thisValue as S3Client).config.region());
  }
  return Object.fromEntries(Object.entries(regions).map(([bucket, set]) => [bucket, [...set]]));
}

describe('s3Collector where the region S3 names differs from the one asked', () => {
  it('follows a 301 PermanentRedirect of GetBucketLocation to the region in x-amz-bucket-region', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).rejects(
      permanentRedirect('legacy-eu', 'eu-central-1'),
    );
    answerOnlyIn('legacy-eu', 'eu-central-1', () => permanentRedirect('legacy-eu', 'eu-central-1'));
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const bucket = run.assets.find((asset) => asset.name === 'legacy-eu');
    expect(bucket?.readErrors).toBeUndefined();
    expect(bucket?.config).toMatchObject({
      BucketRegion: 'eu-central-1',
      BucketVersioning: { Status: 'Enabled' },
    });
    expect((await detailRegions())['legacy-eu']).toEqual(['eu-central-1']);
  });

  it('takes the region from the Region of a 400 AuthorizationHeaderMalformed', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).rejects(
      authorizationHeaderMalformed('us-east-1', 'ap-southeast-2'),
    );
    answerOnlyIn('legacy-eu', 'ap-southeast-2', (asked) =>
      authorizationHeaderMalformed(asked, 'ap-southeast-2'),
    );
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const bucket = run.assets.find((asset) => asset.name === 'legacy-eu');
    expect(bucket?.readErrors).toBeUndefined();
    expect(bucket?.config.BucketRegion).toBe('ap-southeast-2');
    expect((await detailRegions())['legacy-eu']).toEqual(['ap-southeast-2']);
  });

  it('reads the details again where a redirect says the bucket is when GetBucketLocation is denied', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).rejects(awsError('AccessDenied', 403));
    answerOnlyIn('legacy-eu', 'eu-central-1', () => permanentRedirect('legacy-eu', 'eu-central-1'));
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const bucket = run.assets.find((asset) => asset.name === 'legacy-eu');
    expect(bucket?.readErrors).toBeUndefined();
    expect(bucket?.config).toMatchObject({
      BucketRegion: 'eu-central-1',
      BucketAcl: { Grants: privateAcl.Grants },
      BucketPolicy: { Policy: bucketPolicyDocument },
    });
    // Asked once at home (redirected), once in the bucket's region.
    expect(s3.commandCalls(GetBucketAclCommand, { Bucket: 'legacy-eu' })).toHaveLength(2);
  });

  it('follows a redirect once, then records what is still redirected as read errors', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).rejects(awsError('AccessDenied', 403));
    // Each region points somewhere else: no region answers.
    answerOnlyIn('legacy-eu', 'nowhere', (asked) =>
      permanentRedirect('legacy-eu', asked === 'us-east-1' ? 'eu-central-1' : 'eu-west-2'),
    );
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    const bucket = run.assets.find((asset) => asset.name === 'legacy-eu');
    expect(bucket?.config.BucketRegion).toBe('eu-central-1');
    expect(bucket?.readErrors).toEqual(
      Object.fromEntries(
        [
          'BucketEncryption',
          'PublicAccessBlock',
          'BucketVersioning',
          'BucketLogging',
          'BucketPolicy',
          'BucketPolicyStatus',
          'BucketAcl',
          'BucketOwnershipControls',
          'BucketTagging',
        ].map((key) => [key, 'PermanentRedirect']),
      ),
    );
    expect(s3.commandCalls(GetBucketAclCommand, { Bucket: 'legacy-eu' })).toHaveLength(2);
    expect(run.failures).toEqual([]);
  });

  it('reads a bucket whose GetBucketLocation answers no LocationConstraint in us-east-1', async () => {
    mockEstate();
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({ $metadata: {} });
    const run = testContext(s3Collector, { region: 'eu-west-1' });
    await s3Collector.collect(run.ctx);
    expect(run.assets.find((asset) => asset.name === 'legacy-eu')?.config.BucketRegion).toBe('us-east-1');
    expect((await detailRegions())['legacy-eu']).toEqual(['us-east-1']);
  });
});

describe('s3Collector against an endpoint that does not implement every operation', () => {
  it('records a detail call the endpoint does not implement for that key only', async () => {
    mockEstate();
    s3.on(GetBucketPolicyStatusCommand).rejects(notImplemented());
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.assets.filter((asset) => asset.type === 'aws_s3_bucket')).toHaveLength(3);
    const appData = run.assets.find((asset) => asset.name === 'app-data');
    expect(appData?.readErrors).toEqual({ BucketPolicyStatus: 'NotImplemented' });
    expect(appData?.config).not.toHaveProperty('BucketPolicyStatus');
    expect(appData?.config.BucketPolicy).toEqual({ Policy: bucketPolicyDocument });
  });

  it('fails only the account block type when S3 Control does not implement GetPublicAccessBlock', async () => {
    mockEstate();
    const missing = awsError('NotImplemented', 501, 'not implemented');
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(missing);
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.failures).toEqual([
      {
        type: 'aws_s3_account_public_access_block',
        error: expect.objectContaining({ name: 'NotImplemented' }),
      },
    ]);
    expect(run.assets.filter((asset) => asset.type === 'aws_s3_bucket')).toHaveLength(3);
  });

  it('keeps ACL grants to a group, named by its URI, as AWS sent them', async () => {
    mockEstate();
    s3.on(GetBucketAclCommand, { Bucket: 'access-logs' }).resolves(publicReadAcl);
    const run = testContext(s3Collector);
    await s3Collector.collect(run.ctx);
    expect(run.assets.find((asset) => asset.name === 'access-logs')?.config.BucketAcl).toEqual({
      Owner: publicReadAcl.Owner,
      Grants: publicReadAcl.Grants,
    });
  });
});

describe('redirectRegion', () => {
  it('reads the header of a redirect and the body of a wrongly signed request, nothing else', () => {
    expect(redirectRegion(permanentRedirect('b', 'eu-central-1'))).toBe('eu-central-1');
    expect(redirectRegion(authorizationHeaderMalformed('us-east-1', 'sa-east-1'))).toBe('sa-east-1');
    // S3 also names the region on a 403; that is a refusal, not a redirect.
    const denied = Object.defineProperty(awsError('AccessDenied', 403), '$response', {
      value: { statusCode: 403, headers: { 'x-amz-bucket-region': 'eu-west-1' } },
    });
    expect(redirectRegion(denied)).toBeUndefined();
    expect(redirectRegion(awsError('InvalidRequest', 400))).toBeUndefined();
    expect(redirectRegion(undefined)).toBeUndefined();
  });
});

describe('regionFromLocation', () => {
  it('maps the empty constraint to us-east-1 and the legacy EU to eu-west-1', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-south-1')).toBe('ap-south-1');
  });
});
