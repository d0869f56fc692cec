// Helpers every service module in this folder family repeats: the catalog's JSON shape, error codes and
// detail-call outcomes. (Kept per module so each folder stays self-contained; identical copies.)
import type { Asset, Relationship, RelationshipVerb } from '../../../store/model';
import { errorCode } from '../../errors';

export { errorCode };

/** Where the assets of one collect run live; transforms are pure functions of it and AWS's response. */
export interface AssetScope {
  accountId: string;
  partition: string;
  /** Region put on assets and relationships (`global` for global modules). */
  region: string;
  /** The AWS region the data was read from (for building regional ARNs). */
  awsRegion: string;
  service: string;
}

/** An AWS response as CATALOG.md stores it: Dates as ISO strings, no `$metadata`, no undefined members. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === '$metadata' || member === undefined) continue;
      out[key] = toPlain(member);
    }
    return out;
  }
  return value;
}

export function toConfig(value: object): Record<string, unknown> {
  return toPlain(value) as Record<string, unknown>;
}

/** Policies arrive as JSON text; a document that does not parse is kept as text rather than lost. */
export function parsePolicy(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A detail call's result: the output, `null` when AWS says the thing is not configured, or the error code. */
export type DetailOutcome<T> = { ok: true; value: T | null } | { ok: false; code: string };

export async function readDetail<T>(
  call: () => Promise<T>,
  notConfiguredCodes: string[] = [],
): Promise<DetailOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const code = errorCode(error);
    // An aborted sync must stop, not be recorded as a per-resource read error.
    if (code === 'AbortError') throw error;
    if (notConfiguredCodes.includes(code)) return { ok: true, value: null };
    return { ok: false, code };
  }
}

/** Merges a detail outcome under `key` (CATALOG.md rules 2 and 3). */
export function mergeDetail<T>(
  asset: Pick<Asset, 'config' | 'readErrors'>,
  key: string,
  outcome: DetailOutcome<T> | undefined,
  shape: (value: T) => unknown = (value) => toPlain(value),
): void {
  if (outcome === undefined) return;
  if (outcome.ok) {
    asset.config[key] = outcome.value === null ? null : shape(outcome.value);
    return;
  }
  asset.readErrors = { ...(asset.readErrors ?? {}), [key]: outcome.code };
}

export function tagsFromList(list: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

export function relationship(
  scope: AssetScope,
  fromId: string,
  verb: RelationshipVerb,
  toId: string,
): Relationship {
  return { accountId: scope.accountId, fromId, verb, toId, service: scope.service, region: scope.region };
}

/** ARN of an EC2-owned resource (subnet, security group, vpc) in this scope's region. */
export function ec2Arn(scope: AssetScope, resource: string): string {
  return `arn:${scope.partition}:ec2:${scope.awsRegion}:${scope.accountId}:${resource}`;
}

/**
 * Tracks list failures for one collect run: a failed list call marks the types it feeds incomplete (so nothing
 * of theirs is deleted) and the run goes on; when no type at all could be read, `finish` throws the first error
 * so the runner records the whole service as failed with AWS's error code.
 */
export class ListFailures {
  private readonly failed = new Set<string>();
  private firstError: unknown;

  constructor(
    private readonly ctx: { typeFailed(type: string, error: unknown): void },
    private readonly allTypes: string[],
  ) {}

  fail(types: string[], error: unknown): void {
    if (errorCode(error) === 'AbortError') throw error;
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

export function scopeOf(
  ctx: { accountId: string; partition: string; assetRegion: string; region: string },
  service: string,
): AssetScope {
  return {
    accountId: ctx.accountId,
    partition: ctx.partition,
    region: ctx.assetRegion,
    awsRegion: ctx.region,
    service,
  };
}

export function newAsset(
  scope: AssetScope,
  fields: Pick<Asset, 'id' | 'type' | 'class' | 'name' | 'config'> & { tags?: Record<string, string> },
): Asset {
  return {
    id: fields.id,
    accountId: scope.accountId,
    region: scope.region,
    service: scope.service,
    type: fields.type,
    class: fields.class,
    name: fields.name,
    tags: fields.tags ?? {},
    config: fields.config,
  };
}
