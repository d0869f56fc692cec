// Network exposure analyser (seed 000's verdicts): for every instance, interface, load balancer, RDS instance,
// EKS cluster, Lambda function and API, is it reachable from the internet, on which ports, and why.
import type { Estate } from '../../engine/estate';
import { shortId } from '../../engine/values';
import type { EvalAsset } from '../../types';
import {
  aclAdmitsLoadBalancer,
  admitsLoadBalancer,
  loadBalancerAddresses,
  preservesClientIp,
  type LoadBalancerSource,
} from './lb-targets';
import { apiStages, restApiPolicyRestriction, routesToFunction } from './api-routes';
import { NetworkIndex } from './network-index';
import {
  familyText,
  formatRange,
  mergeRanges,
  networkAclFilter,
  rangesCoverPort,
  securityGroupInternetRanges,
  type PortRange,
} from './ports';
import {
  combine,
  finishFact,
  reachEndpoint,
  type Endpoint,
  type ExposureFact,
  type PartialExposure,
} from './reachability';

export type { ExposureFact } from './reachability';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

const RUNNING = new Set(['running', 'pending']);

function fromPartial(partial: PartialExposure): ExposureFact {
  return finishFact(partial.verdict, partial.ports, partial.paths, partial.reasons, partial.details);
}

function notExposed(reason: string, details: string[] = []): ExposureFact {
  return finishFact('not_exposed', [], [], [reason], details);
}

/** The analyser cannot decide: `reason` names what was missing. */
function unknownFact(reason: string): ExposureFact {
  return finishFact('unknown', [], [], [reason], []);
}

function interfaceEndpoint(ni: Config, index: NetworkIndex, target: string): Endpoint {
  const id = ni.NetworkInterfaceId ?? '?';
  return {
    label: `interface ${id}`,
    target,
    publicIpv4: ni.Association?.PublicIp ?? index.elasticIps.get(id),
    ipv6: (ni.Ipv6Addresses ?? []).map((a: Config) => a.Ipv6Address).filter(Boolean),
    subnetIds: ni.SubnetId ? [ni.SubnetId] : [],
    securityGroupIds: (ni.Groups ?? []).map((g: Config) => g.GroupId).filter(Boolean),
  };
}

interface LoadBalancerPath {
  lbName: string;
  listenerPort: number;
  targetGroup?: string;
  targetPort: number;
  protocol: string;
  /** What the target's security groups must admit for the load balancer's traffic to reach it. */
  source: LoadBalancerSource;
}

/** An open listener forwards to a target group whose targets could not be read (DescribeTargetHealth failed). */
interface UnreadTargets {
  vpcId?: string;
  reason: string;
}

interface LoadBalancerTargets {
  /** Instance id -> the load balancer paths that reach it. */
  paths: Map<string, LoadBalancerPath[]>;
  /** Any instance of these VPCs may be a target: none of them can be called unreachable through a load balancer. */
  unread: UnreadTargets[];
  /** Target group ARN -> the open listener paths that forward to it (ECS services name their target groups). */
  byGroup: Map<string, LoadBalancerPath[]>;
}

