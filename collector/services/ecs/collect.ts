// The ECS read order: clusters, then their services, then task definitions (the latest ACTIVE revision of
// every family plus any other revision a service still runs, so each "service USES task definition" edge
// points at an asset that exists).
import { ECSClient, type TaskDefinition } from '@aws-sdk/client-ecs';
import type { CollectContext } from '../../types';
import {
  activeFamilyPages,
  batches,
  clusterArnPages,
  describeClusters,
  describeServices,
  describeTaskDefinition,
  serviceArnPages,
  SERVICE_BATCH,
} from './get';
import { errorCode } from '../../errors';
import { ListFailures, whereOf } from '../../read';
import { type Where } from '../../shape';
import {
  CLUSTER_TYPE,
  SERVICE_TYPE,
  TASK_DEFINITION_TYPE,
  transformCluster,
  transformService,
  transformTaskDefinition,
} from './transform';

export async function collectEcs(ctx: CollectContext): Promise<void> {
  const client = ctx.client(ECSClient);
  const scope = whereOf(ctx, 'ecs');
  const failures = new ListFailures(ctx, [CLUSTER_TYPE, SERVICE_TYPE, TASK_DEFINITION_TYPE]);
  const clusterArns: string[] = [];
  const usedTaskDefinitions = new Set<string>();

  // Services are listed per cluster: without the cluster list they cannot be complete either.
  await failures.run([CLUSTER_TYPE, SERVICE_TYPE], async () => {
    for await (const arns of clusterArnPages(client, ctx.signal)) {
      clusterArns.push(...arns);
      try {
        const clusters = await describeClusters(client, arns, ctx.signal);
        await ctx.emit({ assets: clusters.map((cluster) => transformCluster(scope, cluster)) });
      } catch (error) {
        failures.fail([CLUSTER_TYPE], error);
      }
    }
  });

  await ctx.mapLimit(clusterArns, (clusterArn) =>
    failures.run([SERVICE_TYPE], async () => {
      try {
        await collectServices(ctx, client, scope, clusterArn, usedTaskDefinitions);
      } catch (error) {
        // Deleted since it was listed: it has no services left to lose.
        if (errorCode(error) !== 'ClusterNotFoundException') throw error;
      }
    }),
  );

  await failures.run([TASK_DEFINITION_TYPE], () =>
    collectTaskDefinitions(ctx, client, scope, usedTaskDefinitions, failures),
  );
  failures.finish();
}

async function collectServices(
  ctx: CollectContext,
  client: ECSClient,
  scope: Where,
  clusterArn: string,
  usedTaskDefinitions: Set<string>,
): Promise<void> {
  for await (const serviceArns of serviceArnPages(client, clusterArn, ctx.signal)) {
    for (const batch of batches(serviceArns, SERVICE_BATCH)) {
      const services = await describeServices(client, clusterArn, batch, ctx.signal);
      const results = services.map((service) => transformService(scope, service));
      for (const service of services)
        if (service.taskDefinition) usedTaskDefinitions.add(service.taskDefinition);
      await ctx.emit({
        assets: results.map((result) => result.asset),
        relationships: results.flatMap((result) => result.relationships),
      });
    }
  }
}

async function collectTaskDefinitions(
  ctx: CollectContext,
  client: ECSClient,
  scope: Where,
  usedTaskDefinitions: Set<string>,
  failures: ListFailures,
): Promise<void> {
  const emitted = new Set<string>();
  const describeAndEmit = async (familyOrArn: string, byFamily: boolean): Promise<void> => {
    let output;
    try {
      output = await describeTaskDefinition(client, familyOrArn, ctx.signal);
    } catch (error) {
      // ECS answers ClientException for a definition deregistered and deleted since it was listed.
      if (errorCode(error) !== 'ClientException') failures.fail([TASK_DEFINITION_TYPE], error);
      return;
    }
    const taskDefinition = output.taskDefinition;
    const arn = taskDefinition?.taskDefinitionArn;
    if (!taskDefinition || !arn || emitted.has(arn)) return;
    // A family stands for its latest ACTIVE revision; one that answers with another status (deregistered since
    // the family was listed) is kept only when a service still runs it.
    if (byFamily && !isActive(taskDefinition) && !usedTaskDefinitions.has(arn)) return;
    emitted.add(arn);
    const { asset, relationships } = transformTaskDefinition(scope, taskDefinition, output.tags);
    await ctx.emit({ assets: [asset], relationships });
  };

  // Without the family list the type is incomplete, but the revisions services run can still be read.
  await failures.run([TASK_DEFINITION_TYPE], async () => {
    for await (const families of activeFamilyPages(client, ctx.signal)) {
      await ctx.mapLimit(families, (family) => describeAndEmit(family, true));
    }
  });
  const stillNeeded = [...usedTaskDefinitions].filter((arn) => !emitted.has(arn));
  await ctx.mapLimit(stillNeeded, (arn) => describeAndEmit(arn, false));
}

/** A definition without `status` (optional in the model) counts as the active revision its family answered with. */
function isActive(taskDefinition: TaskDefinition): boolean {
  return taskDefinition.status === undefined || taskDefinition.status === 'ACTIVE';
}
