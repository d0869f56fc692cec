import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionFamiliesCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ecsCollector } from '../../../../collector/services/ecs';
import { testContext } from '../../harness';
import {
  accessDenied,
  batchClusterArn,
  clusterNotFound,
  clustersPage1,
  clustersPage2,
  describeBatchCluster,
  describeProdCluster,
  describeReport,
  describeWeb,
  describeWebDeregistered,
  describeWebLatest,
  describeWebRunning,
  describeWebRunningInactive,
  familiesPage1,
  familiesPage2,
  noClusters,
  noFamilies,
  noServices,
  notImplemented,
  prodClusterArn,
  servicesPage1,
  taskDefinitionGone,
  webTaskDefinitionArn,
} from './fixtures';

const ecs = mockClient(ECSClient);

beforeEach(() => ecs.reset());

function serveEstate(): void {
  ecs.on(ListClustersCommand).resolves(clustersPage1);
  ecs.on(ListClustersCommand, { nextToken: 'clusters-page-2' }).resolves(clustersPage2);
  ecs.on(DescribeClustersCommand, { clusters: [prodClusterArn] }).resolves(describeProdCluster);
  ecs.on(DescribeClustersCommand, { clusters: [batchClusterArn] }).resolves(describeBatchCluster);
  ecs.on(ListServicesCommand, { cluster: prodClusterArn }).resolves(servicesPage1);
  ecs.on(ListServicesCommand, { cluster: batchClusterArn }).resolves(noServices);
  ecs.on(DescribeServicesCommand, { cluster: prodClusterArn }).resolves(describeWeb);
  ecs.on(ListTaskDefinitionFamiliesCommand, { status: 'ACTIVE' }).resolves(familiesPage1);
  ecs
    .on(ListTaskDefinitionFamiliesCommand, { status: 'ACTIVE', nextToken: 'families-page-2' })
    .resolves(familiesPage2);
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' }).resolves(describeWebLatest);
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'report' }).resolves(describeReport);
  ecs
    .on(DescribeTaskDefinitionCommand, { taskDefinition: webTaskDefinitionArn })
    .resolves(describeWebRunning);
}

describe('ecsCollector', () => {
  it('reads clusters, their services, the latest definition per family and the revision a service runs', async () => {
    serveEstate();
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(ecsCollector.operations.map((operation) => operation.api)));

    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_ecs_cluster prod',
      'aws_ecs_cluster batch',
      'aws_ecs_service web',
      'aws_ecs_task_definition web:42',
      'aws_ecs_task_definition report:3',
      'aws_ecs_task_definition web:41',
    ]);
    expect(ecs.commandCalls(DescribeClustersCommand)[0].args[0].input.include).toEqual([
      'SETTINGS',
      'CONFIGURATIONS',
      'TAGS',
    ]);
    const uses = run.relationships.find((edge) => edge.verb === 'USES' && edge.fromId.includes(':service/'));
    expect(run.assets.some((asset) => asset.id === uses?.toId)).toBe(true);
    expect(run.failures).toEqual([]);
  });

  it('does not describe a running revision twice when it is the latest', async () => {
    serveEstate();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' }).resolves(describeWebRunning);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(2);
    expect(run.assets.filter((asset) => asset.type === 'aws_ecs_task_definition')).toHaveLength(2);
  });

  it('describes services in batches of at most 10', async () => {
    serveEstate();
    const arns = Array.from(
      { length: 23 },
      (_, index) => `arn:aws:ecs:us-east-1:123456789012:service/prod/s${index}`,
    );
    ecs.on(ListServicesCommand, { cluster: prodClusterArn }).resolves({ $metadata: {}, serviceArns: arns });
    ecs.on(DescribeServicesCommand).resolves({ $metadata: {}, services: [] });
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(
      ecs.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input.services?.length),
    ).toEqual([10, 10, 3]);
  });

  it('emits nothing for an empty region', async () => {
    ecs.on(ListClustersCommand).resolves(noClusters);
    ecs.on(ListTaskDefinitionFamiliesCommand).resolves(noFamilies);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['ECS.ListClusters', 'ECS.ListTaskDefinitionFamilies']);
  });

  it('skips a task definition deleted since it was listed', async () => {
    serveEstate();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'report' }).rejects(taskDefinitionGone());
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).not.toContain('report:3');
    expect(run.failures).toEqual([]);
  });

  it('keeps task definitions when ListClusters is denied, with clusters and services marked failed', async () => {
    serveEstate();
    const denied = accessDenied('ecs:ListClusters');
    ecs.on(ListClustersCommand).rejects(denied);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.failures).toEqual([
      { type: 'aws_ecs_cluster', error: denied },
      { type: 'aws_ecs_service', error: denied },
    ]);
    expect(run.assets.map((asset) => asset.type)).toEqual([
      'aws_ecs_task_definition',
      'aws_ecs_task_definition',
    ]);
  });

  it('throws when nothing can be listed', async () => {
    ecs.on(ListClustersCommand).rejects(accessDenied('ecs:ListClusters'));
    ecs.on(ListTaskDefinitionFamiliesCommand).rejects(accessDenied('ecs:ListTaskDefinitionFamilies'));
    const run = testContext(ecsCollector);

    await expect(ecsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_ecs_cluster',
      'aws_ecs_service',
      'aws_ecs_task_definition',
    ]);
  });

  it('still reads the revisions services run when ListTaskDefinitionFamilies fails', async () => {
    serveEstate();
    const failure = notImplemented('ListTaskDefinitionFamilies');
    ecs.on(ListTaskDefinitionFamiliesCommand).rejects(failure);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_ecs_task_definition', error: failure }]);
    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_ecs_cluster prod',
      'aws_ecs_cluster batch',
      'aws_ecs_service web',
      'aws_ecs_task_definition web:41',
    ]);
    const uses = run.relationships.find((edge) => edge.verb === 'USES' && edge.fromId.includes(':service/'));
    expect(run.assets.some((asset) => asset.id === uses?.toId)).toBe(true);
  });

  it('leaves out a family answer that is no longer ACTIVE when no service runs it', async () => {
    serveEstate();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' }).resolves(describeWebDeregistered);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.assets.filter((asset) => asset.type === 'aws_ecs_task_definition').map((a) => a.name)).toEqual(
      ['report:3', 'web:41'],
    );
    expect(run.failures).toEqual([]);
  });

  it('keeps an inactive family answer once when a service runs that revision', async () => {
    serveEstate();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' }).resolves(describeWebRunningInactive);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    const definitions = run.assets.filter((asset) => asset.type === 'aws_ecs_task_definition');
    expect(definitions.map((asset) => [asset.name, asset.config.status])).toEqual([
      ['web:41', 'INACTIVE'],
      ['report:3', 'ACTIVE'],
    ]);
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(2);
  });

  it('treats a cluster deleted before its services were listed as having none', async () => {
    serveEstate();
    ecs.on(ListServicesCommand, { cluster: batchClusterArn }).rejects(clusterNotFound());
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.assets.filter((asset) => asset.type === 'aws_ecs_service').map((a) => a.name)).toEqual([
      'web',
    ]);
    expect(run.failures).toEqual([]);
  });

  it('marks only services failed when DescribeServices is not implemented', async () => {
    serveEstate();
    const failure = notImplemented('DescribeServices');
    ecs.on(DescribeServicesCommand).rejects(failure);
    const run = testContext(ecsCollector);

    await ecsCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_ecs_service', error: failure }]);
    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_ecs_cluster prod',
      'aws_ecs_cluster batch',
      'aws_ecs_task_definition web:42',
      'aws_ecs_task_definition report:3',
    ]);
  });
});