/** Internet-facing load balancers: their own exposure, and which instances they forward to. */
function analyseLoadBalancers(
  estate: Estate,
  index: NetworkIndex,
  facts: Map<string, ExposureFact>,
): LoadBalancerTargets {
  const targets = new Map<string, LoadBalancerPath[]>();
  const unread: UnreadTargets[] = [];
  const byGroup = new Map<string, LoadBalancerPath[]>();
  const addTarget = (instanceId: string, path: LoadBalancerPath) => {
    const list = targets.get(instanceId) ?? [];
    list.push(path);
    targets.set(instanceId, list);
  };
  const groupsByArn = new Map<string, EvalAsset>(
    estate.allOfType('aws_elbv2_target_group').map((tg) => [tg.id, tg]),
  );

  const lbExposure = (
    asset: EvalAsset,
    scheme: string,
    state: string | undefined,
    groupIds: string[],
    listeners: { port: number; protocol: string }[],
    network: { subnetIds: string[]; dualstack: boolean },
  ) => {
    const name = asset.name || shortId(asset.id);
    if (scheme !== 'internet-facing')
      return { fact: notExposed(`load balancer ${name} is internal`), open: [] as number[] };
    if (state && !['active', 'active_impaired', 'provisioning'].includes(state))
      return { fact: notExposed(`load balancer ${name} is ${state}`), open: [] };
    // DescribeListeners failed: "no listeners" would read as "nothing open".
    const listenersUnread = asset.readErrors?.Listeners;
    if (listenersUnread)
      return {
        fact: unknownFact(
          `internet-facing load balancer ${name}: its listeners could not be read (${listenersUnread})`,
        ),
        open: [],
      };
    let allowed: PortRange[] | undefined;
    const details: string[] = [];
    if (groupIds.length) {
      allowed = [];
      for (const groupId of groupIds) {
        const group = index.securityGroups.get(groupId);
        if (!group)
          return {
            fact: finishFact('unknown', [], [], [`security group ${groupId} was not collected`], []),
            open: [],
          };
        const v4 = securityGroupInternetRanges(group, 4);
        const v6 = securityGroupInternetRanges(group, 6);
        allowed.push(...v4.ranges, ...v6.ranges);
        details.push(...v4.evidence, ...v6.evidence);
      }
    }
    let open = listeners.filter((l) => !allowed || rangesCoverPort(allowed, 'tcp', l.port));
    if (open.length === 0) {
      return {
        fact: notExposed(
          `internet-facing load balancer ${name}: its security groups open none of its listener ports (${listeners.map((l) => l.port).join(', ') || 'no listeners'})`,
          details,
        ),
        open: [],
      };
    }
    // Its nodes sit in its subnets: a listener port is reachable when one of them routes to an internet gateway
    // and its network ACL lets the internet in on that port. A subnet, route table or ACL not collected cannot
    // rule a port out.
    const wanted = mergeRanges(open.map((l) => ({ protocol: 'tcp', from: l.port, to: l.port })));
    const admitted: PortRange[] = [];
    let undecided = network.subnetIds.length === 0;
    let routed = false;
    for (const subnetId of network.subnetIds) {
      const subnet = index.subnets.get(subnetId);
      const acl = subnet ? index.networkAcl(subnet) : undefined;
      if (!subnet || !acl) {
        undecided = true;
        details.push(`the network ACL of subnet ${subnetId} was not collected; not applied`);
        continue;
      }
      for (const family of network.dualstack ? ([4, 6] as const) : ([4] as const)) {
        const route = index.internetRoute(subnet, family);
        if (route.missing) {
          undecided = true;
          details.push(`${route.missing}; not applied`);
          continue;
        }
        if (!route.internetGatewayId) {
          details.push(
            `route table ${route.routeTableId} of subnet ${subnetId} has no ${familyText(family)} route to an internet gateway`,
          );
          continue;
        }
        routed = true;
        const { allowed: passed, evidence } = index.aclFilter(acl, family, wanted);
        admitted.push(...passed);
        details.push(...evidence);
      }
    }
    if (!undecided) {
      open = open.filter((l) => rangesCoverPort(admitted, 'tcp', l.port));
      const subnets = network.subnetIds.join(', ');
      if (open.length === 0)
        return {
          fact: notExposed(
            routed
              ? `internet-facing load balancer ${name}: the network ACLs of its subnets (${subnets}) let none of its listener ports in from the internet (${wanted.map(formatRange).join(', ')})`
              : `internet-facing load balancer ${name}: none of its subnets (${subnets}) routes to an internet gateway`,
            details,
          ),
          open: [],
        };
    }
    const ports = open.map((l) => ({ protocol: 'tcp', from: l.port, to: l.port }));
    const portText = mergeRanges(ports).map(formatRange).join(', ');
    const fact = finishFact(
      'exposed',
      ports,
      open.map((l) => `internet -> ${name}:${l.port}`),
      [
        `internet-facing load balancer ${name} listens on ${portText}${groupIds.length ? ' and its security groups allow it' : ' (no security groups)'}`,
      ],
      details,
    );
    return { fact, open: open.map((l) => l.port) };
  };

  for (const lb of estate.allOfType('aws_elbv2_load_balancer')) {
    const c = lb.config as Config;
    const listeners = (c.Listeners ?? []).map((l: Config) => ({
      port: l.Port,
      protocol: l.Protocol,
      actions: l.DefaultActions ?? [],
    }));
    const { fact, open } = lbExposure(lb, c.Scheme, c.State?.Code, c.SecurityGroups ?? [], listeners, {
      subnetIds: (c.AvailabilityZones ?? []).map((zone: Config) => zone.SubnetId).filter(Boolean),
      dualstack: String(c.IpAddressType ?? '').startsWith('dualstack'),
    });
    facts.set(lb.id, fact);
    if (fact.verdict !== 'exposed') continue;
    const name = lb.name || shortId(lb.id);
    const groupIds: string[] = c.SecurityGroups ?? [];
    const addresses = loadBalancerAddresses(
      index,
      (c.AvailabilityZones ?? []).map((zone: Config) => zone.SubnetId).filter(Boolean),
      c.VpcId,
    );
    const sourceFor = (tgc: Config): LoadBalancerSource => {
      // Only an NLB passes client addresses through; ALBs connect from their own.
      const clientIp = c.Type === 'network' && preservesClientIp(tgc);
      return {
        name,
        groupIds,
        addresses,
        clientIp,
        ipv6ViaLoadBalancer: clientIp && String(c.IpAddressType ?? '').startsWith('dualstack'),
      };
    };
    for (const listener of listeners) {
      if (!open.includes(listener.port)) continue;
      const groupArns = new Set<string>();
      for (const action of listener.actions) {
        if (action.TargetGroupArn) groupArns.add(action.TargetGroupArn);
        for (const tg of action.ForwardConfig?.TargetGroups ?? [])
          if (tg.TargetGroupArn) groupArns.add(tg.TargetGroupArn);
      }
      for (const edge of estate.edges(lb.id, 'ROUTES_TO', 'out'))
        if (groupsByArn.has(edge.toId)) groupArns.add(edge.toId);
      for (const arn of groupArns) {
        const tg = groupsByArn.get(arn);
        if (!tg) continue;
        const tgc = tg.config as Config;
        const tgName = tgc.TargetGroupName ?? shortId(arn);
        const healthUnread = tg.readErrors?.TargetHealth;
        if (healthUnread && (tgc.TargetType ?? 'instance') === 'instance')
          unread.push({
            vpcId: tgc.VpcId ?? c.VpcId,
            reason: `internet-facing load balancer ${name} forwards listener ${listener.port} to target group ${tgName}, whose targets could not be read (${healthUnread})`,
          });
        const source = sourceFor(tgc);
        const protocol = String(tgc.Protocol).toUpperCase() === 'UDP' ? 'udp' : 'tcp';
        byGroup.set(arn, [
          ...(byGroup.get(arn) ?? []),
          {
            lbName: name,
            listenerPort: listener.port,
            targetGroup: tgName,
            targetPort: tgc.Port ?? listener.port,
            protocol,
            source,
          },
        ]);
        for (const description of tgc.TargetHealth?.TargetHealthDescriptions ?? []) {
          const id = description.Target?.Id;
          if (id)
            addTarget(id, {
              lbName: name,
              listenerPort: listener.port,
              targetGroup: tgName,
              targetPort: description.Target?.Port ?? tgc.Port ?? listener.port,
              protocol,
              source,
            });
        }
        for (const edge of estate.edges(tg.id, 'ROUTES_TO', 'out')) {
          const instance = estate.get(edge.toId);
          const instanceId = (instance?.config as Config | undefined)?.InstanceId;
          if (instanceId)
            addTarget(instanceId, {
              lbName: name,
              listenerPort: listener.port,
              targetGroup: tgName,
              targetPort: tgc.Port ?? listener.port,
              protocol,
              source,
            });
        }
      }
    }
  }

  for (const lb of estate.allOfType('aws_elb_load_balancer')) {
    const c = lb.config as Config;
    const listeners = (c.ListenerDescriptions ?? []).map((d: Config) => ({
      port: d.Listener?.LoadBalancerPort,
      protocol: d.Listener?.Protocol,
      instancePort: d.Listener?.InstancePort,
    }));
    const { fact, open } = lbExposure(lb, c.Scheme, undefined, c.SecurityGroups ?? [], listeners, {
      subnetIds: c.Subnets ?? [],
      dualstack: false,
    });
    facts.set(lb.id, fact);
    if (fact.verdict !== 'exposed') continue;
    // Instances may admit the ELB by its SourceSecurityGroup (a name): resolve it to the group's id too. With
    // SecurityGroups listed, the source group is one of them (AWS), so only they count (moto names 'default').
    const sourceName: string | undefined = (c.SecurityGroups ?? []).length
      ? undefined
      : c.SourceSecurityGroup?.GroupName;
    const named = [...index.securityGroups.values()]
      .filter((group) => sourceName && group.GroupName === sourceName && group.VpcId === c.VPCId)
      .map((group) => group.GroupId as string);
    const source: LoadBalancerSource = {
      name: lb.name || shortId(lb.id),
      groupIds: [...new Set([...(c.SecurityGroups ?? []), ...named])],
      groupName: sourceName,
      addresses: loadBalancerAddresses(index, c.Subnets ?? [], c.VPCId),
      clientIp: false,
      ipv6ViaLoadBalancer: false,
    };
    for (const listener of listeners) {
      if (!open.includes(listener.port)) continue;
      for (const instance of c.Instances ?? []) {
        if (instance.InstanceId)
          addTarget(instance.InstanceId, {
            lbName: lb.name || shortId(lb.id),
            listenerPort: listener.port,
            targetPort: listener.instancePort ?? listener.port,
            protocol: 'tcp',
            source,
          });
      }
    }
  }
  return { paths: targets, unread, byGroup };
}

