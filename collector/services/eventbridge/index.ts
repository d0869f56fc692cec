// EventBridge (regional): event buses with their resource policy (DescribeEventBus), rules on each bus with their
// targets, and global endpoints. Events themselves are never read or sent.
import {
  DescribeEventBusCommand,
  type Endpoint,
  type EventBus,
  EventBridgeClient,
  ListEndpointsCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, ListFailures, markerPages, readOutput, whereOf } from '../../read';
import { eventbridgeOperations, eventbridgeResourceTypes } from './declarations';
import {
  busAsset,
  type BusRead,
  busRelationships,
  endpointAsset,
  endpointRelationships,
  ruleAsset,
  ruleRelationships,
  type RuleRead,
} from './transform';

export const eventbridgeCollector: CollectorModule = {
  service: 'eventbridge',
  scope: 'regional',
  resourceTypes: eventbridgeResourceTypes,
  operations: eventbridgeOperations,
  collect: collectEventBridge,
};

const BUS = 'aws_eventbridge_event_bus';
const RULE = 'aws_eventbridge_rule';
const ENDPOINT = 'aws_eventbridge_endpoint';
/** A bus or rule deleted since it was listed. */
const GONE = ['ResourceNotFoundException'];

async function collectEventBridge(ctx: CollectContext): Promise<void> {
  const client = ctx.client(EventBridgeClient);
  const scope = whereOf(ctx, eventbridgeCollector.service);
  const failures = new ListFailures(ctx, [BUS, RULE, ENDPOINT]);
  await Promise.all([
    // Rules are listed per bus: without the bus list, the rules cannot be complete either.
    failures.run([BUS, RULE], async () => {
      const buses: EventBus[] = [];
      for await (const page of markerPages(
        (token) => client.send(new ListEventBusesCommand({ Limit: 100, NextToken: token })),
        (page) => page.NextToken,
      ))
        buses.push(...(page.EventBuses ?? []).filter((bus) => bus.Name && bus.Arn));
      if (buses.length === 0) return;
      const reads = await ctx.mapLimit(buses, (bus) => readBus(client, bus));
      const present = reads.filter((read) => !isGone(read.bus, GONE));
      const busAssets = present.map((read) => busAsset(scope, read));
      await ctx.emit({
        assets: busAssets,
        relationships: busAssets.flatMap((bus) => busRelationships(scope, bus)),
      });
      for (const read of present)
        await failures.run([RULE], async () => {
          const rules = await readRules(ctx, client, read.listed);
          const assets = rules.map((rule) => ruleAsset(scope, rule));
          await ctx.emit({ assets, relationships: assets.flatMap((rule) => ruleRelationships(scope, rule)) });
        });
    }),
    failures.run([ENDPOINT], async () => {
      const endpoints: Endpoint[] = [];
      for await (const page of markerPages(
        (token) => client.send(new ListEndpointsCommand({ MaxResults: 100, NextToken: token })),
        (page) => page.NextToken,
      ))
        endpoints.push(...(page.Endpoints ?? []).filter((endpoint) => endpoint.Arn));
      if (endpoints.length === 0) return;
      const assets = endpoints.map((endpoint) => endpointAsset(scope, endpoint));
      await ctx.emit({
        assets,
        relationships: assets.flatMap((asset) => endpointRelationships(scope, asset)),
      });
    }),
  ]);
  failures.finish();
}

async function readBus(client: EventBridgeClient, listed: EventBus): Promise<BusRead> {
  const [bus, tags] = await Promise.all([
    readOutput(() => client.send(new DescribeEventBusCommand({ Name: listed.Name }))),
    detail(async () => {
      const output = await client.send(new ListTagsForResourceCommand({ ResourceARN: listed.Arn }));
      return output.Tags ?? [];
    }),
  ]);
  return { listed, bus, tags };
}

/** Every rule on one bus (ListRules pages by NextToken), each with its targets (also paged). */
async function readRules(ctx: CollectContext, client: EventBridgeClient, bus: EventBus): Promise<RuleRead[]> {
  const rules: Rule[] = [];
  for await (const page of markerPages(
    (token) => client.send(new ListRulesCommand({ EventBusName: bus.Name, Limit: 100, NextToken: token })),
    (page) => page.NextToken,
  ))
    rules.push(...(page.Rules ?? []).filter((rule) => rule.Name && rule.Arn));
  const reads = await ctx.mapLimit(rules, async (rule): Promise<RuleRead> => ({
    rule,
    busArn: bus.Arn as string,
    targets: await detail(async () => {
      const targets: Target[] = [];
      for await (const page of markerPages(
        (token) =>
          client.send(
            new ListTargetsByRuleCommand({
              Rule: rule.Name,
              EventBusName: bus.Name,
              Limit: 100,
              NextToken: token,
            }),
          ),
        (page) => page.NextToken,
      ))
        targets.push(...(page.Targets ?? []));
      return targets;
    }),
  }));
  return reads.filter((read) => !isGone(read.targets, GONE));
}
