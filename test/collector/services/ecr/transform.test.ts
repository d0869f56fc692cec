import {
  IMAGE_TYPE,
  imageId,
  newerImage,
  registryScansOnPush,
  REPOSITORY_TYPE,
  transformImage,
  transformRepository,
} from '../../../../collector/services/ecr/transform';
import type { Where } from '../../../../collector/shape';
import {
  emptyRepository,
  findingsPage1,
  newestImage,
  oldImage,
  untaggedImage,
  webPolicy,
  webPolicyDocument,
  webRepository,
} from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'ecr',
};
const repositoryArn = 'arn:aws:ecr:us-east-1:123456789012:repository/shop/web';

describe('transformRepository', () => {
  it('keeps the repository with ISO dates and the parsed policy text', () => {
    const asset = transformRepository(scope, webRepository, { ok: true, value: webPolicy });

    expect(asset).toEqual({
      id: repositoryArn,
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'ecr',
      type: REPOSITORY_TYPE,
      class: 'Repository',
      name: 'shop/web',
      tags: {},
      config: {
        ...webRepository,
        createdAt: '2026-01-15T08:00:00.000Z',
        RepositoryPolicy: {
          registryId: '123456789012',
          repositoryName: 'shop/web',
          policyText: webPolicyDocument,
        },
      },
    });
  });

  it('stores a repository without a policy as RepositoryPolicy null', () => {
    expect(
      transformRepository(scope, emptyRepository, { ok: true, value: null }).config.RepositoryPolicy,
    ).toBeNull();
  });
});

describe('transformImage', () => {
  it('builds the synthetic id, names the image by its first tag and puts it IN its repository', () => {
    const { asset, relationships } = transformImage(scope, repositoryArn, oldImage);
    const id = `${repositoryArn}/image/${oldImage.imageDigest}`;

    expect(asset).toEqual({
      id,
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'ecr',
      type: IMAGE_TYPE,
      class: 'Image',
      name: 'shop/web:v1',
      tags: {},
      config: {
        ...oldImage,
        imagePushedAt: '2026-09-01T10:00:00.000Z',
        imageScanFindingsSummary: {
          imageScanCompletedAt: '2026-09-01T10:01:00.000Z',
          findingSeverityCounts: { HIGH: 1 },
        },
      },
    });
    expect(relationships).toEqual([
      {
        accountId: '123456789012',
        fromId: id,
        verb: 'IN',
        toId: repositoryArn,
        service: 'ecr',
        region: 'us-east-1',
      },
    ]);
    expect(imageId(repositoryArn, oldImage.imageDigest!)).toBe(id);
  });

  it('names an untagged image by its digest', () => {
    const { asset } = transformImage(scope, repositoryArn, untaggedImage);

    expect(asset.name).toBe(`shop/web@${untaggedImage.imageDigest}`);
  });

  it('stores the scan findings under ImageScanFindings', () => {
    const { asset } = transformImage(scope, repositoryArn, newestImage, { ok: true, value: findingsPage1 });

    expect(asset.config.ImageScanFindings).toMatchObject({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: {
        findingSeverityCounts: { CRITICAL: 1, MEDIUM: 1 },
        imageScanCompletedAt: '2026-11-20T10:01:00.000Z',
      },
    });
  });
});

describe('newerImage', () => {
  it('keeps the most recently pushed image whatever the order', () => {
    expect(newerImage(newerImage(undefined, newestImage), oldImage)).toBe(newestImage);
    expect(newerImage(oldImage, newestImage)).toBe(newestImage);
  });
});

describe('registryScansOnPush', () => {
  const rules = (
    ...list: { scanFrequency: 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL'; filter: string }[]
  ) => ({
    $metadata: {},
    scanningConfiguration: {
      scanType: 'ENHANCED' as const,
      rules: list.map(({ scanFrequency, filter }) => ({
        scanFrequency,
        repositoryFilters: [{ filter, filterType: 'WILDCARD' as const }],
      })),
    },
  });

  it.each([
    [
      'a scan-on-push rule for every repository',
      rules({ scanFrequency: 'SCAN_ON_PUSH', filter: '*' }),
      'shop/web',
      true,
    ],
    [
      'continuous scanning (which scans on push)',
      rules({ scanFrequency: 'CONTINUOUS_SCAN', filter: 'shop/*' }),
      'shop/web',
      true,
    ],
    [
      'a rule for other repositories',
      rules({ scanFrequency: 'SCAN_ON_PUSH', filter: 'tools*' }),
      'shop/web',
      false,
    ],
    [
      'a filter with regex characters taken literally',
      rules({ scanFrequency: 'SCAN_ON_PUSH', filter: 'shop.web' }),
      'shopxweb',
      false,
    ],
    ['manual scanning only', rules({ scanFrequency: 'MANUAL', filter: '*' }), 'shop/web', false],
    [
      'no rules',
      { $metadata: {}, scanningConfiguration: { scanType: 'BASIC' as const, rules: [] } },
      'shop/web',
      false,
    ],
  ])('%s', (_name, output, name, expected) => {
    expect(registryScansOnPush(output, name)).toBe(expected);
  });
});
