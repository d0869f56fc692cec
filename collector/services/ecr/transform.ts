// Pure: ECR responses -> aws_ecr_repository and aws_ecr_image assets, image IN repository (CATALOG.md).
//
// Example: Repository { repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/web', repositoryName: 'web' } and
// ImageDetail { imageDigest: 'sha256:ab', imageTags: ['v2'] }
// -> image id 'arn:aws:ecr:us-east-1:1:repository/web/image/sha256:ab', name 'web:v2', image IN repository.
import type {
  DescribeImageScanFindingsCommandOutput,
  GetRegistryScanningConfigurationCommandOutput,
  GetRepositoryPolicyCommandOutput,
  ImageDetail,
  Repository,
  Tag,
} from '@aws-sdk/client-ecr';
import type { Asset, Relationship } from '../../../store/model';
import { makeAsset, makeRelationship, parsePolicyDocument, plainConfig, tagMap } from '../../shape';
import { mergeDetail, type DetailOutcome, type DetailResult } from '../../read';
import { mergeTags } from '../../tags';
import { type Where } from '../../shape';

export const REPOSITORY_TYPE = 'aws_ecr_repository';
export const IMAGE_TYPE = 'aws_ecr_image';

export function transformRepository(
  scope: Where,
  repository: Repository,
  policy: DetailOutcome<GetRepositoryPolicyCommandOutput> | undefined,
  /** ListTagsForResource's `tags` list. */
  tags?: DetailResult<Tag[]>,
  /** The region's GetRegistryScanningConfiguration answer, read once for every repository. */
  registry?: DetailOutcome<GetRegistryScanningConfigurationCommandOutput>,
): Asset {
  const id = repository.repositoryArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: REPOSITORY_TYPE,
    class: 'Repository',
    name: repository.repositoryName ?? id,
    config: plainConfig(repository),
  });
  mergeDetail(asset, 'RepositoryPolicy', policy, (output) => ({
    ...plainConfig(output),
    policyText: parsePolicyDocument(output.policyText),
  }));
  mergeTags(asset, tags, (list) => tagMap(list));
  mergeDetail(asset, 'RegistryScanOnPush', registry, (output) =>
    registryScansOnPush(output, repository.repositoryName ?? ''),
  );
  return asset;
}

/** `prod-*` -> /^prod-.*$/: ECR repository filters are WILDCARD patterns where `*` matches any characters. */
function wildcardMatches(filter: string, name: string): boolean {
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`).test(name);
}

/**
 * Whether a registry-level scanning rule scans this repository's images when they are pushed: a rule with scan
 * frequency SCAN_ON_PUSH or CONTINUOUS_SCAN (enhanced scanning also scans on push) whose filters match its name.
 */
export function registryScansOnPush(
  output: GetRegistryScanningConfigurationCommandOutput,
  name: string,
): boolean {
  return (output?.scanningConfiguration?.rules ?? []).some(
    (rule) =>
      (rule.scanFrequency === 'SCAN_ON_PUSH' || rule.scanFrequency === 'CONTINUOUS_SCAN') &&
      (rule.repositoryFilters ?? []).some(
        (filter) =>
          filter.filterType === 'WILDCARD' && !!filter.filter && wildcardMatches(filter.filter, name),
      ),
  );
}

export function imageId(repositoryArn: string, imageDigest: string): string {
  return `${repositoryArn}/image/${imageDigest}`;
}

export function transformImage(
  scope: Where,
  repositoryArn: string,
  image: ImageDetail,
  scanFindings?: DetailOutcome<DescribeImageScanFindingsCommandOutput>,
): { asset: Asset; relationships: Relationship[] } {
  const id = imageId(repositoryArn, image.imageDigest ?? '');
  const tag = image.imageTags?.[0];
  const asset = makeAsset(scope, {
    id,
    type: IMAGE_TYPE,
    class: 'Image',
    name: tag ? `${image.repositoryName}:${tag}` : `${image.repositoryName}@${image.imageDigest}`,
    config: plainConfig(image),
  });
  mergeDetail(asset, 'ImageScanFindings', scanFindings);
  return { asset, relationships: [makeRelationship(scope, id, 'IN', repositoryArn)] };
}

/** The most recently pushed of two images (the one whose findings are read). */
export function newerImage(current: ImageDetail | undefined, candidate: ImageDetail): ImageDetail {
  if (!current) return candidate;
  return pushedAt(candidate) > pushedAt(current) ? candidate : current;
}

function pushedAt(image: ImageDetail): number {
  return image.imagePushedAt ? new Date(image.imagePushedAt).getTime() : 0;
}
