// Records CloudFront (global, answered in us-east-1) and Route 53 (below) for a demo account. Production: the public website's
// distribution, in front of its S3 bucket, with a default root object, HTTPS, logging and a WAF web ACL. Staging: a
// distribution whose origin bucket was deleted long ago (dangling), plain HTTP allowed, no logging, no WAF, and an
// API origin still offering SSLv3.
import type { DistributionConfig, DistributionSummary } from '@aws-sdk/client-cloudfront';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';
import { websiteWebAclArn } from './record-protection';

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
    WebACLId: production ? websiteWebAclArn(owner).arn : '',
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

/**
 * Route 53: one public zone per account. Production's names its website distribution and its us-east-1 ALB (both
 * exist) and logs queries. Staging's still points assets.staging.example.com at the website endpoint of the bucket
 * deleted long ago (the same one its distribution serves from) and beta.staging.example.com at a load balancer that
 * no longer exists: two dangling records; no query logging.
 */
export function recordHostedZones(recording: Recording, ctx: EstateContext): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const env = production ? 'production' : 'staging';
  const zoneName = `${env}.example.com.`;
  const zoneId = `Z${stableHex([owner, 'zone'], 19).toUpperCase()}`;
  const distributionDomain = `d${stableHex([owner, 'cf-domain'], 13)}.cloudfront.net`;
  const albDns = `${env}-web-${stableHex([owner, 'us-east-1', 'alb'], 16).slice(0, 10)}.us-east-1.elb.amazonaws.com`;
  const alias = (name: string, hostedZoneId: string, dnsName: string) => ({
    Name: `${name}.${zoneName}`,
    Type: 'A' as const,
    AliasTarget: { HostedZoneId: hostedZoneId, DNSName: dnsName, EvaluateTargetHealth: false },
  });
  const records = [
    {
      Name: zoneName,
      Type: 'NS' as const,
      TTL: 172800,
      ResourceRecords: [{ Value: 'ns-101.awsdns-12.com.' }],
    },
    {
      Name: zoneName,
      Type: 'SOA' as const,
      TTL: 900,
      ResourceRecords: [
        { Value: 'ns-101.awsdns-12.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' },
      ],
    },
    production
      ? alias('app', 'Z35SXDOTRQ7X7K', `dualstack.${albDns}.`)
      : {
          Name: `assets.${zoneName}`,
          Type: 'CNAME' as const,
          TTL: 300,
          ResourceRecords: [{ Value: 'staging-old-assets.s3-website-us-east-1.amazonaws.com' }],
        },
    ...(production
      ? []
      : [alias('beta', 'Z35SXDOTRQ7X7K', 'dualstack.staging-beta-7f3e9a1c20.us-east-1.elb.amazonaws.com.')]),
    {
      Name: `mail.${zoneName}`,
      Type: 'CNAME' as const,
      TTL: 3600,
      ResourceRecords: [{ Value: 'ghs.googlehosted.com' }],
    },
    alias('www', 'Z2FDTNDATAQYW2', `${distributionDomain}.`),
  ];
  recording.output(
    'Route53',
    'ListHostedZones',
    'us-east-1',
    {},
    {
      HostedZones: [
        {
          Id: `/hostedzone/${zoneId}`,
          Name: zoneName,
          CallerReference: `${owner}-zone`,
          Config: { Comment: `${env} public zone`, PrivateZone: false },
          ResourceRecordSetCount: records.length,
        },
      ],
      IsTruncated: false,
      MaxItems: 100,
    },
  );
  recording.output(
    'Route53',
    'ListResourceRecordSets',
    'us-east-1',
    // The SDK strips the /hostedzone/ prefix from the input before it is sent.
    { HostedZoneId: zoneId },
    { ResourceRecordSets: records, IsTruncated: false, MaxItems: 300 },
  );
  recording.output(
    'Route53',
    'ListQueryLoggingConfigs',
    'us-east-1',
    {},
    {
      QueryLoggingConfigs: production
        ? [
            {
              Id: `${stableHex([owner, 'querylog'], 8)}-0000-4000-8000-${stableHex([owner, 'querylog', 'id'], 12)}`,
              HostedZoneId: zoneId,
              CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${owner}:log-group:/aws/route53/${zoneName.replace(/\.$/, '')}`,
            },
          ]
        : [],
    },
  );
}
