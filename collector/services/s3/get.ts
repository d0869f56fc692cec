// S3 reads: the bucket list, each bucket's region and detail calls (against a client in the bucket's region),
// and the account-level public access block.
import {
  type Bucket,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  type S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { errorCode } from '../../errors';
import { type OutputOutcome, readOutput } from '../../read';
import { BUCKET_DETAILS, type BucketDetailKey } from './declarations';

export function bucketPages(client: S3Client) {
  return paginateListBuckets({ client, pageSize: 1000 }, {});
}

/** GetBucketLocation's answer as a region name: empty means us-east-1, and the legacy `EU` is eu-west-1. */
export function regionFromLocation(locationConstraint: string | undefined | null): string {
  if (!locationConstraint) return 'us-east-1';
  return locationConstraint === 'EU' ? 'eu-west-1' : locationConstraint;
}

/** The bucket's region: from ListBuckets when AWS gave it, else GetBucketLocation. */
export async function bucketRegion(
  client: S3Client,
  bucket: Bucket,
): Promise<{ region: string } | { error: string }> {
  if (bucket.BucketRegion) return { region: bucket.BucketRegion };
  try {
    const location = await client.send(new GetBucketLocationCommand({ Bucket: bucket.Name }));
    return { region: regionFromLocation(location.LocationConstraint) };
  } catch (error) {
    return { error: errorCode(error) };
  }
}

type Reader = (client: S3Client, bucket: string) => Promise<object>;

const READERS: Record<BucketDetailKey, Reader> = {
  BucketEncryption: (client, bucket) => client.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
  PublicAccessBlock: (client, bucket) => client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
  BucketVersioning: (client, bucket) => client.send(new GetBucketVersioningCommand({ Bucket: bucket })),
  BucketLogging: (client, bucket) => client.send(new GetBucketLoggingCommand({ Bucket: bucket })),
  BucketPolicy: (client, bucket) => client.send(new GetBucketPolicyCommand({ Bucket: bucket })),
  BucketPolicyStatus: (client, bucket) => client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })),
  BucketAcl: (client, bucket) => client.send(new GetBucketAclCommand({ Bucket: bucket })),
  BucketOwnershipControls: (client, bucket) =>
    client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })),
  BucketTagging: (client, bucket) => client.send(new GetBucketTaggingCommand({ Bucket: bucket })),
};

/** Every detail call for one bucket, in parallel; each settles to a value, null (not configured) or an error code. */
export async function readBucketDetails(
  client: S3Client,
  bucket: string,
): Promise<Record<BucketDetailKey, OutputOutcome>> {
  const results = await Promise.all(
    BUCKET_DETAILS.map(
      async (detail) =>
        [
          detail.key,
          await readOutput(() => READERS[detail.key](client, bucket), detail.notConfigured),
        ] as const,
    ),
  );
  return Object.fromEntries(results) as Record<BucketDetailKey, OutputOutcome>;
}

export function readAccountPublicAccessBlock(
  client: S3ControlClient,
  accountId: string,
): Promise<OutputOutcome> {
  return readOutput(
    () => client.send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId })),
    ['NoSuchPublicAccessBlockConfiguration'],
  );
}
