// Records EventBridge, Step Functions, Kinesis and SageMaker notebooks for one demo region. Resources live in the
// first region; the others answer empty lists. Production: an orders bus open to its organisation only, rules
// into the orders queue and a nightly workflow, a replicating global endpoint, a logged and traced state machine,
// an encrypted week-long stream and a notebook in a private subnet. Staging: a webhook bus anyone may put events
// on, a custom bus with no policy, an endpoint without replication, an unlogged state machine, an unencrypted
// 24-hour stream and a notebook left on the console's defaults (no VPC, direct internet, root access).
import type { Rule, Target } from '@aws-sdk/client-eventbridge';
import type { DescribeStateMachineCommandOutput } from '@aws-sdk/client-sfn';
import type { DescribeNotebookInstanceCommandOutput } from '@aws-sdk/client-sagemaker';
import type { Recording } from '../recording';
import type { RegionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordWorkflows(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): void {
  const here = regionIndex === 0;
  recordEventBridge(recording, ctx, network.region, here);
  recordStateMachines(recording, ctx, network.region, here);
  recordStreams(recording, ctx, network.region, here);
  recordNotebooks(recording, ctx, network, here);
}

/** The demo's customer managed key `kms-data` (record-monitoring.ts derives its id the same way). */
const kmsKeyArn = (ctx: EstateContext, region: string, name: string) =>
  `arn:aws:kms:${region}:${ctx.account.awsAccountId}:key/${stableHex(
    [ctx.account.awsAccountId, region, name],
    32,
  ).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')}`;

interface DemoBus {
  name: string;
  policy?: object;
  tags: { Key: string; Value: string }[];
  rules: { rule: Rule; targets: Target[] }[];
}

function recordEventBridge(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const busArn = (name: string) => `arn:aws:events:${region}:${owner}:event-bus/${name}`;
  const ruleArn = (bus: string, name: string) =>
    `arn:aws:events:${region}:${owner}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
  const putEvents = (bus: string, principal: unknown, condition?: object) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'put-events',
        Effect: 'Allow',
        Principal: principal,
        Action: 'events:PutEvents',
        Resource: busArn(bus),
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
  const buses: DemoBus[] = [];
  if (here && production) {
    const orders = 'production-orders';
    buses.push(
      {
        name: 'default',
        tags: [],
        rules: [
          {
            rule: {
              Name: 'nightly-export',
              Arn: ruleArn('default', 'nightly-export'),
              ScheduleExpression: 'cron(0 2 * * ? *)',
              State: 'ENABLED',
              EventBusName: 'default',
            },
            targets: [
              {
                Id: 'export',
                Arn: `arn:aws:states:${region}:${owner}:stateMachine:production-nightly-export`,
                RoleArn: `arn:aws:iam::${owner}:role/events-start-nightly-export`,
              },
            ],
          },
        ],
      },
      {
        name: orders,
        // Every account of the organisation may put order events; no one else.
        policy: putEvents(orders, '*', { StringEquals: { 'aws:PrincipalOrgID': 'o-demo1a2b3c' } }),
        tags: [{ Key: 'Owner', Value: 'payments' }],
        rules: [
          {
            rule: {
              Name: 'order-created',
              Arn: ruleArn(orders, 'order-created'),
              EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderCreated'] }),
              State: 'ENABLED',
              EventBusName: orders,
            },
            targets: [
              { Id: 'orders-queue', Arn: `arn:aws:sqs:${region}:${owner}:production-orders` },
              {
                Id: 'archive-stream',
                Arn: `arn:aws:kinesis:${region}:${owner}:stream/production-clickstream`,
                RoleArn: `arn:aws:iam::${owner}:role/events-put-records`,
              },
            ],
          },
        ],
      },
    );
  }
  if (here && !production) {
    buses.push(
      { name: 'default', tags: [], rules: [] },
      {
        name: 'staging-webhooks',
        // Opened to "*" so a SaaS vendor could send test events: anyone may put events.
        policy: putEvents('staging-webhooks', '*'),
        tags: [{ Key: 'Environment', Value: 'staging' }],
        rules: [
          {
            rule: {
              Name: 'webhook-to-etl',
              Arn: ruleArn('staging-webhooks', 'webhook-to-etl'),
              EventPattern: JSON.stringify({ source: [{ prefix: 'vendor.' }] }),
              State: 'ENABLED',
              EventBusName: 'staging-webhooks',
            },
            targets: [
              {
                Id: 'etl',
                Arn: `arn:aws:states:${region}:${owner}:stateMachine:staging-etl`,
                RoleArn: `arn:aws:iam::${owner}:role/events-start-staging-etl`,
                Input: JSON.stringify({ mode: 'replay' }),
              },
            ],
          },
        ],
      },
      { name: 'staging-scratch', tags: [], rules: [] },
    );
  }
  // One bus per page, so the demo reads ListEventBuses' NextToken too.
  recording.paged('EventBridge', 'ListEventBuses', region, {
    items: buses.map((bus) => ({
      Name: bus.name,
      Arn: busArn(bus.name),
      ...(bus.policy ? { Policy: JSON.stringify(bus.policy) } : {}),
    })),
    itemsKey: 'EventBuses',
    pageSize: 1,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const bus of buses) {
    recording.output(
      'EventBridge',
      'DescribeEventBus',
      region,
      { Name: bus.name },
      {
        Name: bus.name,
        Arn: busArn(bus.name),
        ...(bus.policy ? { Policy: JSON.stringify(bus.policy) } : {}),
        CreationTime: daysAgo(ctx.now, 300),
        LastModifiedTime: daysAgo(ctx.now, 40),
      },
    );
    recording.output(
      'EventBridge',
      'ListTagsForResource',
      region,
      { ResourceARN: busArn(bus.name) },
      { Tags: bus.tags },
    );
    recording.output(
      'EventBridge',
      'ListRules',
      region,
      { EventBusName: bus.name },
      { Rules: bus.rules.map((entry) => entry.rule) },
    );
    for (const { rule, targets } of bus.rules)
      recording.output(
        'EventBridge',
        'ListTargetsByRule',
        region,
        { Rule: rule.Name, EventBusName: bus.name },
        { Targets: targets },
      );
  }
  const endpoint = (name: string, replication: 'ENABLED' | 'DISABLED', bus: string) => ({
    Name: name,
    Arn: `arn:aws:events:${region}:${owner}:endpoint/${name}`,
    RoutingConfig: {
      FailoverConfig: {
        Primary: { HealthCheck: `arn:aws:route53:::healthcheck/${stableHex([owner, name], 8)}` },
        Secondary: { Route: 'us-west-2' },
      },
    },
    ReplicationConfig: { State: replication },
    EventBuses: [
      { EventBusArn: busArn(bus) },
      { EventBusArn: `arn:aws:events:us-west-2:${owner}:event-bus/${bus}` },
    ],
    ...(replication === 'ENABLED' ? { RoleArn: `arn:aws:iam::${owner}:role/events-replication` } : {}),
    EndpointId: `${stableHex([owner, name], 5)}.veo`,
    EndpointUrl: `https://${stableHex([owner, name], 5)}.veo.endpoint.events.amazonaws.com`,
    State: 'ACTIVE',
    CreationTime: daysAgo(ctx.now, 120),
    LastModifiedTime: daysAgo(ctx.now, 120),
  });
  const endpoints = !here
    ? []
    : production
      ? [endpoint('production-orders-failover', 'ENABLED', 'production-orders')]
      : [endpoint('staging-webhooks-failover', 'DISABLED', 'staging-webhooks')];
  recording.output('EventBridge', 'ListEndpoints', region, {}, { Endpoints: endpoints });
}

