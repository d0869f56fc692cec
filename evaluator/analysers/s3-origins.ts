// CloudFront S3 origins: does each bucket a distribution serves from exist in the account's collected S3 inventory?
// A missing bucket is a dangling origin (anyone who creates a bucket of that name serves content under the
// distribution's domain). Verdict exist / missing / unknown (the account's bucket list was not read).
import type { Estate } from '../engine/estate';

export interface S3OriginsFact {
  verdict: 'exist' | 'missing' | 'unknown';
  missing: string[];
  evidence: string[];
}

export function analyseS3Origins(estate: Estate): Map<string, S3OriginsFact> {
  const facts = new Map<string, S3OriginsFact>();
  for (const distribution of estate.allOfType('aws_cloudfront_distribution')) {
    const buckets = (distribution.config as { S3OriginBuckets?: string[] }).S3OriginBuckets ?? [];
    const owned = new Set(
      estate.ofType(distribution.accountId, 'aws_s3_bucket').map((bucket) => bucket.name),
    );
    const missing = buckets.filter((bucket) => !owned.has(bucket));
    const unread = estate.unreadType(distribution.accountId, 'aws_s3_bucket');
    if (missing.length > 0 && unread.length > 0) {
      facts.set(distribution.id, {
        verdict: 'unknown',
        missing,
        evidence: [
          `the S3 bucket list of account ${distribution.accountId} was not read (${unread[0].code}), so bucket ${missing.join(', ')} cannot be checked`,
        ],
      });
    } else if (missing.length > 0) {
      facts.set(distribution.id, {
        verdict: 'missing',
        missing,
        evidence: [
          `distribution ${distribution.name} has S3 origin bucket ${missing.join(', ')}, which is not among the ${owned.size} buckets collected in account ${distribution.accountId}`,
        ],
      });
    } else {
      facts.set(distribution.id, {
        verdict: 'exist',
        missing: [],
        evidence: [
          buckets.length === 0
            ? `distribution ${distribution.name} has no S3 origin`
            : `every S3 origin bucket of distribution ${distribution.name} (${buckets.join(', ')}) is in the account's S3 inventory`,
        ],
      });
    }
  }
  return facts;
}
