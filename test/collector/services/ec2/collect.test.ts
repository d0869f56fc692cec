import {
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2Collector } from '../../../../collector/services/ec2';
import { errorCode } from '../../../../collector/errors';
import { testContext } from '../../harness';
import { ec2AccessDenied, ec2Error, ec2OptInRequired } from '../../aws-errors';
import * as fx from './fixtures';

const ec2 = mockClient(EC2Client);
const meta = { $metadata: { httpStatusCode: 200, requestId: 'req-1' } };

function mockRegion(): void {
  ec2
    .on(DescribeInstancesCommand)
    .resolves(fx.instancesPage1)
    .on(DescribeInstancesCommand, { NextToken: fx.instancesPage1.NextToken })
    .resolves(fx.instancesPage2);
  ec2.on(DescribeVolumesCommand).resolves(fx.volumes);
  ec2
    .on(DescribeSnapshotsCommand, { OwnerIds: ['self'] })
    .resolves(fx.ownedSnapshots)
    .on(DescribeSnapshotsCommand, { OwnerIds: ['self'], RestorableByUserIds: ['all'] })
    .resolves(fx.publicSnapshots);
  ec2.on(DescribeImagesCommand).resolves(fx.images);
  ec2
    .on(DescribeSecurityGroupsCommand)
    .resolves(fx.securityGroupsPage1)
    .on(DescribeSecurityGroupsCommand, { NextToken: fx.securityGroupsPage1.NextToken })
    .resolves(fx.securityGroupsPage2);
  ec2.on(DescribeVpcsCommand).resolves(fx.vpcs);
  ec2.on(DescribeSubnetsCommand).resolves(fx.subnets);
  ec2.on(DescribeRouteTablesCommand).resolves(fx.routeTables);
  ec2.on(DescribeInternetGatewaysCommand).resolves(fx.internetGateways);
  ec2.on(DescribeNatGatewaysCommand).resolves(fx.natGateways);
  ec2.on(DescribeNetworkAclsCommand).resolves(fx.networkAcls);
  ec2.on(DescribeNetworkInterfacesCommand).resolves(fx.networkInterfaces);
  ec2.on(DescribeAddressesCommand).resolves(fx.addresses);
  ec2.on(DescribeFlowLogsCommand).resolves(fx.flowLogs);
  ec2.on(DescribeVpcEndpointsCommand).resolves(fx.vpcEndpoints);
  ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(fx.peerings);
  ec2.on(GetEbsEncryptionByDefaultCommand).resolves(fx.ebsDefault);
}

const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((out, v) => ({ ...out, [v]: (out[v] ?? 0) + 1 }), {});

beforeEach(() => ec2.reset());

