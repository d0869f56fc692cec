// Event mode in the CloudFormation and manual forms. CloudFormation stacks are regional, so the queue, rule and
// the role's permission on that queue are a second template deployed once per monitored region (a stack per
// region, or a StackSet over the regions); the role template is unchanged.
import {
  EVENT_CONNECTION_NAME,
  EVENT_DELIVERY_ROLE_NAME,
  EVENT_DESTINATION_NAME,
  EVENT_PUSH_RATE_PER_SECOND,
  EVENT_TOKEN_HEADER,
  eventDeliveryPolicy,
  eventDeliveryTrustPolicy,
  eventDestinationArnPattern,
  eventPushUrl,
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
  if (plan.eventsTarget === 'https' && plan.eventsEndpoint) return pushTemplate(plan, plan.eventsEndpoint);
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

/** HTTPS push: rule -> API destination (connection with the token, a NoEcho parameter) via a delivery role. */
function pushTemplate(plan: OnboardingPlan, endpoint: string): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Cloudward event mode (HTTPS push) for account ${plan.accountId}: deploy in every monitored region`,
    Parameters: {
      EventIngestToken: {
        Type: 'String',
        NoEcho: true,
        MinLength: 20,
        AllowedPattern: '[A-Za-z0-9_-]+',
        Description:
          'Cloudward event-ingest token (Tokens page, role event-ingest); EventBridge keeps it in Secrets Manager',
      },
    },
    Resources: {
      CloudwardEventConnection: {
        Type: 'AWS::Events::Connection',
        Properties: {
          Name: EVENT_CONNECTION_NAME,
          Description: 'Cloudward event-ingest token (kept by EventBridge in Secrets Manager)',
          AuthorizationType: 'API_KEY',
          AuthParameters: {
            ApiKeyAuthParameters: {
              ApiKeyName: EVENT_TOKEN_HEADER,
              ApiKeyValue: { Ref: 'EventIngestToken' },
            },
          },
        },
      },
      CloudwardEventDestination: {
        Type: 'AWS::Events::ApiDestination',
        Properties: {
          Name: EVENT_DESTINATION_NAME,
          Description: 'Cloudward event route',
          ConnectionArn: { 'Fn::GetAtt': ['CloudwardEventConnection', 'Arn'] },
          InvocationEndpoint: eventPushUrl(endpoint),
          HttpMethod: 'POST',
          InvocationRateLimitPerSecond: EVENT_PUSH_RATE_PER_SECOND,
        },
      },
      CloudwardEventDeliveryRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: 'Lets EventBridge call the Cloudward API destination, nothing else',
          AssumeRolePolicyDocument: eventDeliveryTrustPolicy({ Ref: 'AWS::AccountId' }),
          Policies: [
            {
              PolicyName: 'InvokeCloudwardApiDestination',
              PolicyDocument: eventDeliveryPolicy([{ 'Fn::GetAtt': ['CloudwardEventDestination', 'Arn'] }]),
            },
          ],
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
          Targets: [
            {
              Id: 'cloudward-push',
              Arn: { 'Fn::GetAtt': ['CloudwardEventDestination', 'Arn'] },
              RoleArn: { 'Fn::GetAtt': ['CloudwardEventDeliveryRole', 'Arn'] },
            },
          ],
        },
      },
    },
    Outputs: {
      Endpoint: { Description: 'Where EventBridge delivers events', Value: eventPushUrl(endpoint) },
    },
  };
}

export function eventsCloudFormationReadme(plan: OnboardingPlan): string[] {
  if (!plan.events) return [];
  return [
    '',
    '## Event mode (near real-time changes)',
    '',
    ...(isPush(plan)
      ? [
          '`cloudward-events.yaml` adds, in one region, an EventBridge rule forwarding CloudTrail write calls to',
          `Cloudward (${eventPushUrl(plan.eventsEndpoint!)}) through an API destination, its connection holding`,
          'a Cloudward token of the event-ingest role (create one on the Tokens page; EventBridge keeps it in',
          'Secrets Manager, and the template takes it as a NoEcho parameter), and a role that lets EventBridge call',
          'that destination only. Deploy it in every monitored region, with the token in a shell variable:',
        ]
      : [
          '`cloudward-events.yaml` adds, in one region, an SQS queue, an EventBridge rule forwarding CloudTrail write',
          'calls to it, and permission for the role to read that queue only. Create the role stack first, then deploy',
          'this template in every monitored region:',
        ]),
    '',
    '```sh',
    ...plan.regions.map(
      (region) =>
        `aws cloudformation create-stack --region ${region} --stack-name ${plan.roleName}-events \\\n` +
        `  --template-body file://cloudward-events.yaml --capabilities CAPABILITY_IAM` +
        (isPush(plan)
          ? ` \\\n  --parameters ParameterKey=EventIngestToken,ParameterValue="$CLOUDWARD_EVENT_TOKEN"`
          : ''),
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
  if (isPush(plan)) {
    files.set('json/events/delivery-trust-policy.json', json(eventDeliveryTrustPolicy(plan.accountId)));
    files.set(
      'json/events/delivery-policy.json',
      json(
        eventDeliveryPolicy(
          plan.regions.map((region) => eventDestinationArnPattern(plan.partition, region, plan.accountId)),
        ),
      ),
    );
    return files;
  }
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
  if (isPush(plan)) return pushManualCommands(plan, plan.eventsEndpoint!);
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

function isPush(plan: OnboardingPlan): boolean {
  return plan.events && plan.eventsTarget === 'https' && plan.eventsEndpoint !== undefined;
}

/** HTTPS push by hand: the token comes from $CLOUDWARD_EVENT_TOKEN, so it is in no file of the bundle. */
function pushManualCommands(plan: OnboardingPlan, endpoint: string): string[] {
  const roleArn = `arn:${plan.partition}:iam::${plan.accountId}:role/${EVENT_DELIVERY_ROLE_NAME}`;
  const commands = [
    `aws iam create-role --role-name ${EVENT_DELIVERY_ROLE_NAME} --assume-role-policy-document file://events/delivery-trust-policy.json`,
    `aws iam put-role-policy --role-name ${EVENT_DELIVERY_ROLE_NAME} --policy-name InvokeCloudwardApiDestination ` +
      `--policy-document file://events/delivery-policy.json`,
  ];
  for (const region of plan.regions) {
    commands.push(
      `aws events create-connection --region ${region} --name ${EVENT_CONNECTION_NAME} --authorization-type API_KEY ` +
        `--auth-parameters "ApiKeyAuthParameters={ApiKeyName=${EVENT_TOKEN_HEADER},ApiKeyValue=$CLOUDWARD_EVENT_TOKEN}"`,
      `aws events create-api-destination --region ${region} --name ${EVENT_DESTINATION_NAME} ` +
        `--connection-arn "$(aws events describe-connection --region ${region} --name ${EVENT_CONNECTION_NAME} --query ConnectionArn --output text)" ` +
        `--invocation-endpoint ${eventPushUrl(endpoint)} --http-method POST --invocation-rate-limit-per-second ${EVENT_PUSH_RATE_PER_SECOND}`,
      `aws events put-rule --region ${region} --name ${EVENT_RULE_NAME} --event-pattern file://events/event-pattern.json`,
      `aws events put-targets --region ${region} --rule ${EVENT_RULE_NAME} --targets ` +
        `"Id=cloudward-push,Arn=$(aws events describe-api-destination --region ${region} --name ${EVENT_DESTINATION_NAME} --query ApiDestinationArn --output text),RoleArn=${roleArn}"`,
    );
  }
  return commands;
}
