import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { rdsCollector } from '../../../../collector/services/rds';
import { testContext } from '../../harness';
import {
  accessDenied,
  accountSharedAttributes,
  clusterSnapshotsPage1,
  clusterSnapshotsPage2,
  clusters,
  clustersMemberOmitted,
  instancesPage1,
  instancesMemberOmitted,
  instancesPage2,
  noClusterSnapshots,
  noClusters,
  noInstances,
  noSnapshots,
  notImplemented,
  privateClusterAttributes,
  publicAttributes,
  publicClusterAttributes,
  snapshotsMemberOmitted,
  snapshotsPage1,
  snapshotsPage2,
} from './fixtures';

const rds = mockClient(RDSClient);

// Cluster snapshots answer an empty list unless a test serves some.
beforeEach(() => {
  rds.reset();
  rds.on(DescribeDBClusterSnapshotsCommand).resolves(noClusterSnapshots);
});

function serveEverything(): void {
  rds.on(DescribeDBInstancesCommand).resolves(instancesPage1);
  rds.on(DescribeDBInstancesCommand, { Marker: 'instances-page-2' }).resolves(instancesPage2);
  rds.on(DescribeDBClustersCommand).resolves(clusters);
  rds.on(DescribeDBSnapshotsCommand, { SnapshotType: 'manual' }).resolves(snapshotsPage1);
  rds
    .on(DescribeDBSnapshotsCommand, { SnapshotType: 'manual', Marker: 'snapshots-page-2' })
    .resolves(snapshotsPage2);
  rds
    .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'orders-before-migration' })
    .resolves(publicAttributes);
  rds
    .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'legacy-final' })
    .resolves(accountSharedAttributes);
  rds.on(DescribeDBClusterSnapshotsCommand, { SnapshotType: 'manual' }).resolves(clusterSnapshotsPage1);
  rds
    .on(DescribeDBClusterSnapshotsCommand, { SnapshotType: 'manual', Marker: 'cluster-snapshots-page-2' })
    .resolves(clusterSnapshotsPage2);
  rds
    .on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'reports-before-upgrade' })
    .resolves(publicClusterAttributes);
  rds
    .on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'reports-weekly' })
    .resolves(privateClusterAttributes);
}

