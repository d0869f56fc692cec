// Trimmed copies of real RDS responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  RDSServiceException,
  type DBCluster,
  type DBClusterSnapshot,
  type DBInstance,
  type DBSnapshot,
  type DescribeDBClusterSnapshotAttributesCommandOutput,
  type DescribeDBClusterSnapshotsCommandOutput,
  type DescribeDBClustersCommandOutput,
  type DescribeDBInstancesCommandOutput,
  type DescribeDBSnapshotAttributesCommandOutput,
  type DescribeDBSnapshotsCommandOutput,
} from '@aws-sdk/client-rds';

const metadata = { httpStatusCode: 200, requestId: 'rds-req-1', attempts: 1 };

export const ordersInstance: DBInstance = {
  DBInstanceIdentifier: 'orders-db',
  DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
  DBInstanceClass: 'db.t4g.medium',
  Engine: 'postgres',
  EngineVersion: '16.4',
  DBInstanceStatus: 'available',
  Endpoint: { Address: 'orders-db.abcdefghijkl.us-east-1.rds.amazonaws.com', Port: 5432 },
  InstanceCreateTime: new Date('2026-02-01T09:00:00.000Z'),
  PubliclyAccessible: true,
  StorageEncrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  BackupRetentionPeriod: 7,
  MultiAZ: false,
  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0db1', Status: 'active' }],
  DBSubnetGroup: {
    DBSubnetGroupName: 'orders-subnets',
    VpcId: 'vpc-0c3',
    SubnetGroupStatus: 'Complete',
    Subnets: [
      {
        SubnetIdentifier: 'subnet-0a1',
        SubnetAvailabilityZone: { Name: 'us-east-1a' },
        SubnetStatus: 'Active',
      },
      {
        SubnetIdentifier: 'subnet-0b2',
        SubnetAvailabilityZone: { Name: 'us-east-1b' },
        SubnetStatus: 'Active',
      },
    ],
  },
  TagList: [{ Key: 'env', Value: 'prod' }],
};

export const legacyInstance: DBInstance = {
  DBInstanceIdentifier: 'legacy-mysql',
  DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:legacy-mysql',
  Engine: 'mysql',
  DBInstanceStatus: 'available',
  PubliclyAccessible: false,
  StorageEncrypted: false,
  BackupRetentionPeriod: 0,
  VpcSecurityGroups: [],
  TagList: [],
};

export const instancesPage1: DescribeDBInstancesCommandOutput = {
  $metadata: metadata,
  DBInstances: [ordersInstance],
  Marker: 'instances-page-2',
};
export const instancesPage2: DescribeDBInstancesCommandOutput = {
  $metadata: metadata,
  DBInstances: [legacyInstance],
};
export const noInstances: DescribeDBInstancesCommandOutput = { $metadata: metadata, DBInstances: [] };

export const auroraCluster: DBCluster = {
  DBClusterIdentifier: 'reports-aurora',
  DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:reports-aurora',
  Engine: 'aurora-postgresql',
  Status: 'available',
  StorageEncrypted: true,
  BackupRetentionPeriod: 1,
  ClusterCreateTime: new Date('2026-04-10T10:00:00.000Z'),
  TagList: [{ Key: 'team', Value: 'data' }],
};
export const clusters: DescribeDBClustersCommandOutput = { $metadata: metadata, DBClusters: [auroraCluster] };
export const noClusters: DescribeDBClustersCommandOutput = { $metadata: metadata, DBClusters: [] };

export const sharedSnapshot: DBSnapshot = {
  DBSnapshotIdentifier: 'orders-before-migration',
  DBSnapshotArn: 'arn:aws:rds:us-east-1:123456789012:snapshot:orders-before-migration',
  DBInstanceIdentifier: 'orders-db',
  SnapshotCreateTime: new Date('2026-10-30T22:00:00.000Z'),
  SnapshotType: 'manual',
  Engine: 'postgres',
  Encrypted: false,
  Status: 'available',
  TagList: [],
};
export const privateSnapshot: DBSnapshot = {
  DBSnapshotIdentifier: 'legacy-final',
  DBSnapshotArn: 'arn:aws:rds:us-east-1:123456789012:snapshot:legacy-final',
  DBInstanceIdentifier: 'legacy-mysql',
  SnapshotType: 'manual',
  Encrypted: true,
  Status: 'available',
};
export const snapshotsPage1: DescribeDBSnapshotsCommandOutput = {
  $metadata: metadata,
  DBSnapshots: [sharedSnapshot],
  Marker: 'snapshots-page-2',
};
export const snapshotsPage2: DescribeDBSnapshotsCommandOutput = {
  $metadata: metadata,
  DBSnapshots: [privateSnapshot],
};
export const noSnapshots: DescribeDBSnapshotsCommandOutput = { $metadata: metadata, DBSnapshots: [] };

