// Port ranges and what security groups and network ACLs let in from the whole internet (0.0.0.0/0 or ::/0).
import { isWholeInternet, parseCidr } from '../../engine/cidr';

export type Family = 4 | 6;
export interface PortRange {
  protocol: string;
  from: number;
  to: number;
}

const protocolNames: Record<string, string> = {
  '-1': 'all',
  all: 'all',
  '6': 'tcp',
  tcp: 'tcp',
  '17': 'udp',
  udp: 'udp',
};

/** `tcp`, `udp`, `all`, or null for ICMP and other port-less protocols. */
export function normaliseProtocol(protocol: unknown): string | null {
  return protocolNames[String(protocol ?? '').toLowerCase()] ?? null;
}

export function formatRange(range: PortRange): string {
  if (range.protocol === 'all') return 'all traffic';
  return range.from === range.to
    ? `${range.protocol} ${range.from}`
    : `${range.protocol} ${range.from}-${range.to}`;
}

export function familyText(family: Family): string {
  return family === 4 ? '0.0.0.0/0' : '::/0';
}

/** Splits `all` into tcp and udp so protocol-specific NACL rules can be applied. */
function byProtocol(range: PortRange): PortRange[] {
  return range.protocol === 'all'
    ? [
        { ...range, protocol: 'tcp' },
        { ...range, protocol: 'udp' },
      ]
    : [range];
}

type Interval = [number, number];

function subtract(intervals: Interval[], [from, to]: Interval): { kept: Interval[]; removed: Interval[] } {
  const kept: Interval[] = [];
  const removed: Interval[] = [];
  for (const [a, b] of intervals) {
    if (b < from || a > to) {
      kept.push([a, b]);
      continue;
    }
    removed.push([Math.max(a, from), Math.min(b, to)]);
    if (a < from) kept.push([a, from - 1]);
    if (b > to) kept.push([to + 1, b]);
  }
  return { kept, removed };
}

export interface SecurityGroupPermission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string }[];
  UserIdGroupPairs?: { GroupId?: string; GroupName?: string; UserId?: string }[];
  PrefixListIds?: { PrefixListId?: string }[];
}

export interface SecurityGroupConfig {
  GroupId?: string;
  IpPermissions?: SecurityGroupPermission[];
}

/** The ports one ingress rule opens, or null for ICMP and other port-less protocols. */
export function permissionRange(permission: SecurityGroupPermission): PortRange | null {
  const protocol = normaliseProtocol(permission.IpProtocol);
  if (protocol === null) return null;
  if (protocol === 'all') return { protocol: 'all', from: 0, to: 65535 };
  return {
    protocol,
    from: permission.FromPort ?? 0,
    to: permission.ToPort ?? permission.FromPort ?? 65535,
  };
}

/** Ingress ranges a security group opens to the whole internet, and evidence for each rule (incl. the ones that do not). */
export function securityGroupInternetRanges(
  sg: SecurityGroupConfig,
  family: Family,
): { ranges: PortRange[]; evidence: string[] } {
  const ranges: PortRange[] = [];
  const evidence: string[] = [];
  const name = sg.GroupId ?? 'security group';
  for (const permission of sg.IpPermissions ?? []) {
    const range = permissionRange(permission);
    const cidrs =
      family === 4
        ? (permission.IpRanges ?? []).map((r) => r.CidrIp)
        : (permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6);
    const open = cidrs.some((cidr) => {
      const parsed = parseCidr(cidr);
      return parsed !== null && isWholeInternet(parsed);
    });
    const rangeText = range ? formatRange(range) : String(permission.IpProtocol);
    if (open && range) {
      ranges.push(range);
      evidence.push(`security group ${name} allows ${familyText(family)} on ${rangeText}`);
    } else if (cidrs.length > 0 && family === 4) {
      evidence.push(`security group ${name} allows ${rangeText} only from ${cidrs.join(', ')}`);
    }
    if (family === 4) {
      for (const pair of permission.UserIdGroupPairs ?? []) {
        evidence.push(
          `security group ${name} allows ${rangeText} from security group ${pair.GroupId ?? '?'} (not the internet)`,
        );
      }
    }
  }
  return { ranges, evidence };
}

