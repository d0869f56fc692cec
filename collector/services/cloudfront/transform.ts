// Pure transform: ListDistributions summary + GetDistributionConfig -> aws_cloudfront_distribution.
import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import type { Asset, Relationship } from '../../../store/model';
import { type OutputOutcome, mergeDetail } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig } from '../../shape';

export interface DistributionRead {
  summary: DistributionSummary;
  /** GetDistributionConfig's `DistributionConfig`. */
  config: OutputOutcome;
}

/**
 * Example: {Id: "E2QWRUHAPOMQZL", ARN: "arn:aws:cloudfront::a:distribution/E2QWRUHAPOMQZL", DomainName:
 * "d111111abcdef8.cloudfront.net", ...} + {DefaultRootObject: "index.html", Logging: {Enabled: true, ...}, Origins:
 * {...}, WebACLId: "arn:aws:wafv2:us-east-1:a:global/webacl/..."} -> id the ARN, name the Id, config {Id, ARN,
 * DomainName, Summary: {...}, DistributionConfig: {...}, S3OriginBuckets: ["shop-assets"]}. GetDistributionConfig
 * refused: readErrors.DistributionConfig.
 */
export function distributionAsset(scope: Where, read: DistributionRead): Asset {
  const { summary } = read;
  const id =
    summary.ARN ?? `arn:${scope.partition}:cloudfront::${scope.accountId}:distribution/${summary.Id}`;
  const asset = makeAsset(scope, {
    id,
    type: 'aws_cloudfront_distribution',
    class: 'Gateway',
    name: summary.Id as string,
    config: {
      Id: summary.Id,
      ARN: id,
      DomainName: summary.DomainName,
      Summary: plainConfig(summary),
      // From the summary, so it is known even when GetDistributionConfig was refused.
      S3OriginBuckets: s3OriginBuckets(summary),
    },
  });
  mergeDetail(asset, 'DistributionConfig', read.config, (value) => value);
  return asset;
}

/**
 * Bucket names of S3 origins, from the origin domain as AWS documents it: `<bucket>.s3.amazonaws.com`,
 * `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`, or a website endpoint
 * `<bucket>.s3-website-<region>.amazonaws.com` / `<bucket>.s3-website.<region>.amazonaws.com`.
 */
export function s3OriginBuckets(summary: Pick<DistributionSummary, 'Origins'>): string[] {
  const buckets: string[] = [];
  for (const origin of summary.Origins?.Items ?? []) {
    const bucket = s3BucketOfDomain(origin.DomainName);
    if (bucket && !buckets.includes(bucket)) buckets.push(bucket);
  }
  return buckets;
}

export function s3BucketOfDomain(domain: string | undefined): string | undefined {
  const labels = (domain ?? '').toLowerCase().replace(/\.$/, '').split('.');
  if (labels.slice(-2).join('.') !== 'amazonaws.com' && labels.slice(-3).join('.') !== 'amazonaws.com.cn')
    return undefined;
  // The first label after the bucket name: s3, s3-<region>, s3-website-<region> or s3-website.
  const at = labels.findIndex((label, index) => index > 0 && /^s3(-website)?(-[a-z0-9-]+)?$/.test(label));
  return at > 0 ? labels.slice(0, at).join('.') : undefined;
}

/**
 * The AWS WAF (v2) web ACL in front of a distribution, as an edge web ACL PROTECTS distribution (the wafv2 module reads
 * the web ACL itself in us-east-1). WebACLId holds a WAFv2 ARN, a WAF Classic id (no edge: Classic is not read) or "".
 */
export function distributionWebAclEdges(scope: Where, distribution: Asset): Relationship[] {
  const config = distribution.config as {
    DistributionConfig?: { WebACLId?: string };
    Summary?: { WebACLId?: string };
  };
  const webAclId = config.DistributionConfig?.WebACLId ?? config.Summary?.WebACLId ?? '';
  if (!/^arn:[^:]+:wafv2:/.test(webAclId)) return [];
  return [makeRelationship(scope, webAclId, 'PROTECTS', distribution.id)];
}
