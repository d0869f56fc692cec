// What this module adds to the collector core's helpers (collector/shape.ts, collector/read.ts): detail calls whose
// "not configured" answer means null (CATALOG.md rule 2), merging them into config (rules 2 and 3), EC2 ARNs of
// related resources, and list-failure bookkeeping. Identical in every module of collector/services/{lambda,
// apigateway,eks,ecr,ecs,rds,efs,organizations}; a candidate for collector/read.ts.
import type { Asset } from '../../../store/model';
import { errorCode, isRegionDisabledError } from '../../errors';
import { plainConfig, type Where } from '../../shape';

export { whereOf } from '../../read';
export type { Where };

/** A detail call's result: the output, `null` when AWS says the thing is not configured, or the error code. */
export type DetailOutcome<T> = { ok: true; value: T | null } | { ok: false; code: string };

export async function readDetail<T>(
  call: () => Promise<T>,
  notConfiguredCodes: string[] = [],
): Promise<DetailOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    // A disabled region or an aborted sync is the unit's failure, not one resource's read error.
    if (isRegionDisabledError(error) || errorCode(error) === 'AbortError') throw error;
    const code = errorCode(error);
    if (notConfiguredCodes.includes(code)) return { ok: true, value: null };
    return { ok: false, code };
  }
}

/** Merges a detail outcome under `key`: the output without `$metadata`, null, or a read error. */
export function mergeDetail<T extends object>(
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

/** ARN of an EC2-owned resource (subnet, security group, vpc) in the region being read. */
export function ec2Arn(where: Where, resource: string): string {
  return `arn:${where.partition}:ec2:${where.region}:${where.accountId}:${resource}`;
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
