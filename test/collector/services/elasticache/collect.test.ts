import {
  DescribeCacheClustersCommand,
  type DescribeCacheClustersCommandOutput,
  DescribeReplicationGroupsCommand,
  type DescribeReplicationGroupsCommandOutput,
  ElastiCacheClient,
  ElastiCacheServiceException,
} from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { elasticacheCollector } from '../../../../collector/services/elasticache';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'b7e1c2d3-0000-4000-8000-000000000001' };
const GROUP = 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:orders-cache';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

const groupsPage1: DescribeReplicationGroupsCommandOutput = {
  $metadata,
  ReplicationGroups: [
    {
      ReplicationGroupId: 'orders-cache',
      Description: 'orders session cache',
      Status: 'available',
      PendingModifiedValues: {},
      MemberClusters: ['orders-cache-001', 'orders-cache-002'],
      NodeGroups: [
        {
          NodeGroupId: '0001',
          Status: 'available',
          PrimaryEndpoint: { Address: 'orders-cache.abc123.ng.0001.use1.cache.amazonaws.com', Port: 6379 },
          NodeGroupMembers: [
            { CacheClusterId: 'orders-cache-001', CacheNodeId: '0001', CurrentRole: 'primary' },
            { CacheClusterId: 'orders-cache-002', CacheNodeId: '0001', CurrentRole: 'replica' },
          ],
        },
      ],
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      SnapshotRetentionLimit: 7,
      SnapshotWindow: '05:00-06:00',
      ClusterEnabled: false,
      CacheNodeType: 'cache.r6g.large',
      AuthTokenEnabled: true,
      AuthTokenLastModifiedDate: new Date('2026-03-01T10:00:00Z'),
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      KmsKeyId: KEY,
      ARN: GROUP,
      LogDeliveryConfigurations: [],
      ReplicationGroupCreateTime: new Date('2025-05-01T10:00:00Z'),
      AutoMinorVersionUpgrade: true,
      NetworkType: 'ipv4',
      IpDiscovery: 'ipv4',
      Engine: 'redis',
    },
  ],
  Marker: 'orders-cache',
};
const groupsPage2: DescribeReplicationGroupsCommandOutput = {
  $metadata,
  ReplicationGroups: [
    {
      ReplicationGroupId: 'legacy-cache',
      Status: 'available',
      MemberClusters: ['legacy-cache-001'],
      SnapshotRetentionLimit: 0,
      AuthTokenEnabled: false,
      TransitEncryptionEnabled: false,
      AtRestEncryptionEnabled: false,
      ARN: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:legacy-cache',
      Engine: 'redis',
    },
  ],
};

const clusterOf = (id: string, fields: object) => ({
  CacheClusterId: id,
  CacheNodeType: 'cache.t3.micro',
  CacheClusterStatus: 'available',
  NumCacheNodes: 1,
  PreferredAvailabilityZone: 'us-east-1a',
  CacheClusterCreateTime: new Date('2025-05-01T10:00:00Z'),
  PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
  PendingModifiedValues: {},
  CacheSecurityGroups: [],
  CacheParameterGroup: { CacheParameterGroupName: 'default.redis7', ParameterApplyStatus: 'in-sync' },
  CacheSubnetGroupName: 'cache-private',
  CacheNodes: [
    {
      CacheNodeId: '0001',
      CacheNodeStatus: 'available',
      CacheNodeCreateTime: new Date('2025-05-01T10:00:00Z'),
      Endpoint: { Address: `${id}.abc123.0001.use1.cache.amazonaws.com`, Port: 6379 },
      ParameterGroupStatus: 'in-sync',
      CustomerAvailabilityZone: 'us-east-1a',
    },
  ],
  SecurityGroups: [{ SecurityGroupId: 'sg-0cache0000000001', Status: 'active' }],
  ARN: `arn:aws:elasticache:us-east-1:123456789012:cluster:${id}`,
  ...fields,
});
const clustersPage1: DescribeCacheClustersCommandOutput = {
  $metadata,
  CacheClusters: [
    clusterOf('orders-cache-001', {
      Engine: 'redis',
      EngineVersion: '7.1.0',
      ReplicationGroupId: 'orders-cache',
      AutoMinorVersionUpgrade: true,
    }),
  ],
  Marker: 'orders-cache-001',
};
const clustersPage2: DescribeCacheClustersCommandOutput = {
  $metadata,
  CacheClusters: [
    clusterOf('pages', { Engine: 'memcached', EngineVersion: '1.6.6', AutoMinorVersionUpgrade: false }),
  ],
};

