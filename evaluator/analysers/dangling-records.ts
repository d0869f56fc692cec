// Route 53 dangling records: does the AWS resource each record of a hosted zone points at (collector's
// RecordTargets: S3 buckets, CloudFront distributions, load balancers, Elastic Beanstalk environments) still exist in
// the synced estate? A record left pointing at a deleted bucket, distribution or load balancer name lets whoever
// claims that name serve content under the zone's domain (subdomain takeover).
//
// A target found in any synced account exists. One not found is judged against the zone's own account (the
// only owner Cloudward can presume): dangling when that account's list of the target's type was read in the
// target's region; unknown when the region is not synced for it, the list failed, or the type is not collected
// at all (Elastic Beanstalk). Plain A/AAAA addresses and names outside AWS are not judged (Cloudward keeps no
// history of released Elastic IPs and does not ship AWS's address ranges).
import type { Estate } from '../engine/estate';
import type { EvalAsset } from '../types';

export interface DanglingRecordsFact {
  verdict: 'none' | 'dangling' | 'unknown';
  /** "www.example.com. CNAME -> shop-old.s3-website-us-east-1.amazonaws.com" per dangling record. */
  dangling: string[];
  /** The same for records whose target could not be judged, with the reason. */
  undecided: string[];
  /** One sentence naming every dangling (or undecided) record and its target. */
  summary: string;
  evidence: string[];
}

interface RecordTarget {
  Record: string;
  Type: string;
  Alias: boolean;
  Kind: 's3' | 'cloudfront' | 'elb' | 'elastic-beanstalk';
  Target: string;
  Region?: string;
  Bucket?: string;
}

type Judgement = { state: 'exists' } | { state: 'dangling'; why: string } | { state: 'unknown'; why: string };

export function analyseDanglingRecords(estate: Estate): Map<string, DanglingRecordsFact> {
  const facts = new Map<string, DanglingRecordsFact>();
  const lookups = indexTargets(estate);
  for (const zone of estate.allOfType('aws_route53_hosted_zone')) {
    const records = zone.readErrors?.ResourceRecordSets;
    if (records) {
      const why = `the record sets of hosted zone ${zone.name} (${zone.id}) were not read (${records})`;
      facts.set(zone.id, {
        verdict: 'unknown',
        dangling: [],
        undecided: [],
        summary: why,
        evidence: [`unknown: ${why}`],
      });
      continue;
    }
    const targets = ((zone.config as { RecordTargets?: RecordTarget[] }).RecordTargets ??
      []) as RecordTarget[];
    const dangling: string[] = [];
    const undecided: string[] = [];
    for (const target of targets) {
      const judgement = judge(estate, lookups, zone, target);
      const label = `${target.Record} ${target.Type}${target.Alias ? ' alias' : ''} -> ${target.Target}`;
      if (judgement.state === 'dangling') dangling.push(`${label} (${judgement.why})`);
      else if (judgement.state === 'unknown') undecided.push(`${label} (${judgement.why})`);
    }
    if (dangling.length > 0) {
      const summary = `${dangling.length} record${dangling.length === 1 ? '' : 's'} of ${zone.name} point at AWS resources that no longer exist: ${dangling.join('; ')}`;
      facts.set(zone.id, {
        verdict: 'dangling',
        dangling,
        undecided,
        summary,
        evidence: [summary, ...undecided.map((line) => `not judged: ${line}`)],
      });
    } else if (undecided.length > 0) {
      const summary = `the target of ${undecided.join('; ')} could not be checked`;
      facts.set(zone.id, {
        verdict: 'unknown',
        dangling,
        undecided,
        summary,
        evidence: [`unknown: ${summary}`],
      });
    } else {
      const summary =
        targets.length === 0
          ? `no record of ${zone.name} points at an S3 bucket, CloudFront distribution, load balancer or Elastic Beanstalk environment`
          : `every AWS target of ${zone.name}'s records exists in the synced estate (${targets.map((target) => target.Target).join(', ')})`;
      facts.set(zone.id, { verdict: 'none', dangling, undecided, summary, evidence: [summary] });
    }
  }
  return facts;
}

interface TargetIndex {
  buckets: Set<string>;
  distributions: Set<string>;
  loadBalancers: Set<string>;
}

function indexTargets(estate: Estate): TargetIndex {
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase().replace(/\.$/, '') : '');
  const dnsNames = (type: string) =>
    estate.allOfType(type).map((asset) => lower((asset.config as { DNSName?: unknown }).DNSName));
  return {
    buckets: new Set(estate.allOfType('aws_s3_bucket').map((bucket) => bucket.name.toLowerCase())),
    distributions: new Set(
      estate
        .allOfType('aws_cloudfront_distribution')
        .map((distribution) => lower((distribution.config as { DomainName?: unknown }).DomainName)),
    ),
    loadBalancers: new Set([...dnsNames('aws_elbv2_load_balancer'), ...dnsNames('aws_elb_load_balancer')]),
  };
}

function judge(estate: Estate, index: TargetIndex, zone: EvalAsset, target: RecordTarget): Judgement {
  const account = zone.accountId;
  switch (target.Kind) {
    case 's3': {
      const bucket = target.Bucket ?? '';
      if (index.buckets.has(bucket)) return { state: 'exists' };
      const unread = estate.unreadType(account, 'aws_s3_bucket');
      if (unread.length > 0)
        return {
          state: 'unknown',
          why: `the S3 bucket list of account ${account} was not read (${unread[0].code})`,
        };
      return { state: 'dangling', why: `S3 bucket ${bucket} is in none of the synced accounts` };
    }
    case 'cloudfront': {
      if (index.distributions.has(target.Target)) return { state: 'exists' };
      const unread = estate.unreadType(account, 'aws_cloudfront_distribution');
      if (unread.length > 0)
        return {
          state: 'unknown',
          why: `the CloudFront distributions of account ${account} were not read (${unread[0].code})`,
        };
      return {
        state: 'dangling',
        why: `no CloudFront distribution of the synced accounts has domain ${target.Target}`,
      };
    }
    case 'elb': {
      if (index.loadBalancers.has(target.Target)) return { state: 'exists' };
      const region = target.Region;
      if (!region) return { state: 'unknown', why: 'the load balancer region cannot be read from its name' };
      if (estate.ofType(account, 'aws_account_region', region).length === 0)
        return { state: 'unknown', why: `region ${region} is not synced for account ${account}` };
      const unread = [
        ...estate.unreadType(account, 'aws_elbv2_load_balancer', region),
        ...estate.unreadType(account, 'aws_elb_load_balancer', region),
      ];
      if (unread.length > 0)
        return {
          state: 'unknown',
          why: `the load balancers of account ${account} in ${region} were not read (${unread[0].code})`,
        };
      return {
        state: 'dangling',
        why: `no load balancer of account ${account} in ${region} has that DNS name`,
      };
    }
    case 'elastic-beanstalk':
      return { state: 'unknown', why: 'Elastic Beanstalk environments are not collected' };
  }
  return { state: 'exists' };
}
