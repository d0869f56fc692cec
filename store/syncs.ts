// Syncs: one run of the collector over an account, with what happened per service and region.
import { decodeCursor, pageLimit, toPage } from './cursor';
import type { Page, Sync, SyncProgress, SyncServiceResult, SyncStatus } from './model';
import { sqlState, UNIQUE_VIOLATION, type Queryable, type SqlClient } from './sql';
import { ConflictError, InvalidInputError, NotFoundError, type PageRequest } from './store';
import { iso, isoOrNull, isUuid, json } from './values';

interface SyncRow {
  id: string;
  account_id: string;
  trigger: Sync['trigger'];
  status: SyncStatus;
  progress: SyncProgress;
  queued_at: Date;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
  seq: number | string;
}

interface ServiceResultRow {
  sync_id: string;
  service: string;
  region: string;
  status: SyncServiceResult['status'];
  error_code: string | null;
  error_message: string | null;
  complete_types: string[];
  asset_count: number;
  calls: Record<string, number>;
  retries: number;
  throttles: number;
  duration_ms: number;
}

const FINAL_STATUSES: SyncStatus[] = ['succeeded', 'partial', 'failed', 'interrupted'];
const TRIGGERS: Sync['trigger'][] = ['manual', 'schedule', 'create', 'scan', 'event'];

function toServiceResult(row: ServiceResultRow): SyncServiceResult {
  const result: SyncServiceResult = {
    service: row.service,
    region: row.region,
    status: row.status,
    completeTypes: row.complete_types,
    assetCount: row.asset_count,
    calls: row.calls,
    retries: row.retries,
    throttles: row.throttles,
    durationMs: row.duration_ms,
  };
  if (row.error_code !== null) result.errorCode = row.error_code;
  if (row.error_message !== null) result.errorMessage = row.error_message;
  return result;
}

/** Attaches service results to sync rows with one query for the whole page. */
async function withServices(db: Queryable, rows: SyncRow[]): Promise<Sync[]> {
  if (rows.length === 0) return [];
  const results = await db.query<ServiceResultRow>(
    `SELECT * FROM sync_service_results WHERE sync_id = ANY($1::uuid[]) ORDER BY service, region`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => {
    const sync: Sync = {
      id: row.id,
      accountId: row.account_id,
      trigger: row.trigger,
      status: row.status,
      progress: row.progress,
      startedAt: iso(row.started_at),
      finishedAt: isoOrNull(row.finished_at),
      services: results.filter((result) => result.sync_id === row.id).map(toServiceResult),
    };
    if (row.error !== null) sync.error = row.error;
    return sync;
  });
}

async function selectSync(db: Queryable, id: string): Promise<Sync | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<SyncRow>('SELECT * FROM syncs WHERE id = $1', [id]);
  return (await withServices(db, rows))[0] ?? null;
}

/** Why a state change matched no row: the sync is missing, or it is no longer in a state that allows it. */
async function explainMiss(db: Queryable, id: string, action: string): Promise<never> {
  const sync = await selectSync(db, id);
  if (!sync) throw new NotFoundError(`sync ${id} not found`);
  throw new ConflictError(`cannot ${action} sync ${id}: it is already ${sync.status}`);
}

export async function createSync(db: SqlClient, accountId: string, trigger: Sync['trigger']): Promise<Sync> {
  if (!TRIGGERS.includes(trigger)) throw new InvalidInputError(`unknown sync trigger ${trigger}`);
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  return db.transaction(async (tx) => {
    const accounts = await tx.query<{ status: string }>(
      'SELECT status FROM accounts WHERE id = $1 FOR UPDATE',
      [accountId],
    );
    if (!accounts[0]) throw new NotFoundError(`account ${accountId} not found`);
    if (accounts[0].status === 'disabled') throw new ConflictError(`account ${accountId} is disabled`);
    let rows: { id: string }[];
    try {
      rows = await tx.query<{ id: string }>(
        `INSERT INTO syncs (account_id, trigger, status, queued_at, started_at) VALUES ($1, $2, 'queued', now(), now())
         RETURNING id`,
        [accountId, trigger],
      );
    } catch (error) {
      // The partial unique index saw another queued/running sync (possibly from another process).
      if (sqlState(error) === UNIQUE_VIOLATION) {
        throw new ConflictError(`a sync of account ${accountId} is already queued or running`);
      }
      throw error;
    }
    await tx.execute('UPDATE accounts SET last_sync_id = $2 WHERE id = $1', [accountId, rows[0].id]);
    return (await selectSync(tx, rows[0].id)) as Sync;
  });
}

export function getSync(db: SqlClient, id: string): Promise<Sync | null> {
  return selectSync(db, id);
}

