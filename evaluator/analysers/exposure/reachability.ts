// Is a network interface reachable from the internet? Public address -> subnet route to an internet gateway ->
// security groups open to 0.0.0.0/0 (or ::/0) -> network ACL rules in order. Missing data makes it `unknown`.
import type { NetworkIndex } from './network-index';
import { familyText, formatRange, mergeRanges, type Family, type PortRange } from './ports';

export type ExposureVerdict = 'exposed' | 'not_exposed' | 'unknown';

export interface ExposureFact {
  verdict: ExposureVerdict;
  ports: PortRange[];
  paths: string[];
  evidence: string[];
}

export interface Endpoint {
  /** e.g. `interface eni-1`, `instance i-1`. */
  label: string;
  /** Short name of the asset reached (for paths). */
  target: string;
  publicIpv4?: string;
  ipv6: string[];
  subnetIds: string[];
  securityGroupIds: string[];
  /** What listed the subnets, for "subnet X of DB subnet group Y was not collected" (default: nothing). */
  subnetsOf?: string;
  /** Restrict to these ports (a database listens on one); undefined = any port the rules open. */
  listenPorts?: number[];
}

interface Partial {
  verdict: ExposureVerdict;
  ports: PortRange[];
  paths: string[];
  reasons: string[];
  details: string[];
}

/** Builds the fact, with a one-line summary first ("not exposed: ...; ...") then the details. */
export function finishFact(
  verdict: ExposureVerdict,
  ports: PortRange[],
  paths: string[],
  reasons: string[],
  details: string[],
): ExposureFact {
  const said = [...new Set(reasons.filter((reason) => reason.trim() !== ''))];
  // A verdict nobody can say why is not a verdict: without a reason it is undecided, never "not exposed".
  const decided: ExposureVerdict = said.length ? verdict : 'unknown';
  if (said.length === 0) {
    said.push('the analyser found no reason for a verdict (a bug: please report it with this evidence)');
  }
  const heading = decided === 'exposed' ? 'exposed' : decided === 'unknown' ? 'unknown' : 'not exposed';
  const summary = `${heading}: ${said.join('; ')}`;
  return {
    verdict: decided,
    ports: mergeRanges(ports),
    paths: [...new Set(paths)],
    evidence: [summary, ...new Set(details)],
  };
}

