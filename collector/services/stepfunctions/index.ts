// Step Functions (regional): state machines with their logging, X-Ray tracing, encryption and role, and tags.
// The definition and executions are never read (DescribeStateMachine with includedData METADATA_ONLY).
import {
  DescribeStateMachineCommand,
  ListTagsForResourceCommand,
  paginateListStateMachines,
  SFNClient,
  type StateMachineListItem,
} from '@aws-sdk/client-sfn';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, isGone, readOutput, whereOf } from '../../read';
import { stepfunctionsOperations, stepfunctionsResourceTypes } from './declarations';
import { stateMachineAsset, stateMachineRelationships, type StateMachineRead } from './transform';

export const stepfunctionsCollector: CollectorModule = {
  service: 'stepfunctions',
  scope: 'regional',
  resourceTypes: stepfunctionsResourceTypes,
  operations: stepfunctionsOperations,
  collect: collectStepFunctions,
};

/** A state machine deleted since the list: DescribeStateMachine and ListTagsForResource name it differently. */
const STATE_MACHINE_GONE = ['StateMachineDoesNotExist', 'ResourceNotFound'];

async function collectStepFunctions(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SFNClient);
  const scope = whereOf(ctx, stepfunctionsCollector.service);
  // ListStateMachines pages by nextToken (1,000 at most per page).
  const items: StateMachineListItem[] = [];
  for await (const page of paginateListStateMachines({ client }, { maxResults: 1000 }))
    items.push(...(page.stateMachines ?? []).filter((item) => item.stateMachineArn));
  if (items.length === 0) return;
  const reads = await ctx.mapLimit(items, async (item): Promise<StateMachineRead> => {
    const arn = item.stateMachineArn as string;
    const [description, tags] = await Promise.all([
      readOutput(() =>
        client.send(new DescribeStateMachineCommand({ stateMachineArn: arn, includedData: 'METADATA_ONLY' })),
      ),
      detail(async () => {
        const output = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
        return output.tags ?? [];
      }),
    ]);
    return { item, description, tags };
  });
  const present = reads.filter(
    (read) => !isGone(read.description, STATE_MACHINE_GONE) && !isGone(read.tags, STATE_MACHINE_GONE),
  );
  const assets = present.map((read) => stateMachineAsset(scope, read));
  await ctx.emit({
    assets,
    relationships: assets.flatMap((machine) => stateMachineRelationships(scope, machine)),
  });
}
