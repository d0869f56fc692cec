// Event mode (opt-in): in each monitored region, an EventBridge rule on the default bus forwards CloudTrail
// management events of the services Cloudward reads either to an SQS queue in the customer account, which
// Cloudward's role may read and delete from (and nothing else), or (HTTPS push) to Cloudward's event route through
// an API destination whose connection holds a Cloudward event-ingest token (EventBridge keeps it in Secrets
// Manager; the bundle never contains it: it is a Terraform variable, a NoEcho parameter or a shell variable).
// Every form (Terraform, CloudFormation, manual JSON) is built from these definitions, and the consumer
// (api/events) derives the queue URL from EVENT_QUEUE_NAME.

export const EVENT_QUEUE_NAME = 'cloudward-events';
export const EVENT_RULE_NAME = 'cloudward-events';
export const EVENT_POLICY_NAME = 'CloudwardEventQueue';
/** Messages older than this are dropped by SQS: the next full sync reconciles anything they described. */
export const EVENT_RETENTION_SECONDS = 4 * 24 * 3600;
/** A batch not deleted within this comes back (the consumer re-reads current state, so a redelivery is harmless). */
export const EVENT_VISIBILITY_SECONDS = 300;

/** EventBridge sources of the services the collector reads (CloudTrail's "AWS API Call via CloudTrail" events). */
export const EVENT_SOURCES = [
  'aws.s3',
  'aws.ec2',
  'aws.iam',
  'aws.rds',
  'aws.lambda',
  'aws.kms',
  'aws.sns',
  'aws.sqs',
  'aws.cloudtrail',
  'aws.elasticloadbalancing',
  'aws.eks',
  'aws.ecs',
  'aws.ecr',
  'aws.elasticfilesystem',
  'aws.logs',
  'aws.monitoring',
  'aws.config',
  'aws.guardduty',
  'aws.securityhub',
  'aws.secretsmanager',
  'aws.apigateway',
  'aws.access-analyzer',
  'aws.events',
  'aws.states',
  'aws.kinesis',
  'aws.sagemaker',
] as const;

/**
 * Write calls only: EventBridge does not deliver most Get/List/Describe calls, and `readOnly: false` drops the rest,
 * so the queue carries changes, not Cloudward's own reads.
 */
export function eventPattern(): Record<string, unknown> {
  return {
    source: [...EVENT_SOURCES],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { readOnly: [false] },
  };
}

export const EVENT_CONSUMER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

export function eventQueueArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:sqs:${region}:${accountId}:${EVENT_QUEUE_NAME}`;
}

export function eventRuleArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:events:${region}:${accountId}:rule/${EVENT_RULE_NAME}`;
}

/** The queue's resource policy: only EventBridge, and only for this account's rule, may send. */
export function eventQueuePolicy(queueArn: unknown, ruleArn: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudwardEventRuleSends',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
    ],
  };
}

/** The role's extra policy: receive/delete on the event queues (by ARN) and nothing else. */
export function eventConsumerPolicy(queueArns: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudwardReadEventQueue',
        Effect: 'Allow',
        Action: [...EVENT_CONSUMER_ACTIONS],
        Resource: queueArns,
      },
    ],
  };
}

/** The API route EventBridge POSTs to (api/routes/events.ts), under Cloudward's address. */
export const EVENT_PUSH_PATH = '/api/v1/events/cloudtrail';
/** The header the connection's API key travels in (api/routes/events.ts reads it). */
export const EVENT_TOKEN_HEADER = 'X-Cloudward-Token';
export const EVENT_CONNECTION_NAME = 'cloudward-events';
export const EVENT_DESTINATION_NAME = 'cloudward-events';
/** The role EventBridge assumes to call the API destination (manual form; the others let AWS name it). */
export const EVENT_DELIVERY_ROLE_NAME = 'CloudwardEventDelivery';
/** Cloudward answers within milliseconds and re-reads in the background; this caps a burst of changes. */
export const EVENT_PUSH_RATE_PER_SECOND = 10;
export const EVENT_TOKEN_VARIABLE = 'cloudward_event_token';

/** The full URL the API destination calls, from Cloudward's address. */
export function eventPushUrl(endpoint: string): string {
  return endpoint.replace(/\/+$/, '') + EVENT_PUSH_PATH;
}

/** Trust policy of the delivery role: EventBridge only, for rules of this account. */
export function eventDeliveryTrustPolicy(accountId: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ],
  };
}

/** The delivery role's only right: invoking Cloudward's API destinations. */
export function eventDeliveryPolicy(destinationArns: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudwardInvokeApiDestination',
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: destinationArns,
      },
    ],
  };
}

/** API destination ARNs end in a generated id: the manual policy matches any id of ours. */
export function eventDestinationArnPattern(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:events:${region}:${accountId}:api-destination/${EVENT_DESTINATION_NAME}/*`;
}
