import {
  type Cluster,
  ClusterNotFoundFault,
  DescribeClusterParametersCommand,
  type DescribeClusterParametersCommandOutput,
  DescribeClustersCommand,
  type DescribeClustersCommandOutput,
  DescribeLoggingStatusCommand,
  type DescribeLoggingStatusCommandOutput,
  GetClusterCredentialsCommand,
  RedshiftClient,
  RedshiftServiceException,
} from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { redshiftCollector } from '../../../../collector/services/redshift';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'c4d5e6f7-0000-4000-8000-000000000001' };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/2b3c4d5e-6f70-8192-a3b4-c5d6e7f80912';

const cluster = (id: string, fields: Partial<Cluster>): Cluster => ({
  ClusterIdentifier: id,
  NodeType: 'ra3.xlplus',
  ClusterStatus: 'available',
  ClusterAvailabilityStatus: 'Available',
  MasterUsername: 'admin',
  DBName: 'dev',
  Endpoint: { Address: `${id}.c1a2b3c4d5e6.us-east-1.redshift.amazonaws.com`, Port: 5439 },
  ClusterCreateTime: new Date('2025-04-01T09:00:00Z'),
  AutomatedSnapshotRetentionPeriod: 1,
  ClusterSecurityGroups: [],
  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0redshift00000001', Status: 'active' }],
  ClusterSubnetGroupName: 'analytics-private',
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  AvailabilityZone: 'us-east-1a',
  PreferredMaintenanceWindow: 'sat:06:00-sat:06:30',
  ClusterVersion: '1.0',
  AllowVersionUpgrade: true,
  NumberOfNodes: 2,
  EnhancedVpcRouting: false,
  Tags: [],
  ...fields,
});

const clustersPage1: DescribeClustersCommandOutput = {
  $metadata,
  Clusters: [
    cluster('analytics', {
      PubliclyAccessible: false,
      Encrypted: true,
      KmsKeyId: KEY,
      ClusterParameterGroups: [{ ParameterGroupName: 'require-tls', ParameterApplyStatus: 'in-sync' }],
      Tags: [{ Key: 'team', Value: 'data' }],
    }),
  ],
  Marker: 'analytics',
};
const clustersPage2: DescribeClustersCommandOutput = {
  $metadata,
  Clusters: [
    cluster('adhoc', {
      PubliclyAccessible: true,
      Encrypted: false,
      ClusterParameterGroups: [
        { ParameterGroupName: 'default.redshift-1.0', ParameterApplyStatus: 'in-sync' },
      ],
    }),
    cluster('adhoc-2', {
      PubliclyAccessible: false,
      Encrypted: false,
      ClusterParameterGroups: [
        { ParameterGroupName: 'default.redshift-1.0', ParameterApplyStatus: 'in-sync' },
      ],
    }),
  ],
};

const loggingOn: DescribeLoggingStatusCommandOutput = {
  $metadata,
  LoggingEnabled: true,
  LogDestinationType: 'cloudwatch',
  LogExports: ['connectionlog', 'userlog', 'useractivitylog'],
};
const loggingOff: DescribeLoggingStatusCommandOutput = { $metadata, LoggingEnabled: false };

const parameter = (name: string, value: string) => ({
  ParameterName: name,
  ParameterValue: value,
  Source: 'user',
  DataType: 'boolean',
  ApplyType: 'static' as const,
  IsModifiable: true,
});
// require_ssl sits on the second page of the custom group's parameters.
const customParams1: DescribeClusterParametersCommandOutput = {
  $metadata,
  Parameters: [parameter('enable_user_activity_logging', 'true')],
  Marker: 'page2',
};
const customParams2: DescribeClusterParametersCommandOutput = {
  $metadata,
  Parameters: [parameter('require_ssl', 'true')],
};
const defaultParams: DescribeClusterParametersCommandOutput = {
  $metadata,
  Parameters: [
    parameter('enable_user_activity_logging', 'false'),
    { ...parameter('require_ssl', 'false'), Source: 'engine-default' },
  ],
};

/** Redshift speaks the query protocol: the refusal's code is AccessDenied. */
const accessDenied = (action: string) =>
  new RedshiftServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'c4d5e6f7-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });

const redshift = mockClient(RedshiftClient);

