// Pure transform: ListHostedZones entry + every ListResourceRecordSets page -> aws_route53_hosted_zone.
import type { HostedZone, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { Asset } from '../../../store/model';
import { type DetailResult, mergeDetail } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';

export interface ZoneRead {
  zone: HostedZone;
  records: DetailResult<ResourceRecordSet[]>;
}

/**
 * Example: {Id: "/hostedzone/Z0123456789ABCDEFGHIJ", Name: "example.com.", Config: {PrivateZone: false}} +
 * [{Name: "www.example.com.", Type: "CNAME", TTL: 300, ResourceRecords: [{Value: "shop.s3-website-us-east-1.
 * amazonaws.com"}]}] -> id arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ, name example.com., config {HostedZone:
 * {...}, ResourceRecordSets: [...]}. ListResourceRecordSets refused: readErrors.ResourceRecordSets.
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
  return asset;
}
