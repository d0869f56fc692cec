// Conversions between database values and the model's shapes, identical for both drivers.
import { InvalidInputError } from './store';

/** Both drivers return timestamptz as Date; the model speaks ISO strings. */
export function iso(value: unknown): string {
  // Duck-typed, not instanceof: PGlite may hand back Dates from another realm (see store/index.ts).
  if (typeof value === 'object' && value !== null && 'toISOString' in value)
    return (value as Date).toISOString();
  return new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Store ids are uuids: anything else cannot exist, and Postgres would reject the cast. */
export function requireUuid(value: string, what: string): string {
  if (!isUuid(value)) throw new InvalidInputError(`${what} is not a valid id: ${JSON.stringify(value)}`);
  return value;
}

/** jsonb parameters are sent as text: pg would turn a JS array into a Postgres array otherwise. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A timestamp given by a caller, validated and normalised (ms precision, like the columns). */
export function timestampParam(value: string, what: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(`${what} is not a valid timestamp: ${value}`);
  return date.toISOString();
}