/** One part per outcome of the load balancer paths to an instance: admitted by its security groups, or not, or unknown. */
function loadBalancerParts(
  c: Config,
  instanceId: string,
  index: NetworkIndex,
  paths: LoadBalancerPath[],
): PartialExposure[] {
  // The instance's groups: the union over its interfaces (the instance-level list when it has none).
  const groupIds: string[] = [
    ...new Set<string>(
      [
        ...(c.NetworkInterfaces ?? []).flatMap((ni: Config) =>
          (ni.Groups ?? []).map((g: Config) => g.GroupId),
        ),
        ...(c.SecurityGroups ?? []).map((g: Config) => g.GroupId),
      ].filter(Boolean),
    ),
  ];
  // Its subnets: the network ACL of the one an interface sits in must let the load balancer's traffic in too.
  const subnetIds: string[] = [
    ...new Set<string>(
      [...(c.NetworkInterfaces ?? []).map((ni: Config) => ni.SubnetId), c.SubnetId].filter(Boolean),
    ),
  ];
  const exposed: PartialExposure = { verdict: 'exposed', ports: [], paths: [], reasons: [], details: [] };
  const others: PartialExposure[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const key = [p.lbName, p.listenerPort, p.targetGroup, p.protocol, p.targetPort].join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    let admission = admitsLoadBalancer(index, instanceId, groupIds, p.source, p.protocol, p.targetPort);
    if (admission.verdict === 'exposed') {
      const acl = aclAdmitsLoadBalancer(index, instanceId, subnetIds, p.source, p.protocol, p.targetPort);
      if (acl?.verdict === 'exposed') admission.details.push(...acl.details);
      else if (acl) admission = { ...acl, details: [...admission.details, ...acl.details] };
    }
    if (admission.verdict === 'exposed') {
      exposed.ports.push({ protocol: p.protocol, from: p.targetPort, to: p.targetPort });
      exposed.paths.push(
        `internet -> ${p.lbName}:${p.listenerPort} -> ${p.targetGroup ?? 'listener'} -> ${instanceId}:${p.targetPort}`,
      );
      exposed.reasons.push(
        `behind internet-facing load balancer ${p.lbName} (listener ${p.listenerPort} -> ${p.targetGroup ? `target group ${p.targetGroup} ` : ''}port ${p.targetPort})`,
      );
      exposed.details.push(...admission.details);
    } else {
      // Kept as a reason and a detail so a dropped path stays visible even when another path exposes the instance.
      others.push({
        verdict: admission.verdict,
        ports: [],
        paths: [],
        reasons: [admission.reason],
        details: [admission.reason, ...admission.details],
      });
    }
  }
  return exposed.paths.length ? [exposed, ...others] : others;
}

