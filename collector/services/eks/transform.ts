// Pure: DescribeCluster output + access entries -> the aws_eks_cluster asset and its edges (CATALOG.md).
//
// Example: { arn: 'arn:aws:eks:us-east-1:1:cluster/prod', roleArn: 'arn:aws:iam::1:role/eks',
//   resourcesVpcConfig: { vpcId: 'vpc-1', clusterSecurityGroupId: 'sg-c', securityGroupIds: ['sg-x'] } }
// -> cluster IN vpc-1, sg-c and sg-x PROTECTS cluster, cluster USES role eks.
import type { Cluster } from '@aws-sdk/client-eks';
import type { Asset, Relationship } from '../../../store/model';
import { makeAsset, makeRelationship, plainConfig } from '../../shape';
import { mergeDetail, type DetailOutcome } from '../../read';
import { ec2Arn, type Where } from '../../shape';

export const CLUSTER_TYPE = 'aws_eks_cluster';

export function transformCluster(
  scope: Where,
  cluster: Cluster,
  accessEntries: DetailOutcome<{ accessEntries: string[] }> | undefined,
): { asset: Asset; relationships: Relationship[] } {
  const id = cluster.arn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: CLUSTER_TYPE,
    class: 'Cluster',
    name: cluster.name ?? id,
    tags: { ...(cluster.tags ?? {}) },
    config: plainConfig(cluster),
  });
  mergeDetail(asset, 'AccessEntries', accessEntries);

  const relationships: Relationship[] = [];
  const vpc = cluster.resourcesVpcConfig;
  if (vpc?.vpcId) relationships.push(makeRelationship(scope, id, 'IN', ec2Arn(scope, `vpc/${vpc.vpcId}`)));
  // The EKS-created cluster security group and the additional ones both guard the control plane ENIs.
  const groupIds = new Set([vpc?.clusterSecurityGroupId, ...(vpc?.securityGroupIds ?? [])]);
  for (const groupId of groupIds) {
    if (groupId)
      relationships.push(makeRelationship(scope, ec2Arn(scope, `security-group/${groupId}`), 'PROTECTS', id));
  }
  if (cluster.roleArn) relationships.push(makeRelationship(scope, id, 'USES', cluster.roleArn));
  return { asset, relationships };
}

/** Clusters still in CONFIG_MAP mode have no access entries: the API refuses to list them. */
export function usesAccessEntries(cluster: Cluster): boolean {
  return cluster.accessConfig?.authenticationMode !== 'CONFIG_MAP';
}

/**
 * A cluster that does not report its authentication mode (`accessConfig` is optional) is asked anyway; EKS refuses
 * ListAccessEntries on a CONFIG_MAP cluster with InvalidRequestException, which then means "no access entries".
 * A cluster that says it is in API mode gets no such reading: the refusal is a read error there.
 */
export function accessEntriesRefusalCodes(cluster: Cluster): string[] {
  return cluster.accessConfig?.authenticationMode === undefined ? ['InvalidRequestException'] : [];
}
