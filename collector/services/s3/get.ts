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
import { errorCode, errorCodes } from '../../errors';
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

/** Where a bucket lives, or GetBucketLocation's error code when that could not be told. */
export type BucketRegion = { region: string } | { error: string };

/**
 * The region S3 names when a request reached the wrong one: the `x-amz-bucket-region` header of a 301
 * PermanentRedirect, 307 TemporaryRedirect or 400 (IllegalLocationConstraintException, ...), or the `Region` in
 * the body of a 400 AuthorizationHeaderMalformed. Undefined for any other answer.
 */
export function redirectRegion(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { $metadata, $response, Region } = error as {
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
    Region?: unknown;
  };
  const status = $metadata?.httpStatusCode ?? $response?.statusCode;
  if (status !== 301 && status !== 307 && status !== 400) return undefined;
  const header = Object.entries($response?.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'x-amz-bucket-region',
  )?.[1];
  if (header) return header;
  const malformed = errorCodes(error).includes('AuthorizationHeaderMalformed');
  return malformed && typeof Region === 'string' && Region !== '' ? Region : undefined;
}

/** The bucket's region: from ListBuckets when AWS gave it, else GetBucketLocation (or the region it redirects to). */
export async function bucketRegion(client: S3Client, bucket: Bucket): Promise<BucketRegion> {
  if (bucket.BucketRegion) return { region: bucket.BucketRegion };
  try {
    const location = await client.send(new GetBucketLocationCommand({ Bucket: bucket.Name }));
    return { region: regionFromLocation(location.LocationConstraint) };
  } catch (error) {
    const moved = redirectRegion(error);
    return moved ? { region: moved } : { error: errorCode(error) };
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

/** Every detail call for one bucket, in parallel, against `client` (in `clientRegion`). */
export async function readBucketDetails(
  client: S3Client,
  clientRegion: string,
  bucket: string,
): Promise<{ details: Record<BucketDetailKey, OutputOutcome>; redirect?: string }> {
  let redirect: string | undefined;
  const results = await Promise.all(
    BUCKET_DETAILS.map(async (detail) => {
      const call = () =>
        READERS[detail.key](client, bucket).catch((error: unknown) => {
          const moved = redirectRegion(error);
          if (moved && moved !== clientRegion) redirect ??= moved;
          throw error;
        });
      return [detail.key, await readOutput(call, detail.notConfigured)] as const;
    }),
  );
  const details = Object.fromEntries(results) as Record<BucketDetailKey, OutputOutcome>;
  return redirect ? { details, redirect } : { details };
}

/**
 * One bucket's region and detail calls, each settled to a value, null (not configured) or an error code. When S3
 * answers that the bucket lives in another region than the one asked (a bucket region we could not read or that
 * changed), the details are read once more where S3 says it is, and that is the bucket's region.
 */
export async function readBucket(
  clientIn: (region: string) => S3Client,
  homeRegion: string,
  bucket: Bucket,
): Promise<{ region: BucketRegion; details: Record<BucketDetailKey, OutputOutcome> }> {
  const name = bucket.Name as string;
  const region = await bucketRegion(clientIn(homeRegion), bucket);
  const asked = 'region' in region ? region.region : homeRegion;
  const first = await readBucketDetails(clientIn(asked), asked, name);
  if (!first.redirect) return { region, details: first.details };
  const again = await readBucketDetails(clientIn(first.redirect), first.redirect, name);
  return { region: { region: first.redirect }, details: again.details };
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
