// EFS reads: the paginated file system list, then the resource policy per file system (no bulk form).
import {
  DescribeFileSystemPolicyCommand,
  paginateDescribeFileSystems,
  type DescribeFileSystemPolicyCommandOutput,
  type EFSClient,
  type FileSystemDescription,
} from '@aws-sdk/client-efs';

export async function* fileSystemPages(
  client: EFSClient,
  signal: AbortSignal,
): AsyncGenerator<FileSystemDescription[]> {
  for await (const page of paginateDescribeFileSystems({ client }, {}, { abortSignal: signal })) {
    yield page.FileSystems ?? [];
  }
}

export function getFileSystemPolicy(
  client: EFSClient,
  fileSystemId: string,
  signal: AbortSignal,
): Promise<DescribeFileSystemPolicyCommandOutput> {
  return client.send(new DescribeFileSystemPolicyCommand({ FileSystemId: fileSystemId }), {
    abortSignal: signal,
  });
}
