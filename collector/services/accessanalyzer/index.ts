// IAM Access Analyzer (regional): the analyzers in this region (CIS: an analyzer is enabled in every region).
import {
  AccessAnalyzerClient,
  type AnalyzerSummary,
  paginateListAnalyzers,
} from '@aws-sdk/client-accessanalyzer';
import type { Asset } from '../../../store/model';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { whereOf } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';

export const accessanalyzerCollector: CollectorModule = {
  service: 'accessanalyzer',
  scope: 'regional',
  resourceTypes: [
    {
      type: 'aws_accessanalyzer_analyzer',
      class: 'Detector',
      listOperation: 'AccessAnalyzer.ListAnalyzers',
      idSource: 'AnalyzerSummary.arn',
    },
  ],
  operations: [{ api: 'AccessAnalyzer.ListAnalyzers', actions: ['access-analyzer:ListAnalyzers'] }],
  collect: collectAccessAnalyzer,
};

/** Example: {arn, name: "account", type: "ACCOUNT", status: "ACTIVE", tags: {env: "prod"}} -> Detector asset. */
export function analyzerAsset(scope: Where, analyzer: AnalyzerSummary): Asset {
  return makeAsset(scope, {
    id: analyzer.arn as string,
    type: 'aws_accessanalyzer_analyzer',
    class: 'Detector',
    name: analyzer.name ?? (analyzer.arn as string),
    tags: { ...(analyzer.tags ?? {}) },
    config: plainConfig(analyzer),
  });
}

/**
 * Stand-in for the analyzers of a region whose ListAnalyzers failed: it carries the error, so "an analyzer is
 * active in this region" says `error` (not read) instead of `fail` (none there).
 */
export function unreadAnalyzersAsset(scope: Where, partition: string, code: string): Asset {
  return makeAsset(scope, {
    id: `arn:${partition}:access-analyzer:${scope.region}:${scope.accountId}:analyzer/*`,
    type: 'aws_accessanalyzer_analyzer',
    class: 'Detector',
    name: 'analyzers (not read)',
    config: {},
    readErrors: { status: code, type: code },
  });
}

async function collectAccessAnalyzer(ctx: CollectContext): Promise<void> {
  const client = ctx.client(AccessAnalyzerClient);
  const scope = whereOf(ctx, accessanalyzerCollector.service);
  try {
    for await (const page of paginateListAnalyzers({ client, pageSize: 100 }, {})) {
      await ctx.emit({ assets: (page.analyzers ?? []).map((analyzer) => analyzerAsset(scope, analyzer)) });
    }
  } catch (error) {
    await ctx.emit({ assets: [unreadAnalyzersAsset(scope, ctx.partition, errorCode(error))] });
    throw error;
  }
}
