// Records SSM, ElastiCache, Redshift, OpenSearch and Backup for one demo region (metadata and settings only: no
// parameter value, document body, cache key, table row or index document exists in the demo). Resources live in
// the first region; the others answer empty lists. Production is mostly well kept; Staging fails more controls.
import type { DocumentIdentifier, ParameterMetadata } from '@aws-sdk/client-ssm';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo } from './profile';

export function recordDataServices(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const here = regionIndex === 0;
  recordSsm(recording, ctx, region, here);
}

/**
 * Production: a SecureString database password, a legacy FTP password stored as a plain String (fails the name
 * heuristic) and a queue URL (not a secret); a run-command document shared with one partner account.
 * Staging: a debugging document shared with everyone.
 */
function recordSsm(recording: Recording, ctx: EstateContext, region: string, here: boolean): void {
  const owner = ctx.account.awsAccountId;
  const production = ctx.account.kind === 'production';
  const parameter = (name: string, fields: Partial<ParameterMetadata>): ParameterMetadata => ({
    Name: name,
    ARN: `arn:aws:ssm:${region}:${owner}:parameter/${name.replace(/^\//, '')}`,
    Type: 'String',
    LastModifiedDate: daysAgo(ctx.now, 90),
    LastModifiedUser: `arn:aws:iam::${owner}:user/deploy`,
    Version: 1,
    Tier: 'Standard',
    Policies: [],
    DataType: 'text',
    ...fields,
  });
  const parameters: ParameterMetadata[] = [];
  const documents: { identifier: DocumentIdentifier; accountIds: string[] }[] = [];
  const document = (name: string, type: 'Command' | 'Automation'): DocumentIdentifier => ({
    Name: name,
    CreatedDate: daysAgo(ctx.now, 300),
    Owner: owner,
    PlatformTypes: ['Linux', 'MacOS'],
    DocumentVersion: '1',
    DocumentType: type,
    SchemaVersion: type === 'Command' ? '2.2' : '0.3',
    DocumentFormat: 'YAML',
    Tags: [{ Key: 'Environment', Value: ctx.account.kind }],
  });
  if (here && production) {
    parameters.push(
      parameter('/production/orders/db-password', {
        Type: 'SecureString',
        KeyId: 'alias/aws/ssm',
        Version: 6,
      }),
      parameter('/production/legacy/ftp-password', { LastModifiedDate: daysAgo(ctx.now, 700) }),
      parameter('/production/orders/queue-url', {}),
    );
    documents.push({ identifier: document('restart-orders-app', 'Command'), accountIds: ['444455556666'] });
  }
  if (here && !production) {
    parameters.push(parameter('/staging/feature-flags', { Type: 'StringList' }));
    documents.push({ identifier: document('staging-debug-tools', 'Automation'), accountIds: ['all'] });
  }
  // Two per page, so the demo follows DescribeParameters' NextToken.
  recording.paged('SSM', 'DescribeParameters', region, {
    items: parameters,
    itemsKey: 'Parameters',
    pageSize: 2,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  recording.paged('SSM', 'ListDocuments', region, {
    match: { Filters: [{ Key: 'Owner', Values: ['Self'] }] },
    items: documents.map((entry) => entry.identifier),
    itemsKey: 'DocumentIdentifiers',
    pageSize: 50,
    tokenIn: 'NextToken',
    tokenOut: 'NextToken',
  });
  for (const entry of documents)
    recording.output(
      'SSM',
      'DescribeDocumentPermission',
      region,
      { Name: entry.identifier.Name, PermissionType: 'Share' },
      {
        AccountIds: entry.accountIds,
        AccountSharingInfoList: entry.accountIds.map((id) => ({
          AccountId: id,
          SharedDocumentVersion: '$DEFAULT',
        })),
      },
    );
}