export const publicAttributes: DescribeDBSnapshotAttributesCommandOutput = {
  $metadata: metadata,
  DBSnapshotAttributesResult: {
    DBSnapshotIdentifier: 'orders-before-migration',
    DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
  },
};
export const accountSharedAttributes: DescribeDBSnapshotAttributesCommandOutput = {
  $metadata: metadata,
  DBSnapshotAttributesResult: {
    DBSnapshotIdentifier: 'legacy-final',
    DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['210987654321'] }],
  },
};

/** Manual Aurora cluster snapshots (DescribeDBClusterSnapshots' DBClusterSnapshot shape): one public, one private. */
export const publicClusterSnapshot: DBClusterSnapshot = {
  DBClusterSnapshotIdentifier: 'reports-before-upgrade',
  DBClusterSnapshotArn: 'arn:aws:rds:us-east-1:123456789012:cluster-snapshot:reports-before-upgrade',
  DBClusterIdentifier: 'reports-aurora',
  SnapshotType: 'manual',
  Engine: 'aurora-postgresql',
  Status: 'available',
  StorageEncrypted: false,
  SnapshotCreateTime: new Date('2026-05-01T03:00:00.000Z'),
  TagList: [{ Key: 'team', Value: 'data' }],
};
export const privateClusterSnapshot: DBClusterSnapshot = {
  DBClusterSnapshotIdentifier: 'reports-weekly',
  DBClusterSnapshotArn: 'arn:aws:rds:us-east-1:123456789012:cluster-snapshot:reports-weekly',
  DBClusterIdentifier: 'reports-aurora',
  SnapshotType: 'manual',
  Engine: 'aurora-postgresql',
  Status: 'available',
  StorageEncrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
};
export const clusterSnapshotsPage1: DescribeDBClusterSnapshotsCommandOutput = {
  $metadata: metadata,
  DBClusterSnapshots: [publicClusterSnapshot],
  Marker: 'cluster-snapshots-page-2',
};
export const clusterSnapshotsPage2: DescribeDBClusterSnapshotsCommandOutput = {
  $metadata: metadata,
  DBClusterSnapshots: [privateClusterSnapshot],
};
export const noClusterSnapshots: DescribeDBClusterSnapshotsCommandOutput = {
  $metadata: metadata,
  DBClusterSnapshots: [],
};
export const publicClusterAttributes: DescribeDBClusterSnapshotAttributesCommandOutput = {
  $metadata: metadata,
  DBClusterSnapshotAttributesResult: {
    DBClusterSnapshotIdentifier: 'reports-before-upgrade',
    DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
  },
};
export const privateClusterAttributes: DescribeDBClusterSnapshotAttributesCommandOutput = {
  $metadata: metadata,
  DBClusterSnapshotAttributesResult: {
    DBClusterSnapshotIdentifier: 'reports-weekly',
    DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }],
  },
};

/** RDS speaks the query protocol: an IAM denial comes back as `AccessDenied`, HTTP 403. */
export function accessDenied(action: string): RDSServiceException {
  return new RDSServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'rds-403' },
  });
}

/** Every optional member absent: no security groups, subnet group, endpoint, key or tag list. */
export const bareInstance: DBInstance = {
  DBInstanceIdentifier: 'scratch',
  DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:scratch',
  Engine: 'mariadb',
  DBInstanceStatus: 'creating',
  StorageEncrypted: false,
};

/** A manual snapshot whose `restore` attribute has no values: the empty list left out of the XML. */
export const restoreWithoutValues: DescribeDBSnapshotAttributesCommandOutput = {
  $metadata: metadata,
  DBSnapshotAttributesResult: {
    DBSnapshotIdentifier: 'legacy-final',
    DBSnapshotAttributes: [{ AttributeName: 'restore' }],
  },
};

/** Last pages that leave their (empty) list member out entirely and carry no Marker. */
export const instancesMemberOmitted: DescribeDBInstancesCommandOutput = { $metadata: metadata };
export const clustersMemberOmitted: DescribeDBClustersCommandOutput = { $metadata: metadata };
export const snapshotsMemberOmitted: DescribeDBSnapshotsCommandOutput = { $metadata: metadata };

/** An endpoint that does not implement the operation (an AWS emulator): HTTP 501. */
export function notImplemented(action: string): RDSServiceException {
  return new RDSServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: `API action '${action}' for service 'rds' not yet implemented`,
    $metadata: { httpStatusCode: 501, requestId: 'rds-501' },
  });
}
