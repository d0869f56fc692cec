import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: ReceiveMessage (message bodies) is never called and never granted (onboarding/data-access.ts).
export const sqsOperations: OperationDeclaration[] = [
  { api: 'SQS.ListQueues', actions: ['sqs:ListQueues'] },
  { api: 'SQS.GetQueueAttributes', actions: ['sqs:GetQueueAttributes'] },
  { api: 'SQS.ListQueueTags', actions: ['sqs:ListQueueTags'] },
];

export const sqsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_sqs_queue',
    class: 'Channel',
    listOperation: 'SQS.ListQueues',
    detailOperations: ['SQS.GetQueueAttributes', 'SQS.ListQueueTags'],
    idSource: 'Attributes.QueueArn (built from the queue URL when GetQueueAttributes failed)',
  },
];
