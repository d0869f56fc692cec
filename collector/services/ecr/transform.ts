// Pure: ECR responses -> aws_ecr_repository and aws_ecr_image assets, image IN repository (CATALOG.md).
//
// Example: Repository { repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/web', repositoryName: 'web' } and
// ImageDetail { imageDigest: 'sha256:ab', imageTags: ['v2'] }
// -> image id 'arn:aws:ecr:us-east-1:1:repository/web/image/sha256:ab', name 'web:v2', image IN repository.
import type {
  DescribeImageScanFindingsCommandOutput,
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
  return asset;
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
