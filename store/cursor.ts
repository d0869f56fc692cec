// Keyset pagination helpers: a cursor is the sort key of the last row served, as opaque base64url JSON.
import { InvalidInputError, type PageRequest } from './store';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export type KeysetValue = string | number | boolean | null;

export function pageLimit(page?: PageRequest): number {
  const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidInputError(`page limit must be a positive integer`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

export function encodeCursor(values: KeysetValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * What each keyset position must hold, with the range of the column it is compared with (`int` a bigint,
 * `smallint` a smallint); checked so a forged cursor is a clear error, not a SQL failure.
 */
export type CursorKind = 'text' | 'int' | 'smallint' | 'uuid' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The timestamps we encode (`toISOString`, years 1..9999, the ones PostgreSQL and JavaScript share), nothing else. */
function isCanonicalTimestamp(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const date = new Date(time);
  return date.toISOString() === value && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;
}

function fits(value: unknown, kind: CursorKind): boolean {
  switch (kind) {
    case 'text':
      // PostgreSQL text cannot hold NUL.
      return typeof value === 'string' && !value.includes('\u0000');
    case 'int':
      // Safe integers are all inside bigint; beyond them JSON numbers lose digits anyway.
      return Number.isSafeInteger(value);
    case 'smallint':
      return Number.isInteger(value) && (value as number) >= -32768 && (value as number) <= 32767;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'timestamp':
      return typeof value === 'string' && isCanonicalTimestamp(value);
  }
}

/** Decodes a cursor whose values have the given kinds; anything else is the caller's mistake, never a crash. */
export function decodeCursor(cursor: string, kinds: CursorKind[]): KeysetValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError('invalid cursor');
  }
  const valid =
    Array.isArray(values) && values.length === kinds.length && values.every((v, i) => fits(v, kinds[i]));
  if (!valid) throw new InvalidInputError('invalid cursor');
  return values as KeysetValue[];
}

/** Cuts the extra row fetched to learn whether another page exists, and builds its cursor. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  keyset: (row: Row) => KeysetValue[],
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(keyset(last)) : null };
}
