// Redshift (regional): provisioned clusters (public access, encryption, security groups), their audit logging
// (DescribeLoggingStatus) and whether their parameter group requires SSL (DescribeClusterParameters, once per group).
import {
  type Cluster,
  DescribeLoggingStatusCommand,
  paginateDescribeClusterParameters,
  paginateDescribeClusters,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import type { CollectContext, CollectorModule } from '../../types';
import { type DetailOutcome, isGone, readDetail, readOutput, whereOf } from '../../read';
import { redshiftOperations, redshiftResourceTypes } from './declarations';
import { clusterAsset, clusterRelationships, type ClusterRead } from './transform';

export const redshiftCollector: CollectorModule = {
  service: 'redshift',
  scope: 'regional',
  resourceTypes: redshiftResourceTypes,
  operations: redshiftOperations,
  collect: collectRedshift,
};

/** A cluster deleted since DescribeClusters. */
const CLUSTER_GONE = ['ClusterNotFound', 'ClusterNotFoundFault'];

async function collectRedshift(ctx: CollectContext): Promise<void> {
  const client = ctx.client(RedshiftClient);
  const scope = whereOf(ctx, redshiftCollector.service);
  const clusters: Cluster[] = [];
  for await (const page of paginateDescribeClusters({ client }, { MaxRecords: 100 }))
    clusters.push(...(page.Clusters ?? []).filter((cluster) => cluster.ClusterIdentifier));
  if (clusters.length === 0) return;
  // One read per parameter group, however many clusters share it.
  const groups = [
    ...new Set(
      clusters.map((cluster) => cluster.ClusterParameterGroups?.[0]?.ParameterGroupName).filter(Boolean),
    ),
  ] as string[];
  const requireSsl = new Map<string, DetailOutcome<string>>();
  await ctx.mapLimit(groups, async (group) => {
    requireSsl.set(
      group,
      await readDetail(async () => {
        for await (const page of paginateDescribeClusterParameters({ client }, { ParameterGroupName: group }))
          for (const parameter of page.Parameters ?? [])
            if (parameter.ParameterName === 'require_ssl') return parameter.ParameterValue ?? null;
        return null;
      }),
    );
  });
  const reads = await ctx.mapLimit(clusters, async (cluster): Promise<ClusterRead> => {
    const group = cluster.ClusterParameterGroups?.[0]?.ParameterGroupName;
    return {
      cluster,
      logging: await readOutput(() =>
        client.send(new DescribeLoggingStatusCommand({ ClusterIdentifier: cluster.ClusterIdentifier })),
      ),
      requireSsl: (group && requireSsl.get(group)) || { ok: true, value: null },
    };
  });
  const present = reads.filter((read) => !isGone(read.logging, CLUSTER_GONE));
  const assets = present.map((read) => clusterAsset(scope, read));
  await ctx.emit({ assets, relationships: assets.flatMap((asset) => clusterRelationships(scope, asset)) });
}
