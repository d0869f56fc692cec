import {
  DescribeImagesCommand,
  DescribeImageScanFindingsCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ecrCollector } from '../../../../collector/services/ecr';
import { getImageScanFindings } from '../../../../collector/services/ecr/get';
import { emulatorFailures } from '../../emulator-errors';
import { testContext } from '../../harness';
import {
  accessDenied,
  findingsPage1,
  findingsPage2,
  imagesPage1,
  imagesPage2,
  newestImage,
  noImages,
  noRepositories,
  noTags,
  policyNotFound,
  repositoriesPage1,
  repositoriesPage2,
  repositoryNotFound,
  scanNotFound,
  shopScanOnPush,
  webPolicy,
  webPolicyDocument,
  webRepository,
  webTags,
  emptyRepository,
} from './fixtures';

const ecr = mockClient(ECRClient);

beforeEach(() => ecr.reset());

function serveRepositories(): void {
  ecr.on(DescribeRepositoriesCommand).resolves(repositoriesPage1);
  ecr.on(DescribeRepositoriesCommand, { nextToken: 'repos-page-2' }).resolves(repositoriesPage2);
  ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'shop/web' }).resolves(webPolicy);
  ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'tools' }).rejects(policyNotFound('tools'));
  ecr.on(DescribeImagesCommand, { repositoryName: 'shop/web' }).resolves(imagesPage1);
  ecr
    .on(DescribeImagesCommand, { repositoryName: 'shop/web', nextToken: 'images-page-2' })
    .resolves(imagesPage2);
  ecr.on(DescribeImagesCommand, { repositoryName: 'tools' }).resolves(noImages);
  ecr.on(ListTagsForResourceCommand, { resourceArn: webRepository.repositoryArn }).resolves(webTags);
  ecr.on(ListTagsForResourceCommand, { resourceArn: emptyRepository.repositoryArn }).resolves(noTags);
}