describe('ec2Collector', () => {
  test('declares a regional module, every type in CATALOG.md, every operation an ec2: action', () => {
    expect(ec2Collector).toMatchObject({ service: 'ec2', scope: 'regional' });
    expect(ec2Collector.resourceTypes).toHaveLength(17);
    for (const operation of ec2Collector.operations)
      expect(operation.actions).toEqual([`ec2:${operation.api.split('.')[1]}`]);
  });

  test('reads every page of every type with MaxResults, never a call per resource', async () => {
    mockRegion();
    const run = testContext(ec2Collector);
    await ec2Collector.collect(run.ctx);

    expect(run.failures).toEqual([]);
    expect(countBy(run.assets.map((asset) => asset.type))).toEqual({
      aws_ec2_instance: 3,
      aws_ec2_volume: 1,
      aws_ec2_snapshot: 2,
      aws_ec2_image: 1,
      aws_ec2_security_group: 2,
      aws_ec2_vpc: 1,
      aws_ec2_subnet: 2,
      aws_ec2_route_table: 2,
      aws_ec2_internet_gateway: 1,
      aws_ec2_nat_gateway: 1,
      aws_ec2_network_acl: 1,
      aws_ec2_network_interface: 1,
      aws_ec2_elastic_ip: 2,
      aws_ec2_flow_log: 2,
      aws_ec2_vpc_endpoint: 1,
      aws_ec2_vpc_peering_connection: 1,
      aws_ec2_ebs_default_encryption: 1,
    });
    const calls = countBy(run.calls);
    expect(calls['EC2.DescribeInstances']).toBe(2);
    expect(calls['EC2.DescribeSecurityGroups']).toBe(2);
    expect(calls['EC2.DescribeSnapshots']).toBe(2);
    expect(run.calls).toHaveLength(20);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toMatchObject({ MaxResults: 1000 });
    expect(ec2.commandCalls(DescribeInstancesCommand)[1].args[0].input).toMatchObject({
      MaxResults: 1000,
      NextToken: fx.instancesPage1.NextToken,
    });
    expect(ec2.commandCalls(DescribeImagesCommand)[0].args[0].input).toMatchObject({ Owners: ['self'] });

    const snapshots = run.assets.filter((asset) => asset.type === 'aws_ec2_snapshot');
    expect(snapshots.map((asset) => [asset.id.split('/')[1], asset.config.Public])).toEqual([
      ['snap-0public', true],
      ['snap-0private', false],
    ]);
    expect(run.assets.every((asset) => asset.region === 'us-east-1' && asset.accountId === fx.ACCOUNT)).toBe(
      true,
    );
    expect(new Set(run.assets.map((asset) => asset.id)).size).toBe(run.assets.length);
    // The main route table picked up the subnet that has no explicit association.
    expect(run.relationships).toContainEqual(
      expect.objectContaining({
        fromId: `arn:aws:ec2:us-east-1:${fx.ACCOUNT}:route-table/rtb-0main`,
        verb: 'ROUTES',
        toId: `arn:aws:ec2:us-east-1:${fx.ACCOUNT}:subnet/subnet-0private`,
      }),
    );
  });

  test('empty region: no assets but the EBS setting, nothing failed', async () => {
    ec2.onAnyCommand().resolves(meta);
    ec2.on(DescribeInstancesCommand).resolves(fx.emptyInstances);
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ ...meta, EbsEncryptionByDefault: true });
    const run = testContext(ec2Collector);
    await ec2Collector.collect(run.ctx);
    expect(run.failures).toEqual([]);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_ec2_ebs_default_encryption']);
    expect(run.assets[0].config.EbsEncryptionByDefault).toBe(true);
  });

  test('AccessDenied on one list marks only that type incomplete', async () => {
    mockRegion();
    ec2.on(DescribeSnapshotsCommand).rejects(ec2AccessDenied());
    const run = testContext(ec2Collector);
    await ec2Collector.collect(run.ctx);
    expect(run.failures.map((failure) => [failure.type, errorCode(failure.error)])).toEqual([
      ['aws_ec2_snapshot', 'UnauthorizedOperation'],
    ]);
    expect(run.assets.some((asset) => asset.type === 'aws_ec2_snapshot')).toBe(false);
    expect(run.assets.filter((asset) => asset.type === 'aws_ec2_instance')).toHaveLength(3);
  });

  test('public-snapshot listing denied: snapshots still read, Public recorded as a read error', async () => {
    mockRegion();
    ec2.on(DescribeSnapshotsCommand, { RestorableByUserIds: ['all'] }).rejects(ec2AccessDenied());
    const run = testContext(ec2Collector);
    await ec2Collector.collect(run.ctx);
    const snapshots = run.assets.filter((asset) => asset.type === 'aws_ec2_snapshot');
    expect(snapshots).toHaveLength(2);
    expect(snapshots.every((asset) => asset.readErrors?.Public === 'UnauthorizedOperation')).toBe(true);
    expect(run.failures).toEqual([]);
  });

  test('a failure on the second page fails the type after the first page was emitted', async () => {
    mockRegion();
    ec2
      .on(DescribeInstancesCommand, { NextToken: fx.instancesPage1.NextToken })
      .rejects(ec2Error('RequestLimitExceeded', 503, 'Request limit exceeded.'));
    const run = testContext(ec2Collector);
    await ec2Collector.collect(run.ctx);
    expect(run.assets.filter((asset) => asset.type === 'aws_ec2_instance')).toHaveLength(2);
    expect(run.failures.map((failure) => [failure.type, errorCode(failure.error)])).toEqual([
      ['aws_ec2_instance', 'RequestLimitExceeded'],
    ]);
  });

  test('a region not enabled fails the whole unit with OptInRequired', async () => {
    ec2.onAnyCommand().rejects(ec2OptInRequired());
    const run = testContext(ec2Collector, { region: 'af-south-1' });
    await expect(ec2Collector.collect(run.ctx)).rejects.toMatchObject({
      name: 'OptInRequired',
      $metadata: { httpStatusCode: 401 },
    });
  });
});
