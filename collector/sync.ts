// The sync job's entry point: reads an account through collectAccount and writes everything to the store as it
// arrives; per unit, records its service result and marks unseen assets deleted for the types read completely.
// The job layer owns the sync's lifecycle (createSync, markSyncRunning, finishSync with the returned status).
import type { Store } from '../store/store';
import type { Account, Sync } from '../store/model';
import { parseArn } from './arn';
import type { CollectOptions, CollectOutcome } from './runner';
import { collectAccount, isInternalResult } from './runner';
import type { CollectSink } from './unit';

export type SyncOptions = Omit<CollectOptions, 'awsAccountId' | 'regions' | 'partition'> & {
  /** Default: account.regions. */
  regions?: string[];
  /** Default: from account.roleArn. */
  partition?: string;
};

/**
 * Modules stamp assets with the AWS account id (they build ARNs from it); the store keys them by Cloudward's
 * account id, so the sink re-stamps every row with `accountId` (Account.id).
 */
export function storeSink(store: Store, accountId: string, syncId: string): CollectSink {
  return {
    writeAssets: (assets) =>
      store.upsertAssets(
        syncId,
        assets.map((asset) => ({ ...asset, accountId })),
      ),
    writeRelationships: (relationships) =>
      store.upsertRelationships(
        syncId,
        relationships.map((relationship) => ({ ...relationship, accountId })),
      ),
    async unitFinished(result, deletion) {
      if (!isInternalResult(result)) await store.recordSyncServiceResult(syncId, result);
      // A failed unit with nothing complete deletes nothing, not even its relationships.
      if (result.completeTypes.length === 0 && !deletion.relationshipsComplete) return;
      await store.markUnseenDeleted({
        accountId,
        region: result.region,
        service: result.service,
        types: result.completeTypes,
        relationshipsComplete: deletion.relationshipsComplete,
        syncId,
      });
    },
  };
}

export async function syncAccount(
  store: Store,
  account: Account,
  sync: Sync,
  options: SyncOptions,
): Promise<CollectOutcome> {
  const onProgress = options.onProgress;
  return collectAccount(
    {
      ...options,
      awsAccountId: account.awsAccountId,
      regions: options.regions ?? account.regions,
      partition: options.partition ?? parseArn(account.roleArn)?.partition ?? 'aws',
      onProgress: async (progress) => {
        await store.updateSyncProgress(sync.id, progress);
        await onProgress?.(progress);
      },
    },
    storeSink(store, account.id, sync.id),
  );
}
