// Relationships and scoped deletion: only what a sync read completely may be marked gone.
import { checkAccount, chunks, deleteEdgesOf, lastByKey, UPSERT_BATCH_SIZE, valuesList } from './assets';
import type { Relationship } from './model';
import type { SqlClient } from './sql';
import { syncAccount } from './syncs';
import { InvalidInputError, type DeletionScope } from './store';
import { isUuid, json } from './values';
import { historyEntries, historyEntry } from './history';

const EDGE_CASTS = ['', '', '', '', '', '::jsonb'];

export async function upsertRelationships(
  db: SqlClient,
  syncId: string,
  relationships: Relationship[],
): Promise<void> {
  if (relationships.length === 0) return;
  await db.transaction(async (tx) => {
    const account = await syncAccount(tx, syncId);
    for (const edge of relationships) checkAccount(edge.accountId, account, `relationship ${edge.fromId}`);
    const unique = lastByKey(relationships, (e) =>
      JSON.stringify([e.service, e.region, e.fromId, e.verb, e.toId]),
    );
    for (const batch of chunks(unique, UPSERT_BATCH_SIZE)) {
      const params: unknown[] = [account.accountId, syncId];
      for (const e of batch)
        params.push(e.service, e.region, e.fromId, e.verb, e.toId, json(e.properties ?? {}));
      await tx.execute(
        `INSERT INTO relationships (account_id, last_sync_id, first_seen_at, last_seen_at, service, region, from_id, verb,
           to_id, properties)
         SELECT $1::uuid, $2::uuid, now(), now(), v.* FROM (VALUES ${valuesList(batch.length, 6, 2, EDGE_CASTS)}) AS v
         ON CONFLICT (account_id, service, region, from_id, verb, to_id) DO UPDATE SET
           properties = EXCLUDED.properties, last_sync_id = EXCLUDED.last_sync_id, last_seen_at = now()`,
        params,
      );
    }
  });
}

interface EdgeRow {
  account_id: string;
  service: string;
  region: string;
  from_id: string;
  verb: Relationship['verb'];
  to_id: string;
  properties: Record<string, unknown>;
}

function toRelationship(row: EdgeRow): Relationship {
  return {
    accountId: row.account_id,
    fromId: row.from_id,
    verb: row.verb,
    toId: row.to_id,
    service: row.service,
    region: row.region,
    properties: row.properties,
  };
}

/** One row per (from, verb, to) even when two services emitted the same edge. */
export async function listRelationships(
  db: SqlClient,
  accountId: string,
  assetId?: string,
): Promise<Relationship[]> {
  if (!isUuid(accountId)) return [];
  const params: unknown[] = [accountId];
  let touching = '';
  if (assetId !== undefined) {
    params.push(assetId);
    touching = 'AND (from_id = $2 OR to_id = $2)';
  }
  const rows = await db.query<EdgeRow>(
    `SELECT DISTINCT ON (from_id, verb, to_id) * FROM relationships WHERE account_id = $1 ${touching}
     ORDER BY from_id, verb, to_id, last_seen_at DESC`,
    params,
  );
  return rows.map(toRelationship);
}

/**
 * Marks assets of the scope not seen in `scope.syncId` as deleted, resolves their alerts (history
 * `asset_deleted`), drops their results and edges; replaces the scope's edges when they were read completely.
 */
export async function markUnseenDeleted(db: SqlClient, scope: DeletionScope): Promise<number> {
  return db.transaction(async (tx) => {
    const account = await syncAccount(tx, scope.syncId);
    checkAccount(scope.accountId, account, 'deletion scope');
    if (!Array.isArray(scope.types)) throw new InvalidInputError('deletion scope needs a list of types');
    const accountId = account.accountId;
    let gone: string[] = [];
    if (scope.types.length > 0) {
      const rows = await tx.query<{ id: string }>(
        `UPDATE assets SET deleted_at = now()
         WHERE account_id = $1 AND service = $2 AND region = $3 AND type = ANY($4::text[])
           AND deleted_at IS NULL AND last_sync_id IS DISTINCT FROM $5::uuid
         RETURNING id`,
        [accountId, scope.service, scope.region, scope.types, scope.syncId],
      );
      gone = rows.map((row) => row.id);
    }
    if (gone.length > 0) {
      await tx.execute(
        `UPDATE alerts SET status = 'resolved', resolved_at = now(), suppression_id = NULL,
           history = history || ${historyEntries(historyEntry(`'asset_deleted'`))}
         WHERE account_id = $1 AND asset_id = ANY($2::text[]) AND status <> 'resolved'`,
        [accountId, gone],
      );
      await tx.execute(
        'DELETE FROM evaluation_results WHERE account_id = $1 AND asset_id = ANY($2::text[])',
        [accountId, gone],
      );
      await deleteEdgesOf(tx, accountId, gone);
    }
    if (scope.relationshipsComplete) {
      await tx.execute(
        `DELETE FROM relationships WHERE account_id = $1 AND service = $2 AND region = $3
           AND last_sync_id IS DISTINCT FROM $4::uuid`,
        [accountId, scope.service, scope.region, scope.syncId],
      );
    }
    return gone.length;
  });
}

