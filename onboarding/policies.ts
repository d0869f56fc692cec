// The documents every form shares, built once from validated options so Terraform, CloudFormation and the
// manual JSON cannot drift apart.
import type { PolicyDocument, PolicyStatement } from './permissions';

/** Trust: only the trusted principal, and only when it presents this account's external ID (confused deputy). */
export function trustPolicyDocument(trustedPrincipal: string, externalId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudwardAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: trustedPrincipal },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/**
 * Actions exempt from the region restriction: services whose endpoint lives in one region whatever the customer
 * chose (IAM, STS, Organizations, CloudFront, Route 53, Support, Account...), S3 bucket listing and bucket
 * configuration (buckets are global assets read from wherever they live), and EC2 DescribeRegions (to check
 * which regions are enabled). The restriction denies, never allows, so this list cannot widen the role.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'iam:*',
  'sts:*',
  'organizations:*',
  'account:*',
  'cloudfront:*',
  'route53:*',
  'route53domains:*',
  'support:*',
  'trustedadvisor:*',
  'health:*',
  'waf:*',
  'shield:*',
  'globalaccelerator:*',
  'networkmanager:*',
  'budgets:*',
  'ce:*',
  'cur:*',
  'pricing:*',
  'aws-portal:*',
  's3:ListAllMyBuckets',
  's3:GetBucket*',
  's3:GetAccountPublicAccessBlock',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  'ec2:DescribeRegions',
];

/** Explicit Deny of regional calls outside the chosen regions (`aws:RequestedRegion`). */
export function regionRestrictionStatement(regions: string[]): PolicyStatement {
  return {
    Sid: 'CloudwardDenyOtherRegions',
    Effect: 'Deny',
    NotAction: [...GLOBAL_SERVICE_ACTIONS],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
  };
}

export function regionRestrictionDocument(regions: string[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: [regionRestrictionStatement(regions)] };
}
