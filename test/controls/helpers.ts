// Shared by the control tests: reads the control and framework YAML files directly (so the mapping test does not
// depend on the loader), and turns case files (test/controls/cases/<control_id>.yaml) into estates.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AssetClass, Relationship, RelationshipVerb } from '../../store/model';
import { GLOBAL_REGION } from '../../store/model';
import { isGlobalResourceType } from '../../evaluator/catalog';
import type { EvalAsset } from '../../evaluator/types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CONTROLS_DIR = path.join(ROOT, 'controls', 'aws');
export const FRAMEWORKS_DIR = path.join(ROOT, 'controls', 'frameworks');
export const CASES_DIR = path.join(__dirname, 'cases');

/** The account every case estate lives in (AWS's documentation example account). */
export const ACCOUNT_ID = '111122223333';
export const DEFAULT_REGION = 'us-east-1';

export interface ControlFileEntry {
  file: string;
  /** Folder under controls/aws/ (the service). */
  service: string;
  data: Record<string, unknown>;
}

export function readControlFiles(): ControlFileEntry[] {
  const entries: ControlFileEntry[] = [];
  for (const service of readdirSync(CONTROLS_DIR).sort()) {
    const dir = path.join(CONTROLS_DIR, service);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.yaml')) continue;
      const file = path.join(dir, name);
      entries.push({ file, service, data: parse(readFileSync(file, 'utf8')) as Record<string, unknown> });
    }
  }
  return entries;
}

export interface FrameworkRequirementData {
  id: string;
  title: string;
  section?: string;
  assessment: 'automated' | 'manual';
  controls: string[];
  description?: string;
}

export interface FrameworkData {
  id: string;
  name: string;
  version: string;
  source: string;
  description?: string;
  sections: { id: string; title: string }[];
  requirements: FrameworkRequirementData[];
}

export function readFrameworkFiles(): { file: string; data: FrameworkData }[] {
  return readdirSync(FRAMEWORKS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = path.join(FRAMEWORKS_DIR, name);
      return { file, data: parse(readFileSync(file, 'utf8')) as FrameworkData };
    });
}

// ---- case files -------------------------------------------------------------------------------------------

export type ExpectedStatus = 'pass' | 'fail' | 'not_applicable' | 'error';

/** An asset in a case file: `type` and `config` are required, the rest gets realistic defaults. */
export interface CaseAsset {
  type: string;
  id?: string;
  name?: string;
  region?: string;
  accountId?: string;
  tags?: Record<string, string>;
  config: Record<string, unknown>;
  facts?: Record<string, unknown>;
  readErrors?: Record<string, string>;
}

/** `[fromId, VERB, toId]` or the long form with properties. */
export type CaseRelationship =
  | [string, RelationshipVerb, string]
  | { from: string; verb: RelationshipVerb; to: string; properties?: Record<string, unknown> };

export interface EstateCase {
  name: string;
  /** Every result of the control is this status (at least one result), or per asset id. */
  expect: ExpectedStatus | Record<string, ExpectedStatus>;
  /**
   * The reason every result of the control gives (its rendered passMessage / failMessage), or per asset id (the
   * assets not named are not checked).
   */
  reason?: string | Record<string, string>;
  /** Default true: the analysers run first and compute facts from config (overwriting given facts). */
  analysers?: boolean;
  assets: CaseAsset[];
  relationships?: CaseRelationship[];
  /**
   * The verdict is known to be wrong today because of a bug outside the control (say, in an analyser): the case
   * runs as `it.failing`, so it turns red once the bug is fixed and the marker can be removed.
   */
  knownIssue?: string;
}

export interface CaseFile {
  control: string;
  /** Fixed clock for controls that test ages. */
  now?: string;
  /**
   * Anchored controls only: the status for an account in which nothing exists. Default `fail` ("at least one
   * multi-region trail..."); `pass` for "none of ..." aggregates, where an empty account has nothing wrong.
   */
  emptyAccount?: 'pass' | 'fail' | 'not_applicable';
  cases: EstateCase[];
}

