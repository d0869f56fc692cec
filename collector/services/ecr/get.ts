// ECR reads: repositories (paginated), the policy and tags per repository, the images per repository (paginated;
// AWS has no cross-repository image list) and the scan findings of one image per repository.
import {
  GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
  paginateDescribeImages,
  paginateDescribeImageScanFindings,
  paginateDescribeRepositories,
  type DescribeImageScanFindingsCommandOutput,
  type ECRClient,
  type GetRegistryScanningConfigurationCommandOutput,
  type GetRepositoryPolicyCommandOutput,
  type ImageDetail,
  type Repository,
  type Tag,
} from '@aws-sdk/client-ecr';

// The largest pages AWS allows: fewer calls for the same data.
const REPOSITORY_PAGE_SIZE = 1000;
const IMAGE_PAGE_SIZE = 1000;

export async function* repositoryPages(client: ECRClient, signal: AbortSignal): AsyncGenerator<Repository[]> {
  const pages = paginateDescribeRepositories(
    { client },
    { maxResults: REPOSITORY_PAGE_SIZE },
    { abortSignal: signal },
  );
  for await (const page of pages) yield page.repositories ?? [];
}

export function getRepositoryPolicy(
  client: ECRClient,
  repositoryName: string,
  signal: AbortSignal,
): Promise<GetRepositoryPolicyCommandOutput> {
  return client.send(new GetRepositoryPolicyCommand({ repositoryName }), { abortSignal: signal });
}

/** ListTagsForResource's `tags` list (not paginated). */
export async function listRepositoryTags(
  client: ECRClient,
  repositoryArn: string,
  signal: AbortSignal,
): Promise<Tag[]> {
  const output = await client.send(new ListTagsForResourceCommand({ resourceArn: repositoryArn }), {
    abortSignal: signal,
  });
  return output?.tags ?? [];
}

export async function* imagePages(
  client: ECRClient,
  repositoryName: string,
  signal: AbortSignal,
): AsyncGenerator<ImageDetail[]> {
  const pages = paginateDescribeImages(
    { client },
    { repositoryName, maxResults: IMAGE_PAGE_SIZE },
    { abortSignal: signal },
  );
  for await (const page of pages) yield page.imageDetails ?? [];
}

/** Every page of DescribeImageScanFindings merged into one output (findings concatenated, no nextToken). */
export async function getImageScanFindings(
  client: ECRClient,
  repositoryName: string,
  imageDigest: string,
  signal: AbortSignal,
): Promise<DescribeImageScanFindingsCommandOutput> {
  let merged: DescribeImageScanFindingsCommandOutput | undefined;
  const pages = paginateDescribeImageScanFindings(
    { client },
    { repositoryName, imageId: { imageDigest } },
    { abortSignal: signal },
  );
  for await (const page of pages) {
    if (!merged) {
      merged = { ...page, nextToken: undefined };
      continue;
    }
    const findings = merged.imageScanFindings ?? {};
    merged.imageScanFindings = {
      ...findings,
      findings: concat(findings.findings, page.imageScanFindings?.findings),
      enhancedFindings: concat(findings.enhancedFindings, page.imageScanFindings?.enhancedFindings),
    };
  }
  // The paginator always yields at least one page.
  return merged as DescribeImageScanFindingsCommandOutput;
}

function concat<T>(first: T[] | undefined, second: T[] | undefined): T[] | undefined {
  if (first === undefined && second === undefined) return undefined;
  return [...(first ?? []), ...(second ?? [])];
}

/** The registry's scanning configuration (scan type and rules with repository filters), one per region. */
export function getRegistryScanningConfiguration(
  client: ECRClient,
  signal: AbortSignal,
): Promise<GetRegistryScanningConfigurationCommandOutput> {
  return client.send(new GetRegistryScanningConfigurationCommand({}), { abortSignal: signal });
}