describe('ecrCollector', () => {
  it('reads repositories, policies and every image page, with findings for the newest image only', async () => {
    serveRepositories();
    ecr.on(DescribeImageScanFindingsCommand).resolves(findingsPage1);
    ecr.on(DescribeImageScanFindingsCommand, { nextToken: 'findings-page-2' }).resolves(findingsPage2);
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(new Set(ecrCollector.operations.map((operation) => operation.api)));

    const repositories = run.assets.filter((asset) => asset.type === 'aws_ecr_repository');
    expect(repositories.map((asset) => [asset.name, asset.config.RepositoryPolicy])).toEqual([
      ['shop/web', { registryId: '123456789012', repositoryName: 'shop/web', policyText: webPolicyDocument }],
      ['tools', null],
    ]);
    const images = run.assets.filter((asset) => asset.type === 'aws_ecr_image');
    expect(images.map((asset) => asset.name).sort()).toEqual([
      'shop/web:v1',
      'shop/web:v3',
      `shop/web@${imagesPage2.imageDetails![0].imageDigest}`,
    ]);
    const withFindings = images.filter((asset) => 'ImageScanFindings' in asset.config);
    expect(withFindings.map((asset) => asset.name)).toEqual(['shop/web:v3']);
    expect(ecr.commandCalls(DescribeImageScanFindingsCommand)[0].args[0].input).toMatchObject({
      repositoryName: 'shop/web',
      imageId: { imageDigest: newestImage.imageDigest },
    });
    const findings = withFindings[0].config.ImageScanFindings as {
      imageScanFindings: { findings: { name: string }[] };
    };
    expect(findings.imageScanFindings.findings.map((finding) => finding.name)).toEqual([
      'CVE-2026-0001',
      'CVE-2026-0002',
    ]);
    expect(findings).not.toHaveProperty('nextToken');
    expect(run.relationships.filter((edge) => edge.verb === 'IN')).toHaveLength(3);
    expect(new Set(images.map((asset) => asset.id)).size).toBe(3);
    expect(run.failures).toEqual([]);
  });

  it("reads each repository's tags by repositoryArn: a map in tags, the list in config", async () => {
    serveRepositories();
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    expect(ecr.commandCalls(ListTagsForResourceCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: webRepository.repositoryArn },
      { resourceArn: emptyRepository.repositoryArn },
    ]);
    const repositories = run.assets.filter((asset) => asset.type === 'aws_ecr_repository');
    expect(repositories.map((asset) => [asset.name, asset.tags, asset.readErrors])).toEqual([
      ['shop/web', { Environment: 'production', Owner: 'shop-team' }, undefined],
      ['tools', {}, undefined],
    ]);
    expect(repositories[0].config.Tags).toEqual(webTags.tags);
    expect(repositories[1].config.Tags).toEqual([]);
  });

  it('keeps a repository whose tags are denied, with readErrors.Tags, and still reads its images', async () => {
    serveRepositories();
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    ecr
      .on(ListTagsForResourceCommand, { resourceArn: webRepository.repositoryArn })
      .rejects(accessDenied('ecr:ListTagsForResource'));
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    const web = run.assets.find((asset) => asset.id === webRepository.repositoryArn);
    expect(web?.readErrors).toEqual({ Tags: 'AccessDeniedException' });
    expect(web?.tags).toEqual({});
    expect(web?.config).not.toHaveProperty('Tags');
    expect(run.assets.filter((asset) => asset.type === 'aws_ecr_image')).toHaveLength(3);
    expect(run.failures).toEqual([]);
  });

  it('drops a repository deleted between the list and its detail calls, with no image calls', async () => {
    serveRepositories();
    ecr
      .on(ListTagsForResourceCommand, { resourceArn: webRepository.repositoryArn })
      .rejects(repositoryNotFound('shop/web'));
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).toEqual(['tools']);
    expect(ecr.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input.repositoryName)).toEqual([
      'tools',
    ]);
    expect(run.failures).toEqual([]);
  });

  describe('against an emulator lacking an operation (or AWS failing on its side)', () => {
    it.each(emulatorFailures('ecr', 'ListTagsForResource'))(
      'keeps every repository and its images with readErrors.Tags when ListTagsForResource fails: %s',
      async (_label, failure, code) => {
        serveRepositories();
        ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
        ecr.on(ListTagsForResourceCommand).rejects(failure());
        const run = testContext(ecrCollector);
        await ecrCollector.collect(run.ctx);
        const repositories = run.assets.filter((asset) => asset.type === 'aws_ecr_repository');
        expect(repositories.map((asset) => [asset.name, asset.readErrors])).toEqual([
          ['shop/web', { Tags: code }],
          ['tools', { Tags: code }],
        ]);
        expect(run.assets.filter((asset) => asset.type === 'aws_ecr_image')).toHaveLength(3);
        expect(run.failures).toEqual([]);
      },
    );

    it.each(emulatorFailures('ecr', 'DescribeImageScanFindings'))(
      'keeps the newest image with readErrors.ImageScanFindings when DescribeImageScanFindings fails: %s',
      async (_label, failure, code) => {
        serveRepositories();
        ecr.on(DescribeImageScanFindingsCommand).rejects(failure());
        const run = testContext(ecrCollector);
        await ecrCollector.collect(run.ctx);
        const newest = run.assets.find((asset) => asset.name === 'shop/web:v3');
        expect(newest?.readErrors).toEqual({ ImageScanFindings: code });
        expect(run.assets.filter((asset) => asset.type === 'aws_ecr_image')).toHaveLength(3);
        expect(run.failures).toEqual([]);
      },
    );
  });

  it('stores null findings when ECR has no scan for the newest image', async () => {
    serveRepositories();
    ecr.on(DescribeImageScanFindingsCommand).rejects(scanNotFound());
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    const newest = run.assets.find((asset) => asset.name === 'shop/web:v3');
    expect(newest?.config.ImageScanFindings).toBeNull();
    expect(newest?.readErrors).toBeUndefined();
  });

  it('records denied findings as a read error on the image', async () => {
    serveRepositories();
    ecr.on(DescribeImageScanFindingsCommand).rejects(accessDenied('ecr:DescribeImageScanFindings'));
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    const newest = run.assets.find((asset) => asset.name === 'shop/web:v3');
    expect(newest?.readErrors).toEqual({ ImageScanFindings: 'AccessDeniedException' });
    expect(run.failures).toEqual([]);
  });

  it('reads the registry scanning rules once and marks the repositories they scan on push', async () => {
    serveRepositories();
    ecr.on(GetRegistryScanningConfigurationCommand).resolves(shopScanOnPush);
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    const repositories = run.assets.filter((asset) => asset.type === 'aws_ecr_repository');
    expect(repositories.map((asset) => [asset.name, asset.config.RegistryScanOnPush])).toEqual([
      ['shop/web', true],
      ['tools', false],
    ]);
    expect(ecr.commandCalls(GetRegistryScanningConfigurationCommand)).toHaveLength(1);
  });

  it('records a denied registry scanning read on each repository', async () => {
    serveRepositories();
    ecr
      .on(GetRegistryScanningConfigurationCommand)
      .rejects(accessDenied('ecr:GetRegistryScanningConfiguration'));
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    const repositories = run.assets.filter((asset) => asset.type === 'aws_ecr_repository');
    expect(repositories.map((asset) => asset.readErrors)).toEqual([
      { RegistryScanOnPush: 'AccessDeniedException' },
      { RegistryScanOnPush: 'AccessDeniedException' },
    ]);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing for a region without repositories', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves(noRepositories);
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['ECR.DescribeRepositories']);
  });

  it('marks images incomplete when DescribeImages is denied, keeping the repositories', async () => {
    serveRepositories();
    const denied = accessDenied('ecr:DescribeImages');
    ecr.on(DescribeImagesCommand).rejects(denied);
    const run = testContext(ecrCollector);

    await ecrCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_ecr_repository', 'aws_ecr_repository']);
    expect(run.failures).toEqual([{ type: 'aws_ecr_image', error: denied }]);
  });

  it('marks both types failed and throws when DescribeRepositories is denied', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(accessDenied('ecr:DescribeRepositories'));
    const run = testContext(ecrCollector);

    await expect(ecrCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual(['aws_ecr_repository', 'aws_ecr_image']);
  });
});