/** ElastiCache speaks the query protocol: the refusal's code is AccessDenied. */
const accessDenied = (action: string) =>
  new ElastiCacheServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'b7e1c2d3-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });

const elasticache = mockClient(ElastiCacheClient);

function mockElastiCache(): void {
  elasticache
    .on(DescribeReplicationGroupsCommand)
    .resolves(groupsPage1)
    .on(DescribeReplicationGroupsCommand, { Marker: 'orders-cache' })
    .resolves(groupsPage2);
  elasticache
    .on(DescribeCacheClustersCommand)
    .resolves(clustersPage1)
    .on(DescribeCacheClustersCommand, { Marker: 'orders-cache-001' })
    .resolves(clustersPage2);
}

beforeEach(() => elasticache.reset());

describe('elasticacheCollector', () => {
  it('emits every replication group and cache cluster of every Marker page, as AWS describes them', async () => {
    mockElastiCache();
    const run = testContext(elasticacheCollector);
    await elasticacheCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.name])).toEqual([
      ['aws_elasticache_replication_group', 'Database', 'orders-cache'],
      ['aws_elasticache_replication_group', 'Database', 'legacy-cache'],
      ['aws_elasticache_cluster', 'Database', 'orders-cache-001'],
      ['aws_elasticache_cluster', 'Database', 'pages'],
    ]);
    expect(run.assets[0].id).toBe(GROUP);
    expect(run.assets[0].config).toMatchObject({
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthTokenEnabled: true,
      SnapshotRetentionLimit: 7,
      ReplicationGroupCreateTime: '2025-05-01T10:00:00.000Z',
    });
    expect(run.assets[3].config).toMatchObject({ Engine: 'memcached', AutoMinorVersionUpgrade: false });
  });

  it('asks for the cache nodes with each cluster (ShowCacheNodeInfo) and pages with MaxRecords', async () => {
    mockElastiCache();
    const run = testContext(elasticacheCollector);
    await elasticacheCollector.collect(run.ctx);
    const inputs = elasticache.commandCalls(DescribeCacheClustersCommand).map((call) => call.args[0].input);
    // The SDK paginator reuses one input object (only the Marker changes), so the calls are checked as a whole.
    expect(inputs).toHaveLength(2);
    for (const input of inputs) expect(input).toMatchObject({ MaxRecords: 100, ShowCacheNodeInfo: true });
    expect((run.assets[2].config.CacheNodes as object[]).length).toBe(1);
  });

  it('links keys, security groups and member clusters', async () => {
    mockElastiCache();
    const run = testContext(elasticacheCollector);
    await elasticacheCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [KEY, 'ENCRYPTS', GROUP],
      [
        'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0cache0000000001',
        'PROTECTS',
        'arn:aws:elasticache:us-east-1:123456789012:cluster:orders-cache-001',
      ],
      ['arn:aws:elasticache:us-east-1:123456789012:cluster:orders-cache-001', 'IN', GROUP],
      [
        'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0cache0000000001',
        'PROTECTS',
        'arn:aws:elasticache:us-east-1:123456789012:cluster:pages',
      ],
    ]);
  });

  it('keeps clusters when DescribeReplicationGroups is denied (groups incomplete)', async () => {
    mockElastiCache();
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .rejects(accessDenied('elasticache:DescribeReplicationGroups'));
    const run = testContext(elasticacheCollector);
    await elasticacheCollector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_elasticache_replication_group']);
    expect(run.assets.map((asset) => asset.type)).toEqual([
      'aws_elasticache_cluster',
      'aws_elasticache_cluster',
    ]);
  });

  it('fails the unit with AWS code when both lists are denied', async () => {
    elasticache
      .on(DescribeReplicationGroupsCommand)
      .rejects(accessDenied('elasticache:DescribeReplicationGroups'));
    elasticache.on(DescribeCacheClustersCommand).rejects(accessDenied('elasticache:DescribeCacheClusters'));
    const run = testContext(elasticacheCollector);
    await expect(elasticacheCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(run.assets).toEqual([]);
  });

  it('emits nothing in a region without caches', async () => {
    elasticache.on(DescribeReplicationGroupsCommand).resolves({ $metadata, ReplicationGroups: [] });
    elasticache.on(DescribeCacheClustersCommand).resolves({ $metadata, CacheClusters: [] });
    const run = testContext(elasticacheCollector);
    await elasticacheCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls.sort()).toEqual([
      'ElastiCache.DescribeCacheClusters',
      'ElastiCache.DescribeReplicationGroups',
    ]);
  });
});
