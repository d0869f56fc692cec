// Pure transforms: instances, volumes, snapshots and images as AWS returns them -> assets and relationships.
import type { Image, Instance, Snapshot, Volume } from '@aws-sdk/client-ec2';
import type { Emitted, Where } from '../../shape';
import { makeAsset, makeRelationship, plainConfig, tagMap } from '../../shape';
import { ids, nameOf } from './ids';

export function instanceToAssets(where: Where, instance: Instance): Emitted {
  const instanceId = instance.InstanceId ?? '';
  const id = ids.instance(where, instanceId);
  const tags = tagMap(instance.Tags);
  const relationships = [];
  for (const group of instance.SecurityGroups ?? []) {
    if (group.GroupId)
      relationships.push(makeRelationship(where, ids.securityGroup(where, group.GroupId), 'PROTECTS', id));
  }
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
  if (instance.SubnetId)
    relationships.push(makeRelationship(where, id, 'IN', ids.subnet(where, instance.SubnetId)));
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
    relationships: volume.KmsKeyId ? [makeRelationship(where, volume.KmsKeyId, 'ENCRYPTS', id)] : [],
  };
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
