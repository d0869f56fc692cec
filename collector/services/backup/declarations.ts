import type { OperationDeclaration, ResourceTypeDeclaration } from '../../types';

// Vault and plan settings only: recovery points are not listed and nothing is restored.
export const backupOperations: OperationDeclaration[] = [
  { api: 'Backup.ListBackupVaults', actions: ['backup:ListBackupVaults'] },
  { api: 'Backup.GetBackupVaultAccessPolicy', actions: ['backup:GetBackupVaultAccessPolicy'] },
  { api: 'Backup.ListBackupPlans', actions: ['backup:ListBackupPlans'] },
];

export const backupResourceTypes: ResourceTypeDeclaration[] = [
  {
    type: 'aws_backup_vault',
    class: 'DataStore',
    listOperation: 'Backup.ListBackupVaults',
    detailOperations: ['Backup.GetBackupVaultAccessPolicy'],
    idSource: 'BackupVaultListMember.BackupVaultArn',
  },
  {
    type: 'aws_backup_plan',
    class: 'Configuration',
    listOperation: 'Backup.ListBackupPlans',
    idSource: 'BackupPlansListMember.BackupPlanArn',
  },
];
