import {
  BackupClient,
  BackupServiceException,
  GetBackupVaultAccessPolicyCommand,
  ListBackupPlansCommand,
  type ListBackupPlansCommandOutput,
  ListBackupVaultsCommand,
  type ListBackupVaultsCommandOutput,
  ResourceNotFoundException,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { backupCollector } from '../../../../collector/services/backup';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'e5f6a7b8-0000-4000-8000-000000000001' };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/4d5e6f70-8192-a3b4-c5d6-e7f8091a2b3c';
const vaultArn = (name: string) => `arn:aws:backup:us-east-1:123456789012:backup-vault:${name}`;

const vaultsPage1: ListBackupVaultsCommandOutput = {
  $metadata,
  BackupVaultList: [
    {
      BackupVaultName: 'Default',
      BackupVaultArn: vaultArn('Default'),
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      CreationDate: new Date('2025-02-01T00:00:00Z'),
      EncryptionKeyArn: KEY,
      CreatorRequestId: 'Default',
      NumberOfRecoveryPoints: 42,
      Locked: false,
    },
  ],
  NextToken: 'vaults-page-2',
};
const vaultsPage2: ListBackupVaultsCommandOutput = {
  $metadata,
  BackupVaultList: [
    {
      BackupVaultName: 'shared',
      BackupVaultArn: vaultArn('shared'),
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      CreationDate: new Date('2025-03-01T00:00:00Z'),
      EncryptionKeyArn: KEY,
      NumberOfRecoveryPoints: 0,
      Locked: true,
      MinRetentionDays: 7,
    },
  ],
};
const sharePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'backup:CopyIntoBackupVault',
      Resource: '*',
    },
  ],
};
const plansPage1: ListBackupPlansCommandOutput = {
  $metadata,
  BackupPlansList: [
    {
      BackupPlanArn: 'arn:aws:backup:us-east-1:123456789012:backup-plan:0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
      BackupPlanId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
      CreationDate: new Date('2025-02-01T00:00:00Z'),
      VersionId: 'ZWE5ZjQ2ODYtYjYwYS00ODdmLWIxOWQtN2M0ZjFmZDBjZTQw',
      BackupPlanName: 'daily-35',
      LastExecutionDate: new Date('2026-11-30T05:00:00Z'),
    },
  ],
  NextToken: 'plans-page-2',
};
const plansPage2: ListBackupPlansCommandOutput = { $metadata, BackupPlansList: [] };

const accessDenied = (action: string) =>
  new BackupServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'e5f6a7b8-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });

const backup = mockClient(BackupClient);

function mockBackup(): void {
  backup
    .on(ListBackupVaultsCommand)
    .resolves(vaultsPage1)
    .on(ListBackupVaultsCommand, { NextToken: 'vaults-page-2' })
    .resolves(vaultsPage2);
  // A vault without an access policy answers ResourceNotFoundException.
  backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'Default' }).rejects(
    new ResourceNotFoundException({
      message: 'Backup vault Default has no access policy',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  backup.on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'shared' }).resolves({
    $metadata,
    BackupVaultName: 'shared',
    BackupVaultArn: vaultArn('shared'),
    Policy: JSON.stringify(sharePolicy),
  });
  backup
    .on(ListBackupPlansCommand)
    .resolves(plansPage1)
    .on(ListBackupPlansCommand, { NextToken: 'plans-page-2' })
    .resolves(plansPage2);
}

beforeEach(() => backup.reset());

describe('backupCollector', () => {
  it('emits every vault (access policy parsed, none as null) and every plan of every page', async () => {
    mockBackup();
    const run = testContext(backupCollector);
    await backupCollector.collect(run.ctx);
    // Vaults and plans are read side by side: their order in the batch is not fixed.
    const vaults = run.assets.filter((asset) => asset.type === 'aws_backup_vault');
    const plans = run.assets.filter((asset) => asset.type === 'aws_backup_plan');
    expect(vaults.map((asset) => asset.name)).toEqual(['Default', 'shared']);
    expect(plans.map((asset) => asset.name)).toEqual(['daily-35']);
    expect(vaults[0].config).toMatchObject({
      EncryptionKeyArn: KEY,
      AccessPolicy: null,
      CreationDate: '2025-02-01T00:00:00.000Z',
    });
    expect(vaults[1].config.AccessPolicy).toEqual(sharePolicy);
    expect(plans[0].id).toBe(plansPage1.BackupPlansList![0].BackupPlanArn);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      [KEY, 'ENCRYPTS', vaultArn('Default')],
      [KEY, 'ENCRYPTS', vaultArn('shared')],
    ]);
  });

  it('keeps a vault whose policy is denied, with readErrors.AccessPolicy', async () => {
    mockBackup();
    backup
      .on(GetBackupVaultAccessPolicyCommand, { BackupVaultName: 'shared' })
      .rejects(accessDenied('backup:GetBackupVaultAccessPolicy'));
    const run = testContext(backupCollector);
    await backupCollector.collect(run.ctx);
    expect(run.assets.find((asset) => asset.name === 'shared')!.readErrors).toEqual({
      AccessPolicy: 'AccessDeniedException',
    });
  });

  it('keeps plans when ListBackupVaults is denied, and fails the unit when both lists are', async () => {
    mockBackup();
    backup.on(ListBackupVaultsCommand).rejects(accessDenied('backup:ListBackupVaults'));
    let run = testContext(backupCollector);
    await backupCollector.collect(run.ctx);
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_backup_vault']);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_backup_plan']);
    backup.on(ListBackupPlansCommand).rejects(accessDenied('backup:ListBackupPlans'));
    run = testContext(backupCollector);
    await expect(backupCollector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('emits nothing in a region without vaults or plans', async () => {
    backup.on(ListBackupVaultsCommand).resolves({ $metadata, BackupVaultList: [] });
    backup.on(ListBackupPlansCommand).resolves({ $metadata, BackupPlansList: [] });
    const run = testContext(backupCollector);
    await backupCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls.sort()).toEqual(['Backup.ListBackupPlans', 'Backup.ListBackupVaults']);
  });
});
