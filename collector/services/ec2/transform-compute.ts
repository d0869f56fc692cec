// Pure transforms: instances, volumes, snapshots and images as AWS returns them -> assets and relationships.
import type { CreateVolumePermission, Image, Instance, Snapshot, Volume } from '@aws-sdk/client-ec2';
import { buildArn, parseArn } from '../../arn';
import type { Emitted, Where } from '../../shape';
import { makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { ids, nameOf } from './ids';

export function instanceToAssets(where: Where, instance: Instance): Emitted {
  const instanceId = instance.InstanceId ?? '';
  const id = ids.instance(where, instanceId);
  const tags = tagMap(instance.Tags);
  const relationships = [];
  // The instance's groups are its interfaces' groups; either list may be the only one given.
  const groupIds = new Set<string>();
  for (const group of instance.SecurityGroups ?? []) if (group.GroupId) groupIds.add(group.GroupId);
  for (const eni of instance.NetworkInterfaces ?? [])
    for (const group of eni.Groups ?? []) if (group.GroupId) groupIds.add(group.GroupId);
  for (const groupId of groupIds)
    relationships.push(makeRelationship(where, ids.securityGroup(where, groupId), 'PROTECTS', id));
  for (const mapping of instance.BlockDeviceMappings ?? []) {
    if (mapping.Ebs?.VolumeId) {
      relationships.push(
        makeRelationship(where, id, 'USES', ids.volume(where, mapping.Ebs.VolumeId), {
          deviceName: mapping.DeviceName,
        }),
      );
    }
  }
  if (instance.IamInstanceProfile?.Arn)
    relationships.push(makeRelationship(where, id, 'USES', instance.IamInstanceProfile.Arn));
  const primary = instance.NetworkInterfaces?.find((eni) => eni.Attachment?.DeviceIndex === 0);
  const subnetId = instance.SubnetId || primary?.SubnetId;
  if (subnetId) relationships.push(makeRelationship(where, id, 'IN', ids.subnet(where, subnetId)));
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_instance',
        class: 'Host',
        name: nameOf(tags, instanceId),
        tags,
        config: plainConfig(instance),
      }),
    ],
    relationships,
  };
}

export function volumeToAssets(where: Where, volume: Volume): Emitted {
  const volumeId = volume.VolumeId ?? '';
  const id = ids.volume(where, volumeId);
  const tags = tagMap(volume.Tags);
  const keyArn = volume.KmsKeyId ? kmsKeyArn(where, volume.KmsKeyId) : undefined;
  return {
    assets: [
      makeAsset(where, {
        id,
        type: 'aws_ec2_volume',
        class: 'Disk',
        name: nameOf(tags, volumeId),
        tags,
        config: plainConfig(volume),
      }),
    ],
    // The owner of the encrypted asset emits the key's ENCRYPTS edge (CATALOG.md).
    relationships: keyArn ? [makeRelationship(where, keyArn, 'ENCRYPTS', id)] : [],
  };
}

/**
 * AWS documents a volume's `KmsKeyId` as the key ARN; a bare key id becomes that ARN, and an alias (which only KMS
 * could resolve) gives no edge (CATALOG.md).
 */
function kmsKeyArn(where: Where, keyId: string): string | undefined {
  const arn = parseArn(keyId);
  if (arn) return arn.service === 'kms' && arn.resource.startsWith('key/') ? keyId : undefined;
  if (keyId.startsWith('alias/')) return undefined;
  return buildArn(where.partition, 'kms', where.region, where.accountId, `key/${keyId}`);
}

/**
 * Whether a resource with this `OwnerId` belongs to the account being read. `OwnerIds: ['self']` and
 * `Owners: ['self']` already ask AWS for that; an absent owner is taken as ours.
 */
export function ownedByAccount(where: Pick<Where, 'accountId'>, ownerId: string | undefined): boolean {
  return !ownerId || ownerId === where.accountId;
}

/** A `createVolumePermission` entry that lets anyone restore the snapshot. */
export function isPublicPermission(permission: CreateVolumePermission): boolean {
  return permission.Group === 'all';
}

/**
 * `publicIds` are the snapshot ids AWS listed for `RestorableByUserIds: ['all']`; when that call failed it is
 * undefined and `Public` becomes a read error instead of a guess.
 */
export function snapshotToAssets(
  where: Where,
  snapshot: Snapshot,
  publicIds: Set<string> | undefined,
  publicError?: string,
): Emitted {
  const snapshotId = snapshot.SnapshotId ?? '';
  const tags = tagMap(snapshot.Tags);
  const config = plainConfig(snapshot);
  const asset = makeAsset(where, {
    id: ids.snapshot(where, snapshotId),
    type: 'aws_ec2_snapshot',
    class: 'DataStore',
    name: nameOf(tags, snapshotId),
    tags,
    config,
  });
  if (publicIds) config.Public = publicIds.has(snapshotId);
  else asset.readErrors = { Public: publicError ?? 'Error' };
  return { assets: [asset], relationships: [] };
}

export function imageToAssets(where: Where, image: Image): Emitted {
  const imageId = image.ImageId ?? '';
  const tags = tagMap(image.Tags);
  return {
    assets: [
      makeAsset(where, {
        id: ids.image(where, imageId),
        type: 'aws_ec2_image',
        class: 'Image',
        name: tags.Name || image.Name || imageId,
        tags,
        config: plainConfig(image),
      }),
    ],
    relationships: [],
  };
}
