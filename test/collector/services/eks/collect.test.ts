import {
  DescribeClusterCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { eksCollector } from '../../../../collector/services/eks';
import { testContext } from '../../harness';
import {
  accessDenied,
  clusterNotFound,
  clustersMemberOmitted,
  clustersPage1,
  clustersPage2,
  configMapModeRefusal,
  describeLegacy,
  describeMinimal,
  describeProd,
  minimalOnly,
  noClusters,
  notImplemented,
  prodEntriesPage1,
  prodEntriesPage2,
} from './fixtures';

const eks = mockClient(EKSClient);

beforeEach(() => eks.reset());

function serveClusters(): void {
  eks.on(ListClustersCommand).resolves(clustersPage1);
  eks.on(ListClustersCommand, { nextToken: 'clusters-page-2' }).resolves(clustersPage2);
  eks.on(DescribeClusterCommand, { name: 'prod' }).resolves(describeProd);
  eks.on(DescribeClusterCommand, { name: 'legacy' }).resolves(describeLegacy);
  eks.on(ListAccessEntriesCommand, { clusterName: 'prod' }).resolves(prodEntriesPage1);
  eks
    .on(ListAccessEntriesCommand, { clusterName: 'prod', nextToken: 'entries-page-2' })
    .resolves(prodEntriesPage2);
}

describe('eksCollector', () => {
  it('describes every listed cluster and merges all access entry pages', async () => {
    serveClusters();
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(eksCollector.operations.map((operation) => operation.api)));

    expect(run.assets.map((asset) => [asset.name, asset.config.AccessEntries])).toEqual([
      [
        'prod',
        {
          accessEntries: [
            'arn:aws:iam::123456789012:role/platform-admins',
            'arn:aws:iam::123456789012:role/CloudwardReadOnly',
          ],
        },
      ],
      // CONFIG_MAP clusters are not asked (the API would refuse): no access entries.
      ['legacy', null],
    ]);
    expect(
      eks.commandCalls(ListAccessEntriesCommand).every((call) => call.args[0].input.clusterName === 'prod'),
    ).toBe(true);
    expect(run.relationships).toHaveLength(7);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing for a region without clusters', async () => {
    eks.on(ListClustersCommand).resolves(noClusters);
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['EKS.ListClusters']);
  });

  it('skips a cluster deleted between list and describe without failing the type', async () => {
    serveClusters();
    eks.on(DescribeClusterCommand, { name: 'legacy' }).rejects(clusterNotFound('legacy'));
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).toEqual(['prod']);
    expect(run.failures).toEqual([]);
  });

  it('marks the type incomplete when a cluster cannot be described', async () => {
    serveClusters();
    const denied = accessDenied('eks:DescribeCluster');
    eks.on(DescribeClusterCommand, { name: 'prod' }).rejects(denied);
    const run = testContext(eksCollector);

    await expect(eksCollector.collect(run.ctx)).rejects.toBe(denied);
    expect(run.assets.map((asset) => asset.name)).toEqual(['legacy']);
    expect(run.failures).toEqual([{ type: 'aws_eks_cluster', error: denied }]);
  });

  it('marks the type failed and throws when ListClusters is denied', async () => {
    eks.on(ListClustersCommand).rejects(accessDenied('eks:ListClusters'));
    const run = testContext(eksCollector);

    await expect(eksCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_eks_cluster']);
  });

  it('emits nothing when the last ListClusters page omits the clusters member', async () => {
    eks.on(ListClustersCommand).resolves(clustersMemberOmitted);
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('stores null access entries when a cluster that does not report its mode is refused as CONFIG_MAP', async () => {
    eks.on(ListClustersCommand).resolves(minimalOnly);
    eks.on(DescribeClusterCommand, { name: 'minimal' }).resolves(describeMinimal);
    eks.on(ListAccessEntriesCommand).rejects(configMapModeRefusal());
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    expect(run.assets).toHaveLength(1);
    expect(run.assets[0].config.AccessEntries).toBeNull();
    expect(run.assets[0].readErrors).toBeUndefined();
    expect(run.failures).toEqual([]);
  });

  it('records the refusal as a read error for a cluster that says it uses access entries', async () => {
    serveClusters();
    eks.on(ListAccessEntriesCommand, { clusterName: 'prod' }).rejects(configMapModeRefusal());
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    const prod = run.assets.find((asset) => asset.name === 'prod');
    expect(prod?.config).not.toHaveProperty('AccessEntries');
    expect(prod?.readErrors).toEqual({ AccessEntries: 'InvalidRequestException' });
  });

  it('keeps every cluster when the endpoint does not implement ListAccessEntries', async () => {
    eks.on(ListClustersCommand).resolves(minimalOnly);
    eks.on(DescribeClusterCommand, { name: 'minimal' }).resolves(describeMinimal);
    eks.on(ListAccessEntriesCommand).rejects(notImplemented('ListAccessEntries'));
    const run = testContext(eksCollector);

    await eksCollector.collect(run.ctx);

    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      ['minimal', { AccessEntries: 'InternalFailure' }],
    ]);
    // Only that detail failed: the cluster type is complete and the cluster's edges are emitted.
    expect(run.failures).toEqual([]);
    expect(run.relationships.map((edge) => edge.verb).sort()).toEqual(['PROTECTS', 'USES']);
  });
});
