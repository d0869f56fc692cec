// Which asset types a control's verdicts depend on, derived from the control catalog: the types it evaluates, the
// types its `related:` and `assets:` steps reach, and the types the analysers read to compute each fact it uses.
// Event mode re-evaluates only the controls whose inputs include a type a re-read replaced (evaluateAccount's
// `changedTypes`); a control whose inputs cannot be bounded (a `related:` step without a type) depends on every
// type. test/evaluator/control-inputs.test.ts proves on the demo estate that a change confined to some types
// leaves every other control's results as a full evaluation gives them.
import type { ControlDefinition } from './types';

/** Stands for "any type": a control with it in its inputs is re-evaluated after every change. */
export const ANY_TYPE = '*';

// The network path from the internet to a workload (evaluator/analysers/exposure/).
const NETWORK_TYPES = [
  'aws_ec2_instance',
  'aws_ec2_network_interface',
  'aws_ec2_elastic_ip',
  'aws_ec2_security_group',
  'aws_ec2_subnet',
  'aws_ec2_vpc',
  'aws_ec2_route_table',
  'aws_ec2_internet_gateway',
  'aws_ec2_nat_gateway',
  'aws_ec2_network_acl',
  'aws_ec2_vpc_endpoint',
  'aws_elb_load_balancer',
  'aws_elbv2_load_balancer',
  'aws_elbv2_target_group',
];

const EXPOSED_WORKLOAD_TYPES = [
  'aws_rds_db_instance',
  'aws_eks_cluster',
  'aws_lambda_function',
  'aws_apigateway_rest_api',
  'aws_apigatewayv2_api',
  'aws_ecs_cluster',
  'aws_ecs_service',
  'aws_ecs_task_definition',
];

const IAM_TYPES = [
  'aws_account',
  'aws_iam_user',
  'aws_iam_root_user',
  'aws_iam_group',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role_policy',
  'aws_iam_instance_profile',
  'aws_iam_account_summary',
];

const PUBLIC_ACCESS_TYPES = [
  'aws_s3_bucket',
  'aws_s3_account_public_access_block',
  'aws_ec2_snapshot',
  'aws_ec2_image',
  'aws_rds_db_snapshot',
  'aws_rds_db_cluster_snapshot',
  'aws_ecr_repository',
  'aws_lambda_function',
  'aws_sns_topic',
  'aws_sqs_queue',
  'aws_secretsmanager_secret',
  'aws_opensearch_domain',
  'aws_kms_key',
  'aws_efs_file_system',
  'aws_dynamodb_table',
];

const EXPOSURE_TYPES = [...NETWORK_TYPES, ...EXPOSED_WORKLOAD_TYPES];
const VULNERABILITY_TYPES = [...EXPOSURE_TYPES, 'aws_ecr_repository', 'aws_ecr_image'];

/** Fact (first key under `facts.`) -> the asset types its analyser reads (controls/LANGUAGE.md, facts table). */
export const FACT_INPUT_TYPES: Record<string, readonly string[]> = {
  exposure: EXPOSURE_TYPES,
  ingress: ['aws_ec2_network_acl'],
  eksVersion: ['aws_eks_cluster'],
  public: PUBLIC_ACCESS_TYPES,
  s3Origins: ['aws_cloudfront_distribution', 'aws_s3_bucket'],
  iam: IAM_TYPES,
  vulnerabilities: VULNERABILITY_TYPES,
  // Joins exposure and IAM, then follows roles to buckets and their keys.
  attackPaths: [...VULNERABILITY_TYPES, ...IAM_TYPES, 'aws_s3_bucket', 'aws_kms_key'],
};

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Adds the types a condition reaches (related/assets steps) and the facts it reads, walking every nested node. */
function walkCondition(node: unknown, types: Set<string>, facts: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walkCondition(item, types, facts);
    return;
  }
  if (!isMap(node)) return;
  if (isMap(node.related)) types.add(typeof node.related.type === 'string' ? node.related.type : ANY_TYPE);
  if (isMap(node.assets) && typeof node.assets.type === 'string') types.add(node.assets.type);
  if (typeof node.fact === 'string') facts.add(node.fact.split('.')[0]);
  if (typeof node.attr === 'string' && node.attr.startsWith('facts.')) facts.add(node.attr.split('.')[1]);
  for (const value of Object.values(node)) walkCondition(value, types, facts);
}

/** Every asset type whose change can change this control's results (ANY_TYPE when unbounded). */
export function controlInputTypes(control: ControlDefinition): Set<string> {
  const types = new Set<string>(control.resourceTypes);
  const facts = new Set<string>();
  walkCondition(control.applies, types, facts);
  walkCondition(control.condition, types, facts);
  // Messages and remediation may quote facts too ({{facts.exposure.evidence}}): their text is part of a result.
  const text = JSON.stringify([control.passMessage, control.failMessage, control.remediation]);
  for (const match of text.matchAll(/facts\.([A-Za-z0-9_]+)/g)) facts.add(match[1]);
  for (const fact of facts) {
    const read = FACT_INPUT_TYPES[fact];
    // A fact no analyser table describes (a custom control's own) may depend on anything.
    for (const type of read ?? [ANY_TYPE]) types.add(type);
  }
  return types;
}

/** The controls whose inputs include one of `changedTypes`, in their given order. */
export function controlsReading<T extends ControlDefinition>(
  controls: readonly T[],
  changedTypes: Iterable<string>,
): T[] {
  const changed = new Set(changedTypes);
  return controls.filter((control) => {
    const inputs = controlInputTypes(control);
    if (inputs.has(ANY_TYPE)) return true;
    for (const type of inputs) if (changed.has(type)) return true;
    return false;
  });
}