export interface NeighbourhoodNode {
  id: string;
  /** Hops from the centre (0 for the centre itself). */
  hops: number;
  /** Null when the id is not a live asset of the account (an external principal, a deleted resource). */
  asset: { key: string; name: string; type: string; class: string; region: string } | null;
}

export interface Neighbourhood {
  nodes: NeighbourhoodNode[];
  /** Edges between the nodes returned (one per from/verb/to). */
  edges: Pick<Relationship, 'fromId' | 'verb' | 'toId'>[];
  /** Nodes reached within the hops but left out by the limit (hops past the limit are not explored). */
  omitted: number;
}

/**
 * The asset and what lies within `hops` relationships of it (either direction), at most `limit` nodes, nearest
 * first. One query per hop plus two (edges, assets), however many neighbours there are: a node with thousands of
 * neighbours costs the same number of round trips as one with three.
 */
export async function neighbourhood(
  db: SqlClient,
  accountId: string,
  assetId: string,
  options: { hops: number; limit: number },
): Promise<Neighbourhood> {
  if (!isUuid(accountId)) return { nodes: [], edges: [], omitted: 0 };
  const depth = new Map<string, number>([[assetId, 0]]);
  let frontier = [assetId];
  let omitted = 0;
  for (let hop = 1; hop <= options.hops && frontier.length > 0; hop += 1) {
    const room = options.limit - depth.size;
    if (room <= 0) break;
    // Distinct new neighbours of the frontier, in id order (stable pages), with how many there are in all.
    const rows = await db.query<{ other: string; total: string | number }>(
      `SELECT other, count(*) OVER () AS total FROM (
         SELECT DISTINCT CASE WHEN from_id = ANY($2::text[]) THEN to_id ELSE from_id END AS other
         FROM relationships
         WHERE account_id = $1 AND (from_id = ANY($2::text[]) OR to_id = ANY($2::text[]))
       ) n
       WHERE other <> ALL($3::text[])
       ORDER BY other LIMIT $4`,
      [accountId, frontier, [...depth.keys()], room],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : 0;
    omitted += total - rows.length;
    frontier = rows.map((row) => row.other);
    for (const id of frontier) depth.set(id, hop);
  }
  const ids = [...depth.keys()];
  const [edges, assets] = await Promise.all([
    db.query<{ from_id: string; verb: Relationship['verb']; to_id: string }>(
      `SELECT DISTINCT from_id, verb, to_id FROM relationships
       WHERE account_id = $1 AND from_id = ANY($2::text[]) AND to_id = ANY($2::text[])
       ORDER BY from_id, verb, to_id`,
      [accountId, ids],
    ),
    db.query<{ key: string | number; id: string; name: string; type: string; class: string; region: string }>(
      `SELECT key, id, name, type, class, region FROM assets
       WHERE account_id = $1 AND id = ANY($2::text[]) AND deleted_at IS NULL`,
      [accountId, ids],
    ),
  ]);
  const byId = new Map(assets.map((row) => [row.id, row]));
  return {
    nodes: ids.map((id) => {
      const row = byId.get(id);
      return {
        id,
        hops: depth.get(id)!,
        asset: row
          ? { key: String(row.key), name: row.name, type: row.type, class: row.class, region: row.region }
          : null,
      };
    }),
    edges: edges.map((row) => ({ fromId: row.from_id, verb: row.verb, toId: row.to_id })),
    omitted,
  };
}