function recordStateMachines(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const machines: Omit<DescribeStateMachineCommandOutput, '$metadata'>[] = [];
  const machine = (name: string, fields: Partial<DescribeStateMachineCommandOutput>) => ({
    stateMachineArn: `arn:aws:states:${region}:${owner}:stateMachine:${name}`,
    name,
    status: 'ACTIVE' as const,
    definition: undefined,
    roleArn: `arn:aws:iam::${owner}:role/${name}-states`,
    type: 'STANDARD' as const,
    creationDate: daysAgo(ctx.now, 210),
    ...fields,
  });
  if (here && production)
    machines.push(
      machine('production-nightly-export', {
        loggingConfiguration: {
          level: 'ERROR',
          includeExecutionData: false,
          destinations: [
            {
              cloudWatchLogsLogGroup: {
                logGroupArn: `arn:aws:logs:${region}:${owner}:log-group:/aws/vendedlogs/states/production-nightly-export:*`,
              },
            },
          ],
        },
        tracingConfiguration: { enabled: true },
        encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
      }),
    );
  if (here && !production)
    machines.push(
      machine('staging-etl', {
        type: 'EXPRESS',
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
        encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
      }),
    );
  recording.output(
    'SFN',
    'ListStateMachines',
    region,
    {},
    {
      stateMachines: machines.map((m) => ({
        stateMachineArn: m.stateMachineArn,
        name: m.name,
        type: m.type,
        creationDate: m.creationDate,
      })),
    },
  );
  for (const m of machines) {
    recording.output('SFN', 'DescribeStateMachine', region, { stateMachineArn: m.stateMachineArn }, m);
    recording.output(
      'SFN',
      'ListTagsForResource',
      region,
      { resourceArn: m.stateMachineArn },
      {
        tags: [{ key: 'Environment', value: ctx.account.kind }],
      },
    );
  }
}

