import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

export const kmsOperations: OperationDeclaration[] = [
  { api: 'KMS.ListKeys', actions: ['kms:ListKeys'] },
  { api: 'KMS.DescribeKey', actions: ['kms:DescribeKey'] },
  { api: 'KMS.GetKeyRotationStatus', actions: ['kms:GetKeyRotationStatus'] },
  { api: 'KMS.GetKeyPolicy', actions: ['kms:GetKeyPolicy'] },
  { api: 'KMS.ListResourceTags', actions: ['kms:ListResourceTags'] },
];

export const kmsResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_kms_key',
    class: 'Key',
    listOperation: 'KMS.ListKeys',
    detailOperations: [
      'KMS.DescribeKey',
      'KMS.GetKeyRotationStatus',
      'KMS.GetKeyPolicy',
      'KMS.ListResourceTags',
    ],
    idSource: 'KeyListEntry.KeyArn',
  },
];
