// Does a load balancer's traffic get past its target's security groups? An ALB, a classic ELB and an NLB without
// client IP preservation connect from their own private addresses in their subnets; an NLB preserving client IPs
// delivers the internet clients' addresses. Either way a rule referencing the load balancer's security group admits.
import { cidrCovers, isWholeInternet, parseCidr, type Cidr } from '../../engine/cidr';
import type { NetworkIndex } from './network-index';
import {
  formatRange,
  inboundAclRules,
  normaliseProtocol,
  permissionRange,
  rangesCoverPort,
  type NetworkAclEntry,
  type SecurityGroupConfig,
} from './ports';
import type { ExposureVerdict } from './reachability';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

/** Where a load balancer's own (private) addresses lie: its subnets, else its VPC. */
export interface LoadBalancerAddresses {
  cidrs: Cidr[];
  /** e.g. `subnets subnet-a, subnet-b (10.0.1.0/24, 10.0.2.0/24)`. */
  text: string;
  /** Why part of them is unknown (subnet and VPC not collected). */
  missing?: string;
}

export interface LoadBalancerSource {
  name: string;
  /** The load balancer's security groups: a target rule referencing one admits its traffic. */
  groupIds: string[];
  /** A classic ELB's SourceSecurityGroup name, for rules that name the group rather than its id. */
  groupName?: string;
  addresses: LoadBalancerAddresses;
  /** NLB target group preserving client IPs: the target sees the internet clients' addresses. */
  clientIp: boolean;
  /** Dualstack NLB preserving client IPs: IPv6 clients still reach an instance from the NLB's IPv4 addresses. */
  ipv6ViaLoadBalancer: boolean;
}

export interface Admission {
  verdict: ExposureVerdict;
  reason: string;
  details: string[];
}

function cidrsOf(config: Config | undefined, kind: 'subnet' | 'vpc'): string[] {
  if (!config) return [];
  const associated = (a: Config, stateKey: string) => {
    const state = a[stateKey]?.State;
    return state === undefined || state === 'associated';
  };
  const v4 =
    kind === 'vpc'
      ? [
          config.CidrBlock,
          ...(config.CidrBlockAssociationSet ?? [])
            .filter((a: Config) => associated(a, 'CidrBlockState'))
            .map((a: Config) => a.CidrBlock),
        ]
      : [config.CidrBlock];
  const v6 = (config.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a: Config) => associated(a, 'Ipv6CidrBlockState'))
    .map((a: Config) => a.Ipv6CidrBlock);
  return [...new Set([...v4, ...v6].filter((c): c is string => typeof c === 'string'))];
}

/** The load balancer's subnets' CIDRs; its VPC's when a subnet was not collected. */
export function loadBalancerAddresses(
  index: NetworkIndex,
  subnetIds: string[],
  vpcId: string | undefined,
): LoadBalancerAddresses {
  const missingSubnets = subnetIds.filter((id) => !index.subnets.has(id));
  const parse = (texts: string[]) => texts.map(parseCidr).filter((c): c is Cidr => c !== null);
  if (subnetIds.length > 0 && missingSubnets.length === 0) {
    const texts = subnetIds.flatMap((id) => cidrsOf(index.subnets.get(id), 'subnet'));
    return { cidrs: parse(texts), text: `subnets ${subnetIds.join(', ')} (${texts.join(', ')})` };
  }
  const vpc = vpcId ? index.vpcs.get(vpcId) : undefined;
  if (vpc) {
    const texts = cidrsOf(vpc, 'vpc');
    return { cidrs: parse(texts), text: `VPC ${vpcId} (${texts.join(', ')})` };
  }
  // Keep what is known; a rule outside it cannot be decided.
  const known = subnetIds.filter((id) => index.subnets.has(id));
  const texts = known.flatMap((id) => cidrsOf(index.subnets.get(id), 'subnet'));
  const gone = missingSubnets.length ? `subnets ${missingSubnets.join(', ')}` : 'subnets';
  return {
    cidrs: parse(texts),
    text: known.length ? `subnets ${known.join(', ')} (${texts.join(', ')})` : 'subnets',
    missing: `the load balancer's ${gone} and VPC ${vpcId ?? '?'} were not collected`,
  };
}

