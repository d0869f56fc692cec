// Pure transforms: ListBackupVaults entries + GetBackupVaultAccessPolicy -> aws_backup_vault; ListBackupPlans
// entries -> aws_backup_plan.
import type { BackupPlansListMember, BackupVaultListMember } from '@aws-sdk/client-backup';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import { type DetailOutcome, mergeDetail } from '../../read';
import { type Where, makeAsset, makeRelationship, parsePolicyDocument, plainConfig } from '../../shape';

/**
 * Example: {BackupVaultName: "Default", BackupVaultArn, EncryptionKeyArn: "arn:aws:kms:...:key/...",
 * NumberOfRecoveryPoints: 12, Locked: false} + null -> id BackupVaultArn, config the entry (dates as ISO strings) +
 * AccessPolicy: null (the vault has none) or the parsed policy.
 */
export function vaultAsset(scope: Where, vault: BackupVaultListMember, policy: DetailOutcome<string>): Asset {
  const asset = makeAsset(scope, {
    id: vault.BackupVaultArn as string,
    type: 'aws_backup_vault',
    class: 'DataStore',
    name: vault.BackupVaultName ?? (vault.BackupVaultArn as string),
    config: plainConfig(vault),
  });
  mergeDetail(asset, 'AccessPolicy', policy, (text) => parsePolicyDocument(text));
  return asset;
}

/** The vault's KMS key ENCRYPTS it (whether AWS or customer managed is the key asset's KeyManager). */
export function vaultRelationships(scope: Where, vault: Asset): Relationship[] {
  const key = kmsKeyArnOf(scope, vault.config.EncryptionKeyArn as string | undefined);
  return key ? [makeRelationship(scope, key, 'ENCRYPTS', vault.id)] : [];
}

/** Example: {BackupPlanName: "daily", BackupPlanArn, BackupPlanId, VersionId, LastExecutionDate: Date} -> as is. */
export function planAsset(scope: Where, plan: BackupPlansListMember): Asset {
  return makeAsset(scope, {
    id: plan.BackupPlanArn as string,
    type: 'aws_backup_plan',
    class: 'Configuration',
    name: plan.BackupPlanName ?? (plan.BackupPlanArn as string),
    config: plainConfig(plan),
  });
}
