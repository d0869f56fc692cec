// Pure transforms: log groups with their tags (KMS key ENCRYPTS them) and metric filters (MONITORS their log group).
import type { LogGroup, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { Asset, Relationship } from '../../../store/model';
import { parseArn } from '../../arn';
import type { DetailResult } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig } from '../../shape';
import { mergeTags, tagsFromMap } from '../../tags';

export interface LogsNaming {
  partition: string;
  region: string;
  accountId: string;
}

export function logGroupId(naming: LogsNaming, logGroupName: string): string {
  return `arn:${naming.partition}:logs:${naming.region}:${naming.accountId}:log-group:${logGroupName}`;
}

export function metricFilterId(naming: LogsNaming, logGroupName: string, filterName: string): string {
  return `arn:${naming.partition}:logs:${naming.region}:${naming.accountId}:metric-filter/${logGroupName}/${filterName}`;
}

/**
 * A log group's id, also the ARN its tags are read with: `arn` without the trailing `:*` (the same as
 * `logGroupArn`; ListTagsForResource refuses the `:*` form).
 * Example: {logGroupName: "app", arn: "arn:aws:logs:r:a:log-group:app:*"} -> "arn:aws:logs:r:a:log-group:app".
 */
export function logGroupArn(naming: LogsNaming, group: LogGroup): string {
  if (group.arn) return group.arn.replace(/:\*$/, '');
  return group.logGroupArn ?? logGroupId(naming, group.logGroupName as string);
}

export interface LogGroupRead {
  group: LogGroup;
  /** ListTagsForResource's `tags` map. */
  tags?: DetailResult<Record<string, string>>;
}

export function logGroupAssets(
  scope: Where,
  naming: LogsNaming,
  reads: LogGroupRead[],
): { assets: Asset[]; relationships: Relationship[] } {
  const assets: Asset[] = [];
  const relationships: Relationship[] = [];
  for (const { group, tags } of reads) {
    const id = logGroupArn(naming, group);
    const asset = makeAsset(scope, {
      id,
      type: 'aws_logs_log_group',
      class: 'Logs',
      name: group.logGroupName ?? id,
      config: plainConfig(group),
    });
    mergeTags(asset, tags, tagsFromMap);
    assets.push(asset);
    if (group.kmsKeyId && parseArn(group.kmsKeyId)?.resource.startsWith('key/')) {
      relationships.push(makeRelationship(scope, group.kmsKeyId, 'ENCRYPTS', id));
    }
  }
  return { assets, relationships };
}

export function metricFilterAssets(
  scope: Where,
  naming: LogsNaming,
  filters: MetricFilter[],
): { assets: Asset[]; relationships: Relationship[] } {
  const assets: Asset[] = [];
  const relationships: Relationship[] = [];
  for (const filter of filters) {
    const groupName = filter.logGroupName as string;
    const id = metricFilterId(naming, groupName, filter.filterName as string);
    assets.push(
      makeAsset(scope, {
        id,
        type: 'aws_logs_metric_filter',
        class: 'Monitor',
        name: filter.filterName ?? id,
        config: plainConfig(filter),
      }),
    );
    relationships.push(makeRelationship(scope, id, 'MONITORS', logGroupId(naming, groupName)));
  }
  return { assets, relationships };
}
