// ECR repositories with their policy and tags, their images, and the scan findings of each repository's most
// recently pushed image (CATALOG.md: aws_ecr_repository, aws_ecr_image).
import {
  ECRClient,
  type GetRegistryScanningConfigurationCommandOutput,
  type ImageDetail,
  type Repository,
} from '@aws-sdk/client-ecr';
import type { CollectContext, CollectorModule } from '../../types';
import {
  getImageScanFindings,
  getRegistryScanningConfiguration,
  getRepositoryPolicy,
  imagePages,
  listRepositoryTags,
  repositoryPages,
} from './get';
import { errorCode } from '../../errors';
import { type DetailOutcome, detail, isGone, ListFailures, readDetail, whereOf } from '../../read';
import { type Where } from '../../shape';
import { IMAGE_TYPE, newerImage, REPOSITORY_TYPE, transformImage, transformRepository } from './transform';

export const ecrCollector: CollectorModule = {
  service: 'ecr',
  scope: 'regional',
  resourceTypes: [
    {
      type: REPOSITORY_TYPE,
      class: 'Repository',
      listOperation: 'ECR.DescribeRepositories',
      detailOperations: [
        'ECR.GetRepositoryPolicy',
        'ECR.ListTagsForResource',
        'ECR.GetRegistryScanningConfiguration',
      ],
      idSource: 'repositoryArn',
    },
    {
      type: IMAGE_TYPE,
      class: 'Image',
      listOperation: 'ECR.DescribeImages',
      detailOperations: ['ECR.DescribeImageScanFindings'],
      idSource: 'synthetic: {repositoryArn}/image/{imageDigest}',
    },
  ],
  operations: [
    { api: 'ECR.DescribeRepositories', actions: ['ecr:DescribeRepositories'] },
    { api: 'ECR.GetRepositoryPolicy', actions: ['ecr:GetRepositoryPolicy'] },
    { api: 'ECR.ListTagsForResource', actions: ['ecr:ListTagsForResource'] },
    {
      api: 'ECR.GetRegistryScanningConfiguration',
      actions: ['ecr:GetRegistryScanningConfiguration'],
    },
    { api: 'ECR.DescribeImages', actions: ['ecr:DescribeImages'] },
    // Not in SecurityAudit: the onboarding custom policy must grant it.
    { api: 'ECR.DescribeImageScanFindings', actions: ['ecr:DescribeImageScanFindings'] },
  ],
  async collect(ctx) {
    const client = ctx.client(ECRClient);
    const scope = whereOf(ctx, 'ecr');
    const failures = new ListFailures(ctx, [REPOSITORY_TYPE, IMAGE_TYPE]);
    // Registry-level scanning rules apply to repositories by name; read once, and only if there are any.
    let registry: Promise<DetailOutcome<GetRegistryScanningConfigurationCommandOutput>> | undefined;
    const registryScanning = () =>
      (registry ??= readDetail(() => getRegistryScanningConfiguration(client, ctx.signal)));
    // Images are listed per repository, so they can only be complete if the repositories were.
    await failures.run([REPOSITORY_TYPE, IMAGE_TYPE], async () => {
      for await (const repositories of repositoryPages(client, ctx.signal)) {
        await ctx.mapLimit(repositories, (repository) =>
          collectRepository(ctx, client, scope, repository, failures, registryScanning),
        );
      }
    });
    failures.finish();
  },
};

async function collectRepository(
  ctx: CollectContext,
  client: ECRClient,
  scope: Where,
  repository: Repository,
  failures: ListFailures,
  registryScanning: () => Promise<DetailOutcome<GetRegistryScanningConfigurationCommandOutput>>,
): Promise<void> {
  const repositoryName = repository.repositoryName ?? '';
  const repositoryArn = repository.repositoryArn ?? '';
  // A repository without a policy answers RepositoryPolicyNotFoundException: read, and absent.
  const policy = await readDetail(
    () => getRepositoryPolicy(client, repositoryName, ctx.signal),
    ['RepositoryPolicyNotFoundException'],
  );
  const tags = await detail(() => listRepositoryTags(client, repositoryArn, ctx.signal));
  // Deleted since DescribeRepositories: nothing of it (nor of its images) is left to read.
  if ([policy, tags].some((outcome) => isGone(outcome, ['RepositoryNotFoundException']))) return;
  await ctx.emit({
    assets: [transformRepository(scope, repository, policy, tags, await registryScanning())],
  });

  // Every image is emitted as its page arrives except the newest seen so far, which waits for its findings.
  let newest: ImageDetail | undefined;
  try {
    for await (const images of imagePages(client, repositoryName, ctx.signal)) {
      const ready: ImageDetail[] = [];
      for (const image of images) {
        const winner = newerImage(newest, image);
        const loser = winner === image ? newest : image;
        if (loser) ready.push(loser);
        newest = winner;
      }
      await emitImages(ctx, scope, repositoryArn, ready);
    }
  } catch (error) {
    // Deleted between the two calls: it has no images left to lose.
    if (errorCode(error) !== 'RepositoryNotFoundException') failures.fail([IMAGE_TYPE], error);
  }
  if (!newest) return;

  const digest = newest.imageDigest ?? '';
  const findings = newest.imageScanStatus
    ? await readDetail(
        () => getImageScanFindings(client, repositoryName, digest, ctx.signal),
        ['ScanNotFoundException'],
      )
    : // Never scanned: there are no findings to read.
      ({ ok: true, value: null } as const);
  const { asset, relationships } = transformImage(scope, repositoryArn, newest, findings);
  await ctx.emit({ assets: [asset], relationships });
}

async function emitImages(
  ctx: CollectContext,
  scope: Where,
  repositoryArn: string,
  images: ImageDetail[],
): Promise<void> {
  if (images.length === 0) return;
  const results = images.map((image) => transformImage(scope, repositoryArn, image));
  await ctx.emit({
    assets: results.map((result) => result.asset),
    relationships: results.flatMap((result) => result.relationships),
  });
}
