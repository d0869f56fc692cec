// EKS reads: cluster names (paginated), then DescribeCluster and ListAccessEntries per cluster (no bulk form).
import {
  DescribeClusterCommand,
  paginateListAccessEntries,
  paginateListClusters,
  type Cluster,
  type EKSClient,
} from '@aws-sdk/client-eks';

export async function* clusterNamePages(client: EKSClient, signal: AbortSignal): AsyncGenerator<string[]> {
  for await (const page of paginateListClusters({ client }, { maxResults: 100 }, { abortSignal: signal })) {
    yield page.clusters ?? [];
  }
}

export async function describeCluster(
  client: EKSClient,
  name: string,
  signal: AbortSignal,
): Promise<Cluster | undefined> {
  const output = await client.send(new DescribeClusterCommand({ name }), { abortSignal: signal });
  return output.cluster;
}

/** Every page of ListAccessEntries merged into one output (no nextToken). */
export async function listAccessEntries(
  client: EKSClient,
  clusterName: string,
  signal: AbortSignal,
): Promise<{ accessEntries: string[] }> {
  const accessEntries: string[] = [];
  const pages = paginateListAccessEntries(
    { client },
    { clusterName, maxResults: 100 },
    { abortSignal: signal },
  );
  for await (const page of pages) accessEntries.push(...(page.accessEntries ?? []));
  return { accessEntries };
}
