import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const snsOperations: OperationDeclaration[] = [
  { api: 'SNS.ListTopics', actions: ['sns:ListTopics'] },
  { api: 'SNS.GetTopicAttributes', actions: ['sns:GetTopicAttributes'] },
  { api: 'SNS.ListSubscriptions', actions: ['sns:ListSubscriptions'] },
];

export const snsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_sns_topic',
    class: 'Channel',
    listOperation: 'SNS.ListTopics',
    detailOperations: ['SNS.GetTopicAttributes', 'SNS.ListSubscriptions'],
    idSource: 'Topic.TopicArn',
  },
];
