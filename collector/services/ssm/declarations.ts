import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: GetParameter / GetParameters / GetParametersByPath (values) and GetDocument (content) are never
// called and never granted (onboarding/data-access.ts).
export const ssmOperations: OperationDeclaration[] = [
  { api: 'SSM.DescribeParameters', actions: ['ssm:DescribeParameters'] },
  { api: 'SSM.ListDocuments', actions: ['ssm:ListDocuments'] },
  { api: 'SSM.DescribeDocumentPermission', actions: ['ssm:DescribeDocumentPermission'] },
];

export const ssmResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_ssm_parameter',
    class: 'Configuration',
    listOperation: 'SSM.DescribeParameters',
    detailOperations: [],
    idSource: 'ParameterMetadata.ARN (built from the name when absent)',
  },
  {
    type: 'aws_ssm_document',
    class: 'Configuration',
    listOperation: 'SSM.ListDocuments',
    detailOperations: ['SSM.DescribeDocumentPermission'],
    idSource: 'arn:{partition}:ssm:{region}:{account}:document/{Name}',
  },
];
