// Pure: DescribeFileSystems item + its policy outcome -> the aws_efs_file_system asset (CATALOG.md).
//
// Example: { FileSystemId: 'fs-1', FileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-1',
//   Encrypted: false, Tags: [{ Key: 'Name', Value: 'shared' }] } + policy null
// -> id = FileSystemArn, name 'shared', tags { Name: 'shared' }, config.FileSystemPolicy = null.
import type { DescribeFileSystemPolicyCommandOutput, FileSystemDescription } from '@aws-sdk/client-efs';
import type { Asset } from '../../../store/model';
import { makeAsset, parsePolicyDocument, plainConfig, tagMap } from '../../shape';
import { mergeDetail, type DetailOutcome } from '../../read';
import { type Where } from '../../shape';

export const FILE_SYSTEM_TYPE = 'aws_efs_file_system';

export function transformFileSystem(
  scope: Where,
  fileSystem: FileSystemDescription,
  policy: DetailOutcome<DescribeFileSystemPolicyCommandOutput> | undefined,
): Asset {
  const id = fileSystem.FileSystemArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: FILE_SYSTEM_TYPE,
    class: 'DataStore',
    name: fileSystem.Name || fileSystem.FileSystemId || id,
    tags: tagMap(fileSystem.Tags),
    config: plainConfig(fileSystem),
  });
  mergeDetail(asset, 'FileSystemPolicy', policy, (output) => ({
    ...plainConfig(output),
    Policy: parsePolicyDocument(output.Policy),
  }));
  return asset;
}
