// Route 53 (global): hosted zones, every record set of each (the input for dangling-record checks) and the account's
// DNS query logging configurations (one list for all zones).
import {
  type HostedZone,
  type ListResourceRecordSetsCommandInput,
  ListHostedZonesCommand,
  ListQueryLoggingConfigsCommand,
  ListResourceRecordSetsCommand,
  type QueryLoggingConfig,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, markerPages, whereOf } from '../../read';
import { route53Operations, route53ResourceTypes } from './declarations';
import { zoneAsset, type ZoneRead } from './transform';

export const route53Collector: CollectorModule = {
  service: 'route53',
  scope: 'global',
  resourceTypes: route53ResourceTypes,
  operations: route53Operations,
  collect: collectRoute53,
};

/** A zone deleted since the list. */
const ZONE_GONE = ['NoSuchHostedZone'];

async function collectRoute53(ctx: CollectContext): Promise<void> {
  const client = ctx.client(Route53Client);
  const scope = whereOf(ctx, route53Collector.service);
  // Marker / NextMarker while IsTruncated.
  const zones: HostedZone[] = [];
  for await (const page of markerPages(
    (marker) => client.send(new ListHostedZonesCommand({ Marker: marker, MaxItems: 100 })),
    (page) => (page.IsTruncated ? page.NextMarker : undefined),
  ))
    for (const zone of page.HostedZones ?? []) if (zone.Id) zones.push(zone);
  if (zones.length === 0) return;
  const queryLogging = await detail(() => queryLoggingConfigs(client));
  const reads = await ctx.mapLimit(zones, async (zone): Promise<ZoneRead> => ({
    zone,
    records: await detail(() => recordSets(client, zone.Id!)),
    queryLogging,
  }));
  const assets = reads
    .filter((read) => !isGone(read.records, ZONE_GONE))
    .map((read) => zoneAsset(scope, read));
  await ctx.emit({ assets });
}

/** Every record set of a zone: the next page starts at NextRecordName / NextRecordType (/ NextRecordIdentifier). */
async function recordSets(client: Route53Client, zoneId: string): Promise<ResourceRecordSet[]> {
  const records: ResourceRecordSet[] = [];
  let start: Omit<ListResourceRecordSetsCommandInput, 'HostedZoneId'> = {};
  const seen = new Set<string>();
  for (;;) {
    const page = await client.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, ...start }),
    );
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated || !page.NextRecordName) return records;
    const key = `${page.NextRecordName}\0${page.NextRecordType}\0${page.NextRecordIdentifier ?? ''}`;
    if (seen.has(key)) return records;
    seen.add(key);
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

/** Every query logging configuration of the account (NextToken paging); zones are matched by HostedZoneId. */
async function queryLoggingConfigs(client: Route53Client): Promise<QueryLoggingConfig[]> {
  const configs: QueryLoggingConfig[] = [];
  for await (const page of markerPages(
    (token) => client.send(new ListQueryLoggingConfigsCommand({ MaxResults: 100, NextToken: token })),
    (page) => page.NextToken,
  ))
    configs.push(...(page.QueryLoggingConfigs ?? []));
  return configs;
}
