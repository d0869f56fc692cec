// RDS reads: four paginated lists, then the attributes of each manual snapshot (who may restore it).
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
  type DescribeDBClusterSnapshotAttributesCommandOutput,
  type DescribeDBSnapshotAttributesCommandOutput,
  type RDSClient,
} from '@aws-sdk/client-rds';

export async function* dbInstancePages(client: RDSClient, signal: AbortSignal): AsyncGenerator<DBInstance[]> {
  for await (const page of paginateDescribeDBInstances({ client }, {}, { abortSignal: signal })) {
    yield page.DBInstances ?? [];
  }
}

export async function* dbClusterPages(client: RDSClient, signal: AbortSignal): AsyncGenerator<DBCluster[]> {
  for await (const page of paginateDescribeDBClusters({ client }, {}, { abortSignal: signal })) {
    yield page.DBClusters ?? [];
  }
}

/** Manual snapshots only: automated ones cannot be shared, so they cannot be public. */
export async function* manualSnapshotPages(
  client: RDSClient,
  signal: AbortSignal,
): AsyncGenerator<DBSnapshot[]> {
  const pages = paginateDescribeDBSnapshots({ client }, { SnapshotType: 'manual' }, { abortSignal: signal });
  for await (const page of pages) yield page.DBSnapshots ?? [];
}

export function getSnapshotAttributes(
  client: RDSClient,
  snapshotIdentifier: string,
  signal: AbortSignal,
): Promise<DescribeDBSnapshotAttributesCommandOutput> {
  return client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshotIdentifier }), {
    abortSignal: signal,
  });
}

/** Manual cluster (Aurora, Multi-AZ cluster) snapshots: like DB snapshots, only manual ones can be shared. */
export async function* manualClusterSnapshotPages(
  client: RDSClient,
  signal: AbortSignal,
): AsyncGenerator<DBClusterSnapshot[]> {
  const pages = paginateDescribeDBClusterSnapshots(
    { client },
    { SnapshotType: 'manual' },
    { abortSignal: signal },
  );
  for await (const page of pages) yield page.DBClusterSnapshots ?? [];
}

export function getClusterSnapshotAttributes(
  client: RDSClient,
  snapshotIdentifier: string,
  signal: AbortSignal,
): Promise<DescribeDBClusterSnapshotAttributesCommandOutput> {
  return client.send(
    new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshotIdentifier }),
    { abortSignal: signal },
  );
}
