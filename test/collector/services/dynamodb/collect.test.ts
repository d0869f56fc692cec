import {
  DescribeContinuousBackupsCommand,
  type DescribeContinuousBackupsCommandOutput,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  GetResourcePolicyCommand,
  ListTablesCommand,
  type ListTablesCommandOutput,
  ListTagsOfResourceCommand,
  PolicyNotFoundException,
  QueryCommand,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { dynamodbCollector } from '../../../../collector/services/dynamodb';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'QK1V2A3B4C5D6E7F8G9H0IJKLMNOPQRSTUVWXYZ0123456789ABC' };
const ORDERS = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
const SESSIONS = 'arn:aws:dynamodb:us-east-1:123456789012:table/sessions';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

// ListTables pages: LastEvaluatedTableName names the last table of a page when more follow.
const tablesPage1: ListTablesCommandOutput = {
  $metadata,
  TableNames: ['orders'],
  LastEvaluatedTableName: 'orders',
};
const tablesPage2: ListTablesCommandOutput = { $metadata, TableNames: ['sessions'] };

const describeOrders: DescribeTableCommandOutput = {
  $metadata,
  Table: {
    TableName: 'orders',
    TableArn: ORDERS,
    TableId: 'e1f2a3b4-0000-4000-8000-000000000001',
    TableStatus: 'ACTIVE',
    CreationDateTime: new Date('2025-02-01T10:00:00Z'),
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    ItemCount: 0,
    TableSizeBytes: 0,
    DeletionProtectionEnabled: true,
    SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY },
  },
};
// A table on the AWS owned key: DescribeTable leaves SSEDescription out.
const describeSessions: DescribeTableCommandOutput = {
  $metadata,
  Table: {
    TableName: 'sessions',
    TableArn: SESSIONS,
    TableStatus: 'ACTIVE',
    CreationDateTime: new Date('2025-03-01T10:00:00Z'),
    DeletionProtectionEnabled: false,
  },
};
const backupsOn: DescribeContinuousBackupsCommandOutput = {
  $metadata,
  ContinuousBackupsDescription: {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: {
      PointInTimeRecoveryStatus: 'ENABLED',
      EarliestRestorableDateTime: new Date('2026-11-01T00:00:00Z'),
      LatestRestorableDateTime: new Date('2026-11-30T23:55:00Z'),
    },
  },
};
const backupsOff: DescribeContinuousBackupsCommandOutput = {
  $metadata,
  ContinuousBackupsDescription: {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
  },
};
const publicPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: SESSIONS }],
};

const denied = (action: string) =>
  new DynamoDBServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });
const notFound = (what: string) =>
  new ResourceNotFoundException({
    message: `Requested resource not found: Table: ${what} not found`,
    $metadata: {},
  });

const dynamodb = mockClient(DynamoDBClient);

function mockTables(): void {
  dynamodb
    .on(ListTablesCommand)
    .resolves(tablesPage1)
    .on(ListTablesCommand, { ExclusiveStartTableName: 'orders' })
    .resolves(tablesPage2);
  dynamodb.on(DescribeTableCommand, { TableName: 'orders' }).resolves(describeOrders);
  dynamodb.on(DescribeTableCommand, { TableName: 'sessions' }).resolves(describeSessions);
  dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 'orders' }).resolves(backupsOn);
  dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves(backupsOff);
  // Tags: two pages for orders (NextToken), none for sessions.
  dynamodb
    .on(ListTagsOfResourceCommand, { ResourceArn: ORDERS })
    .resolves({ $metadata, Tags: [{ Key: 'team', Value: 'orders' }], NextToken: 'tok-2' })
    .on(ListTagsOfResourceCommand, { ResourceArn: ORDERS, NextToken: 'tok-2' })
    .resolves({ $metadata, Tags: [{ Key: 'Environment', Value: 'production' }] });
  dynamodb.on(ListTagsOfResourceCommand, { ResourceArn: SESSIONS }).resolves({ $metadata, Tags: [] });
  dynamodb.on(GetResourcePolicyCommand, { ResourceArn: ORDERS }).rejects(
    new PolicyNotFoundException({
      message: `Resource-based policy not found for the provided ResourceArn: ${ORDERS}`,
      $metadata: { httpStatusCode: 400 },
    }),
  );
  dynamodb
    .on(GetResourcePolicyCommand, { ResourceArn: SESSIONS })
    .resolves({ $metadata, Policy: JSON.stringify(publicPolicy), RevisionId: '1709841168699' });
}

