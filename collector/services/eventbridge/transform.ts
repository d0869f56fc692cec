// Pure transforms: ListEventBuses entry + DescribeEventBus + ListTagsForResource -> aws_eventbridge_event_bus;
// ListRules entry + ListTargetsByRule -> aws_eventbridge_rule (IN its bus, TRIGGERS each target, USES roles);
// ListEndpoints entry -> aws_eventbridge_endpoint.
import type { Endpoint, EventBus, Rule, Tag, Target } from '@aws-sdk/client-eventbridge';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf, parseArn } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import {
  type Where,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  plainConfig,
  tagMap,
} from '../../shape';
import { mergeTags } from '../../tags';

export interface BusRead {
  listed: EventBus;
  /** DescribeEventBus's output (`Policy` only when the bus has one). */
  bus: OutputOutcome;
  /** ListTagsForResource's `Tags`. */
  tags: DetailResult<Tag[]>;
}

/**
 * Example: {Name: "orders", Arn: "arn:aws:events:r:a:event-bus/orders"} + {Policy: '{"Version":...}',
 * KmsKeyIdentifier} + [{Key: "team", Value: "orders"}] -> config {Name, Arn, EventBus: {Name, Arn, Policy: {...},
 * KmsKeyIdentifier, ...}, Tags: [...]}, tags {team: "orders"}. DescribeEventBus refused: readErrors.EventBus, so the
 * policy (and whether the bus is public) is unknown rather than absent.
 */
export function busAsset(scope: Where, read: BusRead): Asset {
  const bus: OutputOutcome =
    read.bus.ok && read.bus.value
      ? {
          ok: true,
          value: {
            ...read.bus.value,
            ...(read.bus.value.Policy !== undefined
              ? { Policy: parsePolicyDocument(read.bus.value.Policy) }
              : {}),
          },
        }
      : read.bus;
  const merged = mergeDetails({ Name: read.listed.Name, Arn: read.listed.Arn }, { EventBus: bus });
  const asset = makeAsset(scope, {
    id: read.listed.Arn as string,
    type: 'aws_eventbridge_event_bus',
    class: 'Channel',
    name: read.listed.Name as string,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
}

export interface RuleRead {
  rule: Rule;
  /** ARN of the bus the rule was listed on. */
  busArn: string;
  /** ListTargetsByRule's `Targets`, every page. */
  targets: DetailResult<Target[]>;
}

/**
 * Constant inputs, input templates and HTTP header/query values are left out of a target: they are payloads a
 * customer writes (sometimes with tokens in them), not settings a control judges.
 */
function storedTarget(target: Target): Record<string, unknown> {
  const { Input: _input, InputTransformer: _transformer, HttpParameters: _http, ...rest } = target;
  return plainConfig(rest);
}

/**
 * Example: {Name: "order-created", Arn: "arn:aws:events:r:a:rule/orders/order-created", EventBusName: "orders",
 * EventPattern: '{"source":["shop"]}', State: "ENABLED"} + [{Id: "1", Arn: "arn:aws:sqs:r:a:orders"}] -> config {Name,
 * Arn, EventBusName, EventBusArn, Rule: {..., EventPattern: {source: ["shop"]}}, Targets: [{Id, Arn}]}.
 */
export function ruleAsset(scope: Where, read: RuleRead): Asset {
  const rule = plainConfig(read.rule);
  if (typeof read.rule.EventPattern === 'string')
    rule.EventPattern = parsePolicyDocument(read.rule.EventPattern);
  const details: Record<string, OutputOutcome> = {
    Targets: read.targets.ok
      ? { ok: true, value: read.targets.value.map(storedTarget) as never }
      : read.targets,
  };
  const merged = mergeDetails(
    {
      Name: read.rule.Name,
      Arn: read.rule.Arn,
      EventBusName: read.rule.EventBusName,
      EventBusArn: read.busArn,
      Rule: rule,
    },
    details,
  );
  return makeAsset(scope, {
    id: read.rule.Arn as string,
    type: 'aws_eventbridge_rule',
    class: 'Configuration',
    name: read.rule.Name as string,
    config: merged.config,
    readErrors: merged.readErrors,
  });
}

/**
 * The resource a target ARN names, as its asset id: a Lambda alias or version (`function:name:live`) is the
 * function; a log group ARN loses the `:*` AWS may append.
 */
export function targetResourceId(targetArn: string): string {
  const arn = parseArn(targetArn);
  if (arn?.service === 'lambda' && arn.resource.startsWith('function:')) {
    const [kind, name] = arn.resource.split(':');
    return `arn:${arn.partition}:lambda:${arn.region}:${arn.accountId}:${kind}:${name}`;
  }
  return targetArn.replace(/:\*$/, '');
}

/**
 * The rule is IN its bus and TRIGGERS each target's resource (`properties.targetId`); it USES its own role (rules
 * that forward to another bus across accounts) and each role a target names.
 */
export function ruleRelationships(scope: Where, rule: Asset): Relationship[] {
  const relationships: Relationship[] = [
    makeRelationship(scope, rule.id, 'IN', rule.config.EventBusArn as string),
  ];
  const roles = new Set<string>();
  const ownRole = (rule.config.Rule as { RoleArn?: string } | undefined)?.RoleArn;
  if (ownRole) roles.add(ownRole);
  for (const target of (rule.config.Targets as
    { Id?: string; Arn?: string; RoleArn?: string }[] | undefined) ?? []) {
    if (target.Arn)
      relationships.push(
        makeRelationship(scope, rule.id, 'TRIGGERS', targetResourceId(target.Arn), { targetId: target.Id }),
      );
    if (target.RoleArn) roles.add(target.RoleArn);
  }
  for (const role of roles) relationships.push(makeRelationship(scope, rule.id, 'USES', role));
  return relationships;
}

/**
 * Example: {Name: "orders-failover", Arn: "arn:aws:events:r:a:endpoint/orders-failover", ReplicationConfig: {State:
 * "ENABLED"}, EventBuses: [{EventBusArn}, {EventBusArn}], RoleArn} -> config the entry as is.
 */
export function endpointAsset(scope: Where, endpoint: Endpoint): Asset {
  return makeAsset(scope, {
    id: endpoint.Arn as string,
    type: 'aws_eventbridge_endpoint',
    class: 'Gateway',
    name: endpoint.Name ?? (endpoint.Arn as string),
    config: plainConfig(endpoint),
  });
}

/** The endpoint ROUTES_TO its event buses (primary and secondary) and USES the role that replicates events. */
export function endpointRelationships(scope: Where, endpoint: Asset): Relationship[] {
  const relationships: Relationship[] = [];
  for (const bus of (endpoint.config.EventBuses as { EventBusArn?: string }[] | undefined) ?? [])
    if (bus.EventBusArn)
      relationships.push(makeRelationship(scope, endpoint.id, 'ROUTES_TO', bus.EventBusArn));
  const role = endpoint.config.RoleArn as string | undefined;
  if (role) relationships.push(makeRelationship(scope, endpoint.id, 'USES', role));
  return relationships;
}

/** The bus's customer managed key ENCRYPTS it (DescribeEventBus's KmsKeyIdentifier, as key ARN or key id). */
export function busRelationships(scope: Where, bus: Asset): Relationship[] {
  const key = kmsKeyArnOf(
    scope,
    (bus.config.EventBus as { KmsKeyIdentifier?: string } | undefined)?.KmsKeyIdentifier,
  );
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', bus.id)] : [];
}
