import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Configuration only: events are never put, tested or replayed, and archives are not read.
export const eventbridgeOperations: OperationDeclaration[] = [
  { api: 'EventBridge.ListEventBuses', actions: ['events:ListEventBuses'] },
  { api: 'EventBridge.DescribeEventBus', actions: ['events:DescribeEventBus'] },
  { api: 'EventBridge.ListTagsForResource', actions: ['events:ListTagsForResource'] },
  { api: 'EventBridge.ListRules', actions: ['events:ListRules'] },
  { api: 'EventBridge.ListTargetsByRule', actions: ['events:ListTargetsByRule'] },
  { api: 'EventBridge.ListEndpoints', actions: ['events:ListEndpoints'] },
];

export const eventbridgeResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_eventbridge_event_bus',
    class: 'Channel',
    listOperation: 'EventBridge.ListEventBuses',
    detailOperations: ['EventBridge.DescribeEventBus', 'EventBridge.ListTagsForResource'],
    idSource: 'EventBuses[].Arn',
  },
  {
    type: 'aws_eventbridge_rule',
    class: 'Configuration',
    listOperation: 'EventBridge.ListRules',
    detailOperations: ['EventBridge.ListTargetsByRule'],
    idSource: 'Rules[].Arn (ListRules per event bus)',
  },
  {
    type: 'aws_eventbridge_endpoint',
    class: 'Gateway',
    listOperation: 'EventBridge.ListEndpoints',
    idSource: 'Endpoints[].Arn',
  },
];
