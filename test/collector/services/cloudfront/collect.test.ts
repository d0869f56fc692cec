import {
  CloudFrontClient,
  CloudFrontServiceException,
  type DistributionConfig,
  type DistributionSummary,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  type ListDistributionsCommandOutput,
  NoSuchDistribution,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudfrontCollector } from '../../../../collector/services/cloudfront';
import { s3BucketOfDomain } from '../../../../collector/services/cloudfront/transform';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '9b1f3c2d-0000-4000-8000-000000000001' };
const SHOP = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL';
const DOCS = 'arn:aws:cloudfront::123456789012:distribution/E1B2C3D4E5F6G7';

const origins = (domain: string) => ({
  Quantity: 1,
  Items: [{ Id: 'o1', DomainName: domain, OriginPath: '', S3OriginConfig: { OriginAccessIdentity: '' } }],
});
const behavior = { TargetOriginId: 'o1', ViewerProtocolPolicy: 'redirect-to-https' as const };
const summary = (id: string, arn: string, domain: string): DistributionSummary => ({
  Id: id,
  ARN: arn,
  Status: 'Deployed',
  LastModifiedTime: new Date('2026-10-01T10:00:00Z'),
  DomainName: `${id.toLowerCase()}.cloudfront.net`,
  Aliases: { Quantity: 0 },
  Origins: origins(domain),
  DefaultCacheBehavior: behavior,
  CacheBehaviors: { Quantity: 0 },
  CustomErrorResponses: { Quantity: 0 },
  Comment: '',
  PriceClass: 'PriceClass_All',
  Enabled: true,
  ViewerCertificate: { CloudFrontDefaultCertificate: true },
  Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
  WebACLId: '',
  HttpVersion: 'http2',
  IsIPV6Enabled: true,
  Staging: false,
});
// Page 1 is truncated: NextMarker names where page 2 starts.
const page1: ListDistributionsCommandOutput = {
  $metadata,
  DistributionList: {
    Marker: '',
    NextMarker: 'E1B2C3D4E5F6G7',
    MaxItems: 1,
    IsTruncated: true,
    Quantity: 1,
    Items: [summary('E2QWRUHAPOMQZL', SHOP, 'shop-assets.s3.us-east-1.amazonaws.com')],
  },
};
const page2: ListDistributionsCommandOutput = {
  $metadata,
  DistributionList: {
    Marker: 'E1B2C3D4E5F6G7',
    MaxItems: 1,
    IsTruncated: false,
    Quantity: 1,
    Items: [summary('E1B2C3D4E5F6G7', DOCS, 'docs-site.s3-website-eu-west-1.amazonaws.com')],
  },
};
const config = (rootObject: string): DistributionConfig => ({
  CallerReference: `ref-${rootObject}`,
  DefaultRootObject: rootObject,
  Origins: origins('shop-assets.s3.us-east-1.amazonaws.com'),
  DefaultCacheBehavior: behavior,
  Comment: '',
  Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
  Enabled: true,
  WebACLId: '',
});

const cloudfront = mockClient(CloudFrontClient);

function mockDistributions(): void {
  cloudfront
    .on(ListDistributionsCommand)
    .resolves(page1)
    .on(ListDistributionsCommand, { Marker: 'E1B2C3D4E5F6G7' })
    .resolves(page2);
  cloudfront
    .on(GetDistributionConfigCommand, { Id: 'E2QWRUHAPOMQZL' })
    .resolves({ $metadata, ETag: 'E2QWRUHEXAMPLE', DistributionConfig: config('index.html') });
  cloudfront
    .on(GetDistributionConfigCommand, { Id: 'E1B2C3D4E5F6G7' })
    .resolves({ $metadata, ETag: 'E1B2C3EXAMPLE', DistributionConfig: config('') });
}

beforeEach(() => cloudfront.reset());

describe('cloudfrontCollector', () => {
  it('follows NextMarker while IsTruncated and emits each distribution with its configuration, globally', async () => {
    mockDistributions();
    const run = testContext(cloudfrontCollector);
    await cloudfrontCollector.collect(run.ctx);
    expect(cloudfront.commandCalls(ListDistributionsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => [asset.type, asset.id, asset.name, asset.region])).toEqual([
      ['aws_cloudfront_distribution', SHOP, 'E2QWRUHAPOMQZL', 'global'],
      ['aws_cloudfront_distribution', DOCS, 'E1B2C3D4E5F6G7', 'global'],
    ]);
    expect(run.assets[0].config).toMatchObject({
      S3OriginBuckets: ['shop-assets'],
      DistributionConfig: { DefaultRootObject: 'index.html', Logging: { Enabled: false } },
    });
    expect(run.assets[1].config.S3OriginBuckets).toEqual(['docs-site']);
  });

  it('fails the unit with AWS code when ListDistributions is denied', async () => {
    cloudfront.on(ListDistributionsCommand).rejects(
      new CloudFrontServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: cloudfront:ListDistributions',
      }),
    );
    const run = testContext(cloudfrontCollector);
    await expect(cloudfrontCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a distribution whose configuration is denied, drops one deleted since the list', async () => {
    mockDistributions();
    cloudfront.on(GetDistributionConfigCommand, { Id: 'E2QWRUHAPOMQZL' }).rejects(
      new CloudFrontServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: cloudfront:GetDistributionConfig',
      }),
    );
    cloudfront
      .on(GetDistributionConfigCommand, { Id: 'E1B2C3D4E5F6G7' })
      .rejects(
        new NoSuchDistribution({ message: 'The specified distribution does not exist.', $metadata: {} }),
      );
    const run = testContext(cloudfrontCollector);
    await cloudfrontCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors, asset.config.S3OriginBuckets])).toEqual([
      [SHOP, { DistributionConfig: 'AccessDenied' }, ['shop-assets']],
    ]);
  });

  it('makes no further calls without distributions (DistributionList without Items)', async () => {
    cloudfront.on(ListDistributionsCommand).resolves({
      $metadata,
      DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0 },
    });
    const run = testContext(cloudfrontCollector);
    await cloudfrontCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['CloudFront.ListDistributions']);
  });
});

describe('s3BucketOfDomain', () => {
  it.each([
    ['shop-assets.s3.amazonaws.com', 'shop-assets'],
    ['shop-assets.s3.us-east-1.amazonaws.com', 'shop-assets'],
    ['my.dotted.bucket.s3-eu-west-1.amazonaws.com', 'my.dotted.bucket'],
    ['docs-site.s3-website-eu-west-1.amazonaws.com', 'docs-site'],
    ['docs-site.s3-website.eu-central-1.amazonaws.com', 'docs-site'],
    ['api.example.com', undefined],
    ['my-alb-123.us-east-1.elb.amazonaws.com', undefined],
  ])('%s -> %s', (domain, bucket) => {
    expect(s3BucketOfDomain(domain)).toBe(bucket);
  });
});
