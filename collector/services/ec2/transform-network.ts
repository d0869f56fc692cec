// Pure transforms: VPCs, subnets, route tables, gateways and network ACLs -> assets and relationships.
import type { InternetGateway, NatGateway, NetworkAcl, RouteTable, Subnet, Vpc } from '@aws-sdk/client-ec2';
import type { Relationship } from '../../../store/model';
import type { Emitted, Where } from '../../shape';
import { makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { ids, nameOf } from './ids';

export function vpcToAssets(where: Where, vpc: Vpc): Emitted {
  const vpcId = vpc.VpcId ?? '';
  const tags = tagMap(vpc.Tags);
  return {
    assets: [
      makeAsset(where, {
        id: ids.vpc(where, vpcId),
        type: 'aws_ec2_vpc',
        class: 'Network',
        name: nameOf(tags, vpcId),
        tags,
        config: plainConfig(vpc),
      }),
    ],
    relationships: [],
  };
}

export function subnetToAssets(where: Where, subnet: Subnet): Emitted {
  const subnetId = subnet.SubnetId ?? '';
  const id = subnet.SubnetArn || ids.subnet(where, subnetId);
  const tags = tagMap(subnet.Tags);
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_subnet',
        class: 'Network',
        name: nameOf(tags, subnetId),
        tags,
        config: plainConfig(subnet),
      }),
    ],
    relationships: subnet.VpcId ? [makeRelationship(where, id, 'IN', ids.vpc(where, subnet.VpcId))] : [],
  };
}

/**
 * `subnetsByVpc` lists every subnet of each VPC, so the main route table can be linked to the subnets that have no
 * explicit association (AWS does not return those implicit associations). Undefined when subnets could not be read.
 */
export function routeTableToAssets(
  where: Where,
  table: RouteTable,
  subnetsByVpc?: Map<string, string[]>,
  explicitlyAssociated?: Set<string>,
): Emitted {
  const tableId = table.RouteTableId ?? '';
  const id = ids.routeTable(where, tableId);
  const tags = tagMap(table.Tags);
  const relationships: Relationship[] = [];
  if (table.VpcId) relationships.push(makeRelationship(where, id, 'IN', ids.vpc(where, table.VpcId)));
  let isMain = false;
  for (const association of table.Associations ?? []) {
    if (association.Main) isMain = true;
    if (association.SubnetId)
      relationships.push(makeRelationship(where, id, 'ROUTES', ids.subnet(where, association.SubnetId)));
  }
  if (isMain && table.VpcId && subnetsByVpc && explicitlyAssociated) {
    for (const subnetId of subnetsByVpc.get(table.VpcId) ?? []) {
      if (!explicitlyAssociated.has(subnetId)) {
        relationships.push(
          makeRelationship(where, id, 'ROUTES', ids.subnet(where, subnetId), { main: true }),
        );
      }
    }
  }
  // One edge per target; its destinations gathered (the edge key is from/verb/to).
  const targets = new Map<string, string[]>();
  for (const route of table.Routes ?? []) {
    const destination =
      route.DestinationCidrBlock || route.DestinationIpv6CidrBlock || route.DestinationPrefixListId || '';
    let target: string | undefined;
    if (route.GatewayId?.startsWith('igw-')) target = ids.internetGateway(where, route.GatewayId);
    else if (route.NatGatewayId) target = ids.natGateway(where, route.NatGatewayId);
    else if (route.VpcPeeringConnectionId) target = ids.peering(where, route.VpcPeeringConnectionId);
    if (!target) continue;
    const destinations = targets.get(target) ?? [];
    destinations.push(destination);
    targets.set(target, destinations);
  }
  for (const [target, destinations] of targets) {
    relationships.push(makeRelationship(where, id, 'ROUTES_TO', target, { destinations }));
  }
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_route_table',
        class: 'Network',
        name: nameOf(tags, tableId),
        tags,
        config: plainConfig(table),
      }),
    ],
    relationships,
  };
}

/** Subnets explicitly associated with some route table (the rest follow their VPC's main table). */
export function explicitSubnetAssociations(tables: RouteTable[]): Set<string> {
  const subnets = new Set<string>();
  for (const table of tables) {
    for (const association of table.Associations ?? [])
      if (association.SubnetId) subnets.add(association.SubnetId);
  }
  return subnets;
}

export function internetGatewayToAssets(where: Where, gateway: InternetGateway): Emitted {
  const gatewayId = gateway.InternetGatewayId ?? '';
  const id = ids.internetGateway(where, gatewayId);
  const tags = tagMap(gateway.Tags);
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_internet_gateway',
        class: 'Gateway',
        name: nameOf(tags, gatewayId),
        tags,
        config: plainConfig(gateway),
      }),
    ],
    relationships: (gateway.Attachments ?? [])
      .filter((attachment) => attachment.VpcId)
      .map((attachment) =>
        makeRelationship(where, ids.vpc(where, attachment.VpcId as string), 'HAS', id, {
          state: attachment.State,
        }),
      ),
  };
}

export function natGatewayToAssets(where: Where, gateway: NatGateway): Emitted {
  const gatewayId = gateway.NatGatewayId ?? '';
  const tags = tagMap(gateway.Tags);
  return {
    assets: [
      makeAsset(where, {
        id: ids.natGateway(where, gatewayId),
        type: 'aws_ec2_nat_gateway',
        class: 'Gateway',
        name: nameOf(tags, gatewayId),
        tags,
        config: plainConfig(gateway),
      }),
    ],
    relationships: [],
  };
}

export function networkAclToAssets(where: Where, acl: NetworkAcl): Emitted {
  const aclId = acl.NetworkAclId ?? '';
  const id = ids.networkAcl(where, aclId);
  const tags = tagMap(acl.Tags);
  const relationships: Relationship[] = [];
  if (acl.VpcId) relationships.push(makeRelationship(where, id, 'IN', ids.vpc(where, acl.VpcId)));
  for (const association of acl.Associations ?? []) {
    if (association.SubnetId)
      relationships.push(makeRelationship(where, id, 'PROTECTS', ids.subnet(where, association.SubnetId)));
  }
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_network_acl',
        class: 'Firewall',
        name: nameOf(tags, aclId),
        tags,
        config: plainConfig(acl),
      }),
    ],
    relationships,
  };
}
