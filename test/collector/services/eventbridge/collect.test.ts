import {
  DescribeEventBusCommand,
  type DescribeEventBusCommandOutput,
  EventBridgeClient,
  EventBridgeServiceException,
  ListEndpointsCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { eventbridgeCollector } from '../../../../collector/services/eventbridge';
import { targetResourceId } from '../../../../collector/services/eventbridge/transform';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'f0e1d2c3-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';
const arn = (resource: string) => `arn:aws:events:us-east-1:${ACCOUNT}:${resource}`;
const DEFAULT_BUS = arn('event-bus/default');
const ORDERS_BUS = arn('event-bus/orders');
const RULE_CREATED = arn('rule/orders/order-created');
const RULE_NIGHTLY = arn('rule/nightly');
const ENDPOINT = arn('endpoint/orders-failover');
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`;
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nightly-export`;
const INVOKE_ROLE = `arn:aws:iam::${ACCOUNT}:role/events-invoke-states`;
const created = new Date('2025-01-10T08:00:00Z');

const ordersPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'partner-may-put',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'events:PutEvents',
      Resource: ORDERS_BUS,
    },
  ],
};
// DescribeEventBus: Policy as a JSON string, absent when the bus has none.
const defaultBus: DescribeEventBusCommandOutput = {
  $metadata,
  Name: 'default',
  Arn: DEFAULT_BUS,
  CreationTime: created,
  LastModifiedTime: created,
};
const ordersBus: DescribeEventBusCommandOutput = {
  $metadata,
  Name: 'orders',
  Arn: ORDERS_BUS,
  Description: 'Order lifecycle events',
  KmsKeyIdentifier: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`,
  Policy: JSON.stringify(ordersPolicy),
  CreationTime: created,
  LastModifiedTime: created,
};

const denied = (action: string) =>
  new EventBridgeServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });
const gone = (what: string) =>
  new ResourceNotFoundException({ message: `${what} does not exist.`, $metadata: { httpStatusCode: 400 } });

const events = mockClient(EventBridgeClient);

function mockEventBridge(): void {
  // One bus per page: ListEventBuses pages by NextToken.
  events
    .on(ListEventBusesCommand)
    .resolves({ $metadata, EventBuses: [{ Name: 'default', Arn: DEFAULT_BUS }], NextToken: 'bmV4dC1idXM=' })
    .on(ListEventBusesCommand, { NextToken: 'bmV4dC1idXM=' })
    .resolves({
      $metadata,
      EventBuses: [
        {
          Name: 'orders',
          Arn: ORDERS_BUS,
          Policy: JSON.stringify(ordersPolicy),
          Description: 'Order lifecycle events',
        },
      ],
    });
  events.on(DescribeEventBusCommand, { Name: 'default' }).resolves(defaultBus);
  events.on(DescribeEventBusCommand, { Name: 'orders' }).resolves(ordersBus);
  events.on(ListTagsForResourceCommand, { ResourceARN: DEFAULT_BUS }).resolves({ $metadata, Tags: [] });
  events
    .on(ListTagsForResourceCommand, { ResourceARN: ORDERS_BUS })
    .resolves({ $metadata, Tags: [{ Key: 'team', Value: 'orders' }] });
  events.on(ListRulesCommand, { EventBusName: 'default' }).resolves({
    $metadata,
    Rules: [
      {
        Name: 'nightly',
        Arn: RULE_NIGHTLY,
        State: 'ENABLED',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        EventBusName: 'default',
      },
    ],
  });
  events
    .on(ListRulesCommand, { EventBusName: 'orders' })
    .resolves({ $metadata, Rules: [], NextToken: 'cnVsZXMtMg==' })
    .on(ListRulesCommand, { EventBusName: 'orders', NextToken: 'cnVsZXMtMg==' })
    .resolves({
      $metadata,
      Rules: [
        {
          Name: 'order-created',
          Arn: RULE_CREATED,
          EventPattern: '{"source":["shop.orders"],"detail-type":["OrderCreated"]}',
          State: 'ENABLED',
          EventBusName: 'orders',
        },
      ],
    });
  events.on(ListTargetsByRuleCommand, { Rule: 'nightly', EventBusName: 'default' }).resolves({
    $metadata,
    Targets: [
      { Id: 'export', Arn: MACHINE, RoleArn: INVOKE_ROLE, Input: '{"apiKey":"sk_live_not_for_storage"}' },
    ],
  });
  events
    .on(ListTargetsByRuleCommand, { Rule: 'order-created', EventBusName: 'orders' })
    .resolves({ $metadata, Targets: [{ Id: 'queue', Arn: QUEUE }], NextToken: 'dGFyZ2V0cy0y' })
    .on(ListTargetsByRuleCommand, {
      Rule: 'order-created',
      EventBusName: 'orders',
      NextToken: 'dGFyZ2V0cy0y',
    })
    .resolves({
      $metadata,
      Targets: [
        {
          Id: 'charge',
          Arn: `${FUNCTION}:live`,
          InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' },
          RetryPolicy: { MaximumRetryAttempts: 3 },
        },
      ],
    });
  events.on(ListEndpointsCommand).resolves({
    $metadata,
    Endpoints: [
      {
        Name: 'orders-failover',
        Arn: ENDPOINT,
        RoutingConfig: {
          FailoverConfig: {
            Primary: { HealthCheck: 'arn:aws:route53:::healthcheck/1' },
            Secondary: { Route: 'us-west-2' },
          },
        },
        ReplicationConfig: { State: 'DISABLED' },
        EventBuses: [
          { EventBusArn: ORDERS_BUS },
          { EventBusArn: `arn:aws:events:us-west-2:${ACCOUNT}:event-bus/orders` },
        ],
        EndpointId: 'abcde.veo',
        EndpointUrl: 'https://abcde.veo.endpoint.events.amazonaws.com',
        State: 'ACTIVE',
        CreationTime: created,
        LastModifiedTime: created,
      },
    ],
  });
}

beforeEach(() => events.reset());

describe('eventbridgeCollector', () => {
  it('reads every bus with its policy from DescribeEventBus, parsed, and its tags', async () => {
    mockEventBridge();
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    const buses = run.assets.filter((asset) => asset.type === 'aws_eventbridge_event_bus');
    expect(buses.map((bus) => [bus.id, bus.name, bus.class])).toEqual([
      [DEFAULT_BUS, 'default', 'Channel'],
      [ORDERS_BUS, 'orders', 'Channel'],
    ]);
    expect(buses[1].config).toEqual({
      Name: 'orders',
      Arn: ORDERS_BUS,
      EventBus: {
        Name: 'orders',
        Arn: ORDERS_BUS,
        Description: 'Order lifecycle events',
        KmsKeyIdentifier: ordersBus.KmsKeyIdentifier,
        Policy: ordersPolicy,
        CreationTime: '2025-01-10T08:00:00.000Z',
        LastModifiedTime: '2025-01-10T08:00:00.000Z',
      },
      Tags: [{ Key: 'team', Value: 'orders' }],
    });
    expect(buses[0].config.EventBus).not.toHaveProperty('Policy');
    expect(buses[1].tags).toEqual({ team: 'orders' });
  });

  it('lists the rules of each bus (every page) with their targets, leaving inputs out', async () => {
    mockEventBridge();
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    const rules = run.assets.filter((asset) => asset.type === 'aws_eventbridge_rule');
    expect(rules.map((rule) => [rule.id, rule.name])).toEqual([
      [RULE_NIGHTLY, 'nightly'],
      [RULE_CREATED, 'order-created'],
    ]);
    expect(rules[1].config).toEqual({
      Name: 'order-created',
      Arn: RULE_CREATED,
      EventBusName: 'orders',
      EventBusArn: ORDERS_BUS,
      Rule: {
        Name: 'order-created',
        Arn: RULE_CREATED,
        EventPattern: { source: ['shop.orders'], 'detail-type': ['OrderCreated'] },
        State: 'ENABLED',
        EventBusName: 'orders',
      },
      Targets: [
        { Id: 'queue', Arn: QUEUE },
        { Id: 'charge', Arn: `${FUNCTION}:live`, RetryPolicy: { MaximumRetryAttempts: 3 } },
      ],
    });
    expect(JSON.stringify(run.assets)).not.toContain('sk_live_not_for_storage');
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('draws rule -> bus, rule -> target resources and roles, endpoint -> buses, key -> bus', async () => {
    mockEventBridge();
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId, edge.properties])).toEqual(
      expect.arrayContaining([
        [ordersBus.KmsKeyIdentifier, 'ENCRYPTS', ORDERS_BUS, undefined],
        [RULE_NIGHTLY, 'IN', DEFAULT_BUS, undefined],
        [RULE_NIGHTLY, 'TRIGGERS', MACHINE, { targetId: 'export' }],
        [RULE_NIGHTLY, 'USES', INVOKE_ROLE, undefined],
        [RULE_CREATED, 'IN', ORDERS_BUS, undefined],
        [RULE_CREATED, 'TRIGGERS', QUEUE, { targetId: 'queue' }],
        // The alias `live` is the function.
        [RULE_CREATED, 'TRIGGERS', FUNCTION, { targetId: 'charge' }],
        [ENDPOINT, 'ROUTES_TO', ORDERS_BUS, undefined],
      ]),
    );
    expect(run.relationships).toHaveLength(9);
  });

  it('keeps global endpoints with their replication state', async () => {
    mockEventBridge();
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    const [endpoint] = run.assets.filter((asset) => asset.type === 'aws_eventbridge_endpoint');
    expect(endpoint).toMatchObject({ id: ENDPOINT, name: 'orders-failover', class: 'Gateway' });
    expect(endpoint.config.ReplicationConfig).toEqual({ State: 'DISABLED' });
  });

  it('a refused DescribeEventBus leaves the bus with readErrors.EventBus (its policy unknown, not absent)', async () => {
    mockEventBridge();
    events.on(DescribeEventBusCommand, { Name: 'orders' }).rejects(denied('events:DescribeEventBus'));
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    const bus = run.assets.find((asset) => asset.id === ORDERS_BUS)!;
    expect(bus.readErrors).toEqual({ EventBus: 'AccessDeniedException' });
    expect(bus.config).not.toHaveProperty('EventBus');
  });

  it('drops a bus deleted since the list, with its rules unread', async () => {
    mockEventBridge();
    events.on(DescribeEventBusCommand, { Name: 'orders' }).rejects(gone('Event bus orders'));
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id).sort()).toEqual([DEFAULT_BUS, ENDPOINT, RULE_NIGHTLY].sort());
  });

  it('a failed ListRules marks rules incomplete but keeps buses and endpoints', async () => {
    mockEventBridge();
    events.on(ListRulesCommand, { EventBusName: 'orders' }).rejects(denied('events:ListRules'));
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_eventbridge_rule']);
    expect(run.assets.map((asset) => asset.type).sort()).toEqual([
      'aws_eventbridge_endpoint',
      'aws_eventbridge_event_bus',
      'aws_eventbridge_event_bus',
      'aws_eventbridge_rule',
    ]);
  });

  it('a failed ListEventBuses marks buses and rules incomplete; endpoints are still read', async () => {
    mockEventBridge();
    events.on(ListEventBusesCommand).rejects(denied('events:ListEventBuses'));
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_eventbridge_event_bus',
      'aws_eventbridge_rule',
    ]);
    expect(run.assets.map((asset) => asset.id)).toEqual([ENDPOINT]);
  });

  it('fails the unit with AWS code when every list call is denied', async () => {
    events.on(ListEventBusesCommand).rejects(denied('events:ListEventBuses'));
    events.on(ListEndpointsCommand).rejects(denied('events:ListEndpoints'));
    const run = testContext(eventbridgeCollector);
    await expect(eventbridgeCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets).toEqual([]);
  });

  it('makes no detail calls in a region with no buses and no endpoints', async () => {
    events.on(ListEventBusesCommand).resolves({ $metadata, EventBuses: [] });
    events.on(ListEndpointsCommand).resolves({ $metadata, Endpoints: [] });
    const run = testContext(eventbridgeCollector);
    await eventbridgeCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls.sort()).toEqual(['EventBridge.ListEndpoints', 'EventBridge.ListEventBuses']);
  });

  it('names the resource behind a target ARN: a Lambda alias is its function, a log group loses ":*"', () => {
    expect(targetResourceId(`${FUNCTION}:live`)).toBe(FUNCTION);
    expect(targetResourceId(`${FUNCTION}:7`)).toBe(FUNCTION);
    expect(targetResourceId(FUNCTION)).toBe(FUNCTION);
    expect(targetResourceId(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/events/orders:*`)).toBe(
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/events/orders`,
    );
    expect(targetResourceId(QUEUE)).toBe(QUEUE);
  });
});