function analyseInstance(
  asset: EvalAsset,
  index: NetworkIndex,
  lbTargets: LoadBalancerTargets,
): ExposureFact {
  const c = asset.config as Config;
  const instanceId = c.InstanceId ?? shortId(asset.id);
  const state = c.State?.Name;
  if (state && !RUNNING.has(state)) return notExposed(`instance ${instanceId} is ${state}`);
  const interfaces: Endpoint[] = (c.NetworkInterfaces ?? []).map((ni: Config) =>
    interfaceEndpoint(ni, index, instanceId),
  );
  if (interfaces.length === 0) {
    interfaces.push({
      label: `instance ${instanceId}`,
      target: instanceId,
      publicIpv4: c.PublicIpAddress ?? index.elasticIps.get(instanceId),
      ipv6: c.Ipv6Address ? [c.Ipv6Address] : [],
      subnetIds: c.SubnetId ? [c.SubnetId] : [],
      securityGroupIds: (c.SecurityGroups ?? []).map((g: Config) => g.GroupId).filter(Boolean),
    });
  }
  const parts = interfaces.map((endpoint) => reachEndpoint(index, endpoint));
  parts.push(...loadBalancerParts(c, instanceId, index, lbTargets.paths.get(instanceId) ?? []));
  for (const group of lbTargets.unread)
    if (group.vpcId === undefined || group.vpcId === c.VpcId)
      parts.push({ verdict: 'unknown', ports: [], paths: [], reasons: [group.reason], details: [] });
  return fromPartial(combine(parts));
}

