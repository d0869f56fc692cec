// Reads one AWS account: global modules once, regional modules in every selected region, as (module, region)
// units run in registry order and in parallel up to the concurrency cap. Shared by the sync job (store sink)
// and `scan` (any sink).
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SyncProgress, SyncServiceResult } from '../store/model';
import { GLOBAL_REGION } from '../store/model';
import { ACCOUNT_SERVICE, accountAssets } from './account-assets';
import { ClientFactory, concurrencyFromEnv, type AwsCallObserver } from './clients';
import { errorCode, errorMessage } from './errors';
import { Semaphore } from './limits';
import { registeredModules, type RegisteredModule } from './registry';
import type { CollectorModule } from './types';
import type { CollectSink } from './unit';
import { runUnit } from './unit';
import { ValueTable } from './value-table';

export interface CollectOptions {
  awsAccountId: string;
  /** Regions to read regional modules in. */
  regions: string[];
  /** Credentials for every client (assumeAccountRole(...) or ambientCredentials()). */
  credentials: AwsCredentialIdentityProvider;
  /** Default `aws`. */
  partition?: string;
  /** Endpoint region for global modules (default us-east-1, or the partition's own). */
  homeRegion?: string;
  /** Default: the registry. */
  modules?: CollectorModule[];
  /** Cap on AWS requests in flight and on units in parallel (default CLOUDWARD_MAX_CONCURRENCY or 32). */
  concurrency?: number;
  /** Merged into every SDK client's config (tests/benchmarks inject `requestHandler`, `maxAttempts`, ...). */
  clientConfig?: Record<string, unknown>;
  maxAttempts?: number;
  /** Assets/relationships per write (default 500). */
  batchSize?: number;
  /** A unit still running after this is failed with TimeoutError (default 15 minutes). */
  unitTimeoutMs?: number;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** Told of every AWS call and throttle (the server's metrics). */
  awsCalls?: AwsCallObserver;
  /**
   * The sink keeps every asset until the sync ends (`scan`): share one copy of each repeated value across the
   * sync's units (value-table.ts). Off for a store sync, whose assets are dropped once written: there the table
   * would hold every distinct value of the estate instead of the units in flight.
   */
  shareValues?: boolean;
}

export interface CollectOutcome {
  status: 'succeeded' | 'partial' | 'failed';
  /** Why the whole sync failed (e.g. AssumeRole denied). */
  error?: string;
  services: SyncServiceResult[];
  assetCount: number;
  durationMs: number;
}

const HOME_REGION: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

interface PlannedUnit<M> {
  module: M;
  region: string;
  label: string;
}

export function planUnits<M extends Pick<CollectorModule, 'service' | 'scope'>>(
  modules: M[],
  regions: string[],
  homeRegion: string,
): PlannedUnit<M>[] {
  const units: PlannedUnit<M>[] = [];
  for (const module of modules.filter((candidate) => candidate.scope === 'global')) {
    units.push({ module, region: homeRegion, label: `${module.service} ${GLOBAL_REGION}` });
  }
  for (const module of modules.filter((candidate) => candidate.scope === 'regional')) {
    for (const region of regions) units.push({ module, region, label: `${module.service} ${region}` });
  }
  return units;
}

export async function collectAccount(options: CollectOptions, sink: CollectSink): Promise<CollectOutcome> {
  const started = Date.now();
  const partition = options.partition ?? 'aws';
  const homeRegion = options.homeRegion ?? HOME_REGION[partition] ?? 'us-east-1';
  // The registry's modules load one by one as their units start; modules passed in are already loaded.
  const modules: RegisteredModule[] = options.modules
    ? options.modules.map((module) => ({ service: module.service, scope: module.scope, load: () => module }))
    : registeredModules;
  const regions = [...new Set(options.regions)];
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? concurrencyFromEnv();

  // AssumeRole (or the ambient chain) once, up front: if it fails nothing can be read.
  try {
    await options.credentials();
  } catch (error) {
    return {
      status: 'failed',
      error: `${errorCode(error)}: ${errorMessage(error)}`,
      services: [],
      assetCount: 0,
      durationMs: Date.now() - started,
    };
  }

  const units = planUnits(modules, regions, homeRegion);
  // One copy of each repeated value across the sync's units, dropped when the sync ends.
  const values = options.shareValues ? new ValueTable() : undefined;
  if (options.modules) checkDependencies(options.modules);
  const load = loaderInTurns();
  const factory = new ClientFactory({
    credentials: options.credentials,
    limiter: new Semaphore(concurrency),
    maxAttempts: options.maxAttempts,
    clientConfig: options.clientConfig,
    observer: options.awsCalls,
  });
  const progress: SyncProgress = { done: 0, total: units.length };
  // Progress is informative: a failing progress write must not fail the sync.
  const report = async (current?: string) => {
    try {
      await options.onProgress?.({ ...progress, current });
    } catch (error) {
      log(`progress not recorded: ${errorCode(error)}: ${errorMessage(error)}`);
    }
  };

  try {
    const own = accountAssets(partition, options.awsAccountId, regions);
    await sink.writeAssets([own.global, ...own.regional]);
    await sink.writeRelationships(own.relationships);
    await report(units[0]?.label);

    const unitSlots = new Semaphore(concurrency);
    const finished = new Map<string, Promise<SyncServiceResult>>();
    const results = await Promise.all(
      units.map((unit) => {
        const promise = (async () => {
          const module = await load(unit.module);
          // Dependencies come earlier in the registry, so they already hold or held a slot: no deadlock.
          for (const dependency of module.dependsOn ?? []) {
            const dependencyModule = modules.find((candidate) => candidate.service === dependency);
            const key = `${dependency}:${dependencyModule?.scope === 'global' ? homeRegion : unit.region}`;
            await finished.get(key)?.catch(() => undefined);
          }
          return unitSlots.run(async () => {
            const result = await runUnit({
              module,
              region: unit.region,
              accountId: options.awsAccountId,
              partition,
              factory,
              sink,
              batchSize: options.batchSize ?? 500,
              timeoutMs: options.unitTimeoutMs ?? 15 * 60 * 1000,
              signal: options.signal,
              log,
              values,
            });
            progress.done += 1;
            // `current` names the unit that just finished; once all have, there is none.
            await report(progress.done === progress.total ? undefined : unit.label);
            return result;
          });
        })();
        finished.set(`${unit.module.service}:${unit.region}`, promise);
        return promise;
      }),
    );

    // The runner's own assets are complete whenever the sync ran.
    await sink.unitFinished?.(ownResult(GLOBAL_REGION, ['aws_account'], 1), { relationshipsComplete: true });
    for (const region of regions) {
      await sink.unitFinished?.(ownResult(region, ['aws_account_region'], 1), {
        relationshipsComplete: true,
      });
    }

    const failedUnits = results.filter((result) => result.status === 'failed').length;
    return {
      status: failedUnits === 0 ? 'succeeded' : failedUnits === results.length ? 'failed' : 'partial',
      error: failedUnits === results.length && results.length > 0 ? 'every service failed' : undefined,
      services: results,
      assetCount: 1 + regions.length + results.reduce((sum, result) => sum + result.assetCount, 0),
      durationMs: Date.now() - started,
    };
  } finally {
    factory.destroy();
  }
}

/** Result shape for the runner's own assets; `internal` so sinks can skip recording it as a service. */
function ownResult(
  region: string,
  types: string[],
  assetCount: number,
): SyncServiceResult & { internal: true } {
  return {
    service: ACCOUNT_SERVICE,
    region,
    status: 'ok',
    completeTypes: types,
    assetCount,
    calls: {},
    retries: 0,
    throttles: 0,
    durationMs: 0,
    internal: true,
  };
}

export function isInternalResult(result: SyncServiceResult): boolean {
  return (result as { internal?: boolean }).internal === true;
}

/**
 * Loads modules one per turn of the event loop, in the order asked: a `require` blocks the thread, so between
 * two loads the calls of the units already started go out (one turn lets their sockets connect and write).
 */
function loaderInTurns(): (entry: RegisteredModule) => Promise<CollectorModule> {
  let previous: Promise<unknown> = Promise.resolve();
  const loads = new Map<RegisteredModule, Promise<CollectorModule>>();
  return (entry) => {
    let loading = loads.get(entry);
    if (!loading) {
      loading = previous.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => entry.load());
      previous = loading.catch(() => undefined);
      loads.set(entry, loading);
    }
    return loading;
  };
}

export function checkDependencies(modules: CollectorModule[]): void {
  modules.forEach((module, index) => {
    for (const dependency of module.dependsOn ?? []) {
      const at = modules.findIndex((candidate) => candidate.service === dependency);
      if (at === -1 || at > index) {
        throw new Error(
          `collector module ${module.service} depends on ${dependency}, which must come before it in the registry`,
        );
      }
    }
  });
}
