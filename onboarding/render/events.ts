// Event mode in the CloudFormation and manual forms. CloudFormation stacks are regional, so the queue, rule and
// the role's permission on that queue are a second template deployed once per monitored region (a stack per
// region, or a StackSet over the regions); the role template is unchanged.
import {
  EVENT_POLICY_NAME,
  EVENT_QUEUE_NAME,
  EVENT_RETENTION_SECONDS,
  EVENT_RULE_NAME,
  EVENT_VISIBILITY_SECONDS,
  eventConsumerPolicy,
  eventPattern,
  eventQueueArn,
  eventQueuePolicy,
  eventRuleArn,
} from '../events';
import type { OnboardingPlan } from '../plan';

export const EVENTS_TEMPLATE = 'cloudformation/cloudward-events.yaml';

export function eventsTemplate(plan: OnboardingPlan): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Cloudward event mode for account ${plan.accountId}: deploy in every monitored region`,
    Parameters: {
      RoleName: {
        Type: 'String',
        Default: plan.roleName,
        AllowedPattern: '[\\w+=,.@-]{1,64}',
        Description: 'Name of the Cloudward role (created by cloudward-role.yaml)',
      },
    },
    Resources: {
      CloudwardEventQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: EVENT_QUEUE_NAME,
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: EVENT_RETENTION_SECONDS,
          VisibilityTimeout: EVENT_VISIBILITY_SECONDS,
        },
      },
      CloudwardEventRule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          Name: EVENT_RULE_NAME,
          Description: 'CloudTrail write calls Cloudward re-reads within a minute',
          EventBusName: 'default',
          State: 'ENABLED',
          EventPattern: eventPattern(),
          Targets: [{ Id: 'cloudward-queue', Arn: { 'Fn::GetAtt': ['CloudwardEventQueue', 'Arn'] } }],
        },
      },
      CloudwardEventQueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'CloudwardEventQueue' }],
          PolicyDocument: eventQueuePolicy(
            { 'Fn::GetAtt': ['CloudwardEventQueue', 'Arn'] },
            { 'Fn::GetAtt': ['CloudwardEventRule', 'Arn'] },
          ),
        },
      },
      CloudwardEventConsumer: {
        Type: 'AWS::IAM::RolePolicy',
        Properties: {
          // One inline policy per region's stack: IAM is global, so the names must differ.
          PolicyName: { 'Fn::Sub': `${EVENT_POLICY_NAME}-\${AWS::Region}` },
          RoleName: { Ref: 'RoleName' },
          PolicyDocument: eventConsumerPolicy([{ 'Fn::GetAtt': ['CloudwardEventQueue', 'Arn'] }]),
        },
      },
    },
    Outputs: {
      QueueUrl: { Description: 'Queue Cloudward reads events from', Value: { Ref: 'CloudwardEventQueue' } },
    },
  };
}

export function eventsCloudFormationReadme(plan: OnboardingPlan): string[] {
  if (!plan.events) return [];
  return [
    '',
    '## Event mode (near real-time changes)',
    '',
    '`cloudward-events.yaml` adds, in one region, an SQS queue, an EventBridge rule forwarding CloudTrail write',
    'calls to it, and permission for the role to read that queue only. Create the role stack first, then deploy',
    'this template in every monitored region:',
    '',
    '```sh',
    ...plan.regions.map(
      (region) =>
        `aws cloudformation create-stack --region ${region} --stack-name ${plan.roleName}-events \\\n` +
        `  --template-body file://cloudward-events.yaml --capabilities CAPABILITY_IAM`,
    ),
    '```',
    '',
    'IAM (a global service) delivers its events in us-east-1 only: include us-east-1 to see role and policy changes',
    'within a minute; otherwise they are seen at the next full sync.',
  ];
}

/** json/ form: the documents and AWS CLI commands, per region. */
export function eventsManualFiles(plan: OnboardingPlan): Map<string, string> {
  const files = new Map<string, string>();
  if (!plan.events) return files;
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  files.set('json/events/event-pattern.json', json(eventPattern()));
  files.set(
    'json/events/consumer-policy.json',
    json(
      eventConsumerPolicy(
        plan.regions.map((region) => eventQueueArn(plan.partition, region, plan.accountId)),
      ),
    ),
  );
  for (const region of plan.regions) {
    const queueArn = eventQueueArn(plan.partition, region, plan.accountId);
    const policy = eventQueuePolicy(queueArn, eventRuleArn(plan.partition, region, plan.accountId));
    // set-queue-attributes takes the policy as a string inside a JSON map.
    files.set(`json/events/queue-attributes-${region}.json`, json({ Policy: JSON.stringify(policy) }));
  }
  return files;
}

export function eventsManualCommands(plan: OnboardingPlan): string[] {
  if (!plan.events) return [];
  const commands: string[] = [];
  for (const region of plan.regions) {
    const queueArn = eventQueueArn(plan.partition, region, plan.accountId);
    commands.push(
      `aws sqs create-queue --region ${region} --queue-name ${EVENT_QUEUE_NAME} --attributes ` +
        `SqsManagedSseEnabled=true,MessageRetentionPeriod=${EVENT_RETENTION_SECONDS},VisibilityTimeout=${EVENT_VISIBILITY_SECONDS}`,
      `aws sqs set-queue-attributes --region ${region} --queue-url https://sqs.${region}.amazonaws.com/${plan.accountId}/${EVENT_QUEUE_NAME} ` +
        `--attributes file://events/queue-attributes-${region}.json`,
      `aws events put-rule --region ${region} --name ${EVENT_RULE_NAME} --event-pattern file://events/event-pattern.json`,
      `aws events put-targets --region ${region} --rule ${EVENT_RULE_NAME} --targets Id=cloudward-queue,Arn=${queueArn}`,
    );
  }
  commands.push(
    `aws iam put-role-policy --role-name ${plan.roleName} --policy-name ${EVENT_POLICY_NAME} ` +
      `--policy-document file://events/consumer-policy.json`,
  );
  return commands;
}
