// The one ordered list of collector modules. The sync runner starts units in this order (global modules first,
// then regional ones) and the onboarding policy is built from `allOperations()`, so a module missing here is
// neither read nor granted. Modules build the ARNs of related assets themselves, so order is only a scheduling
// hint unless a module names another in `dependsOn` (the runner then waits for that one in the same region).
import type { CollectorModule, OperationDeclaration } from './types';
import { accessanalyzerCollector } from './services/accessanalyzer';
import { acmCollector } from './services/acm';
import { apigatewayCollector } from './services/apigateway';
import { cloudfrontCollector } from './services/cloudfront';
import { backupCollector } from './services/backup';
import { cloudtrailCollector } from './services/cloudtrail';
import { cloudwatchCollector } from './services/cloudwatch';
import { configCollector } from './services/config';
import { contactsCollector } from './services/contacts';
import { dynamodbCollector } from './services/dynamodb';
import { ec2Collector } from './services/ec2';
import { ecrCollector } from './services/ecr';
import { ecsCollector } from './services/ecs';
import { efsCollector } from './services/efs';
import { eksCollector } from './services/eks';
import { elasticacheCollector } from './services/elasticache';
import { elbCollector } from './services/elb';
import { guarddutyCollector } from './services/guardduty';
import { iamCollector } from './services/iam';
import { kmsCollector } from './services/kms';
import { lambdaCollector } from './services/lambda';
import { logsCollector } from './services/logs';
import { opensearchCollector } from './services/opensearch';
import { organizationsCollector } from './services/organizations';
import { rdsCollector } from './services/rds';
import { redshiftCollector } from './services/redshift';
import { route53Collector } from './services/route53';
import { s3Collector } from './services/s3';
import { securityhubCollector } from './services/securityhub';
import { secretsmanagerCollector } from './services/secretsmanager';
import { snsCollector } from './services/sns';
import { sqsCollector } from './services/sqs';
import { ssmCollector } from './services/ssm';
// svcb (#15): EventBridge, Step Functions, Kinesis, SageMaker notebooks.
import { eventbridgeCollector } from './services/eventbridge';
import { kinesisCollector } from './services/kinesis';
import { sagemakerCollector } from './services/sagemaker';
import { stepfunctionsCollector } from './services/stepfunctions';
import { wafv2Collector } from './services/wafv2';
import { inspector2Collector } from './services/inspector2';
import { macieCollector } from './services/macie';

export const collectorModules: CollectorModule[] = [
  // Global, read once per account. IAM first: roles, instance profiles and policies are what most edges point at.
  iamCollector,
  // S3 bucket list is global (each bucket's detail calls go to its own region).
  s3Collector,
  // Organizations: the organization, and its accounts when this is the management account.
  organizationsCollector,
  // Account contacts (Account Management API): alternate and primary contacts of this account.
  contactsCollector,
  // CloudFront: distributions are global (the API answers in us-east-1); S3 origins are matched by bucket name.
  cloudfrontCollector,
  // Route 53: hosted zones with their record sets (global).
  route53Collector,
  // Regional, network first: most other assets point into VPCs, subnets and security groups.
  ec2Collector,
  // Load balancers: target groups point at ec2 instances/ENIs by ARN (no read dependency).
  elbCollector,
  // Keys before the services they encrypt (scheduling only: ENCRYPTS edges are built from ARNs).
  kmsCollector,
  // Logging and monitoring (CIS sections 3-5): trails, recorders, log groups/metric filters, alarms, topics.
  cloudtrailCollector,
  configCollector,
  logsCollector,
  cloudwatchCollector,
  snsCollector,
  // Detectors: analyzers, GuardDuty, Security Hub (one status asset per region).
  accessanalyzerCollector,
  guarddutyCollector,
  securityhubCollector,
  // Workloads: each builds the ARNs of its VPC/role/key edges itself (no read dependency).
  lambdaCollector,
  apigatewayCollector,
  eksCollector,
  ecrCollector,
  ecsCollector,
  rdsCollector,
  efsCollector,
  // Tables: the resource policy feeds the public-access analyser; ENCRYPTS edges from the key ARN.
  dynamodbCollector,
  // Parameters and documents, caches, warehouses, search domains, backup vaults and plans (no read dependency).
  ssmCollector,
  elasticacheCollector,
  // Certificates: expiry and key length (no read dependency).
  acmCollector,
  redshiftCollector,
  opensearchCollector,
  backupCollector,
  // Queues and secrets: resource policies feed the public-access analyser (no read dependency).
  sqsCollector,
  secretsmanagerCollector,
  // Event buses (policies feed the public-access analyser), rules and their targets, global endpoints; state
  // machines, streams and notebook instances. Each builds the ARNs of its role/key/log group/target edges itself.
  eventbridgeCollector,
  stepfunctionsCollector,
  kinesisCollector,
  sagemakerCollector,
  // WAFv2 web ACLs (REGIONAL, and CLOUDFRONT in us-east-1): PROTECTS edges to load balancers, API stages and
  // distributions are built from ARNs (no read dependency).
  wafv2Collector,
  // Inspector2 and Macie: one status asset per region (no read dependency).
  inspector2Collector,
  macieCollector,
];

/** Every operation any module may call, de-duplicated by `api` (actions merged), in registry order. */
export function allOperations(modules: CollectorModule[] = collectorModules): OperationDeclaration[] {
  const byApi = new Map<string, Set<string>>();
  for (const module of modules) {
    for (const operation of module.operations) {
      const actions = byApi.get(operation.api) ?? new Set<string>();
      for (const action of operation.actions) actions.add(action);
      byApi.set(operation.api, actions);
    }
  }
  return [...byApi].map(([api, actions]) => ({ api, actions: [...actions] }));
}

/** Looks a module up by its service name (CLI `--services` filters, tests). */
export function findModule(
  service: string,
  modules: CollectorModule[] = collectorModules,
): CollectorModule | undefined {
  return modules.find((module) => module.service === service);
}
