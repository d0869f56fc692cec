// Records CloudFront (global, answered in us-east-1) for a demo account. Production: the public website's
// distribution, in front of its S3 bucket, with a default root object, HTTPS, logging and a WAF web ACL. Staging: a
// distribution whose origin bucket was deleted long ago (dangling), plain HTTP allowed, no logging, no WAF, and an
// API origin still offering SSLv3.
import type { DistributionConfig, DistributionSummary } from '@aws-sdk/client-cloudfront';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordDistributions(recording: Recording, ctx: EstateContext): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const id = `E${stableHex([owner, 'distribution'], 13).toUpperCase()}`;
  const bucket = production ? 'production-public-website' : 'staging-old-assets';
  const origins: DistributionConfig['Origins'] = {
    Quantity: production ? 1 : 2,
    Items: [
      {
        Id: 'website',
        DomainName: `${bucket}.s3.us-east-1.amazonaws.com`,
        OriginPath: '',
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
      ...(production
        ? []
        : [
            {
              Id: 'legacy-api',
              DomainName: 'legacy-api.staging.example.com',
              OriginPath: '',
              CustomOriginConfig: {
                HTTPPort: 80,
                HTTPSPort: 443,
                OriginProtocolPolicy: 'https-only' as const,
                OriginSslProtocols: { Quantity: 2, Items: ['SSLv3' as const, 'TLSv1' as const] },
              },
            },
          ]),
    ],
  };
  const config: DistributionConfig = {
    CallerReference: `${owner}-website`,
    Aliases: { Quantity: 0 },
    DefaultRootObject: production ? 'index.html' : '',
    Origins: origins,
    DefaultCacheBehavior: {
      TargetOriginId: 'website',
      ViewerProtocolPolicy: production ? 'redirect-to-https' : 'allow-all',
    },
    CacheBehaviors: { Quantity: 0 },
    Comment: production ? 'public website' : 'old staging assets',
    Logging: production
      ? {
          Enabled: true,
          IncludeCookies: false,
          Bucket: `production-logs-${owner}.s3.amazonaws.com`,
          Prefix: 'cf/',
        }
      : { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
    PriceClass: 'PriceClass_100',
    Enabled: true,
    WebACLId: production
      ? `arn:aws:wafv2:us-east-1:${owner}:global/webacl/website/${stableHex([owner, 'webacl'], 8)}-0000-4000-8000-${stableHex([owner, 'webacl', 'id'], 12)}`
      : '',
    HttpVersion: 'http2',
    IsIPV6Enabled: true,
  };
  const summary: DistributionSummary = {
    Id: id,
    ARN: `arn:aws:cloudfront::${owner}:distribution/${id}`,
    Status: 'Deployed',
    LastModifiedTime: daysAgo(ctx.now, 90),
    DomainName: `d${stableHex([owner, 'cf-domain'], 13)}.cloudfront.net`,
    Aliases: { Quantity: 0 },
    Origins: origins,
    DefaultCacheBehavior: config.DefaultCacheBehavior,
    CacheBehaviors: { Quantity: 0 },
    CustomErrorResponses: { Quantity: 0 },
    Comment: config.Comment as string,
    PriceClass: 'PriceClass_100',
    Enabled: true,
    ViewerCertificate: { CloudFrontDefaultCertificate: true },
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: config.WebACLId as string,
    HttpVersion: 'http2',
    IsIPV6Enabled: true,
    Staging: false,
  };
  recording.output(
    'CloudFront',
    'ListDistributions',
    'us-east-1',
    {},
    { DistributionList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 1, Items: [summary] } },
  );
  recording.output(
    'CloudFront',
    'GetDistributionConfig',
    'us-east-1',
    { Id: id },
    { ETag: `E${stableHex([owner, 'etag'], 12).toUpperCase()}`, DistributionConfig: config },
  );
}

/** Route 53: the demo accounts have no hosted zones (an empty first page, as AWS answers). */
export function recordHostedZones(recording: Recording): void {
  recording.output(
    'Route53',
    'ListHostedZones',
    'us-east-1',
    {},
    { HostedZones: [], IsTruncated: false, MaxItems: 100 },
  );
}
