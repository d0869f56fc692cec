// S3 (global): every bucket with its region and configuration, and the account-level public access block.
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { Asset, Relationship } from '../../../store/model';
import type { CollectContext, CollectorModule } from '../../types';
import { errorWithCode } from '../../errors';
import { isGone, whereOf } from '../../read';
import { s3Operations, s3ResourceTypes } from './declarations';
import { bucketPages, readAccountPublicAccessBlock, readBucket } from './get';
import {
  accountPublicAccessBlockAsset,
  type BucketRead,
  bucketAsset,
  bucketRelationships,
} from './transform';

export const s3Collector: CollectorModule = {
  service: 's3',
  scope: 'global',
  resourceTypes: s3ResourceTypes,
  operations: s3Operations,
  collect: collectS3,
};

async function collectS3(ctx: CollectContext): Promise<void> {
  const scope = whereOf(ctx, s3Collector.service);
  const homeClient = ctx.client(S3Client);
  let bucketsFailure: unknown;
  try {
    // One page at a time: details for a page are read and emitted before the next page is requested.
    for await (const page of bucketPages(homeClient)) {
      const reads = await ctx.mapLimit(
        page.Buckets ?? [],
        async (bucket): Promise<BucketRead | undefined> => {
          const { region, details } = await readBucket(
            (inRegion) => ctx.client(S3Client, { region: inRegion }),
            ctx.region,
            bucket,
          );
          // Deleted between the list and the detail calls: not part of this inventory.
          const gone = Object.values(details).some((detail) => isGone(detail, ['NoSuchBucket']));
          return gone ? undefined : { bucket, region, details };
        },
      );
      const assets: Asset[] = [];
      const relationships: Relationship[] = [];
      for (const read of reads) {
        if (!read) continue;
        assets.push(bucketAsset(scope, ctx.partition, read));
        relationships.push(...bucketRelationships(scope, ctx.partition, read));
      }
      await ctx.emit({ assets, relationships });
    }
  } catch (error) {
    bucketsFailure = error;
    ctx.typeFailed('aws_s3_bucket', error);
  }

  const accountBlock = await readAccountPublicAccessBlock(ctx.client(S3ControlClient), ctx.accountId);
  if (!accountBlock.ok) {
    ctx.typeFailed('aws_s3_account_public_access_block', errorWithCode(accountBlock.code));
    if (bucketsFailure) throw bucketsFailure;
  }
  await ctx.emit({ assets: [accountPublicAccessBlockAsset(scope, ctx.partition, accountBlock)] });
}
