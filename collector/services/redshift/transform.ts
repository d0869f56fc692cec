// Pure transform: DescribeClusters entry + DescribeLoggingStatus + the require_ssl parameter of its parameter group
// -> aws_redshift_cluster, with edges to its security groups and KMS key.
import type { Cluster } from '@aws-sdk/client-redshift';
import type { Asset, Relationship } from '../../../store/model';
import { buildArn, kmsKeyArnOf } from '../../arn';
import { type DetailOutcome, type OutputOutcome, mergeDetail } from '../../read';
import { type Where, ec2Arn, makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';

export interface ClusterRead {
  cluster: Cluster;
  logging: OutputOutcome;
  /** `require_ssl`'s ParameterValue in the cluster's first parameter group; null when the group does not list it. */
  requireSsl: DetailOutcome<string>;
}

/**
 * Example: {ClusterIdentifier: "analytics", PubliclyAccessible: false, Encrypted: true, KmsKeyId,
 * ClusterParameterGroups: [{ParameterGroupName: "secure"}], VpcSecurityGroups: [...], Tags: [...]} + {LoggingEnabled:
 * true, LogDestinationType: "cloudwatch"} + "true" -> id arn:aws:redshift:r:a:cluster:analytics, config {...cluster,
 * LoggingStatus: {...}, RequireSsl: "true"}. A refused detail call leaves readErrors.LoggingStatus / RequireSsl.
 */
export function clusterAsset(scope: Where, read: ClusterRead): Asset {
  const id = read.cluster.ClusterIdentifier ?? '';
  const asset = makeAsset(scope, {
    id: buildArn(scope.partition, 'redshift', scope.region, scope.accountId, `cluster:${id}`),
    type: 'aws_redshift_cluster',
    class: 'Database',
    name: id,
    tags: tagMap(read.cluster.Tags),
    config: plainConfig(read.cluster),
  });
  mergeDetail(asset, 'LoggingStatus', read.logging);
  mergeDetail(asset, 'RequireSsl', read.requireSsl, (value) => value);
  return asset;
}

/** Security groups PROTECT the cluster; its KMS key ENCRYPTS it. */
export function clusterRelationships(scope: Where, cluster: Asset): Relationship[] {
  const config = cluster.config as {
    VpcSecurityGroups?: { VpcSecurityGroupId?: string }[];
    KmsKeyId?: string;
  };
  const edges = (config.VpcSecurityGroups ?? [])
    .filter((group) => group.VpcSecurityGroupId)
    .map((group) =>
      makeRelationship(
        scope,
        ec2Arn(scope, `security-group/${group.VpcSecurityGroupId}`),
        'PROTECTS',
        cluster.id,
      ),
    );
  const key = kmsKeyArnOf(scope, config.KmsKeyId);
  if (key) edges.push(makeRelationship(scope, key, 'ENCRYPTS', cluster.id));
  return edges;
}
