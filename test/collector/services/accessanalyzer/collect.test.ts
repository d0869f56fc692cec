import {
  AccessAnalyzerClient,
  ListAnalyzersCommand,
  type ListAnalyzersCommandOutput,
} from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { accessanalyzerCollector } from '../../../../collector/services/accessanalyzer';
import { testContext } from '../../harness';
import { awsError } from '../iam/aws-error';

const $metadata = { httpStatusCode: 200, requestId: 'req-1' };
const page1: ListAnalyzersCommandOutput = {
  $metadata,
  analyzers: [
    {
      arn: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/account-analyzer',
      name: 'account-analyzer',
      type: 'ACCOUNT',
      createdAt: new Date('2024-01-01T00:00:00Z'),
      lastResourceAnalyzed: 'arn:aws:s3:::app-data',
      lastResourceAnalyzedAt: new Date('2026-11-22T12:00:00Z'),
      tags: { owner: 'security' },
      status: 'ACTIVE',
    },
  ],
  nextToken: 'analyzers-2',
};
const page2: ListAnalyzersCommandOutput = {
  $metadata,
  analyzers: [
    {
      arn: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/unused-access',
      name: 'unused-access',
      type: 'ACCOUNT_UNUSED_ACCESS',
      createdAt: new Date('2025-01-01T00:00:00Z'),
      status: 'ACTIVE',
      configuration: { unusedAccess: { unusedAccessAge: 90 } },
    },
  ],
};

const analyzer = mockClient(AccessAnalyzerClient);
beforeEach(() => analyzer.reset());

describe('accessanalyzerCollector', () => {
  it('reads every page of analyzers as Detector assets with ISO dates and tags', async () => {
    analyzer
      .on(ListAnalyzersCommand)
      .resolves(page1)
      .on(ListAnalyzersCommand, { nextToken: 'analyzers-2' })
      .resolves(page2);
    const run = testContext(accessanalyzerCollector, { region: 'eu-west-1' });
    await accessanalyzerCollector.collect(run.ctx);
    expect(run.assets).toEqual([
      {
        id: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/account-analyzer',
        accountId: '123456789012',
        region: 'eu-west-1',
        service: 'accessanalyzer',
        type: 'aws_accessanalyzer_analyzer',
        class: 'Detector',
        name: 'account-analyzer',
        tags: { owner: 'security' },
        config: {
          arn: 'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/account-analyzer',
          name: 'account-analyzer',
          type: 'ACCOUNT',
          createdAt: '2024-01-01T00:00:00.000Z',
          lastResourceAnalyzed: 'arn:aws:s3:::app-data',
          lastResourceAnalyzedAt: '2026-11-22T12:00:00.000Z',
          tags: { owner: 'security' },
          status: 'ACTIVE',
        },
      },
      expect.objectContaining({ name: 'unused-access', tags: {} }),
    ]);
  });

  it('emits nothing when the region has no analyzer', async () => {
    analyzer.on(ListAnalyzersCommand).resolves({ $metadata, analyzers: [] });
    const run = testContext(accessanalyzerCollector);
    await accessanalyzerCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
  });

  it('throws when the list is denied', async () => {
    const denied = awsError('AccessDeniedException', 403);
    analyzer.on(ListAnalyzersCommand).rejects(denied);
    const run = testContext(accessanalyzerCollector);
    await expect(accessanalyzerCollector.collect(run.ctx)).rejects.toBe(denied);
    // A stand-in carries the error, so "an analyzer is active here" says error rather than "none".
    expect(run.assets).toEqual([
      expect.objectContaining({
        id: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/*',
        type: 'aws_accessanalyzer_analyzer',
        config: {},
        readErrors: { status: 'AccessDeniedException', type: 'AccessDeniedException' },
      }),
    ]);
  });

  it('keeps the analyzers of the pages read when a later page fails, plus the stand-in', async () => {
    const failure = awsError('InternalServerException', 500);
    analyzer
      .on(ListAnalyzersCommand)
      .resolves(page1)
      .on(ListAnalyzersCommand, { nextToken: 'analyzers-2' })
      .rejects(failure);
    const run = testContext(accessanalyzerCollector, { region: 'eu-west-1' });
    await expect(accessanalyzerCollector.collect(run.ctx)).rejects.toBe(failure);
    expect(run.assets.map((asset) => asset.id)).toEqual([
      'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/account-analyzer',
      'arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/*',
    ]);
  });
});
