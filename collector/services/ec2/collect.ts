// Reads every EC2/VPC resource type of one region with the bulk Describe APIs (paginated, MaxResults), streaming
// each page to ctx.emit. Each type is read on its own: a failed list marks only that type incomplete. A region
// the account has not enabled fails the whole unit with AWS's code.
import {
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  DescribeAddressesCommand,
  DescribeSnapshotAttributeCommand,
  paginateDescribeFlowLogs,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { RouteTable } from '@aws-sdk/client-ec2';
import { errorCode, isRegionDisabledError } from '../../errors';
import { detail, emitAll, readType, settleAll, whereOf, withoutMetadata } from '../../read';
import type { CollectContext } from '../../types';
import {
  instanceToAssets,
  imageToAssets,
  isPublicPermission,
  ownedByAccount,
  snapshotToAssets,
  volumeToAssets,
} from './transform-compute';
import {
  addressToAssets,
  ebsDefaultEncryptionToAssets,
  flowLogToAssets,
  networkInterfaceToAssets,
  peeringToAssets,
  securityGroupToAssets,
  vpcEndpointToAssets,
} from './transform-interfaces';
import {
  explicitSubnetAssociations,
  internetGatewayToAssets,
  natGatewayToAssets,
  networkAclToAssets,
  routeTableToAssets,
  subnetToAssets,
  vpcToAssets,
} from './transform-network';

/** Largest page each Describe call accepts. */
export const PAGE_SIZE = { default: 1000, volumes: 500, routeTables: 100 };

export async function collectEc2(ctx: CollectContext): Promise<void> {
  const ec2 = ctx.client(EC2Client);
  const where = whereOf(ctx, 'ec2');
  // A token equal to the one just sent would loop forever: AWS never does that, so it ends the listing.
  const paging = (pageSize = PAGE_SIZE.default) => ({ client: ec2, pageSize, stopOnSameToken: true });
  let subnetsDone: (value: Map<string, string[]> | undefined) => void = () => undefined;
  const subnetsByVpc = new Promise<Map<string, string[]> | undefined>((resolve) => (subnetsDone = resolve));

  const readers: Promise<void>[] = [
    readType(ctx, 'aws_ec2_instance', async () => {
      for await (const page of paginateDescribeInstances(paging(), {})) {
        const instances = (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
        await emitAll(
          ctx,
          instances.map((instance) => instanceToAssets(where, instance)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_volume', async () => {
      for await (const page of paginateDescribeVolumes(paging(PAGE_SIZE.volumes), {})) {
        await emitAll(
          ctx,
          (page.Volumes ?? []).map((volume) => volumeToAssets(where, volume)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_snapshot', async () => {
      // Public snapshots are few: list them first, then stream every snapshot we own.
      let publicIds: Set<string> | undefined;
      let publicError: string | undefined;
      try {
        publicIds = await publicSnapshotIds(ctx, ec2, paging());
      } catch (error) {
        if (isRegionDisabledError(error) || errorCode(error) === 'AbortError') throw error;
        publicError = errorCode(error);
      }
      for await (const page of paginateDescribeSnapshots(paging(), { OwnerIds: ['self'] })) {
        await emitAll(
          ctx,
          (page.Snapshots ?? [])
            .filter((snapshot) => ownedByAccount(where, snapshot.OwnerId))
            .map((snapshot) => snapshotToAssets(where, snapshot, publicIds, publicError)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_image', async () => {
      for await (const page of paginateDescribeImages(paging(), { Owners: ['self'] })) {
        await emitAll(
          ctx,
          (page.Images ?? [])
            .filter((image) => ownedByAccount(where, image.OwnerId))
            .map((image) => imageToAssets(where, image)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_security_group', async () => {
      for await (const page of paginateDescribeSecurityGroups(paging(), {})) {
        await emitAll(
          ctx,
          (page.SecurityGroups ?? []).map((group) => securityGroupToAssets(where, group)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_vpc', async () => {
      for await (const page of paginateDescribeVpcs(paging(), {})) {
        await emitAll(
          ctx,
          (page.Vpcs ?? []).map((vpc) => vpcToAssets(where, vpc)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_subnet', async () => {
      const byVpc = new Map<string, string[]>();
      try {
        for await (const page of paginateDescribeSubnets(paging(), {})) {
          for (const subnet of page.Subnets ?? []) {
            if (subnet.VpcId && subnet.SubnetId)
              byVpc.set(subnet.VpcId, [...(byVpc.get(subnet.VpcId) ?? []), subnet.SubnetId]);
          }
          await emitAll(
            ctx,
            (page.Subnets ?? []).map((subnet) => subnetToAssets(where, subnet)),
          );
        }
        subnetsDone(byVpc);
      } catch (error) {
        subnetsDone(undefined);
        throw error;
      }
    }),
    readType(ctx, 'aws_ec2_route_table', async () => {
      // Route tables are few; all of them are needed to know which subnets follow their VPC's main table.
      const tables: RouteTable[] = [];
      for await (const page of paginateDescribeRouteTables(paging(PAGE_SIZE.routeTables), {}))
        tables.push(...(page.RouteTables ?? []));
      const subnets = await subnetsByVpc;
      const explicit = explicitSubnetAssociations(tables);
      await emitAll(
        ctx,
        tables.map((table) => routeTableToAssets(where, table, subnets, explicit)),
      );
    }),
    readType(ctx, 'aws_ec2_internet_gateway', async () => {
      for await (const page of paginateDescribeInternetGateways(paging(), {})) {
        await emitAll(
          ctx,
          (page.InternetGateways ?? []).map((gateway) => internetGatewayToAssets(where, gateway)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_nat_gateway', async () => {
      for await (const page of paginateDescribeNatGateways(paging(), {})) {
        await emitAll(
          ctx,
          (page.NatGateways ?? []).map((gateway) => natGatewayToAssets(where, gateway)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_network_acl', async () => {
      for await (const page of paginateDescribeNetworkAcls(paging(), {})) {
        await emitAll(
          ctx,
          (page.NetworkAcls ?? []).map((acl) => networkAclToAssets(where, acl)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_network_interface', async () => {
      for await (const page of paginateDescribeNetworkInterfaces(paging(), {})) {
        await emitAll(
          ctx,
          (page.NetworkInterfaces ?? []).map((eni) => networkInterfaceToAssets(where, eni)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_elastic_ip', async () => {
      // DescribeAddresses has no pagination: one call returns every address.
      const output = await ec2.send(new DescribeAddressesCommand({}));
      await emitAll(
        ctx,
        (output.Addresses ?? []).map((address) => addressToAssets(where, address)),
      );
    }),
    readType(ctx, 'aws_ec2_flow_log', async () => {
      for await (const page of paginateDescribeFlowLogs(paging(), {})) {
        await emitAll(
          ctx,
          (page.FlowLogs ?? []).map((flowLog) => flowLogToAssets(where, flowLog)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_vpc_endpoint', async () => {
      for await (const page of paginateDescribeVpcEndpoints(paging(), {})) {
        await emitAll(
          ctx,
          (page.VpcEndpoints ?? []).map((endpoint) => vpcEndpointToAssets(where, endpoint)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_vpc_peering_connection', async () => {
      for await (const page of paginateDescribeVpcPeeringConnections(paging(), {})) {
        await emitAll(
          ctx,
          (page.VpcPeeringConnections ?? []).map((peering) => peeringToAssets(where, peering)),
        );
      }
    }),
    readType(ctx, 'aws_ec2_ebs_default_encryption', async () => {
      const output = withoutMetadata(await ec2.send(new GetEbsEncryptionByDefaultCommand({})));
      await emitAll(ctx, [ebsDefaultEncryptionToAssets(where, output)]);
    }),
  ];
  await settleAll(readers);
}

/**
 * Ids of our snapshots that anyone may restore. `RestorableByUserIds: ['all']` names the candidates; each is
 * confirmed with its `createVolumePermission` (a `Group: 'all'` entry), so a listing that ignored the filter
 * cannot make every snapshot public. A candidate whose attribute could not be read keeps the listing's word.
 */
async function publicSnapshotIds(
  ctx: CollectContext,
  ec2: EC2Client,
  paging: { client: EC2Client; pageSize: number; stopOnSameToken: boolean },
): Promise<Set<string>> {
  const where = whereOf(ctx, 'ec2');
  const candidates = new Set<string>();
  for await (const page of paginateDescribeSnapshots(paging, {
    OwnerIds: ['self'],
    RestorableByUserIds: ['all'],
  })) {
    for (const snapshot of page.Snapshots ?? [])
      if (snapshot.SnapshotId && ownedByAccount(where, snapshot.OwnerId)) candidates.add(snapshot.SnapshotId);
  }
  const confirmed = await ctx.mapLimit([...candidates], async (snapshotId) => {
    const outcome = await detail(() =>
      ec2.send(
        new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
      ),
    );
    if (outcome.ok)
      return (outcome.value.CreateVolumePermissions ?? []).some(isPublicPermission) ? snapshotId : undefined;
    if (outcome.code === 'InvalidSnapshot.NotFound') return undefined;
    ctx.log(`createVolumePermission of ${snapshotId} not read (${outcome.code}); public as listed`);
    return snapshotId;
  });
  return new Set(confirmed.filter((snapshotId): snapshotId is string => snapshotId !== undefined));
}
