// Helpers shared by the IAM, S3 and logging/monitoring modules: turning SDK output into CATALOG.md's config
// shape (ISO dates, no $metadata), reading AWS error codes, and the detail-call rules (not configured -> null,
// other failures -> readErrors). Kept here because the modules' own folders are the only paths they own;
// it has no S3-specific code and can move to collector/ as is.
import type { Asset, AssetClass, Relationship, RelationshipVerb } from '../../../store/model';
import type { CollectContext } from '../../types';

/**
 * AWS's error code. Query-protocol services (IAM, SNS) raise SDK classes named after the code with a suffix
 * (`NoSuchEntityException`) and keep the wire code in `Code` (`NoSuchEntity`): the wire code wins.
 */
export function errorCode(error: unknown): string {
  return errorCodes(error)[0] ?? 'UnknownError';
}

/** Every code an SDK error carries (`Code`, then `name`), for matching either spelling. */
export function errorCodes(error: unknown): string[] {
  if (!error || typeof error !== 'object') return [];
  const candidate = error as { name?: unknown; Code?: unknown; code?: unknown };
  const codes = [candidate.Code, candidate.name, candidate.code].filter(
    (value): value is string => typeof value === 'string' && value !== '' && value !== 'Error',
  );
  return [...new Set(codes)];
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);

export function isAccessDenied(error: unknown): boolean {
  return errorCodes(error).some((code) => ACCESS_DENIED.has(code));
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceeded',
  'LimitExceededException',
  'SlowDown',
]);

export function isThrottling(error: unknown): boolean {
  return errorCodes(error).some((code) => THROTTLING.has(code));
}

/** The resource vanished between the list call and a detail call (either spelling of the code). */
export function isGone(result: DetailResult, codes: readonly string[]): boolean {
  return 'error' in result && codes.includes(result.error);
}

/** Deep copy with Dates as ISO strings and undefined members dropped, so config is plain JSON. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) copy[key] = plain(member);
    }
    return copy;
  }
  return value;
}

export function plainRecord(value: object): Record<string, unknown> {
  return plain(value) as Record<string, unknown>;
}

/** A detail call's output as CATALOG.md rule 2 stores it: the whole output minus `$metadata`. */
export function outputValue(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = output as { $metadata?: unknown };
  return plainRecord(rest);
}

/** Outcome of one detail call: a value (null = AWS says not configured) or the AWS error code. */
export type DetailResult = { value: Record<string, unknown> | null } | { error: string };

export async function readDetail(
  call: () => Promise<object>,
  notConfigured: readonly string[] = [],
): Promise<DetailResult> {
  try {
    return { value: outputValue(await call()) };
  } catch (error) {
    if (errorCodes(error).some((code) => notConfigured.includes(code))) return { value: null };
    return { error: errorCode(error) };
  }
}

/** Merges detail results into config, failed ones into readErrors (CATALOG.md rules 2 and 3). */
export function mergeDetails(
  config: Record<string, unknown>,
  details: Record<string, DetailResult>,
): { config: Record<string, unknown>; readErrors?: Record<string, string> } {
  const readErrors: Record<string, string> = {};
  for (const [key, result] of Object.entries(details)) {
    if ('error' in result) readErrors[key] = result.error;
    else config[key] = result.value;
  }
  return Object.keys(readErrors).length > 0 ? { config, readErrors } : { config };
}

/** Parses a policy document; IAM's are URL-encoded. Anything unparseable stays as AWS sent it. */
export function parsePolicy(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  for (const candidate of [document, safeDecode(document)]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return document;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** `[{Key, Value}]` (or other member names) -> plain map. */
export function tagMap<T extends object>(
  tags: T[] | undefined,
  keyName: keyof T = 'Key' as keyof T,
  valueName: keyof T = 'Value' as keyof T,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const key = tag[keyName];
    if (typeof key === 'string') map[key] = String(tag[valueName] ?? '');
  }
  return map;
}

export interface AssetFields {
  id: string;
  type: string;
  class: AssetClass;
  name: string;
  tags?: Record<string, string>;
  config: Record<string, unknown>;
  readErrors?: Record<string, string>;
}

/** Where the assets of one module run belong. */
export interface AssetScope {
  accountId: string;
  region: string;
  service: string;
}

export function scopeOf(ctx: CollectContext, service: string): AssetScope {
  return { accountId: ctx.accountId, region: ctx.assetRegion, service };
}

export function makeAsset(scope: AssetScope, fields: AssetFields): Asset {
  const asset: Asset = {
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
  if (fields.readErrors && Object.keys(fields.readErrors).length > 0) asset.readErrors = fields.readErrors;
  return asset;
}

export function makeRelationship(
  scope: AssetScope,
  fromId: string,
  verb: RelationshipVerb,
  toId: string,
  properties?: Record<string, unknown>,
): Relationship {
  const relationship: Relationship = {
    accountId: scope.accountId,
    fromId,
    verb,
    toId,
    service: scope.service,
    region: scope.region,
  };
  if (properties) relationship.properties = properties;
  return relationship;
}

/** Collects every page of an SDK paginator (for the small account-level lists). */
export async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const collected: P[] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

/** An Error carrying an AWS code, for typeFailed when only the code of a failed read was kept. */
export function errorWithCode(code: string): Error {
  return Object.assign(new Error(code), { name: code });
}
