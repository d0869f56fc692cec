import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Metadata only: GetSecretValue / BatchGetSecretValue are never called and never granted (onboarding/data-access.ts).
export const secretsmanagerOperations: OperationDeclaration[] = [
  { api: 'SecretsManager.ListSecrets', actions: ['secretsmanager:ListSecrets'] },
  { api: 'SecretsManager.GetResourcePolicy', actions: ['secretsmanager:GetResourcePolicy'] },
];

export const secretsmanagerResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_secretsmanager_secret',
    class: 'Key',
    listOperation: 'SecretsManager.ListSecrets',
    detailOperations: ['SecretsManager.GetResourcePolicy'],
    idSource: 'SecretListEntry.ARN',
  },
];