/** Newest first. */
export async function listSyncs(db: SqlClient, accountId: string, page?: PageRequest): Promise<Page<Sync>> {
  const limit = pageLimit(page);
  if (!isUuid(accountId)) return { items: [], nextCursor: null };
  const params: unknown[] = [accountId, limit + 1];
  let keyset = '';
  if (page?.cursor) {
    const [seq] = decodeCursor(page.cursor, ['int']);
    params.push(seq);
    keyset = 'AND seq < $3::bigint';
  }
  const rows = await db.query<SyncRow>(
    `SELECT * FROM syncs WHERE account_id = $1 ${keyset} ORDER BY seq DESC LIMIT $2`,
    params,
  );
  const page_ = toPage(
    rows,
    limit,
    (row) => row,
    (row) => [Number(row.seq)],
  );
  return { items: await withServices(db, page_.items), nextCursor: page_.nextCursor };
}

export async function getRunningSync(db: SqlClient, accountId: string): Promise<Sync | null> {
  if (!isUuid(accountId)) return null;
  const rows = await db.query<SyncRow>(
    `SELECT * FROM syncs WHERE account_id = $1 AND status IN ('queued', 'running')`,
    [accountId],
  );
  return (await withServices(db, rows))[0] ?? null;
}

/** Also accepts a sync already running: a job re-run after a crash marks it again. */
export async function markSyncRunning(db: SqlClient, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE syncs SET status = 'running', started_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
    [id],
  );
  if (changed === 0) await explainMiss(db, id, 'start');
}

export async function updateSyncProgress(db: SqlClient, id: string, progress: SyncProgress): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE syncs SET progress = $2::jsonb WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, json(progress)],
  );
  if (changed === 0) await explainMiss(db, id, 'report progress of');
}

/** One row per (service, region); recording it again (a re-run) overwrites. */
export async function recordSyncServiceResult(
  db: SqlClient,
  id: string,
  result: SyncServiceResult,
): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`sync ${id} not found`);
  const exists = await db.query('SELECT 1 FROM syncs WHERE id = $1', [id]);
  if (exists.length === 0) throw new NotFoundError(`sync ${id} not found`);
  await db.execute(
    `INSERT INTO sync_service_results (sync_id, service, region, status, error_code, error_message, complete_types,
       asset_count, calls, retries, throttles, duration_ms, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9::jsonb, $10, $11, $12, now())
     ON CONFLICT (sync_id, service, region) DO UPDATE SET
       status = EXCLUDED.status, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
       complete_types = EXCLUDED.complete_types, asset_count = EXCLUDED.asset_count, calls = EXCLUDED.calls,
       retries = EXCLUDED.retries, throttles = EXCLUDED.throttles, duration_ms = EXCLUDED.duration_ms,
       recorded_at = now()`,
    [
      id,
      result.service,
      result.region,
      result.status,
      result.errorCode ?? null,
      result.errorMessage ?? null,
      result.completeTypes,
      result.assetCount,
      json(result.calls),
      result.retries,
      result.throttles,
      Math.round(result.durationMs),
    ],
  );
}

export async function finishSync(
  db: SqlClient,
  id: string,
  status: Exclude<SyncStatus, 'queued' | 'running'>,
  error?: string,
): Promise<Sync> {
  if (!FINAL_STATUSES.includes(status)) throw new InvalidInputError(`${status} is not a final sync status`);
  if (!isUuid(id)) throw new NotFoundError(`sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE syncs SET status = $2, error = $3, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, status, error ?? null],
  );
  if (changed === 0) await explainMiss(db, id, 'finish');
  return (await selectSync(db, id)) as Sync;
}

export async function listUnfinishedSyncs(db: SqlClient): Promise<Sync[]> {
  const rows = await db.query<SyncRow>(
    `SELECT * FROM syncs WHERE status IN ('queued', 'running') ORDER BY seq`,
  );
  return withServices(db, rows);
}

/** The account a sync belongs to: assets written under a sync always land in that sync's account. */
export async function syncAccount(
  db: Queryable,
  syncId: string,
): Promise<{ accountId: string; awsAccountId: string }> {
  if (!isUuid(syncId)) throw new NotFoundError(`sync ${syncId} not found`);
  const rows = await db.query<{ account_id: string; aws_account_id: string }>(
    'SELECT s.account_id, a.aws_account_id FROM syncs s JOIN accounts a ON a.id = s.account_id WHERE s.id = $1',
    [syncId],
  );
  if (!rows[0]) throw new NotFoundError(`sync ${syncId} not found`);
  return { accountId: rows[0].account_id, awsAccountId: rows[0].aws_account_id };
}
