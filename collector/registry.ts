// The one ordered list of collector modules. The sync runner starts units in this order (global modules first,
// then regional ones) and the onboarding policy is built from `allOperations()`, so a module missing here is
// neither read nor granted. Modules build the ARNs of related assets themselves, so order is only a scheduling
// hint unless a module names another in `dependsOn` (the runner then waits for that one in the same region).
// Each module is loaded when it is first needed: its SDK client is most of its code (~20 ms each, ~0.6 s for all),
// so a sync sends its first calls while later modules load.
import type { CollectorModule, OperationDeclaration } from './types';

/** A module's place in the registry: its name and scope are known before its code (and SDK client) is loaded. */
export interface RegisteredModule {
  service: string;
  scope: CollectorModule['scope'];
  load(): CollectorModule;
}

function lazy(
  service: string,
  scope: CollectorModule['scope'],
  load: () => CollectorModule,
): RegisteredModule {
  let loaded: CollectorModule | undefined;
  return { service, scope, load: () => (loaded ??= load()) };
}

export const registeredModules: RegisteredModule[] = [
  // Global, read once per account. IAM first: roles, instance profiles and policies are what most edges point at.
  lazy('iam', 'global', () => (require('./services/iam') as typeof import('./services/iam')).iamCollector),
  // S3 bucket list is global (each bucket's detail calls go to its own region).
  lazy('s3', 'global', () => (require('./services/s3') as typeof import('./services/s3')).s3Collector),
  // Organizations: the organization, and its accounts when this is the management account.
  lazy(
    'organizations',
    'global',
    () =>
      (require('./services/organizations') as typeof import('./services/organizations'))
        .organizationsCollector,
  ),
  // Account contacts (Account Management API): alternate and primary contacts of this account.
  lazy(
    'contacts',
    'global',
    () => (require('./services/contacts') as typeof import('./services/contacts')).contactsCollector,
  ),
  // CloudFront: distributions are global (the API answers in us-east-1); S3 origins are matched by bucket name.
  lazy(
    'cloudfront',
    'global',
    () => (require('./services/cloudfront') as typeof import('./services/cloudfront')).cloudfrontCollector,
  ),
  // Route 53: hosted zones with their record sets (global).
  lazy(
    'route53',
    'global',
    () => (require('./services/route53') as typeof import('./services/route53')).route53Collector,
  ),
  // Regional, network first: most other assets point into VPCs, subnets and security groups.
  lazy('ec2', 'regional', () => (require('./services/ec2') as typeof import('./services/ec2')).ec2Collector),
  // Load balancers: target groups point at ec2 instances/ENIs by ARN (no read dependency).
  lazy('elb', 'regional', () => (require('./services/elb') as typeof import('./services/elb')).elbCollector),
  // Keys before the services they encrypt (scheduling only: ENCRYPTS edges are built from ARNs).
  lazy('kms', 'regional', () => (require('./services/kms') as typeof import('./services/kms')).kmsCollector),
  // Logging and monitoring (CIS sections 3-5): trails, recorders, log groups/metric filters, alarms, topics.
  lazy(
    'cloudtrail',
    'regional',
    () => (require('./services/cloudtrail') as typeof import('./services/cloudtrail')).cloudtrailCollector,
  ),
  lazy(
    'config',
    'regional',
    () => (require('./services/config') as typeof import('./services/config')).configCollector,
  ),
  lazy(
    'logs',
    'regional',
    () => (require('./services/logs') as typeof import('./services/logs')).logsCollector,
  ),
  lazy(
    'cloudwatch',
    'regional',
    () => (require('./services/cloudwatch') as typeof import('./services/cloudwatch')).cloudwatchCollector,
  ),
  lazy('sns', 'regional', () => (require('./services/sns') as typeof import('./services/sns')).snsCollector),
  // Detectors: analyzers, GuardDuty, Security Hub (one status asset per region).
  lazy(
    'accessanalyzer',
    'regional',
    () =>
      (require('./services/accessanalyzer') as typeof import('./services/accessanalyzer'))
        .accessanalyzerCollector,
  ),
  lazy(
    'guardduty',
    'regional',
    () => (require('./services/guardduty') as typeof import('./services/guardduty')).guarddutyCollector,
  ),
  lazy(
    'securityhub',
    'regional',
    () => (require('./services/securityhub') as typeof import('./services/securityhub')).securityhubCollector,
  ),
  // Workloads: each builds the ARNs of its VPC/role/key edges itself (no read dependency).
  lazy(
    'lambda',
    'regional',
    () => (require('./services/lambda') as typeof import('./services/lambda')).lambdaCollector,
  ),
  lazy(
    'apigateway',
    'regional',
    () => (require('./services/apigateway') as typeof import('./services/apigateway')).apigatewayCollector,
  ),
  lazy('eks', 'regional', () => (require('./services/eks') as typeof import('./services/eks')).eksCollector),
  lazy('ecr', 'regional', () => (require('./services/ecr') as typeof import('./services/ecr')).ecrCollector),
  lazy('ecs', 'regional', () => (require('./services/ecs') as typeof import('./services/ecs')).ecsCollector),
  lazy('rds', 'regional', () => (require('./services/rds') as typeof import('./services/rds')).rdsCollector),
  lazy('efs', 'regional', () => (require('./services/efs') as typeof import('./services/efs')).efsCollector),
  // Tables: the resource policy feeds the public-access analyser; ENCRYPTS edges from the key ARN.
  lazy(
    'dynamodb',
    'regional',
    () => (require('./services/dynamodb') as typeof import('./services/dynamodb')).dynamodbCollector,
  ),
  // Parameters and documents, caches, warehouses, search domains, backup vaults and plans (no read dependency).
  lazy('ssm', 'regional', () => (require('./services/ssm') as typeof import('./services/ssm')).ssmCollector),
  lazy(
    'elasticache',
    'regional',
    () => (require('./services/elasticache') as typeof import('./services/elasticache')).elasticacheCollector,
  ),
  // Certificates: expiry and key length (no read dependency).
  lazy('acm', 'regional', () => (require('./services/acm') as typeof import('./services/acm')).acmCollector),
  lazy(
    'redshift',
    'regional',
    () => (require('./services/redshift') as typeof import('./services/redshift')).redshiftCollector,
  ),
  lazy(
    'opensearch',
    'regional',
    () => (require('./services/opensearch') as typeof import('./services/opensearch')).opensearchCollector,
  ),
  lazy(
    'backup',
    'regional',
    () => (require('./services/backup') as typeof import('./services/backup')).backupCollector,
  ),
  // Queues and secrets: resource policies feed the public-access analyser (no read dependency).
  lazy('sqs', 'regional', () => (require('./services/sqs') as typeof import('./services/sqs')).sqsCollector),
  lazy(
    'secretsmanager',
    'regional',
    () =>
      (require('./services/secretsmanager') as typeof import('./services/secretsmanager'))
        .secretsmanagerCollector,
  ),
  // Event buses (policies feed the public-access analyser), rules and their targets, global endpoints; state
  // machines, streams and notebook instances. Each builds the ARNs of its role/key/log group/target edges itself.
  lazy(
    'eventbridge',
    'regional',
    () => (require('./services/eventbridge') as typeof import('./services/eventbridge')).eventbridgeCollector,
  ),
  lazy(
    'stepfunctions',
    'regional',
    () =>
      (require('./services/stepfunctions') as typeof import('./services/stepfunctions'))
        .stepfunctionsCollector,
  ),
  lazy(
    'kinesis',
    'regional',
    () => (require('./services/kinesis') as typeof import('./services/kinesis')).kinesisCollector,
  ),
  lazy(
    'sagemaker',
    'regional',
    () => (require('./services/sagemaker') as typeof import('./services/sagemaker')).sagemakerCollector,
  ),
  // WAFv2 web ACLs (REGIONAL, and CLOUDFRONT in us-east-1): PROTECTS edges to load balancers, API stages and
  // distributions are built from ARNs (no read dependency).
  lazy(
    'wafv2',
    'regional',
    () => (require('./services/wafv2') as typeof import('./services/wafv2')).wafv2Collector,
  ),
  // Inspector2 and Macie: one status asset per region (no read dependency).
  lazy(
    'inspector2',
    'regional',
    () => (require('./services/inspector2') as typeof import('./services/inspector2')).inspector2Collector,
  ),
  lazy(
    'macie',
    'regional',
    () => (require('./services/macie') as typeof import('./services/macie')).macieCollector,
  ),
];

/** Every registered module, loaded (all SDK clients: for the onboarding policy, declared types, tests). */
export function allCollectorModules(): CollectorModule[] {
  return registeredModules.map((entry) => entry.load());
}

/** Every operation any module may call, de-duplicated by `api` (actions merged), in registry order. */
export function allOperations(modules: CollectorModule[] = allCollectorModules()): OperationDeclaration[] {
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

/** Looks a module up by its service name. */
export function findModule(
  service: string,
  modules: CollectorModule[] = allCollectorModules(),
): CollectorModule | undefined {
  return modules.find((module) => module.service === service);
}
