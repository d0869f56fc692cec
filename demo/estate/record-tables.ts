// Records DynamoDB for one demo region (table metadata, never items). Production: an orders table with
// point-in-time recovery, deletion protection and the customer key kms-data, and a sessions table with none of
// them (AWS owned key). Staging: a scratch table, unprotected. Tables live in the first region; the others answer
// empty lists.
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

interface DemoTable {
  description: TableDescription;
  pitr: boolean;
  tags: { Key: string; Value: string }[];
}

export function recordTables(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  // The demo's customer managed key kms-data (record-monitoring.ts), by the same key id.
  const keyId = stableHex([owner, region, 'kms-data'], 32).replace(
    /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
    '$1-$2-$3-$4-$5',
  );
  const table = (name: string, fields: Partial<TableDescription>): TableDescription => ({
    TableName: name,
    TableArn: `arn:aws:dynamodb:${region}:${owner}:table/${name}`,
    TableId: `${stableHex([owner, name], 8)}-0000-4000-8000-${stableHex([owner, name, 'id'], 12)}`,
    TableStatus: 'ACTIVE',
    CreationDateTime: daysAgo(ctx.now, 300),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    ItemCount: 0,
    TableSizeBytes: 0,
    DeletionProtectionEnabled: false,
    ...fields,
  });
  const tables: DemoTable[] = [];
  if (regionIndex === 0 && ctx.account.kind === 'production')
    tables.push(
      {
        description: table('production-orders', {
          DeletionProtectionEnabled: true,
          SSEDescription: {
            Status: 'ENABLED',
            SSEType: 'KMS',
            KMSMasterKeyArn: `arn:aws:kms:${region}:${owner}:key/${keyId}`,
          },
        }),
        pitr: true,
        tags: [{ Key: 'Environment', Value: 'production' }],
      },
      { description: table('production-sessions', {}), pitr: false, tags: [] },
    );
  if (regionIndex === 0 && ctx.account.kind === 'staging')
    tables.push({
      description: table('staging-scratch', {}),
      pitr: false,
      tags: [{ Key: 'Environment', Value: 'staging' }],
    });
  // One table per page, so the demo follows LastEvaluatedTableName too.
  recording.paged('DynamoDB', 'ListTables', region, {
    items: tables.map((entry) => entry.description.TableName),
    itemsKey: 'TableNames',
    pageSize: 1,
    tokenIn: 'ExclusiveStartTableName',
    tokenOut: 'LastEvaluatedTableName',
  });
  for (const { description, pitr, tags } of tables) {
    const arn = description.TableArn as string;
    recording.output(
      'DynamoDB',
      'DescribeTable',
      region,
      { TableName: description.TableName },
      { Table: description },
    );
    recording.output(
      'DynamoDB',
      'DescribeContinuousBackups',
      region,
      { TableName: description.TableName },
      {
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: pitr
            ? {
                PointInTimeRecoveryStatus: 'ENABLED',
                RecoveryPeriodInDays: 35,
                EarliestRestorableDateTime: daysAgo(ctx.now, 35),
                LatestRestorableDateTime: ctx.now,
              }
            : { PointInTimeRecoveryStatus: 'DISABLED' },
        },
      },
    );
    recording.output('DynamoDB', 'ListTagsOfResource', region, { ResourceArn: arn }, { Tags: tags });
    recording.error(
      'DynamoDB',
      'GetResourcePolicy',
      region,
      { ResourceArn: arn },
      {
        name: 'PolicyNotFoundException',
        status: 400,
        message: `Resource-based policy not found for the provided ResourceArn: ${arn}`,
      },
    );
  }
}
