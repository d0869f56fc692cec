import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const snsOperations: OperationDeclaration[] = [
  { api: 'SNS.ListTopics', actions: ['sns:ListTopics'] },
  { api: 'SNS.GetTopicAttributes', actions: ['sns:GetTopicAttributes'] },
  { api: 'SNS.ListSubscriptions', actions: ['sns:ListSubscriptions'] },
  { api: 'SNS.ListTagsForResource', actions: ['sns:ListTagsForResource'] },
];

export const snsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_sns_topic',
    class: 'Channel',
    listOperation: 'SNS.ListTopics',
    detailOperations: ['SNS.GetTopicAttributes', 'SNS.ListSubscriptions', 'SNS.ListTagsForResource'],
    idSource: 'Topic.TopicArn',
  },
];