describe('getImageScanFindings', () => {
  // Enhanced scanning (Amazon Inspector) answers `enhancedFindings`, pages joined by nextToken.
  const enhanced = (id: string, severity: string) => ({
    awsAccountId: '123456789012',
    findingArn: `arn:aws:inspector2:eu-west-1:123456789012:finding/${id}`,
    title: `${id} - openssl`,
    severity,
    status: 'ACTIVE',
    type: 'PACKAGE_VULNERABILITY',
    exploitAvailable: severity === 'CRITICAL' ? 'YES' : 'NO',
    fixAvailable: 'YES',
    packageVulnerabilityDetails: {
      vulnerabilityId: id,
      source: 'NVD',
      vulnerablePackages: [{ name: 'openssl', version: '3.0.11' }],
    },
  });
  const page = (findings: ReturnType<typeof enhanced>[], nextToken?: string) => ({
    $metadata: {},
    registryId: '123456789012',
    repositoryName: 'shop/web',
    imageId: { imageDigest: newestImage.imageDigest },
    imageScanStatus: { status: 'ACTIVE' as const, description: 'Continuous scan is selected for image.' },
    imageScanFindings: {
      findingSeverityCounts: { CRITICAL: 1, HIGH: 1, LOW: 2 },
      enhancedFindings: findings,
    },
    ...(nextToken ? { nextToken } : {}),
  });

  it('keeps the most severe findings up to the cap across pages, and counts them all', async () => {
    ecr
      .on(DescribeImageScanFindingsCommand)
      .resolves(page([enhanced('CVE-2026-1001', 'LOW'), enhanced('CVE-2026-1002', 'HIGH')], 'p2'));
    ecr
      .on(DescribeImageScanFindingsCommand, { nextToken: 'p2' })
      .resolves(page([enhanced('CVE-2026-1003', 'LOW'), enhanced('CVE-2026-1004', 'CRITICAL')]));
    const output = await getImageScanFindings(
      new ECRClient({ region: 'eu-west-1' }),
      'shop/web',
      newestImage.imageDigest!,
      new AbortController().signal,
      2,
    );
    expect(
      output.imageScanFindings?.enhancedFindings?.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId),
    ).toEqual(['CVE-2026-1004', 'CVE-2026-1002']);
    expect(output.findingsTotal).toBe(4);
    expect(output.imageScanFindings?.findingSeverityCounts).toEqual({ CRITICAL: 1, HIGH: 1, LOW: 2 });
    expect(output.nextToken).toBeUndefined();
    expect(ecr.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(2);
  });

  it('an image scanned with no findings: empty lists, total 0', async () => {
    ecr.on(DescribeImageScanFindingsCommand).resolves(page([]));
    const output = await getImageScanFindings(
      new ECRClient({ region: 'eu-west-1' }),
      'shop/web',
      newestImage.imageDigest!,
      new AbortController().signal,
    );
    expect(output.imageScanFindings?.enhancedFindings).toEqual([]);
    expect(output.findingsTotal).toBe(0);
  });
});