describe('rdsCollector', () => {
  it('reads every page of instances, clusters and manual snapshots with their attributes', async () => {
    serveEverything();
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(rdsCollector.operations.map((operation) => operation.api)));

    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_rds_db_instance orders-db',
      'aws_rds_db_instance legacy-mysql',
      'aws_rds_db_cluster reports-aurora',
      'aws_rds_db_snapshot orders-before-migration',
      'aws_rds_db_snapshot legacy-final',
      'aws_rds_db_cluster_snapshot reports-before-upgrade',
      'aws_rds_db_cluster_snapshot reports-weekly',
    ]);
    expect(
      run.assets.filter((asset) => asset.type === 'aws_rds_db_snapshot').map((a) => a.config.Public),
    ).toEqual([true, false]);
    const clusterSnapshots = run.assets.filter((asset) => asset.type === 'aws_rds_db_cluster_snapshot');
    expect(clusterSnapshots.map((a) => [a.config.Public, a.config.StorageEncrypted])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(clusterSnapshots[0].config.DBClusterSnapshotAttributes).toEqual({
      DBClusterSnapshotAttributesResult: publicClusterAttributes.DBClusterSnapshotAttributesResult,
    });
    expect(clusterSnapshots[0].tags).toEqual({ team: 'data' });
    expect(run.relationships.map((edge) => edge.verb)).toEqual(['PROTECTS', 'IN', 'IN', 'ENCRYPTS']);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing for an empty region', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(noInstances);
    rds.on(DescribeDBClustersCommand).resolves(noClusters);
    rds.on(DescribeDBSnapshotsCommand).resolves(noSnapshots);
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual([
      'RDS.DescribeDBInstances',
      'RDS.DescribeDBClusters',
      'RDS.DescribeDBSnapshots',
      'RDS.DescribeDBClusterSnapshots',
    ]);
  });

  it('marks only the denied type failed and keeps the others', async () => {
    serveEverything();
    const denied = accessDenied('rds:DescribeDBClusters');
    rds.on(DescribeDBClustersCommand).rejects(denied);
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_rds_db_cluster', error: denied }]);
    expect(run.assets.filter((asset) => asset.type === 'aws_rds_db_cluster')).toEqual([]);
    expect(run.assets).toHaveLength(6);
  });

  it('throws with the AWS error when no list can be read', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(accessDenied('rds:DescribeDBInstances'));
    rds.on(DescribeDBClustersCommand).rejects(accessDenied('rds:DescribeDBClusters'));
    rds.on(DescribeDBSnapshotsCommand).rejects(accessDenied('rds:DescribeDBSnapshots'));
    rds.on(DescribeDBClusterSnapshotsCommand).rejects(accessDenied('rds:DescribeDBClusterSnapshots'));
    const run = testContext(rdsCollector);

    await expect(rdsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_rds_db_instance',
      'aws_rds_db_cluster',
      'aws_rds_db_snapshot',
      'aws_rds_db_cluster_snapshot',
    ]);
  });

  it('stops at the first call when the region is not enabled', async () => {
    const disabled = Object.assign(new Error('The security token included in the request is invalid.'), {
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
    rds.on(DescribeDBInstancesCommand).rejects(disabled);
    const run = testContext(rdsCollector, { region: 'me-south-1' });

    await expect(rdsCollector.collect(run.ctx)).rejects.toBe(disabled);
    expect(run.calls).toEqual(['RDS.DescribeDBInstances']);
  });

  it('reads pages that leave their list member out as empty', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(instancesMemberOmitted);
    rds.on(DescribeDBClustersCommand).resolves(clustersMemberOmitted);
    rds.on(DescribeDBSnapshotsCommand).resolves(snapshotsMemberOmitted);
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('keeps the snapshots with a read error when DescribeDBSnapshotAttributes is not implemented', async () => {
    serveEverything();
    rds.on(DescribeDBSnapshotAttributesCommand).rejects(notImplemented('DescribeDBSnapshotAttributes'));
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    const snapshots = run.assets.filter((asset) => asset.type === 'aws_rds_db_snapshot');
    expect(snapshots.map((asset) => [asset.name, asset.readErrors, asset.config.Public])).toEqual([
      ['orders-before-migration', { DBSnapshotAttributes: 'InternalFailure' }, undefined],
      ['legacy-final', { DBSnapshotAttributes: 'InternalFailure' }, undefined],
    ]);
    expect(run.assets).toHaveLength(7);
    expect(run.failures).toEqual([]);
  });

  it('keeps instances and snapshots when DescribeDBClusters is not implemented', async () => {
    serveEverything();
    const failure = notImplemented('DescribeDBClusters');
    rds.on(DescribeDBClustersCommand).rejects(failure);
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_rds_db_cluster', error: failure }]);
    expect(run.assets.map((asset) => asset.type)).toEqual([
      'aws_rds_db_instance',
      'aws_rds_db_instance',
      'aws_rds_db_snapshot',
      'aws_rds_db_snapshot',
      'aws_rds_db_cluster_snapshot',
      'aws_rds_db_cluster_snapshot',
    ]);
  });

  it('keeps the cluster snapshots with a read error when their attributes cannot be read', async () => {
    serveEverything();
    rds
      .on(DescribeDBClusterSnapshotAttributesCommand)
      .rejects(accessDenied('rds:DescribeDBClusterSnapshotAttributes'));
    const run = testContext(rdsCollector);

    await rdsCollector.collect(run.ctx);

    const snapshots = run.assets.filter((asset) => asset.type === 'aws_rds_db_cluster_snapshot');
    expect(snapshots.map((asset) => [asset.name, asset.readErrors, asset.config.Public])).toEqual([
      ['reports-before-upgrade', { DBClusterSnapshotAttributes: 'AccessDenied' }, undefined],
      ['reports-weekly', { DBClusterSnapshotAttributes: 'AccessDenied' }, undefined],
    ]);
    expect(run.failures).toEqual([]);
  });
});
