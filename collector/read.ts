// Small helpers modules share for reading: per-type error isolation, emitting transformed pages, detail calls.
import { errorCode, isRegionDisabledError } from './errors';
import type { Emitted, Where } from './shape';
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

export type DetailResult<T> = { ok: true; value: T } | { ok: false; code: string };

/** A per-resource detail call: its value, or AWS's error code to record in readErrors (CATALOG.md rule 3). */
export async function detail<T>(call: () => Promise<T>): Promise<DetailResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (isRegionDisabledError(error)) throw error;
    return { ok: false, code: errorCode(error) };
  }
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
