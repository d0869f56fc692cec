// AWS Backup (regional): vaults (encryption key, lock, access policy) and backup plans. Recovery points and plan
// selections are not read: whether a plan exists in the region is what the controls ask.
import {
  BackupClient,
  type BackupPlansListMember,
  type BackupVaultListMember,
  GetBackupVaultAccessPolicyCommand,
  paginateListBackupPlans,
  paginateListBackupVaults,
} from '@aws-sdk/client-backup';
import type { CollectContext, CollectorModule } from '../../types';
import { ListFailures, readDetail, whereOf } from '../../read';
import { backupOperations, backupResourceTypes } from './declarations';
import { planAsset, vaultAsset, vaultRelationships } from './transform';

export const backupCollector: CollectorModule = {
  service: 'backup',
  scope: 'regional',
  resourceTypes: backupResourceTypes,
  operations: backupOperations,
  collect: collectBackup,
};

const VAULT = 'aws_backup_vault';
const PLAN = 'aws_backup_plan';
/** GetBackupVaultAccessPolicy on a vault without a policy (and on one deleted since the list). */
const NO_POLICY = ['ResourceNotFoundException'];

async function collectBackup(ctx: CollectContext): Promise<void> {
  const client = ctx.client(BackupClient);
  const scope = whereOf(ctx, backupCollector.service);
  const failures = new ListFailures(ctx, [VAULT, PLAN]);
  await Promise.all([
    failures.run([VAULT], async () => {
      const vaults: BackupVaultListMember[] = [];
      for await (const page of paginateListBackupVaults({ client }, { MaxResults: 100 }))
        vaults.push(...(page.BackupVaultList ?? []).filter((vault) => vault.BackupVaultArn));
      if (vaults.length === 0) return;
      const reads = await ctx.mapLimit(vaults, async (vault) => ({
        vault,
        policy: await readDetail(async () => {
          const output = await client.send(
            new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vault.BackupVaultName }),
          );
          return output.Policy ?? null;
        }, NO_POLICY),
      }));
      const assets = reads.map((read) => vaultAsset(scope, read.vault, read.policy));
      await ctx.emit({ assets, relationships: assets.flatMap((asset) => vaultRelationships(scope, asset)) });
    }),
    failures.run([PLAN], async () => {
      const plans: BackupPlansListMember[] = [];
      for await (const page of paginateListBackupPlans({ client }, { MaxResults: 100 }))
        plans.push(...(page.BackupPlansList ?? []).filter((plan) => plan.BackupPlanArn));
      if (plans.length === 0) return;
      await ctx.emit({ assets: plans.map((plan) => planAsset(scope, plan)) });
    }),
  ]);
  failures.finish();
}
