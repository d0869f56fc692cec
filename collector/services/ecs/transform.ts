// Pure: ECS describe items -> aws_ecs_cluster / aws_ecs_service / aws_ecs_task_definition assets and edges.
//
// Example: Service { serviceArn: S, clusterArn: C, taskDefinition: T,
//   networkConfiguration: { awsvpcConfiguration: { securityGroups: ['sg-1'] } } }
// -> S IN C, S USES T, sg-1 PROTECTS S. TaskDefinition { taskRoleArn: R1, executionRoleArn: R2 } -> T USES R1, R2.
import type { Cluster, Service, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Asset, Relationship } from '../../../store/model';
import { ec2Arn, newAsset, relationship, toConfig, type AssetScope } from './normalise';

export const CLUSTER_TYPE = 'aws_ecs_cluster';
export const SERVICE_TYPE = 'aws_ecs_service';
export const TASK_DEFINITION_TYPE = 'aws_ecs_task_definition';

export function transformCluster(scope: AssetScope, cluster: Cluster): Asset {
  const id = cluster.clusterArn ?? '';
  return newAsset(scope, {
    id,
    type: CLUSTER_TYPE,
    class: 'Cluster',
    name: cluster.clusterName ?? id,
    tags: ecsTags(cluster.tags),
    config: toConfig(cluster),
  });
}

export function transformService(
  scope: AssetScope,
  service: Service,
): { asset: Asset; relationships: Relationship[] } {
  const id = service.serviceArn ?? '';
  const asset = newAsset(scope, {
    id,
    type: SERVICE_TYPE,
    class: 'Service',
    name: service.serviceName ?? id,
    tags: ecsTags(service.tags),
    config: toConfig(service),
  });
  const relationships: Relationship[] = [];
  if (service.clusterArn) relationships.push(relationship(scope, id, 'IN', service.clusterArn));
  if (service.taskDefinition) relationships.push(relationship(scope, id, 'USES', service.taskDefinition));
  for (const groupId of service.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? []) {
    relationships.push(relationship(scope, ec2Arn(scope, `security-group/${groupId}`), 'PROTECTS', id));
  }
  return { asset, relationships };
}

export function transformTaskDefinition(
  scope: AssetScope,
  taskDefinition: TaskDefinition,
  tags: Tag[] | undefined,
): { asset: Asset; relationships: Relationship[] } {
  const id = taskDefinition.taskDefinitionArn ?? '';
  const asset = newAsset(scope, {
    id,
    type: TASK_DEFINITION_TYPE,
    class: 'Task',
    name: `${taskDefinition.family}:${taskDefinition.revision}`,
    tags: ecsTags(tags),
    config: toConfig(taskDefinition),
  });
  const roles = new Set([taskDefinition.taskRoleArn, taskDefinition.executionRoleArn]);
  const relationships: Relationship[] = [];
  for (const role of roles)
    if (role) relationships.push(relationship(scope, id, 'USES', roleArn(scope, role)));
  return { asset, relationships };
}

/** Task definitions may name their roles by short name; edges need the ARN. */
function roleArn(scope: AssetScope, role: string): string {
  return role.startsWith('arn:') ? role : `arn:${scope.partition}:iam::${scope.accountId}:role/${role}`;
}

/** ECS spells tag members in lower case. */
function ecsTags(tags: Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) map[tag.key] = tag.value ?? '';
  return map;
}
