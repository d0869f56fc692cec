import { FILE_SYSTEM_TYPE, transformFileSystem } from '../../../../collector/services/efs/transform';
import type { Where } from '../../../../collector/shape';
import {
  bareFileSystem,
  scratchFileSystem,
  sharedFileSystem,
  sharedPolicy,
  sharedPolicyDocument,
} from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'eu-west-1',
  assetRegion: 'eu-west-1',
  service: 'efs',
};

describe('transformFileSystem', () => {
  it('keeps the description with ISO dates, its tags and the parsed policy', () => {
    const asset = transformFileSystem(scope, sharedFileSystem, { ok: true, value: sharedPolicy });

    expect(asset).toEqual({
      id: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0a1b2c3d',
      accountId: '123456789012',
      region: 'eu-west-1',
      service: 'efs',
      type: FILE_SYSTEM_TYPE,
      class: 'DataStore',
      name: 'shared-home',
      tags: { Name: 'shared-home', team: 'platform' },
      config: {
        ...sharedFileSystem,
        CreationTime: '2026-03-04T10:11:12.000Z',
        SizeInBytes: {
          Value: 6144,
          Timestamp: '2026-11-22T00:00:00.000Z',
          ValueInIA: 0,
          ValueInStandard: 6144,
        },
        FileSystemPolicy: { FileSystemId: 'fs-0a1b2c3d', Policy: sharedPolicyDocument },
      },
    });
  });

  it('names an untagged file system by its id and stores a missing policy as null', () => {
    const asset = transformFileSystem(scope, scratchFileSystem, { ok: true, value: null });

    expect(asset.name).toBe('fs-9z8y7x6w');
    expect(asset.tags).toEqual({});
    expect(asset.config.FileSystemPolicy).toBeNull();
  });

  it('records a failed policy read instead of the key', () => {
    const asset = transformFileSystem(scope, scratchFileSystem, { ok: false, code: 'AccessDeniedException' });

    expect(asset.config).not.toHaveProperty('FileSystemPolicy');
    expect(asset.readErrors).toEqual({ FileSystemPolicy: 'AccessDeniedException' });
  });

  it('keeps a file system without Encrypted or KmsKeyId as AWS returned it, inventing neither', () => {
    const asset = transformFileSystem(scope, bareFileSystem, { ok: true, value: null });

    expect(asset.name).toBe('fs-5e4d3c2b');
    expect(asset.config).not.toHaveProperty('Encrypted');
    expect(asset.config).not.toHaveProperty('KmsKeyId');
    expect(asset.config).toMatchObject({
      FileSystemId: 'fs-5e4d3c2b',
      CreationTime: '2026-07-01T00:00:00.000Z',
    });
  });
});