function recordStreams(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const stream = (name: string, retention: number, key?: string) => {
    const arn = `arn:aws:kinesis:${region}:${owner}:stream/${name}`;
    return {
      summary: {
        StreamName: name,
        StreamARN: arn,
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        StreamCreationTimestamp: daysAgo(ctx.now, 150),
      },
      description: {
        StreamName: name,
        StreamARN: arn,
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        RetentionPeriodHours: retention,
        StreamCreationTimestamp: daysAgo(ctx.now, 150),
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: key ? 'KMS' : 'NONE',
        ...(key ? { KeyId: key } : {}),
        OpenShardCount: 4,
        ConsumerCount: 1,
      },
    };
  };
  const streams = !here
    ? []
    : production
      ? [stream('production-clickstream', 168, kmsKeyArn(ctx, region, 'kms-data'))]
      : [stream('staging-events', 24)];
  recording.output(
    'Kinesis',
    'ListStreams',
    region,
    {},
    {
      StreamNames: streams.map((s) => s.summary.StreamName),
      HasMoreStreams: false,
      StreamSummaries: streams.map((s) => s.summary),
    },
  );
  for (const s of streams) {
    recording.output(
      'Kinesis',
      'DescribeStreamSummary',
      region,
      { StreamARN: s.summary.StreamARN },
      {
        StreamDescriptionSummary: s.description,
      },
    );
    recording.output(
      'Kinesis',
      'ListTagsForStream',
      region,
      { StreamARN: s.summary.StreamARN },
      {
        Tags: [{ Key: 'Environment', Value: ctx.account.kind }],
        HasMoreTags: false,
      },
    );
  }
}

function recordNotebooks(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  here: boolean,
): void {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const production = ctx.account.kind === 'production';
  const notebook = (name: string, fields: Partial<DescribeNotebookInstanceCommandOutput>) => ({
    NotebookInstanceName: name,
    NotebookInstanceArn: `arn:aws:sagemaker:${region}:${owner}:notebook-instance/${name}`,
    NotebookInstanceStatus: 'InService' as const,
    Url: `${name}.notebook.${region}.sagemaker.aws`,
    InstanceType: 'ml.t3.medium' as const,
    RoleArn: `arn:aws:iam::${owner}:role/service-role/${name}-notebook`,
    CreationTime: daysAgo(ctx.now, 90),
    LastModifiedTime: daysAgo(ctx.now, 20),
    VolumeSizeInGB: 20,
    PlatformIdentifier: 'notebook-al2-v2',
    ...fields,
  });
  const notebooks = !here
    ? []
    : production
      ? [
          notebook('production-research', {
            SubnetId: network.ids.privateSubnets[0],
            SecurityGroups: [network.ids.sg.app],
            KmsKeyId: kmsKeyArn(ctx, region, 'kms-data'),
            DirectInternetAccess: 'Disabled',
            RootAccess: 'Disabled',
          }),
        ]
      : [notebook('staging-sandbox', { DirectInternetAccess: 'Enabled', RootAccess: 'Enabled' })];
  // One notebook per page, so the demo reads ListNotebookInstances' NextToken too.
  recording.paged('SageMaker', 'ListNotebookInstances', region, {
    items: notebooks.map(
      ({
        NotebookInstanceName,
        NotebookInstanceArn,
        NotebookInstanceStatus,
        Url,
        InstanceType,
        CreationTime,
        LastModifiedTime,
      }) => ({
        NotebookInstanceName,
        NotebookInstanceArn,
        NotebookInstanceStatus,
        Url,
        InstanceType,
        CreationTime,
        LastModifiedTime,
      }),
    ),
    itemsKey: 'NotebookInstances',
    pageSize: 1,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const nb of notebooks) {
    recording.output(
      'SageMaker',
      'DescribeNotebookInstance',
      region,
      { NotebookInstanceName: nb.NotebookInstanceName },
      nb,
    );
    recording.output(
      'SageMaker',
      'ListTags',
      region,
      { ResourceArn: nb.NotebookInstanceArn },
      {
        Tags: [{ Key: 'Environment', Value: ctx.account.kind }],
      },
    );
  }
}
