// Trimmed copies of real ECR responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  ECRServiceException,
  RepositoryNotFoundException,
  RepositoryPolicyNotFoundException,
  ScanNotFoundException,
  type DescribeImageScanFindingsCommandOutput,
  type DescribeImagesCommandOutput,
  type DescribeRepositoriesCommandOutput,
  type GetRegistryScanningConfigurationCommandOutput,
  type GetRepositoryPolicyCommandOutput,
  type ImageDetail,
  type ListTagsForResourceCommandOutput,
  type Repository,
} from '@aws-sdk/client-ecr';

const metadata = { httpStatusCode: 200, requestId: 'ecr-req-1', attempts: 1 };

export const webRepository: Repository = {
  repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/shop/web',
  registryId: '123456789012',
  repositoryName: 'shop/web',
  repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web',
  createdAt: new Date('2026-01-15T08:00:00.000Z'),
  imageTagMutability: 'MUTABLE',
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfiguration: { encryptionType: 'AES256' },
};

export const emptyRepository: Repository = {
  repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/tools',
  registryId: '123456789012',
  repositoryName: 'tools',
  repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/tools',
  createdAt: new Date('2026-06-01T08:00:00.000Z'),
  imageTagMutability: 'IMMUTABLE',
  imageScanningConfiguration: { scanOnPush: false },
};

export const repositoriesPage1: DescribeRepositoriesCommandOutput = {
  $metadata: metadata,
  repositories: [webRepository],
  nextToken: 'repos-page-2',
};
export const repositoriesPage2: DescribeRepositoriesCommandOutput = {
  $metadata: metadata,
  repositories: [emptyRepository],
};
export const noRepositories: DescribeRepositoriesCommandOutput = { $metadata: metadata, repositories: [] };

export const webPolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowPull',
      Effect: 'Allow',
      Principal: '*',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    },
  ],
};

export const webPolicy: GetRepositoryPolicyCommandOutput = {
  $metadata: metadata,
  registryId: '123456789012',
  repositoryName: 'shop/web',
  policyText: JSON.stringify(webPolicyDocument, null, 2),
};

export const oldImage: ImageDetail = {
  registryId: '123456789012',
  repositoryName: 'shop/web',
  imageDigest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
  imageTags: ['v1'],
  imageSizeInBytes: 52428800,
  imagePushedAt: new Date('2026-09-01T10:00:00.000Z'),
  imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  imageScanFindingsSummary: {
    imageScanCompletedAt: new Date('2026-09-01T10:01:00.000Z'),
    findingSeverityCounts: { HIGH: 1 },
  },
  imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
};

export const newestImage: ImageDetail = {
  registryId: '123456789012',
  repositoryName: 'shop/web',
  imageDigest: 'sha256:3333333333333333333333333333333333333333333333333333333333333333',
  imageTags: ['v3', 'latest'],
  imageSizeInBytes: 53477376,
  imagePushedAt: new Date('2026-11-20T10:00:00.000Z'),
  imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  imageScanFindingsSummary: {
    imageScanCompletedAt: new Date('2026-11-20T10:01:00.000Z'),
    findingSeverityCounts: { CRITICAL: 1, MEDIUM: 1 },
  },
};

export const untaggedImage: ImageDetail = {
  registryId: '123456789012',
  repositoryName: 'shop/web',
  imageDigest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222',
  imageSizeInBytes: 52953088,
  imagePushedAt: new Date('2026-10-01T10:00:00.000Z'),
};

// Newest image deliberately on the first page and an older one on the second: order is not push order.
export const imagesPage1: DescribeImagesCommandOutput = {
  $metadata: metadata,
  imageDetails: [oldImage, newestImage],
  nextToken: 'images-page-2',
};
export const imagesPage2: DescribeImagesCommandOutput = {
  $metadata: metadata,
  imageDetails: [untaggedImage],
};
export const noImages: DescribeImagesCommandOutput = { $metadata: metadata, imageDetails: [] };

export const findingsPage1: DescribeImageScanFindingsCommandOutput = {
  $metadata: metadata,
  registryId: '123456789012',
  repositoryName: 'shop/web',
  imageId: { imageDigest: newestImage.imageDigest, imageTag: 'v3' },
  imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  imageScanFindings: {
    imageScanCompletedAt: new Date('2026-11-20T10:01:00.000Z'),
    vulnerabilitySourceUpdatedAt: new Date('2026-11-20T00:00:00.000Z'),
    findingSeverityCounts: { CRITICAL: 1, MEDIUM: 1 },
    findings: [
      {
        name: 'CVE-2026-0001',
        uri: 'https://security-tracker.debian.org/tracker/CVE-2026-0001',
        severity: 'CRITICAL',
        attributes: [{ key: 'package_name', value: 'openssl' }],
      },
    ],
  },
  nextToken: 'findings-page-2',
};
export const findingsPage2: DescribeImageScanFindingsCommandOutput = {
  $metadata: metadata,
  registryId: '123456789012',
  repositoryName: 'shop/web',
  imageId: { imageDigest: newestImage.imageDigest, imageTag: 'v3' },
  imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  imageScanFindings: {
    findings: [
      {
        name: 'CVE-2026-0002',
        severity: 'MEDIUM',
        attributes: [{ key: 'package_name', value: 'zlib' }],
      },
    ],
  },
};

/** ListTagsForResource (by repositoryArn) answers a `tags` list; an untagged repository has an empty one. */
export const webTags: ListTagsForResourceCommandOutput = {
  $metadata: metadata,
  tags: [
    { Key: 'Environment', Value: 'production' },
    { Key: 'Owner', Value: 'shop-team' },
  ],
};
export const noTags: ListTagsForResourceCommandOutput = { $metadata: metadata, tags: [] };

/** What ECR answers about a repository deleted since DescribeRepositories. */
export function repositoryNotFound(repositoryName: string): RepositoryNotFoundException {
  return new RepositoryNotFoundException({
    message: `The repository with name '${repositoryName}' does not exist in the registry with id '123456789012'`,
    $metadata: { httpStatusCode: 400, requestId: 'ecr-400-repo' },
  });
}

export function policyNotFound(repositoryName: string): RepositoryPolicyNotFoundException {
  return new RepositoryPolicyNotFoundException({
    message: `Repository policy does not exist for the repository with name '${repositoryName}' in the registry with id '123456789012'`,
    $metadata: { httpStatusCode: 400, requestId: 'ecr-400' },
  });
}

export function scanNotFound(): ScanNotFoundException {
  return new ScanNotFoundException({
    message: 'Image scan does not exist for the image',
    $metadata: { httpStatusCode: 400, requestId: 'ecr-400-scan' },
  });
}

/** ECR (JSON 1.1 protocol) answers an IAM denial as AccessDeniedException with HTTP 400. */
export function accessDenied(action: string): ECRServiceException {
  return new ECRServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 400, requestId: 'ecr-403' },
  });
}

/** GetRegistryScanningConfiguration: basic scanning, scan on push for repositories named `shop/*`. */
export const shopScanOnPush: GetRegistryScanningConfigurationCommandOutput = {
  $metadata: { httpStatusCode: 200, requestId: 'ecr-registry-scan', attempts: 1 },
  registryId: '123456789012',
  scanningConfiguration: {
    scanType: 'BASIC',
    rules: [
      { scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'shop/*', filterType: 'WILDCARD' }] },
    ],
  },
};