function mockRedshift(): void {
  redshift
    .on(DescribeClustersCommand)
    .resolves(clustersPage1)
    .on(DescribeClustersCommand, { Marker: 'analytics' })
    .resolves(clustersPage2);
  redshift
    .on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'analytics' })
    .resolves(loggingOn)
    .on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'adhoc' })
    .resolves(loggingOff)
    .on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'adhoc-2' })
    .resolves(loggingOff);
  redshift
    .on(DescribeClusterParametersCommand, { ParameterGroupName: 'require-tls' })
    .resolves(customParams1)
    .on(DescribeClusterParametersCommand, { ParameterGroupName: 'require-tls', Marker: 'page2' })
    .resolves(customParams2)
    .on(DescribeClusterParametersCommand, { ParameterGroupName: 'default.redshift-1.0' })
    .resolves(defaultParams);
}

const ARN = (id: string) => `arn:aws:redshift:us-east-1:123456789012:cluster:${id}`;

beforeEach(() => redshift.reset());

describe('redshiftCollector', () => {
  it('emits every cluster of every Marker page with its logging status and require_ssl', async () => {
    mockRedshift();
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    expect(
      run.assets.map((asset) => [
        asset.id,
        asset.class,
        asset.config.PubliclyAccessible,
        asset.config.Encrypted,
        (asset.config.LoggingStatus as { LoggingEnabled: boolean }).LoggingEnabled,
        asset.config.RequireSsl,
      ]),
    ).toEqual([
      [ARN('analytics'), 'Database', false, true, true, 'true'],
      [ARN('adhoc'), 'Database', true, false, false, 'false'],
      [ARN('adhoc-2'), 'Database', false, false, false, 'false'],
    ]);
    expect(run.assets[0].tags).toEqual({ team: 'data' });
    expect(run.assets[0].config.ClusterCreateTime).toBe('2025-04-01T09:00:00.000Z');
  });

  it('reads each parameter group once, however many clusters share it', async () => {
    mockRedshift();
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    const groups = redshift
      .commandCalls(DescribeClusterParametersCommand)
      .map((call) => call.args[0].input.ParameterGroupName);
    expect(groups.sort()).toEqual(['default.redshift-1.0', 'require-tls', 'require-tls']);
    expect(redshift.commandCalls(GetClusterCredentialsCommand)).toHaveLength(0);
  });

  it('links security groups and the KMS key', async () => {
    mockRedshift();
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    expect(
      run.relationships
        .filter((edge) => edge.toId === ARN('analytics'))
        .map((edge) => [edge.fromId, edge.verb]),
    ).toEqual([
      ['arn:aws:ec2:us-east-1:123456789012:security-group/sg-0redshift00000001', 'PROTECTS'],
      [KEY, 'ENCRYPTS'],
    ]);
  });

  it('keeps a cluster whose logging status or parameters are denied, with the read errors', async () => {
    mockRedshift();
    redshift
      .on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'adhoc' })
      .rejects(accessDenied('redshift:DescribeLoggingStatus'));
    redshift
      .on(DescribeClusterParametersCommand, { ParameterGroupName: 'default.redshift-1.0' })
      .rejects(accessDenied('redshift:DescribeClusterParameters'));
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      ['analytics', undefined],
      ['adhoc', { LoggingStatus: 'AccessDenied', RequireSsl: 'AccessDenied' }],
      ['adhoc-2', { RequireSsl: 'AccessDenied' }],
    ]);
  });

  it('drops a cluster deleted since the list (ClusterNotFound)', async () => {
    mockRedshift();
    redshift.on(DescribeLoggingStatusCommand, { ClusterIdentifier: 'adhoc-2' }).rejects(
      new ClusterNotFoundFault({
        message: 'Cluster adhoc-2 not found.',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.name)).toEqual(['analytics', 'adhoc']);
  });

  it('fails the unit with AWS code when DescribeClusters is denied', async () => {
    redshift.on(DescribeClustersCommand).rejects(accessDenied('redshift:DescribeClusters'));
    const run = testContext(redshiftCollector);
    await expect(redshiftCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(run.assets).toEqual([]);
  });

  it('makes no further calls in a region without clusters', async () => {
    redshift.on(DescribeClustersCommand).resolves({ $metadata, Clusters: [] });
    const run = testContext(redshiftCollector);
    await redshiftCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['Redshift.DescribeClusters']);
  });
});
