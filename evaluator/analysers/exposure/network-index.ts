// Lookups by AWS id (SubnetId, GroupId, ...) built once from the estate's EC2/ELB assets.
import type { Estate } from '../../engine/estate';
import type { EvalAsset } from '../../types';
import { networkAclFilter, securityGroupInternetRanges, type Family, type PortRange } from './ports';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export interface RouteResult {
  /** Route table that applies (explicit association, else the VPC's main table). */
  routeTableId?: string;
  /** Internet gateway the default route goes to, if any. */
  internetGatewayId?: string;
  missing?: string;
}

export class NetworkIndex {
  readonly subnets = new Map<string, Config>();
  readonly vpcs = new Map<string, Config>();
  readonly securityGroups = new Map<string, Config>();
  private readonly explicitRouteTable = new Map<string, Config>();
  private readonly mainRouteTable = new Map<string, Config>();
  private readonly explicitAcl = new Map<string, Config>();
  private readonly defaultAcl = new Map<string, Config>();
  /** InstanceId / NetworkInterfaceId -> Elastic IP public address. */
  readonly elasticIps = new Map<string, string>();
  readonly instancesById = new Map<string, EvalAsset>();
  // Many endpoints share a security group and a NACL: each is analysed once per family (and port set).
  private readonly groupRanges = new Map<string, ReturnType<typeof securityGroupInternetRanges>>();
  private readonly aclResults = new Map<string, ReturnType<typeof networkAclFilter>>();

  constructor(readonly estate: Estate) {
    for (const asset of estate.assets) {
      const c = asset.config as Config;
      switch (asset.type) {
        case 'aws_ec2_vpc':
          if (c.VpcId) this.vpcs.set(c.VpcId, c);
          break;
        case 'aws_ec2_subnet':
          if (c.SubnetId) this.subnets.set(c.SubnetId, c);
          break;
        case 'aws_ec2_security_group':
          if (c.GroupId) this.securityGroups.set(c.GroupId, c);
          break;
        case 'aws_ec2_route_table':
          for (const association of c.Associations ?? []) {
            if (association.Main && c.VpcId) this.mainRouteTable.set(c.VpcId, c);
            if (association.SubnetId) this.explicitRouteTable.set(association.SubnetId, c);
          }
          break;
        case 'aws_ec2_network_acl':
          if (c.IsDefault && c.VpcId) this.defaultAcl.set(c.VpcId, c);
          for (const association of c.Associations ?? [])
            if (association.SubnetId) this.explicitAcl.set(association.SubnetId, c);
          break;
        case 'aws_ec2_elastic_ip':
          if (c.PublicIp && c.NetworkInterfaceId) this.elasticIps.set(c.NetworkInterfaceId, c.PublicIp);
          if (c.PublicIp && c.InstanceId) this.elasticIps.set(c.InstanceId, c.PublicIp);
          break;
        case 'aws_ec2_instance':
          if (c.InstanceId) this.instancesById.set(c.InstanceId, asset);
          break;
      }
    }
  }

  internetRoute(subnet: Config, family: 4 | 6): RouteResult {
    const table = this.explicitRouteTable.get(subnet.SubnetId) ?? this.mainRouteTable.get(subnet.VpcId);
    if (!table) return { missing: `no route table for subnet ${subnet.SubnetId} was collected` };
    const route = (table.Routes ?? []).find(
      (r: Config) =>
        (family === 4 ? r.DestinationCidrBlock === '0.0.0.0/0' : r.DestinationIpv6CidrBlock === '::/0') &&
        typeof r.GatewayId === 'string' &&
        r.GatewayId.startsWith('igw-') &&
        r.State !== 'blackhole',
    );
    return { routeTableId: table.RouteTableId, internetGatewayId: route?.GatewayId };
  }

  /** What a security group opens to the whole internet (undefined when the group was not collected). */
  groupInternetRanges(
    groupId: string,
    family: Family,
  ): ReturnType<typeof securityGroupInternetRanges> | undefined {
    const key = `${family}\0${groupId}`;
    let result = this.groupRanges.get(key);
    if (!result) {
      const group = this.securityGroups.get(groupId);
      if (!group) return undefined;
      this.groupRanges.set(key, (result = securityGroupInternetRanges(group, family)));
    }
    return result;
  }

  aclFilter(acl: Config, family: Family, ranges: PortRange[]): ReturnType<typeof networkAclFilter> {
    const key = `${family}\0${acl.NetworkAclId}\0${ranges.map((r) => `${r.protocol}:${r.from}-${r.to}`).join(',')}`;
    let result = this.aclResults.get(key);
    if (!result)
      this.aclResults.set(
        key,
        (result = networkAclFilter(acl.NetworkAclId, acl.Entries ?? [], family, ranges)),
      );
    return result;
  }

  networkAcl(subnet: Config): Config | undefined {
    return this.explicitAcl.get(subnet.SubnetId) ?? this.defaultAcl.get(subnet.VpcId);
  }
}