/** Client IP preservation of an NLB target group: the attribute when collected, else AWS's documented default. */
export function preservesClientIp(targetGroup: Config): boolean {
  const protocol = String(targetGroup.Protocol ?? '').toUpperCase();
  // Always on for UDP-based protocols; it cannot be turned off.
  if (['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'].includes(protocol)) return true;
  const attributes: Config[] = targetGroup.TargetGroupAttributes?.Attributes ?? [];
  const value = attributes.find((a) => a.Key === 'preserve_client_ip.enabled')?.Value;
  if (value === 'true' || value === 'false') return value === 'true';
  // Default: enabled for instance targets, disabled for IP targets over TCP/TLS.
  return targetGroup.TargetType !== 'ip';
}

const overlaps = (a: Cidr, b: Cidr) => cidrCovers(a, b) || cidrCovers(b, a);

/**
 * Whether a target protected by `groupIds` admits the load balancer's traffic on protocol/port: exposed (admitted),
 * not_exposed (no rule admits it), unknown (a group was not collected, or a rule cannot be decided).
 */
export function admitsLoadBalancer(
  index: NetworkIndex,
  target: string,
  groupIds: string[],
  source: LoadBalancerSource,
  protocol: string,
  port: number,
): Admission {
  const portText = formatRange({ protocol, from: port, to: port });
  const forwards = `load balancer ${source.name} forwards to ${target} on ${portText}`;
  if (groupIds.length === 0)
    return {
      verdict: 'unknown',
      reason: `${forwards} but the security groups of ${target} were not collected`,
      details: [],
    };
  const lbAddressesAdmit = !source.clientIp || source.ipv6ViaLoadBalancer;
  // With client IPs preserved, only translated IPv6 clients come from the NLB's (IPv4) addresses.
  const lbCidrs = source.addresses.cidrs.filter((c) => !source.clientIp || c.family === 4);
  const admitted = (detail: string): Admission => ({ verdict: 'exposed', reason: '', details: [detail] });
  const others: string[] = [];
  let undecided: string | undefined;
  for (const groupId of groupIds) {
    const group = index.securityGroups.get(groupId) as SecurityGroupConfig | undefined;
    for (const permission of group?.IpPermissions ?? []) {
      const range = permissionRange(permission);
      if (!range || !rangesCoverPort([range], protocol, port)) continue;
      const rule = `security group ${groupId} allows ${formatRange(range)}`;
      for (const pair of permission.UserIdGroupPairs ?? []) {
        const byId = pair.GroupId !== undefined && source.groupIds.includes(pair.GroupId);
        const byName = !pair.GroupId && !!source.groupName && pair.GroupName === source.groupName;
        if (byId || byName)
          return admitted(
            `${rule} from load balancer ${source.name}'s security group ${pair.GroupId ?? pair.GroupName}`,
          );
        others.push(`${rule} only from security group ${pair.GroupId ?? pair.GroupName ?? '?'}`);
      }
      const cidrs = [
        ...(permission.IpRanges ?? []).map((r) => r.CidrIp),
        ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
      ];
      for (const text of cidrs) {
        const cidr = parseCidr(text);
        if (!cidr) continue;
        if (isWholeInternet(cidr)) return admitted(`${rule} from ${text}`);
        if (lbAddressesAdmit && lbCidrs.some((lb) => overlaps(lb, cidr)))
          return admitted(
            `${rule} from ${text}, which overlaps load balancer ${source.name}'s ${source.addresses.text}${source.clientIp ? ' (IPv6 clients arrive from its IPv4 addresses)' : ''}`,
          );
        if (lbAddressesAdmit && source.addresses.missing)
          undecided ??= `${rule} from ${text}, but ${source.addresses.missing}`;
        others.push(`${rule} only from ${text}`);
      }
      for (const list of permission.PrefixListIds ?? [])
        undecided ??= `${rule} from prefix list ${list.PrefixListId ?? '?'}, whose entries are not collected`;
    }
  }
  const missing = groupIds.filter((id) => !index.securityGroups.has(id));
  if (missing.length)
    return {
      verdict: 'unknown',
      reason: `${forwards} but security group ${missing.join(', ')} of ${target} was not collected`,
      details: others,
    };
  if (undecided) return { verdict: 'unknown', reason: `${forwards}; ${undecided}`, details: others };
  const from = source.clientIp
    ? `keeping the clients' addresses, but the security groups of ${target} (${groupIds.join(', ')}) admit no traffic from the internet${source.groupIds.length ? ' or its security groups' : ''}${source.ipv6ViaLoadBalancer ? ' or its addresses' : ''}`
    : `but the security groups of ${target} (${groupIds.join(', ')}) admit no traffic from it`;
  return { verdict: 'not_exposed', reason: `${forwards} ${from}`, details: others };
}

