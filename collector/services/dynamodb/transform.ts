// Pure transform: DescribeTable + DescribeContinuousBackups + ListTagsOfResource + GetResourcePolicy ->
// aws_dynamodb_table.
import type { Tag } from '@aws-sdk/client-dynamodb';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import {
  type DetailOutcome,
  type DetailResult,
  type OutputOutcome,
  mergeDetail,
  mergeDetails,
} from '../../read';
import { type Where, makeAsset, makeRelationship, parsePolicyDocument, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface TableRead {
  name: string;
  /** DescribeTable's Table ARN, or the ARN built from the name when DescribeTable failed. */
  arn: string;
  /** DescribeTable's `Table`. */
  table: OutputOutcome;
  /** DescribeContinuousBackups' `ContinuousBackupsDescription`. */
  backups: OutputOutcome;
  /** ListTagsOfResource's `Tags`, every page. */
  tags: DetailResult<Tag[]>;
  /** GetResourcePolicy's `Policy` string, null when the table has none (PolicyNotFoundException). */
  policy: DetailOutcome<string>;
}

/**
 * Example: "orders" + {TableArn: "arn:aws:dynamodb:r:a:table/orders", SSEDescription: {Status: "ENABLED", SSEType:
 * "KMS", KMSMasterKeyArn}, DeletionProtectionEnabled: true} + {ContinuousBackupsStatus: "ENABLED",
 * PointInTimeRecoveryDescription: {PointInTimeRecoveryStatus: "ENABLED"}} + [{Key: "team", Value: "orders"}] + null
 * -> id arn:aws:dynamodb:r:a:table/orders, config {TableName, TableArn, Table: {...}, ContinuousBackups: {...},
 * Tags: [...], ResourcePolicy: null}, tags {team: "orders"}. A refused detail call: its key in readErrors.
 */
export function tableAsset(scope: Where, read: TableRead): Asset {
  const merged = mergeDetails(
    { TableName: read.name, TableArn: read.arn },
    { Table: read.table, ContinuousBackups: read.backups },
  );
  const asset = makeAsset(scope, {
    id: read.arn,
    type: 'aws_dynamodb_table',
    class: 'DataStore',
    name: read.name,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  mergeDetail(asset, 'ResourcePolicy', read.policy, (policy) =>
    policy === null ? null : parsePolicyDocument(policy),
  );
  return asset;
}

/**
 * The table's KMS key ENCRYPTS it. DescribeTable names the key (`SSEDescription.KMSMasterKeyArn`) for both a customer
 * managed key and the AWS managed aws/dynamodb key; the key asset's KeyManager tells them apart. No SSEDescription:
 * the AWS owned key, which no account can see.
 */
export function tableRelationships(scope: Where, table: Asset): Relationship[] {
  const sse = (table.config.Table as { SSEDescription?: { KMSMasterKeyArn?: string } } | undefined)
    ?.SSEDescription;
  const key = kmsKeyArnOf(scope, sse?.KMSMasterKeyArn);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', table.id)] : [];
}
