// ECS reads. Lists are paginated; describes take batches (100 clusters, 10 services) so the call count grows with
// the estate divided by the batch size, and DescribeTaskDefinition (no batch form) runs once per family.
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  paginateListClusters,
  paginateListServices,
  paginateListTaskDefinitionFamilies,
  type Cluster,
  type DescribeTaskDefinitionCommandOutput,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';

export const CLUSTER_BATCH = 100;
export const SERVICE_BATCH = 10;

export async function* clusterArnPages(client: ECSClient, signal: AbortSignal): AsyncGenerator<string[]> {
  for await (const page of paginateListClusters(
    { client },
    { maxResults: CLUSTER_BATCH },
    { abortSignal: signal },
  )) {
    yield page.clusterArns ?? [];
  }
}

/** At most CLUSTER_BATCH ARNs; clusters AWS reports as `failures` (deleted meanwhile) are left out. */
export async function describeClusters(
  client: ECSClient,
  clusterArns: string[],
  signal: AbortSignal,
): Promise<Cluster[]> {
  if (clusterArns.length === 0) return [];
  const output = await client.send(
    // SETTINGS carries containerInsights; TAGS saves a ListTagsForResource call per cluster.
    new DescribeClustersCommand({ clusters: clusterArns, include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'] }),
    { abortSignal: signal },
  );
  return output.clusters ?? [];
}

export async function* serviceArnPages(
  client: ECSClient,
  clusterArn: string,
  signal: AbortSignal,
): AsyncGenerator<string[]> {
  const pages = paginateListServices(
    { client },
    { cluster: clusterArn, maxResults: 100 },
    { abortSignal: signal },
  );
  for await (const page of pages) yield page.serviceArns ?? [];
}

/** At most SERVICE_BATCH ARNs of one cluster. */
export async function describeServices(
  client: ECSClient,
  clusterArn: string,
  serviceArns: string[],
  signal: AbortSignal,
): Promise<Service[]> {
  if (serviceArns.length === 0) return [];
  const output = await client.send(
    new DescribeServicesCommand({ cluster: clusterArn, services: serviceArns, include: ['TAGS'] }),
    { abortSignal: signal },
  );
  return output.services ?? [];
}

export async function* activeFamilyPages(client: ECSClient, signal: AbortSignal): AsyncGenerator<string[]> {
  const pages = paginateListTaskDefinitionFamilies(
    { client },
    { status: 'ACTIVE', maxResults: 100 },
    { abortSignal: signal },
  );
  for await (const page of pages) yield page.families ?? [];
}

/** `family` alone resolves to its latest ACTIVE revision; a full ARN to that exact revision. */
export function describeTaskDefinition(
  client: ECSClient,
  familyOrArn: string,
  signal: AbortSignal,
): Promise<DescribeTaskDefinitionCommandOutput> {
  return client.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyOrArn, include: ['TAGS'] }), {
    abortSignal: signal,
  });
}

export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
