// Helpers every module shares for reading: per-type error isolation, emitting transformed pages, detail calls
// (CATALOG.md rules 2 and 3) and list-failure bookkeeping.
import type { Asset } from '../store/model';
import { errorCode, errorCodes, isRegionDisabledError } from './errors';
import { plainConfig, type Emitted, type Where } from './shape';
import type { CollectContext } from './types';

export function whereOf(ctx: CollectContext, service: string): Where {
  return {
    partition: ctx.partition,
    accountId: ctx.accountId,
    region: ctx.region,
    assetRegion: ctx.assetRegion,
    service,
  };
}

export async function emitAll(ctx: CollectContext, emitted: Emitted[]): Promise<void> {
  if (emitted.length === 0) return;
  await ctx.emit({
    assets: emitted.flatMap((item) => item.assets),
    relationships: emitted.flatMap((item) => item.relationships),
  });
}

/** Runs one type's reader; a failure marks the type incomplete, except a disabled region, which fails the unit. */
export async function readType(ctx: CollectContext, type: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (isRegionDisabledError(error)) throw error;
    ctx.typeFailed(type, error);
  }
}

/** Waits for every reader, then rethrows the first failure (so no reader is left running when the unit ends). */
export async function settleAll(readers: Promise<void>[]): Promise<void> {
  const outcomes = await Promise.allSettled(readers);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A detail call's result: its value, or AWS's error code to record in readErrors (CATALOG.md rule 3). */
export type DetailResult<T> = { ok: true; value: T } | { ok: false; code: string };

/** A detail call whose "not configured" answer is a value: `null` (CATALOG.md rule 2). */
export type DetailOutcome<T> = DetailResult<T | null>;

/**
 * Runs one per-resource detail call. AWS's "not configured" codes (either spelling) give `null`; other failures
 * give the error code. A disabled region or an aborted sync is the unit's failure, not one resource's: rethrown.
 */
export async function readDetail<T>(
  call: () => Promise<T>,
  notConfiguredCodes: readonly string[] = [],
): Promise<DetailOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (isRegionDisabledError(error) || errorCode(error) === 'AbortError') throw error;
    if (errorCodes(error).some((code) => notConfiguredCodes.includes(code))) return { ok: true, value: null };
    return { ok: false, code: errorCode(error) };
  }
}

/** A detail call with no "not configured" answer. */
export function detail<T>(call: () => Promise<T>): Promise<DetailResult<T>> {
  return readDetail(call) as Promise<DetailResult<T>>;
}

/** A detail output as CATALOG.md stores it (plain JSON), null when not configured, or AWS's error code. */
export type OutputOutcome = DetailOutcome<Record<string, unknown>>;

/** A detail call's output as CATALOG.md rule 2 stores it: plain JSON without `$metadata` (or null, or the code). */
export async function readOutput(
  call: () => Promise<object>,
  notConfiguredCodes: readonly string[] = [],
): Promise<OutputOutcome> {
  const outcome = await readDetail(call, notConfiguredCodes);
  if (!outcome.ok) return outcome;
  return { ok: true, value: outcome.value === null ? null : plainConfig(outcome.value) };
}

/** The resource vanished between the list call and a detail call (any of `codes`). */
export function isGone(outcome: DetailResult<unknown>, codes: readonly string[]): boolean {
  return !outcome.ok && codes.includes(outcome.code);
}

/** Merges a detail outcome under `key`: the output without `$metadata`, null, or a read error. */
export function mergeDetail<T>(
  asset: Pick<Asset, 'config' | 'readErrors'>,
  key: string,
  outcome: DetailOutcome<T> | undefined,
  shape: (value: T) => unknown = (value) => plainConfig(value),
): void {
  if (outcome === undefined) return;
  if (outcome.ok) {
    asset.config[key] = outcome.value === null ? null : shape(outcome.value);
    return;
  }
  asset.readErrors = { ...(asset.readErrors ?? {}), [key]: outcome.code };
}

/** Merges several detail outcomes into `config`, failed ones into readErrors (CATALOG.md rules 2 and 3). */
export function mergeDetails<T>(
  config: Record<string, unknown>,
  details: Record<string, DetailOutcome<T>>,
): { config: Record<string, unknown>; readErrors?: Record<string, string> } {
  const merged: { config: Record<string, unknown>; readErrors?: Record<string, string> } = { config };
  for (const [key, outcome] of Object.entries(details)) mergeDetail(merged, key, outcome);
  return merged;
}

/**
 * Tracks list failures for one collect run: a failed list call marks the types it feeds incomplete (so nothing
 * of theirs is deleted) and the run goes on. A disabled region fails the whole unit at once, and when no type
 * at all could be read `finish` throws the first error, so the runner records AWS's error code for the unit.
 */
export class ListFailures {
  private readonly failed = new Set<string>();
  private firstError: unknown;

  constructor(
    private readonly ctx: { typeFailed(type: string, error: unknown): void },
    private readonly allTypes: string[],
  ) {}

  fail(types: string[], error: unknown): void {
    if (isRegionDisabledError(error) || errorCode(error) === 'AbortError') throw error;
    if (this.failed.size === 0) this.firstError = error;
    for (const type of types) {
      if (this.failed.has(type)) continue;
      this.failed.add(type);
      this.ctx.typeFailed(type, error);
    }
  }

  /** Runs a list stage; returns false (after recording) when it failed. */
  async run(types: string[], stage: () => Promise<void>): Promise<boolean> {
    try {
      await stage();
      return true;
    } catch (error) {
      this.fail(types, error);
      return false;
    }
  }

  finish(): void {
    if (this.allTypes.every((type) => this.failed.has(type))) throw this.firstError;
  }
}

/**
 * Pages of a marker-paged list call, for services whose "there is more" flag the SDK paginators ignore (they look at
 * the marker only). `nextMarker` gives the next page's marker from a page, or undefined on the last one; a marker
 * already used also ends paging, rather than looping for ever.
 */
export async function* markerPages<P>(
  fetch: (marker: string | undefined) => Promise<P>,
  nextMarker: (page: P) => string | undefined,
): AsyncGenerator<P> {
  const used = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const page = await fetch(marker);
    yield page;
    const next = nextMarker(page);
    if (!next || used.has(next)) return;
    used.add(next);
    marker = next;
  }
}

/** Collects every page of an SDK paginator (for the small account-level lists). */
export async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const collected: P[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

/** Splits `items` into arrays of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** The output of an SDK call without `$metadata`, as CATALOG.md stores detail results. */
export function withoutMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}
