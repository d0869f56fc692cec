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

/** `./services/<service>` exports `<service>Collector` (the registry test loads every entry and checks it). */
function lazy(service: string, scope: CollectorModule['scope']): RegisteredModule {
  let loaded: CollectorModule | undefined;
  const load = (): CollectorModule => {
    const module = (require(`./services/${service}`) as Record<string, CollectorModule | undefined>)[
      `${service}Collector`
    ];
    if (!module) throw new Error(`collector/services/${service} does not export ${service}Collector`);
    return module;
  };
  return { service, scope, load: () => (loaded ??= load()) };
}

export const registeredModules: RegisteredModule[] = [
  // Global, read once per account. IAM first: roles, instance profiles and policies are what most edges point at.
  lazy('iam', 'global'),
  // S3 bucket list is global (each bucket's detail calls go to its own region).
  lazy('s3', 'global'),
  // Organizations: the organization, and its accounts when this is the management account.
  lazy('organizations', 'global'),
  // Account contacts (Account Management API): alternate and primary contacts of this account.
  lazy('contacts', 'global'),
  // CloudFront: distributions are global (the API answers in us-east-1); S3 origins are matched by bucket name.
  lazy('cloudfront', 'global'),
  // Route 53: hosted zones with their record sets (global).
  lazy('route53', 'global'),
  // Regional, network first: most other assets point into VPCs, subnets and security groups.
  lazy('ec2', 'regional'),
  // Load balancers: target groups point at ec2 instances/ENIs by ARN (no read dependency).
  lazy('elb', 'regional'),
  // Keys before the services they encrypt (scheduling only: ENCRYPTS edges are built from ARNs).
  lazy('kms', 'regional'),
  // Logging and monitoring (CIS sections 3-5): trails, recorders, log groups/metric filters, alarms, topics.
  lazy('cloudtrail', 'regional'),
  lazy('config', 'regional'),
  lazy('logs', 'regional'),
  lazy('cloudwatch', 'regional'),
  lazy('sns', 'regional'),
  // Detectors: analyzers, GuardDuty, Security Hub (one status asset per region).
  lazy('accessanalyzer', 'regional'),
  lazy('guardduty', 'regional'),
  lazy('securityhub', 'regional'),
  // Workloads: each builds the ARNs of its VPC/role/key edges itself (no read dependency).
  lazy('lambda', 'regional'),
  lazy('apigateway', 'regional'),
  lazy('eks', 'regional'),
  lazy('ecr', 'regional'),
  lazy('ecs', 'regional'),
  lazy('rds', 'regional'),
  lazy('efs', 'regional'),
  // Tables: the resource policy feeds the public-access analyser; ENCRYPTS edges from the key ARN.
  lazy('dynamodb', 'regional'),
  // Parameters and documents, caches, warehouses, search domains, backup vaults and plans (no read dependency).
  lazy('ssm', 'regional'),
  lazy('elasticache', 'regional'),
  // Certificates: expiry and key length (no read dependency).
  lazy('acm', 'regional'),
  lazy('redshift', 'regional'),
  lazy('opensearch', 'regional'),
  lazy('backup', 'regional'),
  // Queues and secrets: resource policies feed the public-access analyser (no read dependency).
  lazy('sqs', 'regional'),
  lazy('secretsmanager', 'regional'),
  // Event buses (policies feed the public-access analyser), rules and their targets, global endpoints; state
  // machines, streams and notebook instances. Each builds the ARNs of its role/key/log group/target edges itself.
  lazy('eventbridge', 'regional'),
  lazy('stepfunctions', 'regional'),
  lazy('kinesis', 'regional'),
  lazy('sagemaker', 'regional'),
  // WAFv2 web ACLs (REGIONAL, and CLOUDFRONT in us-east-1): PROTECTS edges to load balancers, API stages and
  // distributions are built from ARNs (no read dependency).
  lazy('wafv2', 'regional'),
  // Inspector2 and Macie: one status asset per region (no read dependency).
  lazy('inspector2', 'regional'),
  lazy('macie', 'regional'),
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
