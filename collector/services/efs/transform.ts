// Pure: DescribeFileSystems item + its policy outcome -> the aws_efs_file_system asset (CATALOG.md).
//
// Example: { FileSystemId: 'fs-1', FileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-1',
//   Encrypted: false, Tags: [{ Key: 'Name', Value: 'shared' }] } + policy null
// -> id = FileSystemArn, name 'shared', tags { Name: 'shared' }, config.FileSystemPolicy = null.
import type { DescribeFileSystemPolicyCommandOutput, FileSystemDescription } from '@aws-sdk/client-efs';
import type { Asset } from '../../../store/model';
import {
  mergeDetail,
  newAsset,
  parsePolicy,
  tagsFromList,
  toConfig,
  toPlain,
  type AssetScope,
  type DetailOutcome,
} from './normalise';

export const FILE_SYSTEM_TYPE = 'aws_efs_file_system';

export function transformFileSystem(
  scope: AssetScope,
  fileSystem: FileSystemDescription,
  policy: DetailOutcome<DescribeFileSystemPolicyCommandOutput> | undefined,
): Asset {
  const id = fileSystem.FileSystemArn ?? '';
  const asset = newAsset(scope, {
    id,
    type: FILE_SYSTEM_TYPE,
    class: 'DataStore',
    name: fileSystem.Name || fileSystem.FileSystemId || id,
    tags: tagsFromList(fileSystem.Tags),
    config: toConfig(fileSystem),
  });
  mergeDetail(asset, 'FileSystemPolicy', policy, (output) => ({
    ...(toPlain(output) as Record<string, unknown>),
    Policy: parsePolicy(output.Policy),
  }));
  return asset;
}
