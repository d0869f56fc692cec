// Value helpers shared by the operators and the evidence writer.

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A present non-list value counts as a one-element list (IAM's `"Action": "*"`). */
export function asList(value: unknown): unknown[] | undefined {
  if (isMissing(value)) return undefined;
  return Array.isArray(value) ? value : [value];
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** `eq` semantics: strings case-sensitive, scalars loosely across types (`true` = `"true"`, `5` = `"5"`). */
export function looseEquals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (isMissing(actual) || isMissing(expected)) return false;
  const actualType = typeof actual;
  const expectedType = typeof expected;
  if (actualType === 'object' || expectedType === 'object') return deepEquals(actual, expected);
  if (expectedType === 'number') return toNumber(actual) === expected && actualType !== 'boolean';
  if (actualType === 'number') return toNumber(expected) === actual && expectedType !== 'boolean';
  return String(actual) === String(expected);
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    deepEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export function toTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export const DAY_MS = 86_400_000;

/** Object keys in sorted order (JSON.stringify replacer; arrays and scalars untouched). */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/**
 * Short, readable rendering of a value for evidence text. Keys are sorted: the store (jsonb) does not keep AWS's
 * key order, and the same asset must read the same in `scan` (in memory) and `serve` (from the store).
 */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return 'missing';
  if (value instanceof Date) return value.toISOString();
  let text: string;
  try {
    text = JSON.stringify(value, sortKeys) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Human label for an asset type: `aws_ec2_security_group` -> `security group`. */
export function typeLabel(type: string): string {
  const parts = type.replace(/^aws_/, '').split('_');
  const rest = parts.length > 1 ? parts.slice(1) : parts;
  return rest.join(' ');
}

/** Last part of an ARN or id: `arn:...:security-group/sg-1` -> `sg-1`. */
export function shortId(id: string): string {
  const slash = id.lastIndexOf('/');
  if (slash >= 0 && slash < id.length - 1) return id.slice(slash + 1);
  const colon = id.lastIndexOf(':');
  return colon >= 0 && colon < id.length - 1 ? id.slice(colon + 1) : id;
}

export function describeAsset(asset: { type: string; id: string; name?: string }): string {
  const short = shortId(asset.id);
  const name = asset.name && asset.name !== short ? `${asset.name} (${short})` : short;
  return `${typeLabel(asset.type)} ${name}`;
}