/**
 * Whether a network ACL lets traffic from `source` in on protocol/port: inbound rules lowest number first. A deny
 * for part of the source leaves the rest to later rules; an allow for part of it lets it in when `partial` (the
 * load balancer's subnets, whose nodes may sit in that part), else only an allow for all of it does (the internet,
 * as security groups are judged).
 */
export function aclLetsIn(
  acl: Config,
  source: Cidr,
  protocol: string,
  port: number,
  partial: boolean,
): { allowed: boolean; evidence: string } {
  const aclId = acl.NetworkAclId ?? 'network ACL';
  const rules = inboundAclRules((acl.Entries ?? []) as NetworkAclEntry[]);
  const what = formatRange({ protocol, from: port, to: port });
  for (const rule of rules) {
    const ruleProtocol = normaliseProtocol(rule.Protocol);
    if (ruleProtocol !== 'all' && ruleProtocol !== protocol) continue;
    if (ruleProtocol !== 'all' && rule.PortRange) {
      const { From = 0, To = 65535 } = rule.PortRange;
      if (port < From || port > To) continue;
    }
    const text = source.family === 4 ? rule.CidrBlock : rule.Ipv6CidrBlock;
    const cidr = parseCidr(text);
    if (!cidr || !overlaps(cidr, source)) continue;
    const ruleText =
      rule.RuleNumber === 32767 || rule.RuleNumber === 32768 ? 'rule *' : `rule ${rule.RuleNumber}`;
    if (rule.RuleAction === 'allow') {
      if (partial || cidrCovers(cidr, source))
        return { allowed: true, evidence: `network ACL ${aclId} ${ruleText} allows ${what} from ${text}` };
      continue;
    }
    if (cidrCovers(cidr, source))
      return { allowed: false, evidence: `network ACL ${aclId} ${ruleText} denies ${what} from ${text}` };
  }
  return { allowed: false, evidence: `network ACL ${aclId} has no rule allowing ${what} (denied)` };
}

/**
 * The network ACL of the target's subnet must let the load balancer's traffic in too: from its own addresses, or
 * from the internet when an NLB keeps the clients' addresses. Undefined when it cannot be decided (subnet, ACL or
 * the load balancer's addresses not collected): the security group verdict then stands.
 */
export function aclAdmitsLoadBalancer(
  index: NetworkIndex,
  target: string,
  subnetIds: string[],
  source: LoadBalancerSource,
  protocol: string,
  port: number,
): Admission | undefined {
  const sources = source.clientIp
    ? [parseCidr('0.0.0.0/0')!]
    : source.addresses.cidrs.filter((cidr) => cidr.family === 4);
  if (sources.length === 0 || subnetIds.length === 0) return undefined;
  const refused: string[] = [];
  for (const subnetId of subnetIds) {
    const subnet = index.subnets.get(subnetId);
    const acl = subnet ? index.networkAcl(subnet) : undefined;
    if (!acl) return undefined;
    for (const cidr of sources) {
      const result = aclLetsIn(acl, cidr, protocol, port, !source.clientIp);
      if (result.allowed) return { verdict: 'exposed', reason: '', details: [result.evidence] };
      refused.push(result.evidence);
    }
  }
  const from = source.clientIp ? 'the internet' : `load balancer ${source.name}'s ${source.addresses.text}`;
  return {
    verdict: 'not_exposed',
    reason: `load balancer ${source.name} forwards to ${target} on ${formatRange({ protocol, from: port, to: port })} but the network ACL of its subnet lets no traffic from ${from} in`,
    details: [...new Set(refused)],
  };
}
