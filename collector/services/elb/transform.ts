// Pure transforms: ELBv2 load balancers and target groups, classic ELBs -> assets and relationships.
import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import type {
  Listener,
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Asset, Relationship } from '../../../store/model';
import { buildArn } from '../../arn';
import type { DetailResult } from '../../read';
import type { Emitted, Where } from '../../shape';
import { makeAsset, makeRelationship, plainConfig } from '../../shape';
import { ids } from '../ec2/ids';

/** Merges a detail call under `key`, or records its error code (CATALOG.md rules 2 and 3). */
function mergeDetail(asset: Asset, key: string, result: DetailResult<unknown> | undefined): void {
  if (!result) return;
  if (result.ok) asset.config[key] = plainConfig({ value: result.value }).value;
  else asset.readErrors = { ...asset.readErrors, [key]: result.code };
}

function tagsOf(
  result: DetailResult<Record<string, string>> | undefined,
  asset: Asset,
): Record<string, string> {
  if (!result) return {};
  if (!result.ok) {
    asset.readErrors = { ...asset.readErrors, Tags: result.code };
    return {};
  }
  return result.value;
}

export interface LoadBalancerDetails {
  listeners?: DetailResult<Listener[]>;
  attributes?: DetailResult<unknown>;
  tags?: DetailResult<Record<string, string>>;
}

export function loadBalancerV2ToAssets(
  where: Where,
  loadBalancer: LoadBalancer,
  details: LoadBalancerDetails,
): Emitted {
  const id = loadBalancer.LoadBalancerArn ?? '';
  const asset = makeAsset(where, {
    id,
    type: 'aws_elbv2_load_balancer',
    class: 'Gateway',
    name: loadBalancer.LoadBalancerName ?? id,
    config: plainConfig(loadBalancer),
  });
  mergeDetail(asset, 'Listeners', details.listeners);
  mergeDetail(asset, 'LoadBalancerAttributes', details.attributes);
  asset.tags = tagsOf(details.tags, asset);
  const relationships: Relationship[] = [];
  for (const groupId of loadBalancer.SecurityGroups ?? []) {
    relationships.push(makeRelationship(where, ids.securityGroup(where, groupId), 'PROTECTS', id));
  }
  if (loadBalancer.VpcId)
    relationships.push(makeRelationship(where, id, 'IN', ids.vpc(where, loadBalancer.VpcId)));
  return { assets: [asset], relationships };
}

export interface TargetGroupDetails {
  health?: DetailResult<{ TargetHealthDescriptions?: TargetHealthDescription[] }>;
  tags?: DetailResult<Record<string, string>>;
  /** `${vpcId} ${ip}` -> network interface id, for IP targets. */
  interfaceByIp?: Map<string, string>;
}

export function targetGroupToAssets(where: Where, group: TargetGroup, details: TargetGroupDetails): Emitted {
  const id = group.TargetGroupArn ?? '';
  const asset = makeAsset(where, {
    id,
    type: 'aws_elbv2_target_group',
    class: 'Service',
    name: group.TargetGroupName ?? id,
    config: plainConfig(group),
  });
  mergeDetail(asset, 'TargetHealth', details.health);
  asset.tags = tagsOf(details.tags, asset);
  const relationships: Relationship[] = [];
  for (const loadBalancerArn of group.LoadBalancerArns ?? []) {
    relationships.push(makeRelationship(where, loadBalancerArn, 'ROUTES_TO', id));
  }
  const targets = details.health?.ok ? (details.health.value.TargetHealthDescriptions ?? []) : [];
  const seen = new Set<string>();
  for (const description of targets) {
    const targetId = description.Target?.Id;
    if (!targetId) continue;
    const to = targetAssetId(where, group, targetId, details.interfaceByIp);
    if (!to || seen.has(to)) continue;
    seen.add(to);
    relationships.push(
      makeRelationship(where, id, 'ROUTES_TO', to, {
        port: description.Target?.Port,
        state: description.TargetHealth?.State,
      }),
    );
  }
  return { assets: [asset], relationships };
}

/** The asset a target id points at: an instance, the interface owning an IP, a Lambda function or another ALB. */
export function targetAssetId(
  where: Where,
  group: TargetGroup,
  targetId: string,
  interfaceByIp?: Map<string, string>,
): string | undefined {
  switch (group.TargetType) {
    case 'instance':
      return ids.instance(where, targetId);
    case 'ip': {
      const eniId = interfaceByIp?.get(`${group.VpcId} ${targetId}`);
      return eniId ? ids.networkInterface(where, eniId) : undefined;
    }
    case 'lambda':
    case 'alb':
      return targetId.startsWith('arn:') ? targetId : undefined;
    default:
      return targetId.startsWith('i-') ? ids.instance(where, targetId) : undefined;
  }
}

export function classicLoadBalancerArn(where: Where, name: string): string {
  return buildArn(
    where.partition,
    'elasticloadbalancing',
    where.region,
    where.accountId,
    `loadbalancer/${name}`,
  );
}

export function classicLoadBalancerToAssets(
  where: Where,
  description: LoadBalancerDescription,
  details: { attributes?: DetailResult<unknown>; tags?: DetailResult<Record<string, string>> },
): Emitted {
  const name = description.LoadBalancerName ?? '';
  const id = classicLoadBalancerArn(where, name);
  const asset = makeAsset(where, {
    id,
    type: 'aws_elb_load_balancer',
    class: 'Gateway',
    name,
    config: plainConfig(description),
  });
  mergeDetail(asset, 'LoadBalancerAttributes', details.attributes);
  asset.tags = tagsOf(details.tags, asset);
  const relationships: Relationship[] = [];
  for (const groupId of description.SecurityGroups ?? []) {
    relationships.push(makeRelationship(where, ids.securityGroup(where, groupId), 'PROTECTS', id));
  }
  if (description.VPCId)
    relationships.push(makeRelationship(where, id, 'IN', ids.vpc(where, description.VPCId)));
  for (const instance of description.Instances ?? []) {
    if (instance.InstanceId)
      relationships.push(makeRelationship(where, id, 'ROUTES_TO', ids.instance(where, instance.InstanceId)));
  }
  return { assets: [asset], relationships };
}
