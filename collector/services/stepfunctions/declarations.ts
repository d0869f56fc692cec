import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: executions and their inputs/outputs are never read, and DescribeStateMachine asks for
// METADATA_ONLY (no definition, so no kms:Decrypt on an encrypted one).
export const stepfunctionsOperations: OperationDeclaration[] = [
  { api: 'SFN.ListStateMachines', actions: ['states:ListStateMachines'] },
  { api: 'SFN.DescribeStateMachine', actions: ['states:DescribeStateMachine'] },
  { api: 'SFN.ListTagsForResource', actions: ['states:ListTagsForResource'] },
];

export const stepfunctionsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_stepfunctions_state_machine',
    class: 'Function',
    listOperation: 'SFN.ListStateMachines',
    detailOperations: ['SFN.DescribeStateMachine', 'SFN.ListTagsForResource'],
    idSource: 'stateMachines[].stateMachineArn',
  },
];
