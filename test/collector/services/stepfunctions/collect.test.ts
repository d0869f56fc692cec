import {
  DescribeStateMachineCommand,
  type DescribeStateMachineCommandOutput,
  ListStateMachinesCommand,
  type ListStateMachinesCommandOutput,
  ListTagsForResourceCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { stepfunctionsCollector } from '../../../../collector/services/stepfunctions';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'a1f0c2d3-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';
const ORDERS = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;
const NIGHTLY = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nightly-export`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-states`;
const LOG_GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/states/orders`;
const KEY_ID = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const created = new Date('2025-03-01T10:00:00Z');

const page1: ListStateMachinesCommandOutput = {
  $metadata,
  stateMachines: [{ stateMachineArn: ORDERS, name: 'orders', type: 'STANDARD', creationDate: created }],
  nextToken: 'eyJzdGF0ZU1hY2hpbmVBcm4iOiJvcmRlcnMifQ==',
};
const page2: ListStateMachinesCommandOutput = {
  $metadata,
  stateMachines: [
    { stateMachineArn: NIGHTLY, name: 'nightly-export', type: 'EXPRESS', creationDate: created },
  ],
};
// With includedData METADATA_ONLY AWS leaves the definition out; a definition sent anyway is dropped.
const ordersDescription: DescribeStateMachineCommandOutput = {
  $metadata,
  stateMachineArn: ORDERS,
  name: 'orders',
  status: 'ACTIVE',
  definition:
    '{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}',
  roleArn: ROLE,
  type: 'STANDARD',
  creationDate: created,
  loggingConfiguration: {
    level: 'ERROR',
    includeExecutionData: false,
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `${LOG_GROUP}:*` } }],
  },
  tracingConfiguration: { enabled: true },
  encryptionConfiguration: {
    type: 'CUSTOMER_MANAGED_KMS_KEY',
    kmsKeyId: KEY_ID,
    kmsDataKeyReusePeriodSeconds: 300,
  },
  revisionId: 'd3b07384-d9a0-4c1b-8f3e-000000000001',
};
const nightlyDescription: DescribeStateMachineCommandOutput = {
  $metadata,
  stateMachineArn: NIGHTLY,
  name: 'nightly-export',
  status: 'ACTIVE',
  definition: undefined,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/nightly-export`,
  type: 'EXPRESS',
  creationDate: created,
  loggingConfiguration: { level: 'OFF', includeExecutionData: false },
  tracingConfiguration: { enabled: false },
  encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
};

const accessDenied = (action: string) =>
  new SFNServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });

const sfn = mockClient(SFNClient);

function mockMachines(): void {
  sfn
    .on(ListStateMachinesCommand)
    .resolves(page1)
    .on(ListStateMachinesCommand, { nextToken: page1.nextToken })
    .resolves(page2);
  sfn.on(DescribeStateMachineCommand, { stateMachineArn: ORDERS }).resolves(ordersDescription);
  sfn.on(DescribeStateMachineCommand, { stateMachineArn: NIGHTLY }).resolves(nightlyDescription);
  sfn
    .on(ListTagsForResourceCommand, { resourceArn: ORDERS })
    .resolves({ $metadata, tags: [{ key: 'team', value: 'orders' }] });
  sfn.on(ListTagsForResourceCommand, { resourceArn: NIGHTLY }).resolves({ $metadata, tags: [] });
}

beforeEach(() => sfn.reset());

describe('stepfunctionsCollector', () => {
  it('follows nextToken and keeps logging, tracing, role and encryption, never the definition', async () => {
    mockMachines();
    const run = testContext(stepfunctionsCollector);
    await stepfunctionsCollector.collect(run.ctx);
    expect(sfn.commandCalls(ListStateMachinesCommand)).toHaveLength(2);
    expect(sfn.commandCalls(DescribeStateMachineCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ORDERS, includedData: 'METADATA_ONLY' },
      { stateMachineArn: NIGHTLY, includedData: 'METADATA_ONLY' },
    ]);
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name])).toEqual([
      ['aws_stepfunctions_state_machine', 'Function', ORDERS, 'orders'],
      ['aws_stepfunctions_state_machine', 'Function', NIGHTLY, 'nightly-export'],
    ]);
    const { $metadata: _m, definition: _d, ...described } = ordersDescription;
    expect(run.assets[0].config).toEqual({
      stateMachineArn: ORDERS,
      name: 'orders',
      type: 'STANDARD',
      StateMachine: { ...described, creationDate: '2025-03-01T10:00:00.000Z' },
      Tags: [{ key: 'team', value: 'orders' }],
    });
    expect(JSON.stringify(run.assets)).not.toContain('StartAt');
    expect(run.assets[0].tags).toEqual({ team: 'orders' });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('draws the role it USES, the log group it LOGS_TO (without ":*") and the key that ENCRYPTS it', async () => {
    mockMachines();
    const run = testContext(stepfunctionsCollector);
    await stepfunctionsCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [ORDERS, 'USES', ROLE],
      [ORDERS, 'LOGS_TO', LOG_GROUP],
      [`arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`, 'ENCRYPTS', ORDERS],
      [NIGHTLY, 'USES', `arn:aws:iam::${ACCOUNT}:role/nightly-export`],
    ]);
  });

  it('keeps a state machine whose description is denied, with readErrors.StateMachine', async () => {
    mockMachines();
    sfn
      .on(DescribeStateMachineCommand, { stateMachineArn: ORDERS })
      .rejects(accessDenied('states:DescribeStateMachine'));
    sfn
      .on(ListTagsForResourceCommand, { resourceArn: NIGHTLY })
      .rejects(accessDenied('states:ListTagsForResource'));
    const run = testContext(stepfunctionsCollector);
    await stepfunctionsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.id, asset.readErrors])).toEqual([
      [ORDERS, { StateMachine: 'AccessDeniedException' }],
      [NIGHTLY, { Tags: 'AccessDeniedException' }],
    ]);
    expect(run.relationships.filter((edge) => edge.fromId === ORDERS)).toEqual([]);
  });

  it('drops a state machine deleted since the list (StateMachineDoesNotExist)', async () => {
    mockMachines();
    sfn.on(DescribeStateMachineCommand, { stateMachineArn: NIGHTLY }).rejects(
      new StateMachineDoesNotExist({
        message: `State Machine Does Not Exist: '${NIGHTLY}'`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const run = testContext(stepfunctionsCollector);
    await stepfunctionsCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([ORDERS]);
  });

  it('fails the unit with AWS code when ListStateMachines is denied', async () => {
    sfn.on(ListStateMachinesCommand).rejects(accessDenied('states:ListStateMachines'));
    const run = testContext(stepfunctionsCollector);
    await expect(stepfunctionsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets).toEqual([]);
  });

  it('makes no further calls in a region without state machines', async () => {
    sfn.on(ListStateMachinesCommand).resolves({ $metadata, stateMachines: [] });
    const run = testContext(stepfunctionsCollector);
    await stepfunctionsCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['SFN.ListStateMachines']);
  });
});
