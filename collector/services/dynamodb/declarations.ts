import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: item reads (GetItem, Query, Scan, ...) are never called and never granted (onboarding/data-access.ts).
export const dynamodbOperations: OperationDeclaration[] = [
  { api: 'DynamoDB.ListTables', actions: ['dynamodb:ListTables'] },
  { api: 'DynamoDB.DescribeTable', actions: ['dynamodb:DescribeTable'] },
  { api: 'DynamoDB.DescribeContinuousBackups', actions: ['dynamodb:DescribeContinuousBackups'] },
  { api: 'DynamoDB.ListTagsOfResource', actions: ['dynamodb:ListTagsOfResource'] },
  { api: 'DynamoDB.GetResourcePolicy', actions: ['dynamodb:GetResourcePolicy'] },
];

export const dynamodbResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_dynamodb_table',
    class: 'DataStore',
    listOperation: 'DynamoDB.ListTables',
    detailOperations: [
      'DynamoDB.DescribeTable',
      'DynamoDB.DescribeContinuousBackups',
      'DynamoDB.ListTagsOfResource',
      'DynamoDB.GetResourcePolicy',
    ],
    idSource: 'Table.TableArn (built from the table name when DescribeTable failed)',
  },
];