/**
 * An ECS service's tasks are reachable through a public IP per task (awsvpc with assignPublicIp ENABLED, judged like
 * an interface in its subnets with its security groups) or through an internet-facing load balancer forwarding to
 * one of its target groups (its security groups and subnets must admit the load balancer's traffic).
 */
function analyseEcsService(
  asset: EvalAsset,
  estate: Estate,
  index: NetworkIndex,
  lbTargets: LoadBalancerTargets,
): ExposureFact {
  const c = asset.config as Config;
  const name = c.serviceName ?? asset.name ?? shortId(asset.id);
  if (c.status && c.status !== 'ACTIVE') return notExposed(`service ${name} is ${c.status}`);
  if (c.desiredCount === 0 && (c.runningCount ?? 0) === 0) return notExposed(`service ${name} runs no task`);
  const vpc: Config = c.networkConfiguration?.awsvpcConfiguration ?? {};
  const subnetIds: string[] = vpc.subnets ?? [];
  const groupIds: string[] = vpc.securityGroups ?? [];
  const parts: PartialExposure[] = [];
  if (vpc.assignPublicIp === 'ENABLED')
    parts.push(
      reachEndpoint(index, {
        label: `the tasks of service ${name}`,
        target: name,
        publicIpv4: 'a public IP per task',
        ipv6: [],
        subnetIds,
        securityGroupIds: groupIds,
      }),
    );
  else
    parts.push({
      verdict: 'not_exposed',
      ports: [],
      paths: [],
      reasons: [
        subnetIds.length
          ? `service ${name} runs in subnets ${subnetIds.join(', ')} with no public IP (assignPublicIp ${vpc.assignPublicIp ?? 'DISABLED'})`
          : `service ${name} has no public IP`,
      ],
      details: [],
    });
  const behind: string[] = [];
  for (const lb of (c.loadBalancers ?? []) as Config[]) {
    const arn: string | undefined = lb.targetGroupArn;
    if (!arn) continue;
    const group = estate.get(arn);
    if (!group) {
      parts.push({
        verdict: 'unknown',
        ports: [],
        paths: [],
        reasons: [`service ${name}: its target group ${arn} was not collected`],
        details: [],
      });
      continue;
    }
    behind.push((group.config as Config).TargetGroupName ?? shortId(arn));
    const port = typeof lb.containerPort === 'number' ? lb.containerPort : undefined;
    // The tasks' interfaces, as loadBalancerParts reads an instance's: the service's groups in each of its subnets.
    const interfaces = {
      NetworkInterfaces: subnetIds.map((SubnetId) => ({
        SubnetId,
        Groups: groupIds.map((GroupId) => ({ GroupId })),
      })),
    };
    const paths = (lbTargets.byGroup.get(arn) ?? []).map((p) => ({ ...p, targetPort: port ?? p.targetPort }));
    parts.push(...loadBalancerParts(interfaces, name, index, paths));
  }
  const fact = fromPartial(combine(parts));
  if (fact.verdict !== 'not_exposed') return fact;
  // Backline-style: say everything that keeps it off the internet in one sentence.
  const lbText = behind.length
    ? `its target groups (${behind.join(', ')}) sit behind no internet-facing load balancer that admits traffic to it`
    : 'no load balancer forwards to it';
  return notExposed(
    `not exploitable from the internet: service ${name} ${vpc.assignPublicIp === 'ENABLED' ? 'has public IPs that the internet cannot reach' : `runs ${subnetIds.length ? `in subnets ${subnetIds.join(', ')} ` : ''}with no public IP`} and ${lbText}`,
    fact.evidence,
  );
}

