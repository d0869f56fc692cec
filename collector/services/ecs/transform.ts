// Pure: ECS describe items -> aws_ecs_cluster / aws_ecs_service / aws_ecs_task_definition assets and edges.
//
// Example: Service { serviceArn: S, clusterArn: C, taskDefinition: T,
//   networkConfiguration: { awsvpcConfiguration: { securityGroups: ['sg-1'] } } }
// -> S IN C, S USES T, sg-1 PROTECTS S. TaskDefinition { taskRoleArn: R1, executionRoleArn: R2 } -> T USES R1, R2.
import type { Cluster, Service, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Asset, Relationship } from '../../../store/model';
import { makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { ec2Arn, type Where } from '../../shape';

export const CLUSTER_TYPE = 'aws_ecs_cluster';
export const SERVICE_TYPE = 'aws_ecs_service';
export const TASK_DEFINITION_TYPE = 'aws_ecs_task_definition';

export function transformCluster(scope: Where, cluster: Cluster): Asset {
  const id = cluster.clusterArn ?? '';
  return makeAsset(scope, {
    id,
    type: CLUSTER_TYPE,
    class: 'Cluster',
    name: cluster.clusterName ?? id,
    tags: tagMap(cluster.tags),
    config: plainConfig(cluster),
  });
}

export function transformService(
  scope: Where,
  service: Service,
): { asset: Asset; relationships: Relationship[] } {
  const id = service.serviceArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: SERVICE_TYPE,
    class: 'Service',
    name: service.serviceName ?? id,
    tags: tagMap(service.tags),
    config: plainConfig(service),
  });
  const relationships: Relationship[] = [];
  if (service.clusterArn) relationships.push(makeRelationship(scope, id, 'IN', service.clusterArn));
  if (service.taskDefinition) relationships.push(makeRelationship(scope, id, 'USES', service.taskDefinition));
  for (const groupId of service.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? []) {
    relationships.push(makeRelationship(scope, ec2Arn(scope, `security-group/${groupId}`), 'PROTECTS', id));
  }
  return { asset, relationships };
}

export function transformTaskDefinition(
  scope: Where,
  taskDefinition: TaskDefinition,
  tags: Tag[] | undefined,
): { asset: Asset; relationships: Relationship[] } {
  const id = taskDefinition.taskDefinitionArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: TASK_DEFINITION_TYPE,
    class: 'Task',
    name: `${taskDefinition.family}:${taskDefinition.revision}`,
    tags: tagMap(tags),
    config: plainConfig(taskDefinition),
  });
  const roles = new Set([taskDefinition.taskRoleArn, taskDefinition.executionRoleArn]);
  const relationships: Relationship[] = [];
  for (const role of roles)
    if (role) relationships.push(makeRelationship(scope, id, 'USES', roleArn(scope, role)));
  return { asset, relationships };
}

/** Task definitions may name their roles by short name; edges need the ARN. */
function roleArn(scope: Where, role: string): string {
  return role.startsWith('arn:') ? role : `arn:${scope.partition}:iam::${scope.accountId}:role/${role}`;
}
