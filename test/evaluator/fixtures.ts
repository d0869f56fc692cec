// Builders for evaluator tests: CATALOG-shaped assets and inline controls.
import { defineControl } from '../../evaluator';
import type { EvalAsset, LoadedControl } from '../../evaluator';
import type { AssetClass, Relationship, RelationshipVerb } from '../../store/model';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

const classes: Record<string, AssetClass> = {
  aws_ec2_instance: 'Host',
  aws_ec2_security_group: 'Firewall',
  aws_ec2_subnet: 'Network',
  aws_ec2_vpc: 'Network',
  aws_ec2_route_table: 'Network',
  aws_ec2_network_acl: 'Firewall',
  aws_ec2_internet_gateway: 'Gateway',
  aws_ec2_network_interface: 'Network',
  aws_ec2_elastic_ip: 'IpAddress',
  aws_elbv2_load_balancer: 'Gateway',
  aws_elbv2_target_group: 'Service',
  aws_s3_bucket: 'DataStore',
  aws_iam_user: 'User',
  aws_iam_role: 'AccessRole',
  aws_iam_group: 'UserGroup',
  aws_iam_policy: 'AccessPolicy',
  aws_cloudtrail_trail: 'Logs',
  aws_account: 'Account',
};

export function asset(
  type: string,
  id: string,
  config: Record<string, unknown>,
  extra: Partial<EvalAsset> = {},
): EvalAsset {
  const region =
    extra.region ??
    (type.startsWith('aws_iam') || type === 'aws_s3_bucket' || type === 'aws_account' ? 'global' : REGION);
  return {
    id,
    accountId: ACCOUNT,
    region,
    service: type.split('_')[1],
    type,
    class: classes[type] ?? 'Configuration',
    name: extra.name ?? id.split(/[/:]/).pop()!,
    tags: {},
    config,
    ...extra,
  };
}

export function edge(
  fromId: string,
  verb: RelationshipVerb,
  toId: string,
  properties?: Record<string, unknown>,
): Relationship {
  return { accountId: ACCOUNT, fromId, verb, toId, service: 'test', region: REGION, properties };
}

export function control(overrides: Record<string, unknown>): LoadedControl {
  return defineControl({
    id: 'test_control_passes',
    title: 'A control used in tests',
    severity: 'high',
    resourceTypes: ['aws_ec2_instance'],
    scope: 'regional',
    rationale: 'Tests.',
    remediation: { cli: 'true' },
    condition: { attr: 'id', exists: true },
    ...overrides,
  });
}
