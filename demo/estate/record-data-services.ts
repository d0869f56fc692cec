// Records SSM, ElastiCache, Redshift, OpenSearch and Backup for one demo region (metadata and settings only: no
// parameter value, document body, cache key, table row or index document exists in the demo). Resources live in
// the first region; the others answer empty lists. Production is mostly well kept; Staging fails more controls.
import type { BackupVaultListMember } from '@aws-sdk/client-backup';
import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import type { Cluster } from '@aws-sdk/client-redshift';
import type { DocumentIdentifier, ParameterMetadata } from '@aws-sdk/client-ssm';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordDataServices(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const here = regionIndex === 0;
  recordSsm(recording, ctx, region, here);
  recordElastiCache(recording, ctx, region, here);
  recordRedshift(recording, ctx, region, here);
  recordOpenSearch(recording, ctx, region, here);
  recordBackup(recording, ctx, region, here);
}

/**
 * Production: a SecureString database password, a legacy FTP password stored as a plain String (fails the name
 * heuristic) and a queue URL (not a secret); a run-command document shared with one partner account.
 * Staging: a debugging document shared with everyone.
 */
function recordSsm(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const parameter = (name: string, fields: Partial<ParameterMetadata>): ParameterMetadata => ({
    Name: name,
    ARN: `arn:aws:ssm:${region}:${owner}:parameter/${name.replace(/^\//, '')}`,
    Type: 'String',
    LastModifiedDate: daysAgo(ctx.now, 90),
    LastModifiedUser: `arn:aws:iam::${owner}:user/deploy`,
    Version: 1,
    Tier: 'Standard',
    Policies: [],
    DataType: 'text',
    ...fields,
  });
  const parameters: ParameterMetadata[] = [];
  const documents: { identifier: DocumentIdentifier; accountIds: string[] }[] = [];
  const document = (name: string, type: 'Command' | 'Automation'): DocumentIdentifier => ({
    Name: name,
    CreatedDate: daysAgo(ctx.now, 300),
    Owner: owner,
    PlatformTypes: ['Linux', 'MacOS'],
    DocumentVersion: '1',
    DocumentType: type,
    SchemaVersion: type === 'Command' ? '2.2' : '0.3',
    DocumentFormat: 'YAML',
    Tags: [{ Key: 'Environment', Value: ctx.account.kind }],
  });
  if (here && production) {
    parameters.push(
      parameter('/production/orders/db-password', {
        Type: 'SecureString',
        KeyId: 'alias/aws/ssm',
        Version: 6,
      }),
      parameter('/production/legacy/ftp-password', { LastModifiedDate: daysAgo(ctx.now, 700) }),
      parameter('/production/orders/queue-url', {}),
    );
    documents.push({ identifier: document('restart-orders-app', 'Command'), accountIds: ['444455556666'] });
  }
  if (here && !production) {
    parameters.push(parameter('/staging/feature-flags', { Type: 'StringList' }));
    documents.push({ identifier: document('staging-debug-tools', 'Automation'), accountIds: ['all'] });
  }
  // Two per page, so the demo follows DescribeParameters' NextToken.
  recording.paged('SSM', 'DescribeParameters', region, {
    items: parameters,
    itemsKey: 'Parameters',
    pageSize: 2,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  recording.paged('SSM', 'ListDocuments', region, {
    match: { Filters: [{ Key: 'Owner', Values: ['Self'] }] },
    items: documents.map((entry) => entry.identifier),
    itemsKey: 'DocumentIdentifiers',
    pageSize: 50,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const entry of documents)
    recording.output(
      'SSM',
      'DescribeDocumentPermission',
      region,
      { Name: entry.identifier.Name, PermissionType: 'Share' },
      {
        AccountIds: entry.accountIds,
        AccountSharingInfoList: entry.accountIds.map((id) => ({
          AccountId: id,
          SharedDocumentVersion: '$DEFAULT',
        })),
      },
    );
}

/**
 * Production: a Redis OSS 7 replication group, encrypted at rest and in transit, with AUTH and 7 days of backups.
 * Staging: a Redis OSS 5 group with none of that (fails ElastiCache.1, .4, .5, .6; its cluster .2) and a memcached
 * cluster.
 */
function recordElastiCache(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const arn = (kind: string, id: string) => `arn:aws:elasticache:${region}:${owner}:${kind}:${id}`;
  const groups: ReplicationGroup[] = [];
  const clusters: CacheCluster[] = [];
  const cluster = (id: string, fields: Partial<CacheCluster>): CacheCluster => ({
    CacheClusterId: id,
    CacheNodeType: 'cache.t4g.small',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: `${region}a`,
    CacheClusterCreateTime: daysAgo(ctx.now, 400),
    PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheSubnetGroupName: 'cache-private',
    CacheNodes: [
      {
        CacheNodeId: '0001',
        CacheNodeStatus: 'available',
        CacheNodeCreateTime: daysAgo(ctx.now, 400),
        Endpoint: { Address: `${id}.x1y2z3.0001.cache.amazonaws.com`, Port: 6379 },
        ParameterGroupStatus: 'in-sync',
        CustomerAvailabilityZone: `${region}a`,
      },
    ],
    SecurityGroups: [],
    ARN: arn('cluster', id),
    ...fields,
  });
  if (here && production) {
    groups.push({
      ReplicationGroupId: 'orders-cache',
      Description: 'Order sessions',
      Status: 'available',
      MemberClusters: ['orders-cache-001'],
      AutomaticFailover: 'disabled',
      SnapshotRetentionLimit: 7,
      SnapshotWindow: '03:00-04:00',
      ClusterEnabled: false,
      AuthTokenEnabled: true,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      ARN: arn('replicationgroup', 'orders-cache'),
      AutoMinorVersionUpgrade: true,
      Engine: 'redis',
    });
    clusters.push(
      cluster('orders-cache-001', {
        Engine: 'redis',
        EngineVersion: '7.1.0',
        ReplicationGroupId: 'orders-cache',
        AutoMinorVersionUpgrade: true,
        SnapshotRetentionLimit: 7,
        AuthTokenEnabled: true,
        TransitEncryptionEnabled: true,
        AtRestEncryptionEnabled: true,
      }),
    );
  }
  if (here && !production) {
    groups.push({
      ReplicationGroupId: 'legacy-cache',
      Description: 'Legacy page cache',
      Status: 'available',
      MemberClusters: ['legacy-cache-001'],
      AutomaticFailover: 'disabled',
      SnapshotRetentionLimit: 0,
      ClusterEnabled: false,
      AuthTokenEnabled: false,
      TransitEncryptionEnabled: false,
      AtRestEncryptionEnabled: false,
      ARN: arn('replicationgroup', 'legacy-cache'),
      AutoMinorVersionUpgrade: false,
      Engine: 'redis',
    });
    clusters.push(
      cluster('legacy-cache-001', {
        Engine: 'redis',
        EngineVersion: '5.0.6',
        ReplicationGroupId: 'legacy-cache',
        AutoMinorVersionUpgrade: false,
        SnapshotRetentionLimit: 0,
      }),
      cluster('staging-pages', {
        Engine: 'memcached',
        EngineVersion: '1.6.22',
        AutoMinorVersionUpgrade: true,
      }),
    );
  }
  recording.paged('ElastiCache', 'DescribeReplicationGroups', region, {
    items: groups,
    itemsKey: 'ReplicationGroups',
    pageSize: 100,
    tokenIn: 'Marker',
    tokenOut: 'Marker',
  });
  // One cluster per page, so the demo follows DescribeCacheClusters' Marker.
  recording.paged('ElastiCache', 'DescribeCacheClusters', region, {
    match: { ShowCacheNodeInfo: true },
    items: clusters,
    itemsKey: 'CacheClusters',
    pageSize: 1,
    tokenIn: 'Marker',
    tokenOut: 'Marker',
  });
}

/**
 * Production: a private, encrypted warehouse with audit logs to CloudWatch and require_ssl in its parameter group.
 * Staging: a publicly accessible, unencrypted ad hoc cluster without logs on the default parameter group.
 */
function recordRedshift(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const cluster = (id: string, group: string, fields: Partial<Cluster>): Cluster => ({
    ClusterIdentifier: id,
    NodeType: 'ra3.xlplus',
    ClusterStatus: 'available',
    ClusterAvailabilityStatus: 'Available',
    MasterUsername: 'admin',
    DBName: 'dev',
    Endpoint: { Address: `${id}.c0d1e2f3a4b5.${region}.redshift.amazonaws.com`, Port: 5439 },
    ClusterCreateTime: daysAgo(ctx.now, 250),
    AutomatedSnapshotRetentionPeriod: 1,
    ClusterSecurityGroups: [],
    VpcSecurityGroups: [],
    ClusterParameterGroups: [{ ParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
    ClusterSubnetGroupName: 'warehouse',
    AvailabilityZone: `${region}a`,
    PreferredMaintenanceWindow: 'sat:06:00-sat:06:30',
    ClusterVersion: '1.0',
    AllowVersionUpgrade: true,
    NumberOfNodes: 2,
    EnhancedVpcRouting: false,
    Tags: [{ Key: 'Environment', Value: ctx.account.kind }],
    ...fields,
  });
  const clusters: { cluster: Cluster; logging: object; requireSsl: string }[] = [];
  if (here && production)
    clusters.push({
      cluster: cluster('production-analytics', 'require-tls', {
        PubliclyAccessible: false,
        Encrypted: true,
        KmsKeyId: `arn:aws:kms:${region}:${owner}:key/7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f`,
      }),
      logging: {
        LoggingEnabled: true,
        LogDestinationType: 'cloudwatch',
        LogExports: ['connectionlog', 'userlog'],
      },
      requireSsl: 'true',
    });
  if (here && !production)
    clusters.push({
      cluster: cluster('staging-adhoc', 'default.redshift-1.0', {
        PubliclyAccessible: true,
        Encrypted: false,
      }),
      logging: { LoggingEnabled: false },
      requireSsl: 'false',
    });
  recording.paged('Redshift', 'DescribeClusters', region, {
    items: clusters.map((entry) => entry.cluster),
    itemsKey: 'Clusters',
    pageSize: 100,
    tokenIn: 'Marker',
    tokenOut: 'Marker',
  });
  for (const entry of clusters) {
    const id = entry.cluster.ClusterIdentifier;
    recording.output('Redshift', 'DescribeLoggingStatus', region, { ClusterIdentifier: id }, entry.logging);
    recording.output(
      'Redshift',
      'DescribeClusterParameters',
      region,
      { ParameterGroupName: entry.cluster.ClusterParameterGroups?.[0]?.ParameterGroupName },
      {
        Parameters: [
          {
            ParameterName: 'enable_user_activity_logging',
            ParameterValue: 'false',
            Source: 'engine-default',
          },
          {
            ParameterName: 'require_ssl',
            ParameterValue: entry.requireSsl,
            Source: production ? 'user' : 'engine-default',
          },
        ],
      },
    );
  }
}

/**
 * Production: a log search domain in a VPC, encrypted, TLS 1.2 only. Staging: a public, unencrypted domain whose
 * access policy lets anyone in.
 */
function recordOpenSearch(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const arn = (name: string) => `arn:aws:es:${region}:${owner}:domain/${name}`;
  const status = (name: string, fields: Partial<DomainStatus>): DomainStatus => ({
    DomainId: `${owner}/${name}`,
    DomainName: name,
    ARN: arn(name),
    Created: true,
    Deleted: false,
    Processing: false,
    UpgradeProcessing: false,
    EngineVersion: 'OpenSearch_2.13',
    ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
    ...fields,
  });
  const domains: DomainStatus[] = [];
  if (here && production)
    domains.push(
      status('production-logs', {
        Endpoints: { vpc: `vpc-production-logs-a1b2c3d4.${region}.es.amazonaws.com` },
        AccessPolicies: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'es:ESHttp*',
              Resource: `${arn('production-logs')}/*`,
            },
          ],
        }),
        VPCOptions: { VPCId: 'vpc-0prod000000000001', SubnetIds: [], SecurityGroupIds: [] },
        EncryptionAtRestOptions: { Enabled: true },
        NodeToNodeEncryptionOptions: { Enabled: true },
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
      }),
    );
  if (here && !production)
    domains.push(
      status('staging-search', {
        Endpoint: `search-staging-search-e5f6g7h8.${region}.es.amazonaws.com`,
        AccessPolicies: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'es:*',
              Resource: `${arn('staging-search')}/*`,
            },
          ],
        }),
        EncryptionAtRestOptions: { Enabled: false },
        NodeToNodeEncryptionOptions: { Enabled: false },
        DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
      }),
    );
  recording.output(
    'OpenSearch',
    'ListDomainNames',
    region,
    {},
    {
      DomainNames: domains.map((domain) => ({ DomainName: domain.DomainName, EngineType: 'OpenSearch' })),
    },
  );
  if (domains.length > 0)
    recording.output(
      'OpenSearch',
      'DescribeDomains',
      region,
      { DomainNames: domains.map((domain) => domain.DomainName) },
      { DomainStatusList: domains },
    );
}

