// The assets the runner itself emits for every sync: the account, and one anchor per region read (CATALOG.md).
import type { Asset, Relationship } from '../store/model';
import { GLOBAL_REGION } from '../store/model';
import { buildArn } from './arn';

/** Service name under which the runner's own assets are stored (deletion is scoped by it). */
export const ACCOUNT_SERVICE = 'account';

export function accountAssetId(partition: string, accountId: string): string {
  return buildArn(partition, 'iam', '', accountId, 'root');
}

export function accountRegionAssetId(partition: string, accountId: string, region: string): string {
  return buildArn(partition, 'ec2', region, accountId, 'region');
}

export function accountAssets(
  partition: string,
  accountId: string,
  regions: string[],
): { global: Asset; regional: Asset[]; relationships: Relationship[] } {
  const global: Asset = {
    id: accountAssetId(partition, accountId),
    accountId,
    region: GLOBAL_REGION,
    service: ACCOUNT_SERVICE,
    type: 'aws_account',
    class: 'Account',
    name: accountId,
    tags: {},
    config: { AccountId: accountId, Partition: partition, Regions: [...regions] },
  };
  const regional: Asset[] = regions.map((region) => ({
    id: accountRegionAssetId(partition, accountId, region),
    accountId,
    region,
    service: ACCOUNT_SERVICE,
    type: 'aws_account_region',
    class: 'Account',
    name: `${accountId} ${region}`,
    tags: {},
    config: { AccountId: accountId, Region: region },
  }));
  const relationships: Relationship[] = regional.map((asset) => ({
    accountId,
    fromId: global.id,
    verb: 'HAS',
    toId: asset.id,
    service: ACCOUNT_SERVICE,
    region: asset.region,
  }));
  return { global, regional, relationships };
}
