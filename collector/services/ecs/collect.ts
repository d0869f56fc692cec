// The ECS read order: clusters, then their services, then task definitions (the latest ACTIVE revision of
// every family plus any other revision a service still runs, so each "service USES task definition" edge
// points at an asset that exists).
import { ECSClient } from '@aws-sdk/client-ecs';
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
    failures.run([SERVICE_TYPE], () => collectServices(ctx, client, scope, clusterArn, usedTaskDefinitions)),
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
  const describeAndEmit = async (familyOrArn: string): Promise<void> => {
    let output;
    try {
      output = await describeTaskDefinition(client, familyOrArn, ctx.signal);
    } catch (error) {
      // ECS answers ClientException for a definition deregistered and deleted since it was listed.
      if (errorCode(error) !== 'ClientException') failures.fail([TASK_DEFINITION_TYPE], error);
      return;
    }
    if (!output.taskDefinition?.taskDefinitionArn || emitted.has(output.taskDefinition.taskDefinitionArn))
      return;
    emitted.add(output.taskDefinition.taskDefinitionArn);
    const { asset, relationships } = transformTaskDefinition(scope, output.taskDefinition, output.tags);
    await ctx.emit({ assets: [asset], relationships });
  };

  for await (const families of activeFamilyPages(client, ctx.signal)) {
    await ctx.mapLimit(families, describeAndEmit);
  }
  const stillNeeded = [...usedTaskDefinitions].filter((arn) => !emitted.has(arn));
  await ctx.mapLimit(stillNeeded, describeAndEmit);
}