function reachFamily(index: NetworkIndex, endpoint: Endpoint, family: Family, address: string): Partial {
  const result: Partial = { verdict: 'not_exposed', ports: [], paths: [], reasons: [], details: [] };
  const unknown = (reason: string) => ({ ...result, verdict: 'unknown' as const, reasons: [reason] });
  let routed: { subnetId: string; igw: string; subnet: Record<string, unknown> } | undefined;
  // No subnet known: where the address sits (and so whether it routes to the internet) cannot be judged.
  if (endpoint.subnetIds.length === 0) return unknown(`the subnets of ${endpoint.label} are not known`);
  for (const subnetId of endpoint.subnetIds) {
    const subnet = index.subnets.get(subnetId);
    if (!subnet)
      return unknown(
        `subnet ${subnetId}${endpoint.subnetsOf ? ` of ${endpoint.subnetsOf}` : ''} was not collected`,
      );
    const route = index.internetRoute(subnet, family);
    if (route.missing) return unknown(route.missing);
    if (route.internetGatewayId) {
      result.details.push(
        `subnet ${subnetId} routes ${familyText(family)} to internet gateway ${route.internetGatewayId} (route table ${route.routeTableId})`,
      );
      routed ??= { subnetId, igw: route.internetGatewayId, subnet };
    } else {
      result.reasons.push(`private subnet ${subnetId} has no route to an internet gateway`);
      result.details.push(
        `route table ${route.routeTableId} of subnet ${subnetId} has no ${familyText(family)} route to an internet gateway`,
      );
    }
  }
  if (!routed) return result;

  let open: PortRange[] = [];
  for (const groupId of endpoint.securityGroupIds) {
    const analysed = index.groupInternetRanges(groupId, family);
    if (!analysed) return unknown(`security group ${groupId} was not collected`);
    open.push(...analysed.ranges);
    result.details.push(...analysed.evidence);
  }
  if (endpoint.listenPorts) {
    const ports = endpoint.listenPorts;
    open = open
      .flatMap((range) =>
        ports
          .filter((port) => range.from <= port && port <= range.to)
          .map((port) => ({ protocol: range.protocol === 'udp' ? 'udp' : 'tcp', from: port, to: port })),
      )
      .filter((range) => range.protocol === 'tcp');
  }
  if (open.length === 0) {
    const groups = endpoint.securityGroupIds.join(', ') || 'none';
    result.reasons.push(
      `security groups (${groups}) allow no inbound traffic from ${familyText(family)}${endpoint.listenPorts ? ` on ${endpoint.listenPorts.join(', ')}` : ''}`,
    );
    return result;
  }
  const acl = index.networkAcl(routed.subnet);
  if (!acl) return unknown(`no network ACL for subnet ${routed.subnetId} was collected`);
  const { allowed, evidence } = index.aclFilter(acl, family, mergeRanges(open));
  result.details.push(...evidence);
  if (allowed.length === 0) {
    result.reasons.push(
      `network ACL ${acl.NetworkAclId} blocks the ports the security groups open (${mergeRanges(open).map(formatRange).join(', ')})`,
    );
    return result;
  }
  result.verdict = 'exposed';
  result.ports = allowed;
  const portText = allowed.map(formatRange).join(', ');
  result.reasons.push(
    `${endpoint.label} has public address ${address} in subnet ${routed.subnetId} routed to ${routed.igw}; open to ${familyText(family)} on ${portText}`,
  );
  result.paths.push(
    `internet -> ${routed.igw} -> ${routed.subnetId} -> ${acl.NetworkAclId} -> ${endpoint.securityGroupIds.join('+')} -> ${endpoint.target} (${portText})`,
  );
  return result;
}

/** Combines the IPv4 and IPv6 paths of one endpoint. */
export function reachEndpoint(index: NetworkIndex, endpoint: Endpoint): Partial {
  const parts: Partial[] = [];
  if (endpoint.publicIpv4) parts.push(reachFamily(index, endpoint, 4, endpoint.publicIpv4));
  for (const address of endpoint.ipv6.slice(0, 1)) parts.push(reachFamily(index, endpoint, 6, address));
  if (parts.length === 0) {
    // No public address: say why the subnet would not help either, as seed 000's verdicts do.
    const partial: Partial = { verdict: 'not_exposed', ports: [], paths: [], reasons: [], details: [] };
    for (const subnetId of endpoint.subnetIds) {
      const subnet = index.subnets.get(subnetId);
      const route = subnet ? index.internetRoute(subnet, 4) : undefined;
      if (route && !route.missing && !route.internetGatewayId)
        partial.reasons.push(`private subnet ${subnetId} has no route to an internet gateway`);
      else if (route?.internetGatewayId)
        partial.details.push(`subnet ${subnetId} routes 0.0.0.0/0 to ${route.internetGatewayId}`);
    }
    partial.reasons.push(`no public IP on ${endpoint.label}`);
    return partial;
  }
  return combine(parts);
}

export function combine(parts: Partial[]): Partial {
  const exposed = parts.filter((part) => part.verdict === 'exposed');
  const verdict: ExposureVerdict = exposed.length
    ? 'exposed'
    : parts.some((part) => part.verdict === 'unknown')
      ? 'unknown'
      : 'not_exposed';
  const deciding = exposed.length
    ? exposed
    : verdict === 'unknown'
      ? parts.filter((part) => part.verdict === 'unknown')
      : parts;
  return {
    verdict,
    ports: exposed.flatMap((part) => part.ports),
    paths: exposed.flatMap((part) => part.paths),
    reasons: deciding.flatMap((part) => part.reasons),
    details: parts.flatMap((part) => part.details),
  };
}

export type { Partial as PartialExposure };
