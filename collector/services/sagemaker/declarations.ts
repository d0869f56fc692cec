import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Notebook instances' settings only: no presigned URL (CreatePresignedNotebookInstanceUrl) and nothing inside.
export const sagemakerOperations: OperationDeclaration[] = [
  { api: 'SageMaker.ListNotebookInstances', actions: ['sagemaker:ListNotebookInstances'] },
  { api: 'SageMaker.DescribeNotebookInstance', actions: ['sagemaker:DescribeNotebookInstance'] },
  { api: 'SageMaker.ListTags', actions: ['sagemaker:ListTags'] },
];

export const sagemakerResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_sagemaker_notebook_instance',
    class: 'Host',
    listOperation: 'SageMaker.ListNotebookInstances',
    detailOperations: ['SageMaker.DescribeNotebookInstance', 'SageMaker.ListTags'],
    idSource: 'NotebookInstances[].NotebookInstanceArn',
  },
];
