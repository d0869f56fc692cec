// Pure: RDS describe items -> aws_rds_db_instance / aws_rds_db_cluster / aws_rds_db_snapshot assets (CATALOG.md).
//
// Example: DBInstance { DBInstanceArn, VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-1' }],
//   DBSubnetGroup: { Subnets: [{ SubnetIdentifier: 'subnet-1' }] }, KmsKeyId: 'arn:aws:kms:...:key/k' }
// -> sg-1 PROTECTS instance, instance IN subnet-1, key k ENCRYPTS instance.
// DBSnapshot (or DBClusterSnapshot) + attributes { restore: ['all'] } -> config.Public = true.
import type {
  DBCluster,
  DBClusterSnapshot,
  DBInstance,
  DBSnapshot,
  DescribeDBClusterSnapshotAttributesCommandOutput,
  DescribeDBSnapshotAttributesCommandOutput,
} from '@aws-sdk/client-rds';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import { makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { mergeDetail, type DetailOutcome } from '../../read';
import { ec2Arn, type Where } from '../../shape';

export const DB_INSTANCE_TYPE = 'aws_rds_db_instance';
export const DB_CLUSTER_TYPE = 'aws_rds_db_cluster';
export const DB_SNAPSHOT_TYPE = 'aws_rds_db_snapshot';
export const DB_CLUSTER_SNAPSHOT_TYPE = 'aws_rds_db_cluster_snapshot';

export function transformDbInstance(
  scope: Where,
  instance: DBInstance,
): { asset: Asset; relationships: Relationship[] } {
  const id = instance.DBInstanceArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: DB_INSTANCE_TYPE,
    class: 'Database',
    name: instance.DBInstanceIdentifier ?? id,
    tags: tagMap(instance.TagList),
    config: plainConfig(instance),
    // EC2-Classic is retired: every DB instance runs in a VPC and AWS names its subnet group (the VPC's `default`
    // one at least). An answer without it (moto, for an instance created without a subnet group) says nothing
    // about where the instance runs, so the VPC check cannot be judged from it.
    readErrors: instance.DBSubnetGroup ? undefined : { DBSubnetGroup: 'NotInResponse' },
  });
  const relationships: Relationship[] = [];
  for (const group of instance.VpcSecurityGroups ?? []) {
    if (!group.VpcSecurityGroupId) continue;
    relationships.push(
      makeRelationship(scope, ec2Arn(scope, `security-group/${group.VpcSecurityGroupId}`), 'PROTECTS', id),
    );
  }
  for (const subnet of instance.DBSubnetGroup?.Subnets ?? []) {
    if (!subnet.SubnetIdentifier) continue;
    relationships.push(makeRelationship(scope, id, 'IN', ec2Arn(scope, `subnet/${subnet.SubnetIdentifier}`)));
  }
  const keyArn =
    instance.StorageEncrypted && instance.KmsKeyId ? kmsKeyArn(scope, instance.KmsKeyId) : undefined;
  if (keyArn) relationships.push(makeRelationship(scope, keyArn, 'ENCRYPTS', id));
  return { asset, relationships };
}

export function transformDbCluster(scope: Where, cluster: DBCluster): Asset {
  const id = cluster.DBClusterArn ?? '';
  return makeAsset(scope, {
    id,
    type: DB_CLUSTER_TYPE,
    class: 'Database',
    name: cluster.DBClusterIdentifier ?? id,
    tags: tagMap(cluster.TagList),
    config: plainConfig(cluster),
  });
}

export function transformDbSnapshot(
  scope: Where,
  snapshot: DBSnapshot,
  attributes: DetailOutcome<DescribeDBSnapshotAttributesCommandOutput> | undefined,
): Asset {
  const id = snapshot.DBSnapshotArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: DB_SNAPSHOT_TYPE,
    class: 'DataStore',
    name: snapshot.DBSnapshotIdentifier ?? id,
    tags: tagMap(snapshot.TagList),
    config: plainConfig(snapshot),
  });
  mergeDetail(asset, 'DBSnapshotAttributes', attributes);
  // Derived like aws_ec2_snapshot's `Public`: only when the attributes were actually read.
  if (attributes?.ok && attributes.value)
    asset.config.Public = restorableByAll(attributes.value.DBSnapshotAttributesResult?.DBSnapshotAttributes);
  return asset;
}

export function transformDbClusterSnapshot(
  scope: Where,
  snapshot: DBClusterSnapshot,
  attributes: DetailOutcome<DescribeDBClusterSnapshotAttributesCommandOutput> | undefined,
): Asset {
  const id = snapshot.DBClusterSnapshotArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: DB_CLUSTER_SNAPSHOT_TYPE,
    class: 'DataStore',
    name: snapshot.DBClusterSnapshotIdentifier ?? id,
    tags: tagMap(snapshot.TagList),
    config: plainConfig(snapshot),
  });
  mergeDetail(asset, 'DBClusterSnapshotAttributes', attributes);
  if (attributes?.ok && attributes.value)
    asset.config.Public = restorableByAll(
      attributes.value.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes,
    );
  return asset;
}

/** A manual snapshot whose `restore` attribute lists `all` can be restored by any AWS account. */
/** A DB or cluster snapshot is public when its `restore` attribute lists `all`. */
function restorableByAll(
  attributes: { AttributeName?: string; AttributeValues?: string[] }[] | undefined,
): boolean {
  return (attributes ?? []).some(
    (attribute) => attribute.AttributeName === 'restore' && (attribute.AttributeValues ?? []).includes('all'),
  );
}

/**
 * AWS documents `KmsKeyId` as a key ARN, key id, alias ARN or alias name. Keys become the key ARN; aliases cannot be
 * resolved without KMS, so they give no edge (CATALOG.md).
 */
function kmsKeyArn(scope: Where, keyId: string): string | undefined {
  const arn = parseArn(keyId);
  if (arn) return arn.service === 'kms' && arn.resource.startsWith('key/') ? keyId : undefined;
  if (keyId.startsWith('alias/')) return undefined;
  return `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${keyId}`;
}
