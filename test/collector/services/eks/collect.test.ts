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
  clustersPage1,
  clustersPage2,
  describeLegacy,
  describeProd,
  noClusters,
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
});
