// Assets: written in batches as collector pages arrive, read by the API and streamed to the evaluator.
import { decodeCursor, pageLimit, toPage } from './cursor';
import type { Asset, Page, StoredAsset } from './model';
import type { Queryable, SqlClient } from './sql';
import { syncAccount } from './syncs';
import { InvalidInputError, type AssetFilter, type PageRequest } from './store';
import { iso, isoOrNull, isUuid, json } from './values';

/** Rows per INSERT: 500 x 9 parameters stays far below Postgres's 65,535-parameter limit. */
export const UPSERT_BATCH_SIZE = 500;

export interface AssetRow {
  key: string;
  account_id: string;
  aws_account_id: string;
  id: string;
  region: string;
  service: string;
  type: string;
  class: Asset['class'];
  name: string;
  tags: Record<string, string>;
  config: Record<string, unknown>;
  read_errors: Record<string, string> | null;
  facts: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
  deleted_at: Date | null;
}

export function toStoredAsset(row: AssetRow): StoredAsset {
  const asset: StoredAsset = {
    key: row.key,
    id: row.id,
    accountId: row.account_id,
    awsAccountId: row.aws_account_id,
    region: row.region,
    service: row.service,
    type: row.type,
    class: row.class,
    name: row.name,
    tags: row.tags,
    config: row.config,
    facts: row.facts,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    deletedAt: isoOrNull(row.deleted_at),
  };
  if (row.read_errors) asset.readErrors = row.read_errors;
  return asset;
}

/** Items may name the account by store id or AWS id; anything else is a bug that must not write elsewhere. */
export function checkAccount(
  given: string,
  account: { accountId: string; awsAccountId: string },
  what: string,
): void {
  if (given !== account.accountId && given !== account.awsAccountId) {
    throw new InvalidInputError(
      `${what} belongs to account ${given}, not to the sync's account ${account.accountId}`,
    );
  }
}

/** Keeps the last occurrence of each key: one INSERT ... ON CONFLICT cannot touch a row twice. */
export function lastByKey<T>(items: T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    byKey.delete(k);
    byKey.set(k, item);
  }
  return [...byKey.values()];
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `($3, $4, ...), (...)` for `rows` rows of `width` parameters after `offset` fixed ones. */
export function valuesList(rows: number, width: number, offset: number, casts: string[] = []): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(`$${offset + r * width + c + 1}${casts[c] ?? ''}`);
    tuples.push(`(${cells.join(', ')})`);
  }
  return tuples.join(', ');
}

const ASSET_CASTS = ['', '', '', '', '', '', '::jsonb', '::jsonb', '::jsonb'];

/** An asset row with its AWS account id (rows are keyed by Cloudward's account id; see StoredAsset). */
const ASSET_SELECT = `SELECT assets.*,
  (SELECT aws_account_id FROM accounts WHERE accounts.id = assets.account_id) AS aws_account_id FROM assets`;

export async function upsertAssets(db: SqlClient, syncId: string, assets: Asset[]): Promise<void> {
  if (assets.length === 0) return;
  await db.transaction(async (tx) => {
    const account = await syncAccount(tx, syncId);
    for (const asset of assets) checkAccount(asset.accountId, account, `asset ${asset.id}`);
    for (const batch of chunks(
      lastByKey(assets, (a) => a.id),
      UPSERT_BATCH_SIZE,
    )) {
      const params: unknown[] = [account.accountId, syncId];
      for (const a of batch) {
        params.push(
          a.id,
          a.region,
          a.service,
          a.type,
          a.class,
          a.name,
          json(a.tags ?? {}),
          json(a.config ?? {}),
        );
        params.push(a.readErrors && Object.keys(a.readErrors).length > 0 ? json(a.readErrors) : null);
      }
      await tx.execute(
        `INSERT INTO assets (account_id, last_sync_id, first_seen_at, last_seen_at, id, region, service, type, class, name,
           tags, config, read_errors)
         SELECT $1::uuid, $2::uuid, now(), now(), v.* FROM (VALUES ${valuesList(batch.length, 9, 2, ASSET_CASTS)}) AS v
         ON CONFLICT (account_id, id) DO UPDATE SET
           region = EXCLUDED.region, service = EXCLUDED.service, type = EXCLUDED.type, class = EXCLUDED.class,
           name = EXCLUDED.name, tags = EXCLUDED.tags, config = EXCLUDED.config, read_errors = EXCLUDED.read_errors,
           last_sync_id = EXCLUDED.last_sync_id, last_seen_at = now(), deleted_at = NULL`,
        params,
      );
    }
  });
}