export interface NetworkAclEntry {
  RuleNumber?: number;
  Protocol?: string;
  RuleAction?: string;
  Egress?: boolean;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  PortRange?: { From?: number; To?: number };
}

/** A network ACL's inbound rules in the order AWS applies them: lowest rule number first. */
export function inboundAclRules(entries: NetworkAclEntry[]): NetworkAclEntry[] {
  return entries.filter((entry) => !entry.Egress).sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
}

/**
 * Applies a network ACL's inbound rules, lowest rule number first; the first rule matching a port decides it
 * (so a deny at 90 beats an allow at 100). Only rules for the whole internet decide for internet traffic.
 */
export function networkAclFilter(
  aclId: string,
  entries: NetworkAclEntry[],
  family: Family,
  ranges: PortRange[],
): { allowed: PortRange[]; evidence: string[] } {
  const rules = inboundAclRules(entries).filter((entry) => {
    const parsed = parseCidr(family === 4 ? entry.CidrBlock : entry.Ipv6CidrBlock);
    return parsed !== null && isWholeInternet(parsed);
  });
  const allowed: PortRange[] = [];
  const evidence: string[] = [];
  for (const range of ranges.flatMap(byProtocol)) {
    let undecided: Interval[] = [[range.from, range.to]];
    for (const rule of rules) {
      if (undecided.length === 0) break;
      const protocol = normaliseProtocol(rule.Protocol);
      if (protocol !== 'all' && protocol !== range.protocol) continue;
      const span: Interval =
        protocol === 'all' || !rule.PortRange
          ? [0, 65535]
          : [rule.PortRange.From ?? 0, rule.PortRange.To ?? 65535];
      const { kept, removed } = subtract(undecided, span);
      undecided = kept;
      if (removed.length === 0) continue;
      const allow = rule.RuleAction === 'allow';
      const rangesText = removed
        .map(([from, to]) => formatRange({ protocol: range.protocol, from, to }))
        .join(', ');
      const ruleText = rule.RuleNumber === 32767 ? 'default rule *' : `rule ${rule.RuleNumber}`;
      evidence.push(
        `network ACL ${aclId} ${ruleText} ${allow ? 'allows' : 'denies'} ${rangesText} from ${familyText(family)}`,
      );
      if (allow) for (const [from, to] of removed) allowed.push({ protocol: range.protocol, from, to });
    }
    if (undecided.length > 0) {
      const rest = undecided
        .map(([from, to]) => formatRange({ protocol: range.protocol, from, to }))
        .join(', ');
      evidence.push(`network ACL ${aclId} has no rule for ${rest} from ${familyText(family)} (denied)`);
    }
  }
  return { allowed: mergeRanges(allowed), evidence };
}

/** Sorts and merges touching ranges; tcp+udp over everything becomes `all`. */
export function mergeRanges(ranges: PortRange[]): PortRange[] {
  const byProto = new Map<string, Interval[]>();
  for (const range of ranges) {
    for (const part of byProtocol(range)) {
      const list = byProto.get(part.protocol) ?? [];
      list.push([part.from, part.to]);
      byProto.set(part.protocol, list);
    }
  }
  const merged: PortRange[] = [];
  for (const [protocol, intervals] of byProto) {
    intervals.sort((a, b) => a[0] - b[0]);
    let current: Interval | undefined;
    for (const interval of intervals) {
      if (current && interval[0] <= current[1] + 1) current[1] = Math.max(current[1], interval[1]);
      else {
        if (current) merged.push({ protocol, from: current[0], to: current[1] });
        current = [interval[0], interval[1]];
      }
    }
    if (current) merged.push({ protocol, from: current[0], to: current[1] });
  }
  const full = (p: string) => merged.some((r) => r.protocol === p && r.from === 0 && r.to === 65535);
  if (full('tcp') && full('udp')) return [{ protocol: 'all', from: 0, to: 65535 }];
  return merged.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.from - b.from);
}

export function rangesCoverPort(ranges: PortRange[], protocol: string, port: number): boolean {
  return ranges.some(
    (range) =>
      (range.protocol === 'all' || range.protocol === protocol) && range.from <= port && port <= range.to,
  );
}
