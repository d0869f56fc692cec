// Helpers that turn SDK output into the plain, JSON-safe `config` shape CATALOG.md describes.
import type { Asset, AssetClass, Relationship, RelationshipVerb } from '../store/model';
import { buildArn } from './arn';

/** Dates become ISO strings, `undefined` members disappear, everything else is copied as is. */
export function plainConfig<T>(value: T): Record<string, unknown> {
  return toPlain(value) as Record<string, unknown>;
}

function toPlain(value: unknown): unknown {
  // Tag check, not instanceof: a Date from another realm (structuredClone under jest's VM, a worker) is a Date too.
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    // Built in one step: V8 turns an object that gains more than ~16 properties one keyed store at a time into a
    // hash table (an EC2 instance's 30-odd members took 1.6 KB instead of ~0.3 KB), and assets are kept a while.
    const members: [string, unknown][] = [];
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined && key !== '$metadata') members.push([key, toPlain(member)]);
    }
    return Object.fromEntries(members);
  }
  return value;
}

/**
 * AWS tag lists to a plain map: `[{Key, Value}]` in either capitalisation by default, or other member names
 * (KMS's `[{TagKey, TagValue}]`).
 */
export function tagMap<T extends object>(
  tags: T[] | undefined,
  keyName?: keyof T,
  valueName?: keyof T,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const member = tag as Record<string | number | symbol, unknown>;
    const key = keyName === undefined ? (member.Key ?? member.key) : member[keyName];
    const value = valueName === undefined ? (member.Value ?? member.value) : member[valueName];
    if (typeof key === 'string') out[key] = value === undefined || value === null ? '' : String(value);
  }
  return out;
}

/** Policy documents arrive as JSON strings (sometimes URL-encoded); controls want objects. Unparseable stays a string. */
export function parsePolicyDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  for (const candidate of [document, safeDecode(document)]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return document;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** ARN of an EC2-owned resource (subnet, security group, vpc, ...) in the region being read. */
export function ec2Arn(where: Pick<Where, 'partition' | 'region' | 'accountId'>, resource: string): string {
  return buildArn(where.partition, 'ec2', where.region, where.accountId, resource);
}

/** Where a module is reading: enough to build ids, assets and relationships. */
export interface Where {
  partition: string;
  accountId: string;
  region: string;
  /** Region written on assets (`global` for global modules). */
  assetRegion: string;
  service: string;
}

export interface Emitted {
  assets: Asset[];
  relationships: Relationship[];
}

/** What an asset or relationship needs to know of where it was read. */
export type AssetPlace = Pick<Where, 'accountId' | 'assetRegion' | 'service'>;

export function makeAsset(
  where: AssetPlace,
  fields: {
    id: string;
    type: string;
    class: AssetClass;
    name: string;
    tags?: Record<string, string>;
    config: Record<string, unknown>;
    readErrors?: Record<string, string>;
  },
): Asset {
  const asset: Asset = {
    id: fields.id,
    accountId: where.accountId,
    region: where.assetRegion,
    service: where.service,
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
  where: AssetPlace,
  fromId: string,
  verb: RelationshipVerb,
  toId: string,
  properties?: Record<string, unknown>,
): Relationship {
  const relationship: Relationship = {
    accountId: where.accountId,
    fromId,
    verb,
    toId,
    service: where.service,
    region: where.assetRegion,
  };
  if (properties) relationship.properties = properties;
  return relationship;
}

export const REDACTED_EXTERNAL_ID = '(redacted)';

/**
 * A trust policy with every `sts:ExternalId` condition value replaced by REDACTED_EXTERNAL_ID. The external ID
 * is a shared secret between the account and whoever assumes the role; Cloudward needs to know a condition
 * requires one, never its value, so the stored asset never holds it.
 */
export function redactExternalIds(policy: unknown): unknown {
  if (!policy || typeof policy !== 'object') return policy;
  const document = policy as { Statement?: unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const redacted = statements.map((statement) => {
    if (!statement || typeof statement !== 'object') return statement;
    const condition = (statement as { Condition?: unknown }).Condition;
    if (!condition || typeof condition !== 'object') return statement;
    const operators = Object.fromEntries(
      Object.entries(condition as Record<string, unknown>).map(([operator, keys]) => {
        if (!keys || typeof keys !== 'object') return [operator, keys];
        return [
          operator,
          Object.fromEntries(
            Object.entries(keys as Record<string, unknown>).map(([key, value]) => [
              key,
              key.toLowerCase() === 'sts:externalid'
                ? Array.isArray(value)
                  ? value.map(() => REDACTED_EXTERNAL_ID)
                  : REDACTED_EXTERNAL_ID
                : value,
            ]),
          ),
        ];
      }),
    );
    return { ...(statement as object), Condition: operators };
  });
  return { ...document, Statement: Array.isArray(document.Statement) ? redacted : redacted[0] };
}
