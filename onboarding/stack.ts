// The cross-account role as a CDKTF construct (reusable in any stack) and the stack the bundle synthesises.
// Only the provider submodules used here are imported: the package index loads every AWS resource type.
import { Construct } from 'constructs';
import { LocalBackend, TerraformIterator, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsEksClusters } from '@cdktf/provider-aws/lib/data-aws-eks-clusters';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchEventConnection } from '@cdktf/provider-aws/lib/cloudwatch-event-connection';
import { CloudwatchEventApiDestination } from '@cdktf/provider-aws/lib/cloudwatch-event-api-destination';
import {
  EVENT_CONNECTION_NAME,
  EVENT_DESTINATION_NAME,
  EVENT_PUSH_RATE_PER_SECOND,
  EVENT_TOKEN_HEADER,
  EVENT_TOKEN_VARIABLE,
  eventDeliveryPolicy,
  eventDeliveryTrustPolicy,
  eventPushUrl,
  EVENT_POLICY_NAME,
  EVENT_QUEUE_NAME,
  EVENT_RETENTION_SECONDS,
  EVENT_RULE_NAME,
  EVENT_VISIBILITY_SECONDS,
  eventConsumerPolicy,
  eventPattern,
  eventQueuePolicy,
} from './events';
import { CUSTOM_POLICY_NAME, REGION_POLICY_NAME, type PermissionSet } from './permissions';
import { GLOBAL_SERVICE_ACTIONS } from './policies';
import { eksClusterTargets } from './options';
import type { OnboardingPlan } from './plan';

export const MAX_SESSION_SECONDS = 3600;
export const ONBOARDING_STACK_NAME = 'cloudward-onboarding';

