// ElastiCache (regional): replication groups (Redis OSS / Valkey: encryption, AUTH, backups) and cache clusters
// (engine and version, minor version upgrades, security groups), each list paged by Marker.
import {
  type CacheCluster,
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import type { CollectContext, CollectorModule } from '../../types';
import { ListFailures, whereOf } from '../../read';
import { elasticacheOperations, elasticacheResourceTypes } from './declarations';
import {
  cacheClusterAsset,
  cacheClusterRelationships,
  replicationGroupAsset,
  replicationGroupRelationships,
} from './transform';

export const elasticacheCollector: CollectorModule = {
  service: 'elasticache',
  scope: 'regional',
  resourceTypes: elasticacheResourceTypes,
  operations: elasticacheOperations,
  collect: collectElastiCache,
};

const GROUP = 'aws_elasticache_replication_group';
const CLUSTER = 'aws_elasticache_cluster';

async function collectElastiCache(ctx: CollectContext): Promise<void> {
  const client = ctx.client(ElastiCacheClient);
  const scope = whereOf(ctx, elasticacheCollector.service);
  const failures = new ListFailures(ctx, [GROUP, CLUSTER]);
  await Promise.all([
    failures.run([GROUP], async () => {
      const groups: ReplicationGroup[] = [];
      for await (const page of paginateDescribeReplicationGroups({ client }, { MaxRecords: 100 }))
        groups.push(...(page.ReplicationGroups ?? []).filter((group) => group.ReplicationGroupId));
      if (groups.length === 0) return;
      const assets = groups.map((group) => replicationGroupAsset(scope, group));
      await ctx.emit({
        assets,
        relationships: assets.flatMap((asset) => replicationGroupRelationships(scope, asset)),
      });
    }),
    failures.run([CLUSTER], async () => {
      const clusters: CacheCluster[] = [];
      // ShowCacheNodeInfo: the nodes' endpoints and statuses come with each cluster.
      for await (const page of paginateDescribeCacheClusters(
        { client },
        { MaxRecords: 100, ShowCacheNodeInfo: true },
      ))
        clusters.push(...(page.CacheClusters ?? []).filter((cluster) => cluster.CacheClusterId));
      if (clusters.length === 0) return;
      const assets = clusters.map((cluster) => cacheClusterAsset(scope, cluster));
      await ctx.emit({
        assets,
        relationships: assets.flatMap((asset) => cacheClusterRelationships(scope, asset)),
      });
    }),
  ]);
  failures.finish();
}
