// Organization syncs: one record per run of the organization sync job (queued -> running -> succeeded/failed),
// with its progress and what it changed, so the API shows it like an account's syncs.
import { decodeCursor, pageLimit, toPage } from './cursor';
import type { Queryable, SqlClient } from './sql';
import { sqlState, UNIQUE_VIOLATION } from './sql';
import { ConflictError, InvalidInputError, NotFoundError, type PageRequest } from './store';
import type { Page, SyncProgress } from './model';
import { iso, isoOrNull, isUuid, json } from './values';

export type OrganizationSyncStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type OrganizationSyncTrigger = 'manual' | 'schedule' | 'create';

/** A member account whose sync the organization sync queued (new or re-enabled). */
export interface QueuedMemberSync {
  awsAccountId: string;
  accountId: string;
  syncId: string;
}

export interface OrganizationSyncResult {
  /** AWS account ids whose Cloudward account was created, enabled again, or disabled by this run. */
  created: string[];
  enabled: string[];
  disabled: string[];
  /** First syncs queued for the created and re-enabled accounts. */
  queuedSyncs: QueuedMemberSync[];
  /** Members whose first sync could not be queued (e.g. a sync already running), with the reason. */
  notQueued: { awsAccountId: string; reason: string }[];
}

export interface OrganizationSync {
  id: string;
  organizationId: string;
  trigger: OrganizationSyncTrigger;
  status: OrganizationSyncStatus;
  progress: SyncProgress;
  startedAt: string;
  finishedAt: string | null;
  result: OrganizationSyncResult | null;
  error?: string;
}

interface Row {
  id: string;
  organization_id: string;
  trigger: OrganizationSyncTrigger;
  status: OrganizationSyncStatus;
  progress: SyncProgress | string;
  result: OrganizationSyncResult | string | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
  seq: string | number;
}

const TRIGGERS: OrganizationSyncTrigger[] = ['manual', 'schedule', 'create'];

function parsed<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function toOrganizationSync(row: Row): OrganizationSync {
  return {
    id: row.id,
    organizationId: row.organization_id,
    trigger: row.trigger,
    status: row.status,
    progress: parsed(row.progress),
    startedAt: iso(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    result: row.result === null ? null : parsed(row.result),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

async function selectOne(db: Queryable, id: string): Promise<OrganizationSync | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<Row>('SELECT * FROM organization_syncs WHERE id = $1', [id]);
  return rows[0] ? toOrganizationSync(rows[0]) : null;
}

async function explainMiss(db: Queryable, id: string, action: string): Promise<never> {
  const sync = await selectOne(db, id);
  if (!sync) throw new NotFoundError(`organization sync ${id} not found`);
  throw new ConflictError(`cannot ${action} organization sync ${id}: it is already ${sync.status}`);
}

/** Throws ConflictError while another sync of the organization is queued or running. */
export async function createOrganizationSync(
  db: SqlClient,
  organizationId: string,
  trigger: OrganizationSyncTrigger,
): Promise<OrganizationSync> {
  if (!TRIGGERS.includes(trigger))
    throw new InvalidInputError(`unknown organization sync trigger ${trigger}`);
  if (!isUuid(organizationId)) throw new NotFoundError(`organization ${organizationId} not found`);
  const exists = await db.query('SELECT 1 FROM organizations WHERE id = $1', [organizationId]);
  if (exists.length === 0) throw new NotFoundError(`organization ${organizationId} not found`);
  try {
    const rows = await db.query<Row>(
      // Stamped by the store's clock (now() is bound to it), not the columns' server-side defaults.
      `INSERT INTO organization_syncs (organization_id, trigger, status, queued_at, started_at)
       VALUES ($1, $2, 'queued', now(), now()) RETURNING *`,
      [organizationId, trigger],
    );
    return toOrganizationSync(rows[0]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new ConflictError(`a sync of organization ${organizationId} is already queued or running`);
    throw error;
  }
}

export function getOrganizationSync(db: SqlClient, id: string): Promise<OrganizationSync | null> {
  return selectOne(db, id);
}

export async function getRunningOrganizationSync(
  db: SqlClient,
  organizationId: string,
): Promise<OrganizationSync | null> {
  if (!isUuid(organizationId)) return null;
  const rows = await db.query<Row>(
    `SELECT * FROM organization_syncs WHERE organization_id = $1 AND status IN ('queued', 'running')`,
    [organizationId],
  );
  return rows[0] ? toOrganizationSync(rows[0]) : null;
}

/** Newest first. */
export async function listOrganizationSyncs(
  db: SqlClient,
  organizationId: string,
  page?: PageRequest,
): Promise<Page<OrganizationSync>> {
  const limit = pageLimit(page);
  if (!isUuid(organizationId)) return { items: [], nextCursor: null };
  const params: unknown[] = [organizationId, limit + 1];
  let keyset = '';
  if (page?.cursor) {
    const [seq] = decodeCursor(page.cursor, ['int']);
    params.push(seq);
    keyset = 'AND seq < $3::bigint';
  }
  const rows = await db.query<Row>(
    `SELECT * FROM organization_syncs WHERE organization_id = $1 ${keyset} ORDER BY seq DESC LIMIT $2`,
    params,
  );
  return toPage(rows, limit, toOrganizationSync, (row) => [Number(row.seq)]);
}

/** Also accepts a sync already running: a job re-run after a crash marks it again. */
export async function markOrganizationSyncRunning(db: SqlClient, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`organization sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE organization_syncs SET status = 'running', started_at = now()
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id],
  );
  if (changed === 0) await explainMiss(db, id, 'start');
}

export async function updateOrganizationSyncProgress(
  db: SqlClient,
  id: string,
  progress: SyncProgress,
): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`organization sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE organization_syncs SET progress = $2::jsonb WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, json(progress)],
  );
  if (changed === 0) await explainMiss(db, id, 'report progress of');
}

export async function finishOrganizationSync(
  db: SqlClient,
  id: string,
  outcome:
    | { status: 'succeeded'; result: OrganizationSyncResult }
    | { status: 'failed'; error: string; result?: OrganizationSyncResult },
): Promise<OrganizationSync> {
  if (!isUuid(id)) throw new NotFoundError(`organization sync ${id} not found`);
  const changed = await db.execute(
    `UPDATE organization_syncs SET status = $2, result = $3::jsonb, error = $4, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [
      id,
      outcome.status,
      outcome.result ? json(outcome.result) : null,
      outcome.status === 'failed' ? outcome.error : null,
    ],
  );
  if (changed === 0) await explainMiss(db, id, 'finish');
  return (await selectOne(db, id)) as OrganizationSync;
}

export async function listUnfinishedOrganizationSyncs(db: SqlClient): Promise<OrganizationSync[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM organization_syncs WHERE status IN ('queued', 'running') ORDER BY seq`,
  );
  return rows.map(toOrganizationSync);
}
