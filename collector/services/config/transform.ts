// Pure transform: configuration recorders joined to their status entry by name.
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import type { Asset } from '../../../store/model';
import { type Where, makeAsset, plainConfig } from '../../shape';

export function recorderId(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:config:${region}:${accountId}:config-recorder/${name}`;
}

/**
 * Example: recorder {name: "default", recordingGroup: {...}} + status [{name: "default", recording: true}]
 * -> config {name, recordingGroup, ..., ConfigurationRecorderStatus: {name, recording: true, ...}}.
 * `statuses` is the error code when the status call failed.
 */
export function recorderAssets(
  scope: Where,
  partition: string,
  recorders: ConfigurationRecorder[],
  statuses: ConfigurationRecorderStatus[] | { error: string },
): Asset[] {
  return recorders.map((recorder) => {
    const name = recorder.name as string;
    const config = plainConfig(recorder);
    let readErrors: Record<string, string> | undefined;
    if (Array.isArray(statuses)) {
      const status = statuses.find((entry) => entry.name === name);
      config.ConfigurationRecorderStatus = status ? plainConfig(status) : null;
    } else readErrors = { ConfigurationRecorderStatus: statuses.error };
    return makeAsset(scope, {
      id: recorderId(partition, scope.region, scope.accountId, name),
      type: 'aws_config_recorder',
      class: 'Configuration',
      name,
      config,
      readErrors,
    });
  });
}

/**
 * Stand-in for the recorders of a region whose DescribeConfigurationRecorders failed: it carries the error, so
 * "Config records in this region" says `error` (not read) instead of `fail` (no recorder).
 */
export function unreadRecordersAsset(scope: Where, partition: string, code: string): Asset {
  return makeAsset(scope, {
    id: recorderId(partition, scope.region, scope.accountId, '*'),
    type: 'aws_config_recorder',
    class: 'Configuration',
    name: 'recorders (not read)',
    config: {},
    readErrors: { recordingGroup: code, ConfigurationRecorderStatus: code },
  });
}
