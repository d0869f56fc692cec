// Runs one unit of a sync: one collector module in one region (or once, globally). Emitted batches are buffered
// up to `batchSize` and written through the sink, awaiting it, so memory is bounded by the batch size and the
// number of units in flight, not by the estate. A thrown error fails this unit only.
import { setMaxListeners } from 'node:events';
import type { Asset, Relationship, SyncServiceResult } from '../store/model';
import { GLOBAL_REGION } from '../store/model';
import type { ClientFactory } from './clients';
import { newCallStats } from './clients';
import { errorCode, errorMessage } from './errors';
import { mapLimit } from './limits';
import type { CollectContext, CollectorModule } from './types';
import type { ValueTable } from './value-table';

/** Where collected data goes: the store during a sync, anything else for `scan`. */
export interface CollectSink {
  writeAssets(assets: Asset[]): Promise<void>;
  writeRelationships(relationships: Relationship[]): Promise<void>;
  /**
   * Called once per unit after all its data was written. `completeTypes` are the types read completely (only
   * those may have unseen assets marked deleted); `relationshipsComplete` when the whole unit was read.
   */
  unitFinished?(result: SyncServiceResult, deletion: { relationshipsComplete: boolean }): Promise<void>;
}

export interface UnitInput {
  module: CollectorModule;
  /** Region whose endpoint is used (the home region for global modules). */
  region: string;
  accountId: string;
  partition: string;
  factory: ClientFactory;
  sink: CollectSink;
  batchSize: number;
  timeoutMs: number;
  signal?: AbortSignal;
  log: (message: string) => void;
  /** The sync's table of emitted values (one copy of each repeated string); none: assets are kept as emitted. */
  values?: ValueTable;
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export async function runUnit(input: UnitInput): Promise<SyncServiceResult> {
  const { module, region, accountId, sink } = input;
  const assetRegion = module.scope === 'global' ? GLOBAL_REGION : region;
  const started = Date.now();
  const stats = newCallStats();
  const failedTypes = new Map<string, unknown>();
  const declaredTypes = new Set(module.resourceTypes.map((declaration) => declaration.type));
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(input.signal?.reason);
  // Every unit in flight listens to the sync's signal, and every request in flight to the unit's: more than
  // Node's default of 10 by design, so its "possible memory leak" warning would be noise on the user's terminal.
  if (input.signal) setMaxListeners(0, input.signal);
  setMaxListeners(0, abort.signal);
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let assets: Asset[] = [];
  let relationships: Relationship[] = [];
  let assetCount = 0;
  let closed = false;

  const flush = async () => {
    if (assets.length) {
      const batch = assets;
      assets = [];
      await sink.writeAssets(batch);
    }
    if (relationships.length) {
      const batch = relationships;
      relationships = [];
      await sink.writeRelationships(batch);
    }
  };

  const ctx: CollectContext = {
    accountId,
    partition: input.partition,
    region,
    assetRegion,
    client: input.factory.accessor(module, region, stats),
    async emit(batch) {
      if (closed) throw new Error(`${module.service} ${region}: emit after the unit ended`);
      for (const asset of batch.assets ?? []) {
        checkAsset(asset, module, accountId, assetRegion, declaredTypes);
        input.values?.asset(asset);
        assets.push(asset);
      }
      assetCount += batch.assets?.length ?? 0;
      for (const relationship of batch.relationships ?? []) {
        input.values?.relationship(relationship);
        relationships.push(relationship);
      }
      if (assets.length >= input.batchSize || relationships.length >= input.batchSize) await flush();
    },
    typeFailed(type, error) {
      if (!failedTypes.has(type)) failedTypes.set(type, error);
      input.log(`${module.service} ${region}: ${type} not read completely: ${errorCode(error)}`);
    },
    shared: (key, read) => input.factory.sharedRead(`${region}:${key}`, read),
    mapLimit: (items, fn) => mapLimit(items, input.factory.limiter.capacity, fn),
    signal: abort.signal,
    log: (message) => input.log(`${module.service} ${region}: ${message}`),
  };

  let thrown: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TimeoutError(
          `${module.service} ${region} did not finish within ${input.timeoutMs} ms`,
        );
        abort.abort(error);
        reject(error);
      }, input.timeoutMs);
    });
    await Promise.race([module.collect(ctx), timeout]);
    await flush();
  } catch (error) {
    thrown = error;
    // Whatever was read stays (upserted); only deletions are withheld for a failed unit.
    await flush().catch(() => undefined);
  } finally {
    closed = true;
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onOuterAbort);
  }

  const firstTypeFailure = failedTypes.entries().next().value as [string, unknown] | undefined;
  const failure = thrown ?? firstTypeFailure?.[1];
  const result: SyncServiceResult = {
    service: module.service,
    region: assetRegion,
    status: failure === undefined ? 'ok' : 'failed',
    completeTypes: thrown ? [] : [...declaredTypes].filter((type) => !failedTypes.has(type)),
    assetCount,
    calls: stats.calls,
    retries: stats.retries,
    throttles: stats.throttles,
    durationMs: Date.now() - started,
  };
  if (failure !== undefined) {
    result.errorCode = errorCode(failure);
    result.errorMessage = thrown
      ? errorMessage(failure)
      : [...failedTypes]
          .map(([type, error]) => `${type}: ${errorCode(error)}: ${errorMessage(error)}`)
          .join('; ');
  }
  await sink.unitFinished?.(result, { relationshipsComplete: failure === undefined });
  return result;
}

function checkAsset(
  asset: Asset,
  module: CollectorModule,
  accountId: string,
  assetRegion: string,
  declaredTypes: Set<string>,
): void {
  if (asset.service !== module.service || asset.accountId !== accountId || asset.region !== assetRegion) {
    throw new Error(
      `${module.service} emitted ${asset.id} with service/account/region ${asset.service}/${asset.accountId}/${asset.region}; expected ${module.service}/${accountId}/${assetRegion}`,
    );
  }
  if (!declaredTypes.has(asset.type)) {
    throw new Error(`${module.service} emitted ${asset.id} of undeclared type ${asset.type}`);
  }
}