/**
 * Production: the Default vault (AWS managed key) and a payments vault under a customer managed key, and a daily
 * plan. Staging: only the Default vault and no plan, though it has RDS and EFS data.
 */
function recordBackup(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const vault = (name: string, key: string): BackupVaultListMember => ({
    BackupVaultName: name,
    BackupVaultArn: `arn:aws:backup:${region}:${owner}:backup-vault:${name}`,
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    CreationDate: daysAgo(ctx.now, 300),
    EncryptionKeyArn: `arn:aws:kms:${region}:${owner}:key/${key}`,
    CreatorRequestId: name,
    NumberOfRecoveryPoints: 30,
    Locked: false,
  });
  // The demo's KMS keys (record-monitoring.ts): "aws-ebs" is AWS managed, "kms-data" customer managed.
  const keyId = (name: string) =>
    stableHex([owner, region, name], 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const vaults = here ? [vault('Default', keyId('aws-ebs'))] : [];
  if (here && production) vaults.push(vault('payments', keyId('kms-data')));
  const plans =
    here && production
      ? [
          {
            BackupPlanArn: `arn:aws:backup:${region}:${owner}:backup-plan:6b0f1e2d-3c4b-4a59-8687-96a5b4c3d2e1`,
            BackupPlanId: '6b0f1e2d-3c4b-4a59-8687-96a5b4c3d2e1',
            CreationDate: daysAgo(ctx.now, 300),
            VersionId: 'NmIwZjFlMmQtM2M0Yi00YTU5LTg2ODctOTZhNWI0YzNkMmUx',
            BackupPlanName: 'daily-35',
            LastExecutionDate: daysAgo(ctx.now, 1),
          },
        ]
      : [];
  recording.paged('Backup', 'ListBackupVaults', region, {
    items: vaults,
    itemsKey: 'BackupVaultList',
    pageSize: 100,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  recording.paged('Backup', 'ListBackupPlans', region, {
    items: plans,
    itemsKey: 'BackupPlansList',
    pageSize: 100,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  // No vault in the demo has an access policy: AWS answers ResourceNotFoundException.
  for (const entry of vaults)
    recording.error(
      'Backup',
      'GetBackupVaultAccessPolicy',
      region,
      { BackupVaultName: entry.BackupVaultName },
      {
        name: 'ResourceNotFoundException',
        status: 404,
        message: `Backup vault ${entry.BackupVaultName} does not have an access policy`,
      },
    );
}