function analyseNetworkInterface(asset: EvalAsset, index: NetworkIndex): ExposureFact {
  const c = asset.config as Config;
  if (c.Status && c.Status !== 'in-use')
    return notExposed(`interface ${c.NetworkInterfaceId} is ${c.Status} (not attached)`);
  return fromPartial(
    reachEndpoint(index, interfaceEndpoint(c, index, c.NetworkInterfaceId ?? shortId(asset.id))),
  );
}

function analyseDatabase(asset: EvalAsset, index: NetworkIndex): ExposureFact {
  const c = asset.config as Config;
  const name = c.DBInstanceIdentifier ?? shortId(asset.id);
  if (c.DBInstanceStatus === 'stopped' || c.DBInstanceStatus === 'stopping')
    return notExposed(`database ${name} is ${c.DBInstanceStatus}`);
  if (c.PubliclyAccessible === false)
    return notExposed(
      `database ${name} is not publicly accessible (PubliclyAccessible false, no public address)`,
    );
  if (c.PubliclyAccessible !== true)
    return unknownFact(`database ${name}: PubliclyAccessible was not collected`);
  // A public database is reachable only through the subnets of its DB subnet group: without them nothing says
  // whether they route to the internet, so the verdict waits for them instead of reading "not exposed".
  const group: Config | undefined = c.DBSubnetGroup;
  const groupText = `DB subnet group ${group?.DBSubnetGroupName ?? '(unnamed)'}`;
  if (!group) {
    const code = asset.readErrors?.DBSubnetGroup;
    return unknownFact(
      `database ${name}: its DB subnet group was not collected${code ? ` (${code})` : ''}, so the subnets it runs in are not known`,
    );
  }
  const subnetIds: string[] = (group.Subnets ?? []).map((s: Config) => s.SubnetIdentifier).filter(Boolean);
  if (subnetIds.length === 0)
    return unknownFact(`database ${name}: the subnets of ${groupText} were not collected`);
  const port = c.Endpoint?.Port ?? c.DbInstancePort;
  const endpoint: Endpoint = {
    label: `database ${name}`,
    target: name,
    publicIpv4: c.Endpoint?.Address ?? 'its public endpoint',
    ipv6: [],
    subnetIds,
    subnetsOf: groupText,
    securityGroupIds: (c.VpcSecurityGroups ?? []).map((g: Config) => g.VpcSecurityGroupId).filter(Boolean),
    listenPorts: typeof port === 'number' ? [port] : undefined,
  };
  return fromPartial(reachEndpoint(index, endpoint));
}

