// Pure transform: ListHostedZones entry + every ListResourceRecordSets page + the account's query logging
// configurations -> aws_route53_hosted_zone, with the AWS resource each record points at (RecordTargets).
import type { HostedZone, QueryLoggingConfig, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { Asset } from '../../../store/model';
import { type DetailResult, mergeDetail } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';
import { s3BucketOfDomain } from '../cloudfront/transform';

export interface ZoneRead {
  zone: HostedZone;
  records: DetailResult<ResourceRecordSet[]>;
  /** ListQueryLoggingConfigs over the whole account (absent in old callers: not stored). */
  queryLogging?: DetailResult<QueryLoggingConfig[]>;
}

/** What a record points at, when it names an AWS resource Cloudward can look for in the synced estate. */
export interface RecordTarget {
  /** Record name as Route 53 spells it (trailing dot). */
  Record: string;
  Type: string;
  Alias: boolean;
  Kind: 's3' | 'cloudfront' | 'elb' | 'elastic-beanstalk';
  /** The DNS name the record resolves to (no trailing dot, lower case). */
  Target: string;
  /** The target's region, when its DNS name says it. */
  Region?: string;
  /** S3 targets: the bucket that must exist. */
  Bucket?: string;
}

/**
 * Example: {Id: "/hostedzone/Z0123456789ABCDEFGHIJ", Name: "example.com.", Config: {PrivateZone: false}} +
 * [{Name: "www.example.com.", Type: "CNAME", TTL: 300, ResourceRecords: [{Value: "shop.s3-website-us-east-1.
 * amazonaws.com"}]}] + [{Id: "q1", HostedZoneId: "Z0123456789ABCDEFGHIJ", CloudWatchLogsLogGroupArn: "..."}] -> id
 * arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ, name example.com., config {HostedZone: {...},
 * ResourceRecordSets: [...], RecordTargets: [{Record: "www.example.com.", Type: "CNAME", Alias: false, Kind: "s3",
 * Target: "shop.s3-website-us-east-1.amazonaws.com", Region: "us-east-1", Bucket: "shop"}], QueryLoggingConfigs:
 * [{Id: "q1", ...}]}. A refused list: readErrors.ResourceRecordSets (and RecordTargets) / readErrors.QueryLoggingConfigs.
 */
export function zoneAsset(scope: Where, read: ZoneRead): Asset {
  const zoneId = (read.zone.Id as string).replace(/^\/hostedzone\//, '');
  const asset = makeAsset(scope, {
    id: `arn:${scope.partition}:route53:::hostedzone/${zoneId}`,
    type: 'aws_route53_hosted_zone',
    class: 'Network',
    name: read.zone.Name ?? zoneId,
    config: { HostedZoneId: zoneId, HostedZone: plainConfig(read.zone) },
  });
  mergeDetail(asset, 'ResourceRecordSets', read.records, (records) => plainConfig(records));
  mergeDetail(asset, 'RecordTargets', read.records, (records) => records.flatMap(recordTargets));
  mergeDetail(asset, 'QueryLoggingConfigs', read.queryLogging, (configs) =>
    configs.filter((config) => config.HostedZoneId === zoneId).map((config) => plainConfig(config)),
  );
  return asset;
}

/**
 * The AWS targets of one record set: an alias's DNSName, or each CNAME value. An alias to an S3 website endpoint
 * (DNSName s3-website-<region>.amazonaws.com) serves the bucket named like the record itself, as AWS requires.
 * Plain A/AAAA addresses and names outside AWS are not targets Cloudward can judge.
 */
export function recordTargets(record: ResourceRecordSet): RecordTarget[] {
  const name = record.Name ?? '';
  const type = record.Type ?? '';
  const alias = record.AliasTarget?.DNSName;
  const names = alias
    ? [alias]
    : type === 'CNAME'
      ? (record.ResourceRecords ?? []).map((value) => value.Value ?? '')
      : [];
  const targets: RecordTarget[] = [];
  for (const raw of names) {
    const target = raw
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^dualstack\./, '');
    const base = { Record: name, Type: type, Alias: alias !== undefined, Target: target };
    const website = /^s3-website[.-]([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(target);
    if (website) {
      targets.push({
        ...base,
        Kind: 's3',
        Region: website[1],
        Bucket: name.replace(/\.$/, '').toLowerCase(),
      });
      continue;
    }
    const bucket = s3BucketOfDomain(target);
    if (bucket) {
      const region = /\.s3[.-](?:website[.-])?([a-z]{2}(?:-gov)?-[a-z]+-\d)\./.exec(target)?.[1];
      targets.push({ ...base, Kind: 's3', ...(region ? { Region: region } : {}), Bucket: bucket });
    } else if (/^d[a-z0-9]+\.cloudfront\.net$/.test(target)) {
      targets.push({ ...base, Kind: 'cloudfront' });
    } else if (/\.elb\.amazonaws\.com(\.cn)?$/.test(target)) {
      // <name>-<id>.<region>.elb.amazonaws.com (ALB, CLB) or <name>-<id>.elb.<region>.amazonaws.com (NLB).
      const region =
        /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.elb\.amazonaws\.com/.exec(target)?.[1] ??
        /\.elb\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com/.exec(target)?.[1];
      targets.push({ ...base, Kind: 'elb', ...(region ? { Region: region } : {}) });
    } else if (/\.elb\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(target)) {
      targets.push({ ...base, Kind: 'elb', Region: /\.elb\.([a-z0-9-]+)\.amazonaws/.exec(target)![1] });
    } else if (/\.elasticbeanstalk\.com$/.test(target)) {
      const region = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.elasticbeanstalk\.com$/.exec(target)?.[1];
      targets.push({ ...base, Kind: 'elastic-beanstalk', ...(region ? { Region: region } : {}) });
    }
  }
  return targets;
}