export function eksViewPolicyArn(partition: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy`;
}

export interface CloudwardRoleProps {
  roleName: string;
  trustedPrincipal: string;
  partition: string;
  /** A string or a token (e.g. a Terraform variable). */
  externalId: string;
  /** A list or a list token; used by the region restriction. */
  regions: string[];
  restrictRegions: boolean;
  permissions: PermissionSet;
}

/** IAM role + trust policy + SecurityAudit + custom read-only policy (+ optional region restriction). */
export class CloudwardRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: CloudwardRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          sid: 'CloudwardAssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [props.trustedPrincipal] }],
          condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [props.externalId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Read-only access for Cloudward (security posture); assumed with an external ID',
      assumeRolePolicy: trust.json,
      maxSessionDuration: MAX_SESSION_SECONDS,
    });
    props.permissions.managedPolicyArns.forEach((policyArn, index) => {
      new IamRolePolicyAttachment(this, `managed-${index}`, { role: this.role.name, policyArn });
    });
    if (props.permissions.customActions.length > 0) {
      new IamRolePolicy(this, 'custom', {
        name: CUSTOM_POLICY_NAME,
        role: this.role.id,
        policy: JSON.stringify(props.permissions.customPolicy),
      });
    }
    if (props.restrictRegions) {
      const restriction = new DataAwsIamPolicyDocument(this, 'region-restriction', {
        statement: [
          {
            sid: 'CloudwardDenyOtherRegions',
            effect: 'Deny',
            notActions: [...GLOBAL_SERVICE_ACTIONS],
            resources: ['*'],
            condition: [{ test: 'StringNotEquals', variable: 'aws:RequestedRegion', values: props.regions }],
          },
        ],
      });
      new IamRolePolicy(this, 'regions', {
        name: REGION_POLICY_NAME,
        role: this.role.id,
        policy: restriction.json,
      });
    }
  }
}

/** EKS access entries (AmazonEKSViewPolicy, cluster scope) for named clusters, or every cluster of each region. */
export class CloudwardEksAccess extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      roleArn: string;
      partition: string;
      clusters: { region: string; name: string }[];
      allInRegions: string[];
    },
  ) {
    super(scope, id);
    const policyArn = eksViewPolicyArn(props.partition);
    for (const { region, name } of props.clusters) {
      const entry = new EksAccessEntry(this, `entry-${region}-${name}`, {
        region,
        clusterName: name,
        principalArn: props.roleArn,
        type: 'STANDARD',
      });
      new EksAccessPolicyAssociation(this, `view-${region}-${name}`, {
        region,
        clusterName: name,
        principalArn: props.roleArn,
        policyArn,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    }
    for (const region of props.allInRegions) {
      const clusters = new DataAwsEksClusters(this, `clusters-${region}`, { region });
      const entries = TerraformIterator.fromList(clusters.names);
      const entry = new EksAccessEntry(this, `entry-${region}-all`, {
        forEach: entries,
        region,
        clusterName: entries.value,
        principalArn: props.roleArn,
        type: 'STANDARD',
      });
      const views = TerraformIterator.fromList(clusters.names);
      new EksAccessPolicyAssociation(this, `view-${region}-all`, {
        forEach: views,
        region,
        clusterName: views.value,
        principalArn: props.roleArn,
        policyArn,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    }
  }
}

/**
 * Event mode: in every region, an EventBridge rule on the default bus on CloudTrail write calls, targeting either
 * an SQS queue (SSE-SQS) with a queue policy letting only that rule send and an inline role policy to
 * receive/delete from these queues, or (HTTPS push) an API destination calling Cloudward with the event-ingest
 * token held by its connection, through a delivery role that may only invoke those destinations.
 */
export class CloudwardEventQueues extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      role: IamRole;
      regions: string[];
      push?: { endpoint: string; token: string; accountId: string };
    },
  ) {
    super(scope, id);
    const queueArns: string[] = [];
    const destinationArns: string[] = [];
    const targets: {
      region: string;
      rule: CloudwatchEventRule;
      destination: CloudwatchEventApiDestination;
    }[] = [];
    for (const region of props.regions) {
      const rule = new CloudwatchEventRule(this, `rule-${region}`, {
        region,
        name: EVENT_RULE_NAME,
        description: 'CloudTrail write calls Cloudward re-reads within a minute',
        eventPattern: JSON.stringify(eventPattern()),
      });
      if (props.push) {
        const connection = new CloudwatchEventConnection(this, `connection-${region}`, {
          region,
          name: EVENT_CONNECTION_NAME,
          description: 'Cloudward event-ingest token (kept by EventBridge in Secrets Manager)',
          authorizationType: 'API_KEY',
          authParameters: { apiKey: { key: EVENT_TOKEN_HEADER, value: props.push.token } },
        });
        const destination = new CloudwatchEventApiDestination(this, `destination-${region}`, {
          region,
          name: EVENT_DESTINATION_NAME,
          description: 'Cloudward event route',
          connectionArn: connection.arn,
          invocationEndpoint: eventPushUrl(props.push.endpoint),
          httpMethod: 'POST',
          invocationRateLimitPerSecond: EVENT_PUSH_RATE_PER_SECOND,
        });
        destinationArns.push(destination.arn);
        targets.push({ region, rule, destination });
        continue;
      }
      const queue = new SqsQueue(this, `queue-${region}`, {
        region,
        name: EVENT_QUEUE_NAME,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: EVENT_RETENTION_SECONDS,
        visibilityTimeoutSeconds: EVENT_VISIBILITY_SECONDS,
      });
      new CloudwatchEventTarget(this, `target-${region}`, {
        region,
        rule: rule.name,
        targetId: 'cloudward-queue',
        arn: queue.arn,
      });
      new SqsQueuePolicy(this, `queue-policy-${region}`, {
        region,
        queueUrl: queue.url,
        policy: JSON.stringify(eventQueuePolicy(queue.arn, rule.arn)),
      });
      queueArns.push(queue.arn);
    }
    if (props.push) {
      // IAM is global: one delivery role for every region's destination.
      const delivery = new IamRole(this, 'delivery-role', {
        namePrefix: 'cloudward-event-delivery-',
        description: 'Lets EventBridge call the Cloudward API destinations, nothing else',
        assumeRolePolicy: JSON.stringify(eventDeliveryTrustPolicy(props.push.accountId)),
      });
      new IamRolePolicy(this, 'delivery', {
        name: 'InvokeCloudwardApiDestination',
        role: delivery.id,
        policy: JSON.stringify(eventDeliveryPolicy(destinationArns)),
      });
      for (const { region, rule, destination } of targets) {
        new CloudwatchEventTarget(this, `target-${region}`, {
          region,
          rule: rule.name,
          targetId: 'cloudward-push',
          arn: destination.arn,
          roleArn: delivery.arn,
        });
      }
      return;
    }
    new IamRolePolicy(this, 'consumer', {
      name: EVENT_POLICY_NAME,
      role: props.role.id,
      policy: JSON.stringify(eventConsumerPolicy(queueArns)),
    });
  }
}

/** The stack in the terraform bundle: provider, variables (external ID, regions), role, EKS access, outputs. */
export class CloudwardOnboardingStack extends TerraformStack {
  constructor(scope: Construct, id: string, plan: OnboardingPlan) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: plan.regions[0] });
    // State next to the configuration (cdktf would write an absolute path of the machine that synthesised it).
    new LocalBackend(this, { path: 'terraform.tfstate' });
    // Per-resource `region` (EKS entries in several regions from one provider) needs provider 6.x; allow any 6.x.
    this.addOverride('terraform.required_providers.aws', {
      source: 'hashicorp/aws',
      version: '>= 6.0, < 7.0',
    });
    const externalId = new TerraformVariable(this, 'variable-external-id', {
      type: 'string',
      default: plan.externalId,
      description: 'External ID Cloudward presents when assuming the role (keep it as Cloudward shows it)',
    });
    const regions = new TerraformVariable(this, 'variable-regions', {
      type: 'list(string)',
      default: plan.regions,
      description: 'Regions Cloudward reads (create the account in Cloudward with the same list)',
    });
    // Construct ids must be unique in a stack; the Terraform names are the ones users type (var.external_id).
    externalId.overrideLogicalId('external_id');
    regions.overrideLogicalId('regions');
    const cloudward = new CloudwardRole(this, 'cloudward', {
      roleName: plan.roleName,
      trustedPrincipal: plan.trustedPrincipal,
      partition: plan.partition,
      externalId: externalId.stringValue,
      regions: regions.listValue,
      restrictRegions: plan.restrictRegions,
      permissions: plan.permissions,
    });
    if (plan.eksAll || plan.eksClusters.length > 0) {
      new CloudwardEksAccess(this, 'eks', {
        roleArn: cloudward.role.arn,
        partition: plan.partition,
        clusters: eksClusterTargets(plan),
        allInRegions: plan.eksAll ? plan.regions : [],
      });
    }
    if (plan.events) {
      let push: { endpoint: string; token: string; accountId: string } | undefined;
      if (plan.eventsTarget === 'https' && plan.eventsEndpoint) {
        // No default: the token is given at apply time (TF_VAR_cloudward_event_token), never written in the bundle.
        const token = new TerraformVariable(this, 'variable-event-token', {
          type: 'string',
          sensitive: true,
          description:
            'Cloudward event-ingest token (Tokens page, role event-ingest); EventBridge keeps it in Secrets Manager',
        });
        token.overrideLogicalId(EVENT_TOKEN_VARIABLE);
        push = { endpoint: plan.eventsEndpoint, token: token.stringValue, accountId: plan.accountId };
      }
      new CloudwardEventQueues(this, 'events', { role: cloudward.role, regions: plan.regions, push });
    }
    const outputs: [string, unknown, string][] = [
      ['role_arn', cloudward.role.arn, 'Role ARN to enter in Cloudward'],
      ['external_id', externalId.stringValue, 'External ID to enter in Cloudward'],
      ['regions', regions.listValue, 'Regions to choose in Cloudward'],
    ];
    for (const [name, value, description] of outputs) {
      new TerraformOutput(this, `output-${name}`, { value, description }).overrideLogicalId(name);
    }
  }
}
