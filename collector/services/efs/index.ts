// EFS file systems with their resource policy (CATALOG.md: aws_efs_file_system).
import { EFSClient } from '@aws-sdk/client-efs';
import type { CollectorModule } from '../../types';
import { fileSystemPages, getFileSystemPolicy } from './get';
import { ListFailures, readDetail, whereOf } from '../../read';
import { FILE_SYSTEM_TYPE, transformFileSystem } from './transform';

export const efsCollector: CollectorModule = {
  service: 'efs',
  scope: 'regional',
  resourceTypes: [
    {
      type: FILE_SYSTEM_TYPE,
      class: 'DataStore',
      listOperation: 'EFS.DescribeFileSystems',
      detailOperations: ['EFS.DescribeFileSystemPolicy'],
      idSource: 'FileSystemArn',
    },
  ],
  operations: [
    { api: 'EFS.DescribeFileSystems', actions: ['elasticfilesystem:DescribeFileSystems'] },
    { api: 'EFS.DescribeFileSystemPolicy', actions: ['elasticfilesystem:DescribeFileSystemPolicy'] },
  ],
  async collect(ctx) {
    const client = ctx.client(EFSClient);
    const scope = whereOf(ctx, 'efs');
    const failures = new ListFailures(ctx, [FILE_SYSTEM_TYPE]);
    await failures.run([FILE_SYSTEM_TYPE], async () => {
      for await (const fileSystems of fileSystemPages(client, ctx.signal)) {
        const assets = await ctx.mapLimit(fileSystems, async (fileSystem) => {
          // No policy set answers PolicyNotFound: read, and absent.
          const policy = await readDetail(
            () => getFileSystemPolicy(client, fileSystem.FileSystemId ?? '', ctx.signal),
            ['PolicyNotFound'],
          );
          return transformFileSystem(scope, fileSystem, policy);
        });
        await ctx.emit({ assets });
      }
    });
    failures.finish();
  },
};
