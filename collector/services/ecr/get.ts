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

/** Findings kept per image, per list (basic `findings`, enhanced `enhancedFindings`): the most severe first. */
export const MAX_FINDINGS_PER_IMAGE = 100;

const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

function severityRank(finding: { severity?: string }): number {
  const rank = SEVERITY_ORDER.indexOf(String(finding.severity ?? 'UNDEFINED'));
  return rank < 0 ? SEVERITY_ORDER.length : rank;
}

/** The `limit` most severe of two lists (stable: AWS's order within a severity). */
function keepMostSevere<T extends { severity?: string }>(
  first: T[] | undefined,
  second: T[] | undefined,
  limit: number,
): T[] | undefined {
  if (first === undefined && second === undefined) return undefined;
  const all = [...(first ?? []), ...(second ?? [])];
  if (all.length <= limit) return all;
  return all
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => severityRank(a.finding) - severityRank(b.finding) || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.finding);
}

/**
 * Every page of DescribeImageScanFindings merged into one output (no nextToken). An image can have thousands of
 * findings: at most `limit` of each list are kept, the most severe first, and `findingsTotal` counts them all
 * (`findingSeverityCounts` stays AWS's own count).
 */
export async function getImageScanFindings(
  client: ECRClient,
  repositoryName: string,
  imageDigest: string,
  signal: AbortSignal,
  limit = MAX_FINDINGS_PER_IMAGE,
): Promise<DescribeImageScanFindingsCommandOutput & { findingsTotal: number }> {
  let merged: DescribeImageScanFindingsCommandOutput | undefined;
  let total = 0;
  const pages = paginateDescribeImageScanFindings(
    { client },
    { repositoryName, imageId: { imageDigest } },
    { abortSignal: signal },
  );
  for await (const page of pages) {
    const found = page.imageScanFindings;
    total += (found?.findings?.length ?? 0) + (found?.enhancedFindings?.length ?? 0);
    const findings = merged?.imageScanFindings;
    const base = merged ?? { ...page, nextToken: undefined };
    merged = {
      ...base,
      imageScanFindings:
        found || findings
          ? {
              ...(findings ?? found),
              findings: keepMostSevere(findings?.findings, found?.findings, limit),
              enhancedFindings: keepMostSevere(findings?.enhancedFindings, found?.enhancedFindings, limit),
            }
          : undefined,
    };
  }
  // The paginator always yields at least one page.
  return { ...(merged as DescribeImageScanFindingsCommandOutput), findingsTotal: total };
}

/** The registry's scanning configuration (scan type and rules with repository filters), one per region. */
export function getRegistryScanningConfiguration(
  client: ECRClient,
  signal: AbortSignal,
): Promise<GetRegistryScanningConfigurationCommandOutput> {
  return client.send(new GetRegistryScanningConfigurationCommand({}), { abortSignal: signal });
}
