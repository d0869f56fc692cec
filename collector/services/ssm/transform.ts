// Pure transforms: DescribeParameters entries (metadata, never values) -> aws_ssm_parameter; ListDocuments
// identifiers (Owner Self) + DescribeDocumentPermission(Share) -> aws_ssm_document.
import type { DocumentIdentifier, ParameterMetadata } from '@aws-sdk/client-ssm';
import type { Asset, Relationship } from '../../../store/model';
import { buildArn, kmsKeyArnOf } from '../../arn';
import { type DetailResult, mergeDetail } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';

/** ARN of a parameter: `/prod/db/password` -> `...:parameter/prod/db/password`, `token` -> `...:parameter/token`. */
export function parameterArn(scope: Where, name: string): string {
  return buildArn(
    scope.partition,
    'ssm',
    scope.region,
    scope.accountId,
    `parameter/${name.replace(/^\//, '')}`,
  );
}

/**
 * Example: {Name: "/prod/db/password", Type: "SecureString", KeyId: "alias/aws/ssm", Version: 3, Tier: "Standard",
 * LastModifiedDate: Date} -> id arn:aws:ssm:r:a:parameter/prod/db/password, config as the entry with dates as ISO
 * strings. The value is never read.
 */
export function parameterAsset(scope: Where, entry: ParameterMetadata): Asset {
  const name = entry.Name ?? '';
  return makeAsset(scope, {
    id: entry.ARN ?? parameterArn(scope, name),
    type: 'aws_ssm_parameter',
    class: 'Configuration',
    name,
    config: plainConfig(entry),
  });
}

/** A SecureString parameter's key ENCRYPTS it when named by key ARN or id (alias/aws/ssm names no key). */
export function parameterRelationships(scope: Where, parameter: Asset): Relationship[] {
  const key = kmsKeyArnOf(scope, parameter.config.KeyId as string | undefined);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', parameter.id)] : [];
}

/** DescribeDocumentPermission(Share), every page merged. */
export interface DocumentPermission {
  AccountIds: string[];
  AccountSharingInfoList: { AccountId?: string; SharedDocumentVersion?: string }[];
}

/**
 * Example: {Name: "restart-app", Owner: "123456789012", DocumentType: "Command", Tags: [...]} + {AccountIds: ["all"]}
 * -> id arn:aws:ssm:r:a:document/restart-app, config {...identifier, DocumentPermission: {AccountIds: ["all"], ...},
 * Public: true}. "all" in AccountIds is how SSM says a document is shared with everyone. Permission refused:
 * readErrors.DocumentPermission and no Public member.
 */
export function documentAsset(
  scope: Where,
  identifier: DocumentIdentifier,
  permission: DetailResult<DocumentPermission>,
): Asset {
  const name = identifier.Name ?? '';
  const asset = makeAsset(scope, {
    id: buildArn(scope.partition, 'ssm', scope.region, scope.accountId, `document/${name}`),
    type: 'aws_ssm_document',
    class: 'Configuration',
    name,
    tags: tagMap(identifier.Tags),
    config: plainConfig(identifier),
  });
  mergeDetail(asset, 'DocumentPermission', permission);
  if (permission.ok) asset.config.Public = permission.value.AccountIds.includes('all');
  return asset;
}