function analyseEks(asset: EvalAsset): ExposureFact {
  const c = (asset.config as Config).Cluster ?? asset.config;
  const vpc = c.resourcesVpcConfig ?? {};
  const name = c.name ?? shortId(asset.id);
  if (vpc.endpointPublicAccess === undefined)
    return finishFact(
      'unknown',
      [],
      [],
      [`cluster ${name}: endpoint access settings were not collected`],
      [],
    );
  if (!vpc.endpointPublicAccess) return notExposed(`cluster ${name} has a private API endpoint only`);
  const cidrs: string[] = vpc.publicAccessCidrs ?? ['0.0.0.0/0'];
  const world = cidrs.filter((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0');
  if (world.length === 0)
    return notExposed(`cluster ${name} has a public API endpoint restricted to ${cidrs.join(', ')}`);
  return finishFact(
    'exposed',
    [{ protocol: 'tcp', from: 443, to: 443 }],
    [`internet -> ${name} API endpoint:443`],
    [`cluster ${name} API endpoint is public and open to ${world.join(', ')}`],
    [],
  );
}

function analyseApi(asset: EvalAsset): ExposureFact {
  const c = asset.config as Config;
  const name = c.name ?? c.Name ?? shortId(asset.id);
  // REST APIs (camelCase) may be PRIVATE; HTTP/WebSocket APIs (PascalCase) are always public unless disabled.
  const rest = asset.type === 'aws_apigateway_rest_api';
  const types: string[] = rest ? (c.endpointConfiguration?.types ?? []) : [];
  if (types.includes('PRIVATE')) {
    return notExposed(`API ${name} has a PRIVATE endpoint (reachable only through VPC endpoints)`);
  }
  // Without a stage nothing is deployed: the endpoint answers no request (stages not read: not known, go on).
  if (apiStages(asset)?.length === 0) return notExposed(`API ${name} has no deployed stage`);
  if (rest ? c.disableExecuteApiEndpoint : c.DisableExecuteApiEndpoint) {
    return finishFact(
      'unknown',
      [],
      [],
      [`API ${name} disables its default endpoint; custom domains are not collected`],
      [],
    );
  }
  const restriction = rest ? restApiPolicyRestriction(c.policy) : undefined;
  if (restriction) return notExposed(`API ${name} has a public endpoint but ${restriction}`);
  const reason = rest
    ? `API ${name} has a public ${types.join('/') || 'EDGE'} endpoint`
    : `${c.ProtocolType ?? 'HTTP'} API ${name} has a public endpoint ${c.ApiEndpoint ?? ''}`.trim();
  return finishFact(
    'exposed',
    [{ protocol: 'tcp', from: 443, to: 443 }],
    [`internet -> ${name}:443`],
    [reason],
    [],
  );
}

function analyseFunction(asset: EvalAsset, estate: Estate, facts: Map<string, ExposureFact>): ExposureFact {
  const c = asset.config as Config;
  const name = c.FunctionName ?? shortId(asset.id);
  const urls: Config[] = c.FunctionUrlConfigs?.FunctionUrlConfigs ?? [];
  const open = urls.filter((url) => url.AuthType === 'NONE');
  if (open.length) {
    return finishFact(
      'exposed',
      [{ protocol: 'tcp', from: 443, to: 443 }],
      open.map((u) => `internet -> ${u.FunctionUrl ?? 'function URL'} -> ${name}`),
      [`function ${name} has a function URL with AuthType NONE`],
      [],
    );
  }
  // A public API exposes the function through its methods or routes that need no credentials; when they were not
  // collected, the TRIGGERS edge alone counts.
  const paths: string[] = [];
  const exposedBy: string[] = [];
  const guarded: string[] = [];
  // An API that may be public but could not be judged, or that was never collected, leaves the function undecided.
  const undecidedApis: string[] = [];
  for (const api of estate.related(asset.id, 'TRIGGERS', 'in')) {
    const apiVerdict = facts.get(api.id)?.verdict;
    if (apiVerdict === 'unknown') undecidedApis.push(`API ${api.name} that triggers it is undecided`);
    if (apiVerdict !== 'exposed') continue;
    const routes = routesToFunction(api, asset.id);
    if (!routes.known) {
      paths.push(`internet -> ${api.name} -> ${name}`);
      exposedBy.push(`triggered by public API ${api.name}`);
    } else if (routes.open.length) {
      paths.push(...routes.open.map((route) => `internet -> ${api.name} ${route} -> ${name}`));
      exposedBy.push(
        `triggered by public API ${api.name} through ${routes.open.join(', ')} (no authorization)`,
      );
    } else if (routes.guarded.length) {
      guarded.push(`public API ${api.name} reaches it only through ${routes.guarded.join(', ')}`);
    }
  }
  if (exposedBy.length) {
    return finishFact('exposed', [{ protocol: 'tcp', from: 443, to: 443 }], paths, exposedBy, guarded);
  }
  for (const type of ['aws_apigateway_rest_api', 'aws_apigatewayv2_api'])
    for (const id of estate.missingRelated(asset.id, 'TRIGGERS', 'in', type))
      undecidedApis.push(`API ${shortId(id)} that triggers it was not collected`);
  const urlError = asset.readErrors?.FunctionUrlConfigs;
  const apiText = guarded.length
    ? `every public API route to it requires authorization (${guarded.join('; ')})`
    : 'no public API triggers it';
  if (urlError) {
    return finishFact(
      'unknown',
      [],
      [],
      [`function ${name}: its function URLs could not be read (${urlError}); ${apiText}`],
      [],
    );
  }
  if (undecidedApis.length)
    return finishFact('unknown', [], [], [`function ${name}: ${undecidedApis.join('; ')}`], guarded);
  const reasons = urls.length
    ? [`function ${name}'s URL requires IAM authentication (AuthType AWS_IAM)`]
    : [`function ${name} has no function URL`];
  return notExposed(`${reasons[0]} and ${apiText}`);
}

/** What a network ACL lets in from the whole internet (`facts.ingress`); not an exposure of the ACL itself. */
export interface IngressFact {
  /** unknown: the ACL's entries were not in the response. */
  verdict: 'open' | 'closed' | 'unknown';
  ports: PortRange[];
  evidence: string[];
}

/**
 * Inbound rules of each network ACL applied in order, as AWS does (a deny at 90 beats an allow at 100), so a
 * rule-by-rule reading does not flag an allow that an earlier deny shadows. Asset.id -> fact.
 */
export function analyseNetworkAclIngress(estate: Estate): Map<string, IngressFact> {
  const facts = new Map<string, IngressFact>();
  for (const asset of estate.allOfType('aws_ec2_network_acl')) {
    const c = asset.config as Config;
    const id: string = c.NetworkAclId ?? shortId(asset.id);
    if (!Array.isArray(c.Entries)) {
      facts.set(asset.id, {
        verdict: 'unknown',
        ports: [],
        evidence: [`unknown: the entries of network ACL ${id} were not collected`],
      });
      continue;
    }
    const ports: PortRange[] = [];
    const reasons: string[] = [];
    const details: string[] = [];
    for (const family of [4, 6] as const) {
      const everything = [{ protocol: 'all', from: 0, to: 65535 }];
      const { allowed, evidence } = networkAclFilter(id, c.Entries, family, everything);
      details.push(...evidence);
      if (allowed.length === 0) continue;
      ports.push(...allowed);
      reasons.push(
        `network ACL ${id} lets ${familyText(family)} in on ${allowed.map(formatRange).join(', ')}`,
      );
    }
    const summary = ports.length
      ? `open: ${reasons.join('; ')}`
      : `closed: network ACL ${id} lets no inbound traffic in from 0.0.0.0/0 or ::/0`;
    facts.set(asset.id, {
      verdict: ports.length ? 'open' : 'closed',
      ports: mergeRanges(ports),
      evidence: [summary, ...new Set(details)],
    });
  }
  return facts;
}

/** Asset.id -> exposure fact for every asset type the analyser understands. */
export function analyseExposure(estate: Estate): Map<string, ExposureFact> {
  const index = new NetworkIndex(estate);
  const facts = new Map<string, ExposureFact>();
  const lbTargets = analyseLoadBalancers(estate, index, facts);
  for (const asset of estate.allOfType('aws_ec2_instance'))
    facts.set(asset.id, analyseInstance(asset, index, lbTargets));
  for (const asset of estate.allOfType('aws_ecs_service'))
    facts.set(asset.id, analyseEcsService(asset, estate, index, lbTargets));
  for (const asset of estate.allOfType('aws_ec2_network_interface'))
    facts.set(asset.id, analyseNetworkInterface(asset, index));
  for (const asset of estate.allOfType('aws_rds_db_instance'))
    facts.set(asset.id, analyseDatabase(asset, index));
  for (const asset of estate.allOfType('aws_eks_cluster')) facts.set(asset.id, analyseEks(asset));
  for (const type of ['aws_apigateway_rest_api', 'aws_apigatewayv2_api'])
    for (const asset of estate.allOfType(type)) facts.set(asset.id, analyseApi(asset));
  for (const asset of estate.allOfType('aws_lambda_function'))
    facts.set(asset.id, analyseFunction(asset, estate, facts));
  return facts;
}
