import { DescribeFileSystemPolicyCommand, DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { efsCollector } from '../../../../collector/services/efs';
import { testContext } from '../../harness';
import {
  accessDenied,
  fileSystemsMemberOmitted,
  fileSystemsPage1,
  fileSystemsPage2,
  noFileSystems,
  notImplemented,
  policyNotFound,
  sharedPolicy,
  sharedPolicyDocument,
} from './fixtures';

const efs = mockClient(EFSClient);

beforeEach(() => efs.reset());

describe('efsCollector', () => {
  it('follows NextMarker and reads each policy, storing PolicyNotFound as null', async () => {
    efs.on(DescribeFileSystemsCommand).resolves(fileSystemsPage1);
    efs.on(DescribeFileSystemsCommand, { Marker: 'fs-page-2' }).resolves(fileSystemsPage2);
    efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-0a1b2c3d' }).resolves(sharedPolicy);
    efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-9z8y7x6w' }).rejects(policyNotFound());
    const run = testContext(efsCollector, { region: 'eu-west-1' });

    await efsCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(efsCollector.operations.map((operation) => operation.api)));

    expect(run.calls).toEqual([
      'EFS.DescribeFileSystems',
      'EFS.DescribeFileSystemPolicy',
      'EFS.DescribeFileSystems',
      'EFS.DescribeFileSystemPolicy',
    ]);
    expect(run.assets.map((asset) => [asset.name, asset.config.FileSystemPolicy])).toEqual([
      ['shared-home', { FileSystemId: 'fs-0a1b2c3d', Policy: sharedPolicyDocument }],
      ['fs-9z8y7x6w', null],
    ]);
    expect(run.assets.every((asset) => asset.region === 'eu-west-1')).toBe(true);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing for a region without file systems', async () => {
    efs.on(DescribeFileSystemsCommand).resolves(noFileSystems);
    const run = testContext(efsCollector);

    await efsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('records a denied policy read on the file system only', async () => {
    efs.on(DescribeFileSystemsCommand).resolves(fileSystemsPage2);
    efs
      .on(DescribeFileSystemPolicyCommand)
      .rejects(accessDenied('elasticfilesystem:DescribeFileSystemPolicy'));
    const run = testContext(efsCollector);

    await efsCollector.collect(run.ctx);

    expect(run.assets[0].readErrors).toEqual({ FileSystemPolicy: 'AccessDeniedException' });
    expect(run.failures).toEqual([]);
  });

  it('marks the type failed and throws when the list is denied', async () => {
    const denied = accessDenied('elasticfilesystem:DescribeFileSystems');
    efs.on(DescribeFileSystemsCommand).rejects(denied);
    const run = testContext(efsCollector);

    await expect(efsCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures).toEqual([{ type: 'aws_efs_file_system', error: denied }]);
  });

  it('reads a page that leaves the FileSystems list out as empty', async () => {
    efs.on(DescribeFileSystemsCommand).resolves(fileSystemsMemberOmitted);
    const run = testContext(efsCollector);

    await efsCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('keeps every file system with a read error when DescribeFileSystemPolicy is not implemented', async () => {
    efs.on(DescribeFileSystemsCommand).resolves(fileSystemsPage1);
    efs.on(DescribeFileSystemsCommand, { Marker: 'fs-page-2' }).resolves(fileSystemsPage2);
    efs.on(DescribeFileSystemPolicyCommand).rejects(notImplemented('DescribeFileSystemPolicy'));
    const run = testContext(efsCollector);

    await efsCollector.collect(run.ctx);

    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      ['shared-home', { FileSystemPolicy: 'InternalFailure' }],
      ['fs-9z8y7x6w', { FileSystemPolicy: 'InternalFailure' }],
    ]);
    expect(run.failures).toEqual([]);
  });
});
