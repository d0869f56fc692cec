// Pure transforms: DescribeReplicationGroups entries -> aws_elasticache_replication_group, DescribeCacheClusters
// entries (ShowCacheNodeInfo) -> aws_elasticache_cluster, with the edges to security groups, keys and groups.
import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { Asset, Relationship } from '../../../store/model';
import { buildArn, kmsKeyArnOf } from '../../arn';
import { type Where, ec2Arn, makeAsset, makeRelationship, plainConfig } from '../../shape';

export function replicationGroupArn(scope: Where, id: string): string {
  return buildArn(scope.partition, 'elasticache', scope.region, scope.accountId, `replicationgroup:${id}`);
}

/**
 * Example: {ReplicationGroupId: "orders-cache", ARN, AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true,
 * AuthTokenEnabled: false, SnapshotRetentionLimit: 7, MemberClusters: ["orders-cache-001", ...], KmsKeyId} ->
 * id ARN, config the entry as is (dates as ISO strings). The engine version lives on the member clusters.
 */
export function replicationGroupAsset(scope: Where, group: ReplicationGroup): Asset {
  const id = group.ReplicationGroupId ?? '';
  return makeAsset(scope, {
    id: group.ARN ?? replicationGroupArn(scope, id),
    type: 'aws_elasticache_replication_group',
    class: 'Database',
    name: id,
    config: plainConfig(group),
  });
}

/** A customer managed key ENCRYPTS the group (KmsKeyId is a key ARN when set). */
export function replicationGroupRelationships(scope: Where, group: Asset): Relationship[] {
  const key = kmsKeyArnOf(scope, group.config.KmsKeyId as string | undefined);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', group.id)] : [];
}

/**
 * Example: {CacheClusterId: "orders-cache-001", ARN, Engine: "redis", EngineVersion: "5.0.6", ReplicationGroupId:
 * "orders-cache", SecurityGroups: [{SecurityGroupId: "sg-1", Status: "active"}], CacheNodes: [...]} -> id ARN,
 * config the entry as is.
 */
export function cacheClusterAsset(scope: Where, cluster: CacheCluster): Asset {
  const id = cluster.CacheClusterId ?? '';
  return makeAsset(scope, {
    id:
      cluster.ARN ?? buildArn(scope.partition, 'elasticache', scope.region, scope.accountId, `cluster:${id}`),
    type: 'aws_elasticache_cluster',
    class: 'Database',
    name: id,
    config: plainConfig(cluster),
  });
}

/** Security groups PROTECT the cluster; a member cluster is IN its replication group. */
export function cacheClusterRelationships(scope: Where, cluster: Asset): Relationship[] {
  const config = cluster.config as {
    SecurityGroups?: { SecurityGroupId?: string }[];
    ReplicationGroupId?: string;
  };
  const edges = (config.SecurityGroups ?? [])
    .filter((group) => group.SecurityGroupId)
    .map((group) =>
      makeRelationship(
        scope,
        ec2Arn(scope, `security-group/${group.SecurityGroupId}`),
        'PROTECTS',
        cluster.id,
      ),
    );
  if (config.ReplicationGroupId)
    edges.push(
      makeRelationship(scope, cluster.id, 'IN', replicationGroupArn(scope, config.ReplicationGroupId)),
    );
  return edges;
}
