// DynamoDB (regional): tables with their description (encryption, deletion protection), continuous backups
// (point-in-time recovery), tags and resource policy. Never an item read: table contents are data.
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetResourcePolicyCommand,
  ListTagsOfResourceCommand,
  paginateListTables,
  type Tag,
} from '@aws-sdk/client-dynamodb';
import { buildArn } from '../../arn';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, readDetail, readOutput, whereOf } from '../../read';
import { dynamodbOperations, dynamodbResourceTypes } from './declarations';
import { tableAsset, tableRelationships, type TableRead } from './transform';

export const dynamodbCollector: CollectorModule = {
  service: 'dynamodb',
  scope: 'regional',
  resourceTypes: dynamodbResourceTypes,
  operations: dynamodbOperations,
  collect: collectDynamoDb,
};

/** A table deleted since ListTables. */
const TABLE_GONE = ['ResourceNotFoundException'];
/** GetResourcePolicy on a table without a policy (AWS's documented answer). */
const NO_POLICY = ['PolicyNotFoundException'];

async function collectDynamoDb(ctx: CollectContext): Promise<void> {
  const client = ctx.client(DynamoDBClient);
  const scope = whereOf(ctx, dynamodbCollector.service);
  // ListTables pages by ExclusiveStartTableName / LastEvaluatedTableName (100 names at most per page).
  const names: string[] = [];
  for await (const page of paginateListTables({ client }, { Limit: 100 }))
    names.push(...(page.TableNames ?? []));
  if (names.length === 0) return;
  const reads = await ctx.mapLimit(names, async (name): Promise<TableRead> => {
    const table = await readOutput(async () => {
      const output = await client.send(new DescribeTableCommand({ TableName: name }));
      return output.Table ?? {};
    });
    // Tags and resource policy are keyed by the table ARN, which only DescribeTable gives for certain.
    const arn =
      table.ok && typeof table.value?.TableArn === 'string'
        ? table.value.TableArn
        : buildArn(scope.partition, 'dynamodb', scope.region, scope.accountId, `table/${name}`);
    const [backups, tags, policy] = await Promise.all([
      readOutput(async () => {
        const output = await client.send(new DescribeContinuousBackupsCommand({ TableName: name }));
        return output.ContinuousBackupsDescription ?? {};
      }),
      detail(async () => {
        const all: Tag[] = [];
        let token: string | undefined;
        do {
          const output = await client.send(
            new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }),
          );
          all.push(...(output.Tags ?? []));
          token = output.NextToken;
        } while (token);
        return all;
      }),
      readDetail(async () => {
        const output = await client.send(new GetResourcePolicyCommand({ ResourceArn: arn }));
        return output.Policy ?? null;
      }, NO_POLICY),
    ]);
    return { name, arn, table, backups, tags, policy };
  });
  const present = reads.filter(
    (read) =>
      !isGone(read.table, TABLE_GONE) &&
      !isGone(read.backups, TABLE_GONE) &&
      !isGone(read.policy, TABLE_GONE),
  );
  const assets = present.map((read) => tableAsset(scope, read));
  await ctx.emit({ assets, relationships: assets.flatMap((table) => tableRelationships(scope, table)) });
}