export async function getAsset(db: SqlClient, key: string): Promise<StoredAsset | null> {
  if (!isUuid(key)) return null;
  const rows = await db.query<AssetRow>(`${ASSET_SELECT} WHERE key = $1`, [key]);
  return rows[0] ? toStoredAsset(rows[0]) : null;
}

export async function getAssetById(
  db: SqlClient,
  accountId: string,
  id: string,
): Promise<StoredAsset | null> {
  if (!isUuid(accountId)) return null;
  const rows = await db.query<AssetRow>(`${ASSET_SELECT} WHERE account_id = $1 AND id = $2`, [accountId, id]);
  return rows[0] ? toStoredAsset(rows[0]) : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE clause for an asset filter. Scope conditions are literals so the planner can pick the partial indexes. */
function assetWhere(filter: AssetFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.accountId !== undefined) {
    if (!isUuid(filter.accountId)) where.push('false');
    else where.push(`account_id = ${param(filter.accountId)}::uuid`);
  }
  if (filter.scope === 'global') where.push(`region = 'global'`);
  if (filter.scope === 'regional') where.push(`region <> 'global'`);
  if (filter.region !== undefined) where.push(`region = ${param(filter.region)}`);
  if (filter.type !== undefined) where.push(`type = ${param(filter.type)}`);
  if (filter.id !== undefined) where.push(`id = ${param(filter.id)}`);
  if (filter.class !== undefined) where.push(`class = ${param(filter.class)}`);
  if (filter.search !== undefined && filter.search !== '') {
    const like = param(`%${escapeLike(filter.search)}%`);
    const exact = param(filter.search);
    where.push(
      `(name ILIKE ${like} OR id ILIKE ${like} OR EXISTS (SELECT 1 FROM jsonb_each_text(tags) t WHERE t.value = ${exact}))`,
    );
  }
  if (filter.tag) {
    if (filter.tag.value === undefined) where.push(`tags ? ${param(filter.tag.key)}`);
    else where.push(`tags @> ${param(json({ [filter.tag.key]: filter.tag.value }))}::jsonb`);
  }
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  return where;
}