beforeEach(() => dynamodb.reset());

describe('dynamodbCollector', () => {
  it('follows LastEvaluatedTableName and emits every table with description, backups, tags and policy', async () => {
    mockTables();
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    // The SDK's paginator reuses one input object, so only the last call's input can be read back.
    const listCalls = dynamodb.commandCalls(ListTablesCommand);
    expect(listCalls).toHaveLength(2);
    expect(listCalls[1].args[0].input).toEqual({ Limit: 100, ExclusiveStartTableName: 'orders' });
    expect(run.assets.map((asset) => [asset.type, asset.class, asset.id, asset.name, asset.region])).toEqual([
      ['aws_dynamodb_table', 'DataStore', ORDERS, 'orders', 'us-east-1'],
      ['aws_dynamodb_table', 'DataStore', SESSIONS, 'sessions', 'us-east-1'],
    ]);
    expect(run.assets[0].config).toMatchObject({
      TableName: 'orders',
      TableArn: ORDERS,
      Table: { DeletionProtectionEnabled: true, CreationDateTime: '2025-02-01T10:00:00.000Z' },
      ContinuousBackups: { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } },
      ResourcePolicy: null,
    });
    expect(run.assets[0].tags).toEqual({ team: 'orders', Environment: 'production' });
    expect(run.assets[0].readErrors).toBeUndefined();
    expect(run.assets[1].config.ResourcePolicy).toEqual(publicPolicy);
    expect(run.assets[1].tags).toEqual({});
  });

  it("links the table's KMS key to it (ENCRYPTS); the AWS owned key gives no edge", async () => {
    mockTables();
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [KEY, 'ENCRYPTS', ORDERS],
    ]);
  });

  it('never reads an item', async () => {
    mockTables();
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(dynamodb.commandCalls(ScanCommand)).toHaveLength(0);
    expect(dynamodbCollector.operations.flatMap((operation) => operation.actions)).toEqual([
      'dynamodb:ListTables',
      'dynamodb:DescribeTable',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:ListTagsOfResource',
      'dynamodb:GetResourcePolicy',
    ]);
  });

  it('fails the unit with AWS code when ListTables is denied (nothing emitted, so nothing is deleted)', async () => {
    dynamodb.on(ListTablesCommand).rejects(denied('dynamodb:ListTables'));
    const run = testContext(dynamodbCollector);
    await expect(dynamodbCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a table whose detail calls are denied, with readErrors, and builds its ARN from the name', async () => {
    mockTables();
    dynamodb.on(DescribeTableCommand, { TableName: 'sessions' }).rejects(denied('dynamodb:DescribeTable'));
    dynamodb
      .on(DescribeContinuousBackupsCommand, { TableName: 'sessions' })
      .rejects(denied('dynamodb:DescribeContinuousBackups'));
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    expect(run.assets[1].id).toBe(SESSIONS);
    expect(run.assets[1].readErrors).toEqual({
      Table: 'AccessDeniedException',
      ContinuousBackups: 'AccessDeniedException',
    });
    expect(run.assets[1].config).not.toHaveProperty('Table');
  });

  it('drops a table deleted since the list (ResourceNotFoundException)', async () => {
    mockTables();
    dynamodb.on(DescribeTableCommand, { TableName: 'orders' }).rejects(notFound('orders'));
    dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 'orders' }).rejects(notFound('orders'));
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.id)).toEqual([SESSIONS]);
  });

  it('makes no further calls in a region without tables', async () => {
    dynamodb.on(ListTablesCommand).resolves({ $metadata, TableNames: [] });
    const run = testContext(dynamodbCollector);
    await dynamodbCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['DynamoDB.ListTables']);
  });
});
