// KMS (regional): keys with their metadata; rotation, policy and tags for customer-managed keys.
import { KMSClient } from '@aws-sdk/client-kms';
import type { CollectContext, CollectorModule } from '../../types';
import { isGone, whereOf } from '../../read';
import { kmsOperations, kmsResourceTypes } from './declarations';
import { keyPages, readKey } from './get';
import { keyAsset } from './transform';

export const kmsCollector: CollectorModule = {
  service: 'kms',
  scope: 'regional',
  resourceTypes: kmsResourceTypes,
  operations: kmsOperations,
  collect: collectKms,
};

async function collectKms(ctx: CollectContext): Promise<void> {
  const client = ctx.client(KMSClient);
  const scope = whereOf(ctx, kmsCollector.service);
  for await (const page of keyPages(client)) {
    const reads = await ctx.mapLimit(page.Keys ?? [], (key) => readKey(client, key));
    // A key deleted since ListKeys answers NotFoundException: it is gone, not unreadable.
    const present = reads.filter((read) => !isGone(read.description, ['NotFoundException', 'NotFound']));
    await ctx.emit({ assets: present.map((read) => keyAsset(scope, read)) });
  }
}