/** Ordered by type, name, key. */
export async function listAssets(
  db: SqlClient,
  filter: AssetFilter,
  page?: PageRequest,
): Promise<Page<StoredAsset>> {
  const limit = pageLimit(page);
  const params: unknown[] = [];
  const where = assetWhere(filter, params);
  if (page?.cursor) {
    const [type, name, key] = decodeCursor(page.cursor, ['text', 'text', 'uuid']);
    params.push(type, name, key);
    const n = params.length;
    where.push(`(type, name, key) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
  }
  params.push(limit + 1);
  const rows = await db.query<AssetRow>(
    `${ASSET_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY type, name, key LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, limit, toStoredAsset, (row) => [row.type, row.name, row.key]);
}

export async function countAssets(db: SqlClient, filter: AssetFilter): Promise<number> {
  const params: unknown[] = [];
  const where = assetWhere(filter, params);
  const rows = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM assets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows[0].count;
}

/** Live asset types with their counts, for the inventory's type facet (one GROUP BY on the type index). */
export async function listAssetTypes(
  db: SqlClient,
  filter: Pick<AssetFilter, 'accountId' | 'scope'> = {},
): Promise<{ type: string; count: number }[]> {
  const params: unknown[] = [];
  const where = assetWhere(filter, params);
  return db.query<{ type: string; count: number }>(
    `SELECT type, count(*)::int AS count FROM assets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY type ORDER BY type`,
    params,
  );
}

/** Open alerts per asset for one page of assets: `${accountId}/${assetId}` -> count (absent: none). */
export async function openAlertCounts(
  db: SqlClient,
  assets: { accountId: string; id: string }[],
): Promise<Map<string, number>> {
  const valid = assets.filter((asset) => isUuid(asset.accountId));
  if (valid.length === 0) return new Map();
  const rows = await db.query<{ account_id: string; asset_id: string; count: number }>(
    `SELECT account_id, asset_id, count(*)::int AS count FROM alerts
     WHERE status = 'open' AND (account_id, asset_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
     GROUP BY account_id, asset_id`,
    [valid.map((asset) => asset.accountId), valid.map((asset) => asset.id)],
  );
  return new Map(rows.map((row) => [`${row.account_id}/${row.asset_id}`, row.count]));
}

/** Keyset pages over the (account_id, id) unique index; only one batch is ever held in memory. */
export async function* streamAssets(
  db: SqlClient,
  accountId: string,
  batchSize = 500,
): AsyncIterable<StoredAsset[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidInputError('batchSize must be a positive integer');
  if (!isUuid(accountId)) return;
  let after: string | null = null;
  for (;;) {
    const rows: AssetRow[] = await db.query<AssetRow>(
      `${ASSET_SELECT} WHERE account_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [accountId, after, batchSize],
    );
    if (rows.length === 0) return;
    yield rows.map(toStoredAsset);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Replaces the analyser output of the whole account: assets absent from `facts` are reset to `{}`, so a fact
 * that stopped being true (an asset no longer exposed) never lingers.
 */
export async function setAssetFacts(
  db: SqlClient,
  accountId: string,
  facts: Map<string, Record<string, unknown>>,
): Promise<void> {
  if (!isUuid(accountId)) throw new InvalidInputError(`account id is not valid: ${accountId}`);
  const entries = [...facts.entries()];
  await db.transaction(async (tx) => {
    await tx.execute(
      `UPDATE assets SET facts = '{}'::jsonb WHERE account_id = $1 AND facts <> '{}'::jsonb AND NOT (id = ANY($2::text[]))`,
      [accountId, entries.map(([id]) => id)],
    );
    for (const batch of chunks(entries, 1000)) {
      await tx.execute(
        `UPDATE assets a SET facts = f.facts
         FROM jsonb_to_recordset($2::jsonb) AS f(id text, facts jsonb)
         WHERE a.account_id = $1 AND a.id = f.id`,
        [accountId, json(batch.map(([id, value]) => ({ id, facts: value ?? {} })))],
      );
    }
  });
}

/** Helper for deletion: ids whose assets were just marked deleted lose their edges. */
export async function deleteEdgesOf(tx: Queryable, accountId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    'DELETE FROM relationships WHERE account_id = $1 AND (from_id = ANY($2::text[]) OR to_id = ANY($2::text[]))',
    [accountId, ids],
  );
}

/**
 * The AWS principals each account's live roles trust, as the IAM analyser stored them (`facts.iam.assumableBy`,
 * kind AWS): distinct (account, principal) pairs, the small graph cross-account attack paths follow.
 */
export async function listRoleTrustPrincipals(
  db: SqlClient,
): Promise<{ accountId: string; principal: string }[]> {
  const rows = await db.query<{ account_id: string; principal: string }>(
    `SELECT DISTINCT a.account_id::text AS account_id, e.value->>'principal' AS principal
     FROM assets a
     CROSS JOIN LATERAL jsonb_array_elements(
       CASE WHEN jsonb_typeof(a.facts->'iam'->'assumableBy') = 'array' THEN a.facts->'iam'->'assumableBy'
            ELSE '[]'::jsonb END) AS e(value)
     WHERE a.type = 'aws_iam_role' AND a.deleted_at IS NULL AND e.value->>'kind' = 'AWS'
     ORDER BY 1, 2`,
  );
  return rows
    .filter((row) => typeof row.principal === 'string')
    .map((row) => ({ accountId: row.account_id, principal: row.principal }));
}

/** Accounts (other than `exceptAccountId`) with a live asset of one of `types` whose configuration contains `text`. */
export async function findAccountsNaming(
  db: SqlClient,
  text: string,
  types: readonly string[],
  exceptAccountId: string,
): Promise<string[]> {
  if (!isUuid(exceptAccountId)) return [];
  const rows = await db.query<{ account_id: string }>(
    `SELECT DISTINCT account_id::text AS account_id FROM assets
     WHERE type = ANY($1::text[]) AND deleted_at IS NULL AND account_id <> $2::uuid AND config::text LIKE $3
     ORDER BY 1`,
    [[...types], exceptAccountId, `%${escapeLike(text)}%`],
  );
  return rows.map((row) => row.account_id);
}
