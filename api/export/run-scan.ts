// One scan: collect the account into memory (and into the store when one is given), evaluate the selected
// controls over that estate, and build the report model. No server, no queue.
import { collectAccount, type CollectOutcome } from '../../collector/runner';
import { storeSink } from '../../collector/sync';
import type { CollectSink } from '../../collector/unit';
import type { CollectorModule } from '../../collector/types';
import { allCollectorModules } from '../../collector/registry';
import { evaluateEstateEach, evaluateAccount, unreadTypesOf, type EvalAsset } from '../../evaluator';
import { StoreForeignAccounts } from '../../evaluator/cross-account';
import { lastSyncUnreadTypes } from '../../evaluator/evaluate-account';
import type { Asset, Relationship, SyncProgress } from '../../store/model';
import type { Store } from '../../store/store';
import { buildScanResult, ScanResultBuilder } from './build';
import type { ScanResult, ScanScope } from './model';
import { scopedAssets } from './scope';
import type { ScanTarget } from './scan-target';
import type { SelectedControls } from './select';
import type { SuppressionEntry } from './suppressions';

export interface StoreTarget {
  store: Store;
  /** Cloudward's Account.id (the store keys assets and results by it). */
  accountId: string;
}

export interface RunScanOptions {
  target: ScanTarget;
  regions: string[];
  selected: SelectedControls;
  suppressions?: SuppressionEntry[];
  /** --resource-tags / --resource-arn: the report keeps only these resources (collection and store stay whole). */
  scope?: ScanScope;
  version: string;
  clientConfig?: Record<string, unknown>;
  modules?: CollectorModule[];
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Also write the sync and its evaluation to this store (scan --data / DATABASE_URL). */
  storeTarget?: StoreTarget;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface ScanRun {
  result: ScanResult;
  outcome: CollectOutcome;
  /** Set when the results were stored. */
  syncId?: string;
  /** Analyser facts by Asset.id, as the evaluation saw them (empty when nothing could be read). */
  facts: Map<string, Record<string, unknown>>;
}

function memorySink(assets: Asset[], relationships: Relationship[], next?: CollectSink): CollectSink {
  return {
    async writeAssets(batch) {
      assets.push(...batch);
      await next?.writeAssets(batch);
    },
    async writeRelationships(batch) {
      relationships.push(...batch);
      await next?.writeRelationships(batch);
    },
    async unitFinished(result, deletion) {
      await next?.unitFinished?.(result, deletion);
    },
  };
}

export async function runScan(options: RunScanOptions): Promise<ScanRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const assets: Asset[] = [];
  const relationships: Relationship[] = [];
  const storeTarget = options.storeTarget;
  const sync = storeTarget ? await storeTarget.store.createSync(storeTarget.accountId, 'scan') : undefined;

  let outcome: CollectOutcome;
  try {
    if (sync && storeTarget) await storeTarget.store.markSyncRunning(sync.id);
    outcome = await collectAccount(
      {
        awsAccountId: options.target.awsAccountId,
        regions: options.regions,
        partition: options.target.partition,
        homeRegion: options.target.homeRegion,
        credentials: options.target.credentials,
        modules: options.modules,
        concurrency: options.concurrency,
        clientConfig: options.clientConfig,
        log: options.log,
        shareValues: true, // the scan holds the whole estate until it is evaluated
        onProgress: async (progress) => {
          if (sync && storeTarget) await storeTarget.store.updateSyncProgress(sync.id, progress);
          options.onProgress?.(progress);
        },
      },
      memorySink(
        assets,
        relationships,
        sync && storeTarget ? storeSink(storeTarget.store, storeTarget.accountId, sync.id) : undefined,
      ),
    );
  } catch (error) {
    if (sync && storeTarget)
      await storeTarget.store
        .finishSync(sync.id, 'failed', error instanceof Error ? error.message : String(error))
        .catch(() => undefined);
    throw error;
  }
  if (sync && storeTarget) await storeTarget.store.finishSync(sync.id, outcome.status, outcome.error);
  if (outcome.status === 'failed') {
    const finishedAt = now();
    return {
      outcome,
      syncId: sync?.id,
      facts: new Map(),
      result: buildScanResult({
        awsAccountId: options.target.awsAccountId,
        regions: options.regions,
        startedAt,
        finishedAt,
        version: options.version,
        assets: [],
        facts: new Map(),
        results: [],
        selected: options.selected,
        services: outcome.services,
      }),
    };
  }

  const evalAssets: EvalAsset[] = assets;
  // With a store, attack paths step into the other accounts it holds, exactly as `serve` evaluates this one.
  const storedAccount = storeTarget ? await storeTarget.store.getAccount(storeTarget.accountId) : null;
  const declaredTypes = options.modules ?? allCollectorModules();
  const foreignAccounts =
    storeTarget && storedAccount
      ? new StoreForeignAccounts(storeTarget.store, storedAccount, {
          unreadTypes: (other) =>
            lastSyncUnreadTypes(storeTarget.store, other.id, other.awsAccountId, declaredTypes),
        })
      : undefined;
  // Each result becomes its report finding as it is decided (--resource-tags/--resource-arn narrow the report).
  const scoped = scopedAssets(evalAssets, options.scope);
  let builder: ScanResultBuilder | undefined;
  const facts = await evaluateEstateEach(
    evalAssets,
    relationships,
    options.selected.controls,
    {
      foreignAccounts,
      now: startedAt,
      inPlace: true, // the collected assets are this scan's own
      // A type whose list call failed is not an empty one: aggregates over it say error.
      unreadTypes: unreadTypesOf(options.target.awsAccountId, outcome.services, declaredTypes),
    },
    (analysed) => {
      const report = new ScanResultBuilder({
        awsAccountId: options.target.awsAccountId,
        regions: options.regions,
        startedAt,
        version: options.version,
        assets: scoped.assets,
        facts: analysed,
        selected: options.selected,
        suppressions: options.suppressions,
        services: outcome.services,
      });
      builder = report;
      return (evaluated) => {
        if (!scoped.ids || scoped.ids.has(evaluated.assetId)) report.add(evaluated);
      };
    },
  );
  if (storeTarget) {
    // The store evaluates its whole account (every region it holds), so alerts and scores match `serve`'s.
    // Score snapshots only when each reported framework ran completely, or trends would dip for a narrowed run.
    const stored = await evaluateAccount(storeTarget.store, storeTarget.accountId, {
      declaredTypes,
      controls: {
        controls: options.selected.controls,
        frameworks: options.selected.complete ? options.selected.frameworks : [],
      },
      now: startedAt,
    });
    // Accounts whose paths may step into this one are flagged; `serve` evaluates them at its next start.
    for (const id of stored.crossAccountDependents ?? []) await storeTarget.store.requestEvaluation(id);
  }
  const result = builder!.finish(now());
  if (options.scope?.resourceTags || options.scope?.resourceArns) result.summary.scope = options.scope;
  return { result, outcome, syncId: sync?.id, facts };
}
