// RDS instances, clusters and manual snapshots (CATALOG.md: aws_rds_db_instance, aws_rds_db_cluster,
// aws_rds_db_snapshot, aws_rds_db_cluster_snapshot). Each list is independent: one denied list leaves the other types complete.
import { RDSClient } from '@aws-sdk/client-rds';
import type { CollectorModule } from '../../types';
import {
  dbClusterPages,
  dbInstancePages,
  getClusterSnapshotAttributes,
  getSnapshotAttributes,
  manualClusterSnapshotPages,
  manualSnapshotPages,
} from './get';
import { ListFailures, readDetail, whereOf } from '../../read';
import {
  DB_CLUSTER_SNAPSHOT_TYPE,
  DB_CLUSTER_TYPE,
  DB_INSTANCE_TYPE,
  DB_SNAPSHOT_TYPE,
  transformDbCluster,
  transformDbClusterSnapshot,
  transformDbInstance,
  transformDbSnapshot,
} from './transform';

export const rdsCollector: CollectorModule = {
  service: 'rds',
  scope: 'regional',
  resourceTypes: [
    {
      type: DB_INSTANCE_TYPE,
      class: 'Database',
      listOperation: 'RDS.DescribeDBInstances',
      idSource: 'DBInstanceArn',
    },
    {
      type: DB_CLUSTER_TYPE,
      class: 'Database',
      listOperation: 'RDS.DescribeDBClusters',
      idSource: 'DBClusterArn',
    },
    {
      type: DB_SNAPSHOT_TYPE,
      class: 'DataStore',
      listOperation: 'RDS.DescribeDBSnapshots',
      detailOperations: ['RDS.DescribeDBSnapshotAttributes'],
      idSource: 'DBSnapshotArn (manual snapshots only)',
    },
    {
      type: DB_CLUSTER_SNAPSHOT_TYPE,
      class: 'DataStore',
      listOperation: 'RDS.DescribeDBClusterSnapshots',
      detailOperations: ['RDS.DescribeDBClusterSnapshotAttributes'],
      idSource: 'DBClusterSnapshotArn (manual snapshots only)',
    },
  ],
  operations: [
    { api: 'RDS.DescribeDBInstances', actions: ['rds:DescribeDBInstances'] },
    { api: 'RDS.DescribeDBClusters', actions: ['rds:DescribeDBClusters'] },
    { api: 'RDS.DescribeDBSnapshots', actions: ['rds:DescribeDBSnapshots'] },
    { api: 'RDS.DescribeDBSnapshotAttributes', actions: ['rds:DescribeDBSnapshotAttributes'] },
    { api: 'RDS.DescribeDBClusterSnapshots', actions: ['rds:DescribeDBClusterSnapshots'] },
    {
      api: 'RDS.DescribeDBClusterSnapshotAttributes',
      actions: ['rds:DescribeDBClusterSnapshotAttributes'],
    },
  ],
  async collect(ctx) {
    const client = ctx.client(RDSClient);
    const scope = whereOf(ctx, 'rds');
    const failures = new ListFailures(ctx, [
      DB_INSTANCE_TYPE,
      DB_CLUSTER_TYPE,
      DB_SNAPSHOT_TYPE,
      DB_CLUSTER_SNAPSHOT_TYPE,
    ]);

    await failures.run([DB_INSTANCE_TYPE], async () => {
      for await (const instances of dbInstancePages(client, ctx.signal)) {
        const results = instances.map((instance) => transformDbInstance(scope, instance));
        await ctx.emit({
          assets: results.map((result) => result.asset),
          relationships: results.flatMap((result) => result.relationships),
        });
      }
    });

    await failures.run([DB_CLUSTER_TYPE], async () => {
      for await (const clusters of dbClusterPages(client, ctx.signal)) {
        await ctx.emit({ assets: clusters.map((cluster) => transformDbCluster(scope, cluster)) });
      }
    });

    await failures.run([DB_SNAPSHOT_TYPE], async () => {
      for await (const snapshots of manualSnapshotPages(client, ctx.signal)) {
        const assets = await ctx.mapLimit(snapshots, async (snapshot) => {
          const attributes = await readDetail(() =>
            getSnapshotAttributes(client, snapshot.DBSnapshotIdentifier ?? '', ctx.signal),
          );
          return transformDbSnapshot(scope, snapshot, attributes);
        });
        await ctx.emit({ assets });
      }
    });

    await failures.run([DB_CLUSTER_SNAPSHOT_TYPE], async () => {
      for await (const snapshots of manualClusterSnapshotPages(client, ctx.signal)) {
        const assets = await ctx.mapLimit(snapshots, async (snapshot) => {
          const attributes = await readDetail(() =>
            getClusterSnapshotAttributes(client, snapshot.DBClusterSnapshotIdentifier ?? '', ctx.signal),
          );
          return transformDbClusterSnapshot(scope, snapshot, attributes);
        });
        await ctx.emit({ assets });
      }
    });

    failures.finish();
  },
};