export function readCaseFile(controlId: string): CaseFile {
  return parse(readFileSync(path.join(CASES_DIR, `${controlId}.yaml`), 'utf8')) as CaseFile;
}

export function listCaseFiles(): string[] {
  return readdirSync(CASES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort();
}

const classByType: Record<string, AssetClass> = {
  aws_account: 'Account',
  aws_account_region: 'Account',
  aws_ec2_instance: 'Host',
  aws_ec2_volume: 'Disk',
  aws_ec2_snapshot: 'DataStore',
  aws_ec2_image: 'Image',
  aws_ec2_security_group: 'Firewall',
  aws_ec2_vpc: 'Network',
  aws_ec2_subnet: 'Network',
  aws_ec2_route_table: 'Network',
  aws_ec2_internet_gateway: 'Gateway',
  aws_ec2_nat_gateway: 'Gateway',
  aws_ec2_network_acl: 'Firewall',
  aws_ec2_network_interface: 'Network',
  aws_ec2_elastic_ip: 'IpAddress',
  aws_ec2_flow_log: 'Logs',
  aws_ec2_vpc_endpoint: 'Gateway',
  aws_ec2_vpc_peering_connection: 'Network',
  aws_ec2_ebs_default_encryption: 'Configuration',
  aws_elbv2_load_balancer: 'Gateway',
  aws_elbv2_target_group: 'Service',
  aws_elb_load_balancer: 'Gateway',
  aws_cloudtrail_trail: 'Logs',
  aws_config_recorder: 'Configuration',
  aws_kms_key: 'Key',
  aws_logs_log_group: 'Logs',
  aws_logs_metric_filter: 'Monitor',
  aws_cloudwatch_alarm: 'Monitor',
  aws_sns_topic: 'Channel',
  aws_accessanalyzer_analyzer: 'Detector',
  aws_guardduty_detector: 'Detector',
  aws_securityhub_hub: 'Detector',
  aws_lambda_function: 'Function',
  aws_apigateway_rest_api: 'Gateway',
  aws_apigatewayv2_api: 'Gateway',
  aws_eks_cluster: 'Cluster',
  aws_ecr_repository: 'Repository',
  aws_ecr_image: 'Image',
  aws_ecs_cluster: 'Cluster',
  aws_ecs_service: 'Service',
  aws_ecs_task_definition: 'Task',
  aws_rds_db_instance: 'Database',
  aws_rds_db_cluster: 'Database',
  aws_rds_db_snapshot: 'DataStore',
  aws_rds_db_cluster_snapshot: 'DataStore',
  aws_efs_file_system: 'DataStore',
  aws_dynamodb_table: 'DataStore',
  aws_ssm_parameter: 'Configuration',
  aws_ssm_document: 'Configuration',
  aws_elasticache_replication_group: 'Database',
  aws_elasticache_cluster: 'Database',
  aws_acm_certificate: 'Certificate',
  aws_redshift_cluster: 'Database',
  aws_cloudfront_distribution: 'Gateway',
  aws_route53_hosted_zone: 'Network',
  aws_opensearch_domain: 'Database',
  aws_backup_vault: 'DataStore',
  aws_backup_plan: 'Configuration',
  aws_sqs_queue: 'Channel',
  aws_secretsmanager_secret: 'Key',
  aws_wafv2_web_acl: 'Firewall',
  aws_inspector2_account_status: 'Detector',
  aws_macie_session: 'Detector',
  aws_iam_user: 'User',
  aws_iam_root_user: 'User',
  aws_iam_group: 'UserGroup',
  aws_iam_role: 'AccessRole',
  aws_iam_policy: 'AccessPolicy',
  aws_iam_user_policy: 'AccessPolicy',
  aws_iam_group_policy: 'AccessPolicy',
  aws_iam_role_policy: 'AccessPolicy',
  aws_iam_instance_profile: 'AccessRole',
  aws_iam_server_certificate: 'Certificate',
  aws_iam_password_policy: 'Configuration',
  aws_iam_account_summary: 'Configuration',
  aws_s3_bucket: 'DataStore',
  aws_s3_account_public_access_block: 'Configuration',
  aws_organizations_organization: 'Account',
  aws_organizations_account: 'Account',
  aws_organizations_root: 'Account',
  aws_organizations_organizational_unit: 'Account',
  aws_organizations_policy: 'AccessPolicy',
  aws_account_contacts: 'Account',
  // svcb (#15)
  aws_eventbridge_event_bus: 'Channel',
  aws_eventbridge_rule: 'Configuration',
  aws_eventbridge_endpoint: 'Gateway',
  aws_stepfunctions_state_machine: 'Function',
  aws_kinesis_stream: 'Channel',
  aws_sagemaker_notebook_instance: 'Host',
};

/** Collector module that owns a type (CATALOG.md "module" column). */
function serviceOf(type: string): string {
  if (type === 'aws_account' || type === 'aws_account_region') return 'sync';
  const service = type.split('_')[1];
  if (service === 'elbv2') return 'elb';
  if (service === 'apigatewayv2') return 'apigateway';
  if (type === 'aws_account_contacts') return 'contacts';
  return service;
}

export function classOf(type: string): AssetClass {
  const assetClass = classByType[type];
  if (!assetClass) throw new Error(`case file uses unknown asset type ${type}`);
  return assetClass;
}

export function toAsset(source: CaseAsset, index: number): EvalAsset {
  const region = source.region ?? (isGlobalResourceType(source.type) ? GLOBAL_REGION : DEFAULT_REGION);
  const id =
    source.id ?? `arn:aws:${serviceOf(source.type)}:${region}:${ACCOUNT_ID}:${source.type}/${index + 1}`;
  return {
    id,
    accountId: source.accountId ?? ACCOUNT_ID,
    region,
    service: serviceOf(source.type),
    type: source.type,
    class: classOf(source.type),
    name: source.name ?? id.slice(id.lastIndexOf('/') + 1),
    tags: source.tags ?? {},
    config: source.config,
    ...(source.readErrors ? { readErrors: source.readErrors } : {}),
    ...(source.facts ? { facts: source.facts } : {}),
  };
}

/** The anchors the sync runner always emits: the account, and one region anchor per region read. */
export function anchorAssets(regions: string[], accountId = ACCOUNT_ID): EvalAsset[] {
  const anchors: EvalAsset[] = [
    toAsset(
      {
        type: 'aws_account',
        id: `arn:aws:iam::${accountId}:root`,
        name: accountId,
        accountId,
        config: { AccountId: accountId, Partition: 'aws', Regions: regions },
      },
      0,
    ),
  ];
  for (const region of regions) {
    anchors.push(
      toAsset(
        {
          type: 'aws_account_region',
          id: `arn:aws:ec2:${region}:${accountId}:region`,
          name: region,
          region,
          accountId,
          config: { AccountId: accountId, Region: region },
        },
        0,
      ),
    );
  }
  return anchors;
}

/** Case assets plus anchors for the account and every region its assets live in (us-east-1 at least). */
export function buildEstate(estateCase: EstateCase): { assets: EvalAsset[]; relationships: Relationship[] } {
  const assets = estateCase.assets.map(toAsset);
  const regions = [
    ...new Set([DEFAULT_REGION, ...assets.map((asset) => asset.region).filter((r) => r !== GLOBAL_REGION)]),
  ];
  const anchors = anchorAssets(regions).filter((anchor) => !assets.some((asset) => asset.id === anchor.id));
  const relationships = (estateCase.relationships ?? []).map((edge): Relationship => {
    const [fromId, verb, toId, properties] = Array.isArray(edge)
      ? [edge[0], edge[1], edge[2], undefined]
      : [edge.from, edge.verb, edge.to, edge.properties];
    const from = assets.find((asset) => asset.id === fromId);
    return {
      accountId: ACCOUNT_ID,
      fromId,
      verb,
      toId,
      service: from?.service ?? 'test',
      region: from?.region ?? DEFAULT_REGION,
      ...(properties ? { properties } : {}),
    };
  });
  return { assets: [...assets, ...anchors], relationships };
}
