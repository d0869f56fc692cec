// Pure transforms: metric alarms, alarm NOTIFIES SNS topic (AlarmActions), alarm MONITORS the metric filters
// that publish the metric it watches (same metric name and namespace).
import type { MetricAlarm, Tag } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { Asset, Relationship } from '../../../store/model';
import type { DetailResult } from '../../read';
import { type Where, makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { mergeTags } from '../../tags';
import { type LogsNaming, metricFilterId } from '../logs/transform';

/** "namespace\u0000metricName" -> ids of the metric filters publishing that metric. */
export type FiltersByMetric = Map<string, string[]>;

const metricKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;

export function indexMetricFilters(naming: LogsNaming, filters: MetricFilter[]): FiltersByMetric {
  const index: FiltersByMetric = new Map();
  for (const filter of filters) {
    const id = metricFilterId(naming, filter.logGroupName as string, filter.filterName as string);
    for (const transformation of filter.metricTransformations ?? []) {
      const key = metricKey(transformation.metricNamespace as string, transformation.metricName as string);
      index.set(key, [...(index.get(key) ?? []), id]);
    }
  }
  return index;
}

/** The metrics an alarm watches: its own MetricName/Namespace, or those of its metric-math queries. */
function watchedMetrics(alarm: MetricAlarm): string[] {
  const keys: string[] = [];
  if (alarm.MetricName && alarm.Namespace) keys.push(metricKey(alarm.Namespace, alarm.MetricName));
  for (const query of alarm.Metrics ?? []) {
    const metric = query.MetricStat?.Metric;
    if (metric?.MetricName && metric.Namespace) keys.push(metricKey(metric.Namespace, metric.MetricName));
  }
  return keys;
}

export interface AlarmRead {
  alarm: MetricAlarm;
  /** ListTagsForResource's `Tags` list. */
  tags?: DetailResult<Tag[]>;
}

export function alarmAssets(
  scope: Where,
  partition: string,
  reads: AlarmRead[],
  filters: FiltersByMetric,
): { assets: Asset[]; relationships: Relationship[] } {
  const assets: Asset[] = [];
  const relationships: Relationship[] = [];
  for (const { alarm, tags } of reads) {
    const arn = alarm.AlarmArn as string;
    const asset = makeAsset(scope, {
      id: arn,
      type: 'aws_cloudwatch_alarm',
      class: 'Monitor',
      name: alarm.AlarmName ?? arn,
      config: plainConfig(alarm),
    });
    mergeTags(asset, tags, (list) => tagMap(list));
    assets.push(asset);
    for (const action of new Set(alarm.AlarmActions ?? [])) {
      if (action.startsWith(`arn:${partition}:sns:`))
        relationships.push(makeRelationship(scope, arn, 'NOTIFIES', action));
    }
    const filterIds = new Set(watchedMetrics(alarm).flatMap((key) => filters.get(key) ?? []));
    for (const filterId of filterIds) relationships.push(makeRelationship(scope, arn, 'MONITORS', filterId));
  }
  return { assets, relationships };
}
