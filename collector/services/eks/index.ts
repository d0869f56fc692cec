// EKS clusters with their access entries (CATALOG.md: aws_eks_cluster).
import { EKSClient } from '@aws-sdk/client-eks';
import type { CollectorModule } from '../../types';
import { clusterNamePages, describeCluster, listAccessEntries } from './get';
import { errorCode } from '../../errors';
import { ListFailures, readDetail, whereOf } from '../../read';
import { accessEntriesRefusalCodes, CLUSTER_TYPE, transformCluster, usesAccessEntries } from './transform';

export const eksCollector: CollectorModule = {
  service: 'eks',
  scope: 'regional',
  resourceTypes: [
    {
      type: CLUSTER_TYPE,
      class: 'Cluster',
      listOperation: 'EKS.ListClusters',
      detailOperations: ['EKS.DescribeCluster', 'EKS.ListAccessEntries'],
      idSource: 'Cluster.arn',
    },
  ],
  operations: [
    { api: 'EKS.ListClusters', actions: ['eks:ListClusters'] },
    { api: 'EKS.DescribeCluster', actions: ['eks:DescribeCluster'] },
    { api: 'EKS.ListAccessEntries', actions: ['eks:ListAccessEntries'] },
  ],
  async collect(ctx) {
    const client = ctx.client(EKSClient);
    const scope = whereOf(ctx, 'eks');
    const failures = new ListFailures(ctx, [CLUSTER_TYPE]);
    await failures.run([CLUSTER_TYPE], async () => {
      for await (const names of clusterNamePages(client, ctx.signal)) {
        const results = await ctx.mapLimit(names, async (name) => {
          let cluster;
          try {
            cluster = await describeCluster(client, name, ctx.signal);
          } catch (error) {
            // Deleted since it was listed: nothing to lose. Anything else means the list is not complete.
            if (errorCode(error) !== 'ResourceNotFoundException') failures.fail([CLUSTER_TYPE], error);
            return undefined;
          }
          if (!cluster) return undefined;
          const accessEntries = usesAccessEntries(cluster)
            ? await readDetail(
                () => listAccessEntries(client, name, ctx.signal),
                accessEntriesRefusalCodes(cluster),
              )
            : ({ ok: true, value: null } as const);
          return transformCluster(scope, cluster, accessEntries);
        });
        const read = results.filter((result) => result !== undefined);
        await ctx.emit({
          assets: read.map((result) => result.asset),
          relationships: read.flatMap((result) => result.relationships),
        });
      }
    });
    failures.finish();
  },
};
