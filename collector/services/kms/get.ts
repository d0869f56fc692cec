// KMS reads: the key list, then per key DescribeKey and, for customer-managed keys, rotation, policy and tags.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyListEntry,
  type KMSClient,
  ListKeysCommand,
  type ListKeysCommandOutput,
  ListResourceTagsCommand,
  type Tag,
} from '@aws-sdk/client-kms';
import { markerPages, type OutputOutcome, readOutput } from '../../read';

/** KMS says there is more with `Truncated`: an answer with `Truncated: false` is the last, whatever else it carries. */
const kmsNextMarker = (page: { Truncated?: boolean; NextMarker?: string }) =>
  page.Truncated ? page.NextMarker : undefined;

export function keyPages(client: KMSClient): AsyncGenerator<ListKeysCommandOutput> {
  return markerPages((Marker) => client.send(new ListKeysCommand({ Limit: 1000, Marker })), kmsNextMarker);
}

export interface KeyRead {
  key: KeyListEntry;
  /** DescribeKey output minus $metadata ({KeyMetadata}). */
  description: OutputOutcome;
  /** Absent for AWS-managed keys, whose rotation and policy AWS fixes. */
  customer?: { KeyRotationStatus: OutputOutcome; KeyPolicy: OutputOutcome; ResourceTags: OutputOutcome };
}

/** Rotation is undefined for asymmetric/HMAC keys (UnsupportedOperation) and keys pending deletion (invalid state). */
const ROTATION_NOT_APPLICABLE = ['UnsupportedOperationException', 'KMSInvalidStateException'];
/** States in which KMS refuses key-material operations; rotation is then recorded as null. */
const INACTIVE_STATES = new Set([
  'PendingDeletion',
  'PendingReplicaDeletion',
  'PendingImport',
  'Unavailable',
]);

export async function readKey(client: KMSClient, key: KeyListEntry): Promise<KeyRead> {
  const description = await readOutput(() => client.send(new DescribeKeyCommand({ KeyId: key.KeyArn })));
  const metadata = description.ok ? (description.value?.KeyMetadata as Record<string, unknown>) : undefined;
  if (metadata?.KeyManager !== 'CUSTOMER') return { key, description };
  const rotation: Promise<OutputOutcome> = INACTIVE_STATES.has(metadata.KeyState as string)
    ? Promise.resolve({ ok: true, value: null })
    : readOutput(
        () => client.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyArn })),
        ROTATION_NOT_APPLICABLE,
      );
  const [KeyRotationStatus, KeyPolicy, ResourceTags] = await Promise.all([
    rotation,
    readOutput(() => client.send(new GetKeyPolicyCommand({ KeyId: key.KeyArn, PolicyName: 'default' }))),
    readTags(client, key.KeyArn as string),
  ]);
  return { key, description, customer: { KeyRotationStatus, KeyPolicy, ResourceTags } };
}

async function readTags(client: KMSClient, keyArn: string): Promise<OutputOutcome> {
  return readOutput(async () => {
    const tags: Tag[] = [];
    const pages = markerPages(
      (Marker) => client.send(new ListResourceTagsCommand({ KeyId: keyArn, Marker })),
      kmsNextMarker,
    );
    for await (const page of pages) tags.push(...(page.Tags ?? []));
    return { Tags: tags };
  });
}
