import {
  DB_CLUSTER_TYPE,
  DB_INSTANCE_TYPE,
  DB_SNAPSHOT_TYPE,
  transformDbCluster,
  transformDbInstance,
  transformDbSnapshot,
} from '../../../../collector/services/rds/transform';
import type { Where } from '../../../../collector/shape';
import {
  accountSharedAttributes,
  auroraCluster,
  bareInstance,
  legacyInstance,
  ordersInstance,
  privateSnapshot,
  publicAttributes,
  restoreWithoutValues,
  sharedSnapshot,
} from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'rds',
};
const edge = { accountId: '123456789012', service: 'rds', region: 'us-east-1' };

describe('transformDbInstance', () => {
  it('keeps DBInstance as config with ISO dates and tags from TagList', () => {
    const { asset } = transformDbInstance(scope, ordersInstance);

    expect(asset).toEqual({
      id: 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'rds',
      type: DB_INSTANCE_TYPE,
      class: 'Database',
      name: 'orders-db',
      tags: { env: 'prod' },
      config: { ...ordersInstance, InstanceCreateTime: '2026-02-01T09:00:00.000Z' },
    });
  });

  it('emits security group PROTECTS, IN each subnet of the subnet group and KMS ENCRYPTS', () => {
    const { relationships } = transformDbInstance(scope, ordersInstance);
    const id = ordersInstance.DBInstanceArn;

    expect(relationships).toEqual([
      {
        ...edge,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0db1',
        verb: 'PROTECTS',
        toId: id,
      },
      { ...edge, fromId: id, verb: 'IN', toId: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a1' },
      { ...edge, fromId: id, verb: 'IN', toId: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0b2' },
      {
        ...edge,
        fromId: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
        verb: 'ENCRYPTS',
        toId: id,
      },
    ]);
  });

  it('records the subnet group as not in the response when AWS names none (EC2-Classic is retired)', () => {
    expect(transformDbInstance(scope, legacyInstance).asset.readErrors).toEqual({
      DBSubnetGroup: 'NotInResponse',
    });
    expect(
      transformDbInstance(scope, { ...legacyInstance, DBSubnetGroup: { VpcId: 'vpc-0c3' } }).asset,
    ).not.toHaveProperty('readErrors');
  });

  it('emits no edges for an unencrypted instance outside a VPC', () => {
    expect(transformDbInstance(scope, legacyInstance).relationships).toEqual([]);
  });

  it('builds the key ARN when the instance only names the key id', () => {
    const { relationships } = transformDbInstance(scope, {
      ...legacyInstance,
      StorageEncrypted: true,
      KmsKeyId: '9f8e7d6c-0000-1111-2222-333344445555',
    });

    expect(relationships).toEqual([
      {
        ...edge,
        fromId: 'arn:aws:kms:us-east-1:123456789012:key/9f8e7d6c-0000-1111-2222-333344445555',
        verb: 'ENCRYPTS',
        toId: legacyInstance.DBInstanceArn,
      },
    ]);
  });

  it('keeps an instance without security groups, subnet group or tags, with no edges', () => {
    const { asset, relationships } = transformDbInstance(scope, bareInstance);

    expect(asset.tags).toEqual({});
    expect(asset.config).toEqual(bareInstance);
    expect(relationships).toEqual([]);
  });

  it('puts an instance whose subnet group lists no subnets in no subnet', () => {
    const { relationships } = transformDbInstance(scope, {
      ...bareInstance,
      DBSubnetGroup: { DBSubnetGroupName: 'default', VpcId: 'vpc-0c3' },
    });

    expect(relationships).toEqual([]);
  });

  it('links no key when the instance names it by alias ARN or alias name', () => {
    for (const KmsKeyId of ['arn:aws:kms:us-east-1:123456789012:alias/aws/rds', 'alias/orders']) {
      const { relationships } = transformDbInstance(scope, {
        ...bareInstance,
        StorageEncrypted: true,
        KmsKeyId,
      });

      expect(relationships).toEqual([]);
    }
  });
});

describe('transformDbCluster', () => {
  it('keeps DBCluster as config', () => {
    const asset = transformDbCluster(scope, auroraCluster);

    expect(asset).toMatchObject({
      id: 'arn:aws:rds:us-east-1:123456789012:cluster:reports-aurora',
      type: DB_CLUSTER_TYPE,
      class: 'Database',
      name: 'reports-aurora',
      tags: { team: 'data' },
      config: { ...auroraCluster, ClusterCreateTime: '2026-04-10T10:00:00.000Z' },
    });
  });
});

describe('transformDbSnapshot', () => {
  it('marks a snapshot whose restore attribute lists all as public', () => {
    const asset = transformDbSnapshot(scope, sharedSnapshot, { ok: true, value: publicAttributes });

    expect(asset).toMatchObject({
      id: 'arn:aws:rds:us-east-1:123456789012:snapshot:orders-before-migration',
      type: DB_SNAPSHOT_TYPE,
      class: 'DataStore',
      name: 'orders-before-migration',
      config: {
        SnapshotCreateTime: '2026-10-30T22:00:00.000Z',
        DBSnapshotAttributes: {
          DBSnapshotAttributesResult: {
            DBSnapshotIdentifier: 'orders-before-migration',
            DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
          },
        },
        Public: true,
      },
    });
  });

  it('does not call a snapshot shared with one account public', () => {
    const asset = transformDbSnapshot(scope, privateSnapshot, { ok: true, value: accountSharedAttributes });

    expect(asset.config.Public).toBe(false);
  });

  it('leaves Public and the attributes out when they could not be read', () => {
    const asset = transformDbSnapshot(scope, privateSnapshot, { ok: false, code: 'AccessDenied' });

    expect(asset.config).not.toHaveProperty('Public');
    expect(asset.config).not.toHaveProperty('DBSnapshotAttributes');
    expect(asset.readErrors).toEqual({ DBSnapshotAttributes: 'AccessDenied' });
  });

  it('does not call a snapshot public when its restore attribute has no values', () => {
    const asset = transformDbSnapshot(scope, privateSnapshot, { ok: true, value: restoreWithoutValues });

    expect(asset.config.Public).toBe(false);
    expect(asset.readErrors).toBeUndefined();
  });
});
