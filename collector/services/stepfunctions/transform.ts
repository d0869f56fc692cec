// Pure transform: ListStateMachines item + DescribeStateMachine (METADATA_ONLY) + ListTagsForResource ->
// aws_stepfunctions_state_machine.
import type { StateMachineListItem, Tag } from '@aws-sdk/client-sfn';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, makeAsset, makeRelationship, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface StateMachineRead {
  item: StateMachineListItem;
  /** DescribeStateMachine's output. */
  description: OutputOutcome;
  /** ListTagsForResource's `tags` (`[{key, value}]`). */
  tags: DetailResult<Tag[]>;
}

/**
 * Example: {stateMachineArn: "arn:aws:states:r:a:stateMachine:orders", name: "orders", type: "STANDARD"} +
 * {roleArn, loggingConfiguration: {level: "ERROR", destinations: [...]}, tracingConfiguration: {enabled: true}} +
 * [{key: "team", value: "orders"}] -> config {stateMachineArn, name, type, StateMachine: {...without definition},
 * Tags: [...]}, tags {team: "orders"}. The definition is dropped even when AWS sends it: it is workflow code, and
 * large, and no control reads it.
 */
export function stateMachineAsset(scope: Where, read: StateMachineRead): Asset {
  const description: OutputOutcome =
    read.description.ok && read.description.value
      ? { ok: true, value: withoutDefinition(read.description.value) }
      : read.description;
  const merged = mergeDetails(
    {
      stateMachineArn: read.item.stateMachineArn,
      name: read.item.name,
      type: read.item.type,
    },
    { StateMachine: description },
  );
  const asset = makeAsset(scope, {
    id: read.item.stateMachineArn as string,
    type: 'aws_stepfunctions_state_machine',
    class: 'Function',
    name: read.item.name ?? (read.item.stateMachineArn as string),
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
}

function withoutDefinition(description: Record<string, unknown>): Record<string, unknown> {
  const { definition: _definition, ...rest } = description;
  return rest;
}

interface StateMachineConfig {
  roleArn?: string;
  loggingConfiguration?: { destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: string } }[] };
  encryptionConfiguration?: { kmsKeyId?: string };
}

/**
 * The state machine USES its execution role, LOGS_TO each CloudWatch Logs destination (the log group's ARN without
 * the `:*` AWS appends), and its customer managed key ENCRYPTS it.
 */
export function stateMachineRelationships(scope: Where, machine: Asset): Relationship[] {
  const config = machine.config.StateMachine as StateMachineConfig | undefined;
  const relationships: Relationship[] = [];
  if (config?.roleArn) relationships.push(makeRelationship(scope, machine.id, 'USES', config.roleArn));
  for (const destination of config?.loggingConfiguration?.destinations ?? []) {
    const logGroup = destination.cloudWatchLogsLogGroup?.logGroupArn?.replace(/:\*$/, '');
    if (logGroup) relationships.push(makeRelationship(scope, machine.id, 'LOGS_TO', logGroup));
  }
  const key = kmsKeyArnOf(scope, config?.encryptionConfiguration?.kmsKeyId);
  if (key) relationships.push(makeRelationship(scope, key, 'ENCRYPTS', machine.id));
  return relationships;
}
