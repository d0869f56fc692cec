// ECS clusters, services and task definitions (CATALOG.md: aws_ecs_cluster, aws_ecs_service,
// aws_ecs_task_definition).
import type { CollectorModule } from '../../types';
import { collectEcs } from './collect';
import { CLUSTER_TYPE, SERVICE_TYPE, TASK_DEFINITION_TYPE } from './transform';

export const ecsCollector: CollectorModule = {
  service: 'ecs',
  scope: 'regional',
  resourceTypes: [
    {
      type: CLUSTER_TYPE,
      class: 'Cluster',
      listOperation: 'ECS.ListClusters',
      detailOperations: ['ECS.DescribeClusters'],
      idSource: 'clusterArn',
    },
    {
      type: SERVICE_TYPE,
      class: 'Service',
      listOperation: 'ECS.ListServices',
      detailOperations: ['ECS.DescribeServices'],
      idSource: 'serviceArn',
    },
    {
      type: TASK_DEFINITION_TYPE,
      class: 'Task',
      listOperation: 'ECS.ListTaskDefinitionFamilies',
      detailOperations: ['ECS.DescribeTaskDefinition'],
      idSource: 'taskDefinitionArn (latest ACTIVE revision per family, plus revisions services run)',
    },
  ],
  operations: [
    { api: 'ECS.ListClusters', actions: ['ecs:ListClusters'] },
    { api: 'ECS.DescribeClusters', actions: ['ecs:DescribeClusters'] },
    { api: 'ECS.ListServices', actions: ['ecs:ListServices'] },
    { api: 'ECS.DescribeServices', actions: ['ecs:DescribeServices'] },
    { api: 'ECS.ListTaskDefinitionFamilies', actions: ['ecs:ListTaskDefinitionFamilies'] },
    { api: 'ECS.DescribeTaskDefinition', actions: ['ecs:DescribeTaskDefinition'] },
  ],
  collect: collectEcs,
};
