import {
  CLUSTER_TYPE,
  SERVICE_TYPE,
  TASK_DEFINITION_TYPE,
  transformCluster,
  transformService,
  transformTaskDefinition,
} from '../../../../collector/services/ecs/transform';
import type { Where } from '../../../../collector/shape';
import {
  bareCluster,
  bareTaskDefinition,
  externalService,
  prodCluster,
  reportLatest,
  webLatest,
  webService,
} from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'ecs',
};
const edge = { accountId: '123456789012', service: 'ecs', region: 'us-east-1' };

describe('transformCluster', () => {
  it('keeps the cluster as config and reads its lower-case tags', () => {
    expect(transformCluster(scope, prodCluster)).toEqual({
      id: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'ecs',
      type: CLUSTER_TYPE,
      class: 'Cluster',
      name: 'prod',
      tags: { env: 'prod' },
      config: prodCluster,
    });
  });

  it('keeps a cluster without tags or settings with an empty tag map', () => {
    const asset = transformCluster(scope, bareCluster);

    expect(asset.tags).toEqual({});
    expect(asset.config).toEqual(bareCluster);
  });
});

describe('transformService', () => {
  it('puts the service IN its cluster, USES its task definition, and its security groups PROTECT it', () => {
    const { asset, relationships } = transformService(scope, webService);

    expect(asset).toMatchObject({
      id: webService.serviceArn,
      type: SERVICE_TYPE,
      class: 'Service',
      name: 'web',
      tags: { team: 'storefront' },
      config: { createdAt: '2026-03-01T12:00:00.000Z', taskDefinition: webService.taskDefinition },
    });
    expect(relationships).toEqual([
      {
        ...edge,
        fromId: webService.serviceArn,
        verb: 'IN',
        toId: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      },
      {
        ...edge,
        fromId: webService.serviceArn,
        verb: 'USES',
        toId: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41',
      },
      {
        ...edge,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0web',
        verb: 'PROTECTS',
        toId: webService.serviceArn,
      },
    ]);
  });
});

describe('transformService (optional members absent)', () => {
  it('puts a service without task definition, load balancers or network configuration only IN its cluster', () => {
    const { asset, relationships } = transformService(scope, externalService);

    expect(asset.tags).toEqual({});
    expect(asset.config).toEqual(externalService);
    expect(relationships).toEqual([
      { ...edge, fromId: externalService.serviceArn, verb: 'IN', toId: externalService.clusterArn },
    ]);
  });
});

describe('transformTaskDefinition', () => {
  it('names the definition family:revision and links both roles', () => {
    const { asset, relationships } = transformTaskDefinition(scope, webLatest, [
      { key: 'team', value: 'storefront' },
    ]);

    expect(asset).toMatchObject({
      id: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42',
      type: TASK_DEFINITION_TYPE,
      class: 'Task',
      name: 'web:42',
      tags: { team: 'storefront' },
      config: { registeredAt: '2026-11-20T11:00:00.000Z', networkMode: 'awsvpc' },
    });
    expect(relationships.map((relation) => relation.toId)).toEqual([
      'arn:aws:iam::123456789012:role/web-task',
      'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    ]);
  });

  it('turns a short role name into the role ARN', () => {
    const { relationships } = transformTaskDefinition(scope, reportLatest, undefined);

    expect(relationships).toEqual([
      {
        ...edge,
        fromId: reportLatest.taskDefinitionArn,
        verb: 'USES',
        toId: 'arn:aws:iam::123456789012:role/report-task',
      },
    ]);
  });

  it('links no role for a definition without roles and reads no tags when AWS returns none', () => {
    const { asset, relationships } = transformTaskDefinition(scope, bareTaskDefinition, undefined);

    expect(asset.name).toBe('cron:1');
    expect(asset.tags).toEqual({});
    expect(relationships).toEqual([]);
  });
});
