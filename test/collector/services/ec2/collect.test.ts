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
  DescribeSnapshotAttributeCommand,
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
  ec2
    .on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-0public', Attribute: 'createVolumePermission' })
    .resolves(fx.publicSnapshotAttribute)
    .on(DescribeSnapshotAttributeCommand, {
      SnapshotId: 'snap-0private',
      Attribute: 'createVolumePermission',
    })
    .resolves(fx.privateSnapshotAttribute);
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
    // The one snapshot listed as public is confirmed by its createVolumePermission.
    expect(calls['EC2.DescribeSnapshotAttribute']).toBe(1);
    expect(run.calls).toHaveLength(21);
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

  // Answers AWS's documentation allows (and emulators give) that must not cost other types or invent data.
  describe('answers AWS allows that an emulator gives', () => {
    const snapshotsOf = (run: ReturnType<typeof testContext>) =>
      run.assets
        .filter((asset) => asset.type === 'aws_ec2_snapshot')
        .map((asset) => [asset.id.split('/')[1], asset.config.Public, asset.readErrors]);

    test('listings that ignore the owner filters: only our snapshots and images, each public one confirmed', async () => {
      mockRegion();
      const everySnapshot = {
        ...fx.ownedSnapshots,
        Snapshots: [...fx.ownedSnapshots.Snapshots!, fx.amazonSnapshot],
      };
      ec2.on(DescribeSnapshotsCommand).resolves(everySnapshot);
      ec2
        .on(DescribeImagesCommand)
        .resolves({ ...fx.images, Images: [...fx.images.Images!, fx.amazonImage] });
      const run = testContext(ec2Collector);
      await ec2Collector.collect(run.ctx);

      expect(run.failures).toEqual([]);
      expect(snapshotsOf(run)).toEqual([
        ['snap-0public', true, undefined],
        ['snap-0private', false, undefined],
      ]);
      expect(
        ec2.commandCalls(DescribeSnapshotAttributeCommand).map((call) => call.args[0].input.SnapshotId),
      ).toEqual(['snap-0public', 'snap-0private']);
      expect(run.assets.filter((asset) => asset.type === 'aws_ec2_image').map((asset) => asset.name)).toEqual(
        ['golden-2026-01'],
      );
    });

    test('createVolumePermission unreadable: public as listed; omitted permission list: shared with no one', async () => {
      mockRegion();
      ec2.on(DescribeSnapshotAttributeCommand).rejects(ec2AccessDenied());
      const denied = testContext(ec2Collector);
      await ec2Collector.collect(denied.ctx);
      expect(denied.failures).toEqual([]);
      expect(snapshotsOf(denied)).toEqual([
        ['snap-0public', true, undefined],
        ['snap-0private', false, undefined],
      ]);

      ec2.reset();
      mockRegion();
      ec2.on(DescribeSnapshotAttributeCommand).resolves({ ...meta, SnapshotId: 'snap-0public' });
      const omitted = testContext(ec2Collector);
      await ec2Collector.collect(omitted.ctx);
      expect(snapshotsOf(omitted)).toEqual([
        ['snap-0public', false, undefined],
        ['snap-0private', false, undefined],
      ]);
    });

    test('an empty NextToken ends a listing; so does the same token again; MaxResults sent, one page is all', async () => {
      mockRegion();
      ec2.on(DescribeInstancesCommand).resolves({ ...fx.instancesPage1, NextToken: '' });
      let securityGroupCalls = 0;
      ec2.on(DescribeSecurityGroupsCommand).callsFake(async () => {
        securityGroupCalls += 1;
        // Guard: a listing that kept following the token fails here instead of hanging the test.
        if (securityGroupCalls > 5) throw ec2Error('RequestLimitExceeded', 503);
        return { ...fx.securityGroupsPage1, NextToken: 'c2FtZS10b2tlbg==' };
      });
      const run = testContext(ec2Collector);
      await ec2Collector.collect(run.ctx);

      expect(run.failures).toEqual([]);
      expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(1);
      expect(run.assets.filter((asset) => asset.type === 'aws_ec2_instance')).toHaveLength(2);
      expect(securityGroupCalls).toBe(2);
      expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[1].args[0].input.NextToken).toBe(
        'c2FtZS10b2tlbg==',
      );
      expect(ec2.commandCalls(DescribeVolumesCommand)).toHaveLength(1);
      expect(ec2.commandCalls(DescribeVolumesCommand)[0].args[0].input).toMatchObject({ MaxResults: 500 });
    });

    test('operations the emulator does not implement fail their own type only', async () => {
      mockRegion();
      const notImplemented = (action: string) =>
        ec2Error('InternalFailure', 501, `The API action ${action} for service ec2 is not yet implemented`);
      ec2.on(GetEbsEncryptionByDefaultCommand).rejects(notImplemented('GetEbsEncryptionByDefault'));
      ec2.on(DescribeFlowLogsCommand).rejects(notImplemented('DescribeFlowLogs'));
      ec2.on(DescribeSnapshotAttributeCommand).rejects(notImplemented('DescribeSnapshotAttribute'));
      const run = testContext(ec2Collector);
      await ec2Collector.collect(run.ctx);

      expect(run.failures.map((failure) => [failure.type, errorCode(failure.error)]).sort()).toEqual([
        ['aws_ec2_ebs_default_encryption', 'InternalFailure'],
        ['aws_ec2_flow_log', 'InternalFailure'],
      ]);
      const types = new Set(run.assets.map((asset) => asset.type));
      expect(types.size).toBe(15);
      expect(types.has('aws_ec2_flow_log') || types.has('aws_ec2_ebs_default_encryption')).toBe(false);
      expect(snapshotsOf(run)[0]).toEqual(['snap-0public', true, undefined]);
    });
  });
});
