// Alert listing: every sort order is one btree index range scan; pages continue from a keyset, never OFFSET.
import { decodeCursor, pageLimit, toPage, type CursorKind, type KeysetValue } from './cursor';
import type { Alert, AlertHistoryEntry, Page, Severity } from './model';
import type { Queryable, SqlClient } from './sql';
import { InvalidInputError, type AlertFilter, type AlertGroup, type PageRequest } from './store';
import { iso, isoOrNull, isUuid } from './values';

export interface AlertRow {
  id: string;
  account_id: string;
  control_id: string;
  asset_id: string;
  asset_key: string | null;
  asset_name: string | null;
  region: string;
  resource_type: string;
  status: Alert['status'];
  severity: Alert['severity'];
  reason: string;
  evidence: string[];
  trace: string[] | null;
  exposed: boolean;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  suppression_id: string | null;
  history: AlertHistoryEntry[];
  rank_weight: number;
  severity_weight: number;
}

// The asset's key (for links) and name (for people) come from the asset row, when it still exists.
export const SELECT_ALERT = `SELECT al.*, asset.key AS asset_key, asset.name AS asset_name
  FROM alerts al LEFT JOIN LATERAL (
    SELECT a.key, a.name FROM assets a WHERE a.account_id = al.account_id AND a.id = al.asset_id
  ) asset ON true`;

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    controlId: row.control_id,
    accountId: row.account_id,
    region: row.region,
    assetId: row.asset_id,
    assetKey: row.asset_key,
    assetName: row.asset_name || null,
    resourceType: row.resource_type,
    status: row.status,
    severity: row.severity,
    reason: row.reason,
    evidence: row.evidence,
    trace: row.trace ?? [],
    exposed: row.exposed,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    resolvedAt: isoOrNull(row.resolved_at),
    suppressionId: row.suppression_id,
    history: row.history,
  };
}

type SortName = NonNullable<AlertFilter['sort']>;

/** Descending sort keys per order; the trailing id makes every key unique. */
const SORTS: Record<
  SortName,
  { columns: string[]; casts: string[]; kinds: CursorKind[]; keyset: (row: AlertRow) => KeysetValue[] }
> = {
  rank: {
    columns: ['al.rank_weight', 'al.last_seen_at', 'al.id'],
    casts: ['::smallint', '::timestamptz', '::uuid'],
    kinds: ['smallint', 'timestamp', 'uuid'],
    keyset: (row) => [row.rank_weight, iso(row.last_seen_at), row.id],
  },
  severity: {
    columns: ['al.severity_weight', 'al.last_seen_at', 'al.id'],
    casts: ['::smallint', '::timestamptz', '::uuid'],
    kinds: ['smallint', 'timestamp', 'uuid'],
    keyset: (row) => [row.severity_weight, iso(row.last_seen_at), row.id],
  },
  lastSeen: {
    columns: ['al.last_seen_at', 'al.id'],
    casts: ['::timestamptz', '::uuid'],
    kinds: ['timestamp', 'uuid'],
    keyset: (row) => [iso(row.last_seen_at), row.id],
  },
  firstSeen: {
    columns: ['al.first_seen_at', 'al.id'],
    casts: ['::timestamptz', '::uuid'],
    kinds: ['timestamp', 'uuid'],
    keyset: (row) => [iso(row.first_seen_at), row.id],
  },
};

/** `= $n` for one value keeps the leading index column an equality; several values need `= ANY`. */
function oneOrAny(column: string, values: string[], param: (v: unknown) => string): string {
  return values.length === 1
    ? `${column} = ${param(values[0])}`
    : `${column} = ANY(${param(values)}::text[])`;
}

function alertWhere(filter: AlertFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status) where.push(filter.status.length ? oneOrAny('al.status', filter.status, param) : 'false');
  if (filter.severity)
    where.push(filter.severity.length ? oneOrAny('al.severity', filter.severity, param) : 'false');
  if (filter.controlIds) {
    where.push(filter.controlIds.length ? oneOrAny('al.control_id', filter.controlIds, param) : 'false');
  }
  if (filter.accountId !== undefined) {
    where.push(isUuid(filter.accountId) ? `al.account_id = ${param(filter.accountId)}::uuid` : 'false');
  }
  if (filter.region !== undefined) where.push(`al.region = ${param(filter.region)}`);
  if (filter.resourceType !== undefined) where.push(`al.resource_type = ${param(filter.resourceType)}`);
  if (filter.assetId !== undefined) where.push(`al.asset_id = ${param(filter.assetId)}`);
  if (filter.exposed !== undefined) where.push(`al.exposed = ${param(filter.exposed)}`);
  return where;
}

/** Default order: exposed first, then severity, then most recently seen. */
export async function listAlerts(
  db: SqlClient,
  filter: AlertFilter,
  page?: PageRequest,
): Promise<Page<Alert>> {
  const sortName: SortName = filter.sort ?? 'rank';
  const sort = SORTS[sortName];
  if (!sort) throw new InvalidInputError(`unknown alert sort ${String(sortName)}`);
  const limit = pageLimit(page);
  const params: unknown[] = [];
  const where = alertWhere(filter, params);
  if (page?.cursor) {
    const [cursorSort, ...values] = decodeCursor(page.cursor, ['text', ...sort.kinds]);
    if (cursorSort !== sortName) throw new InvalidInputError('cursor belongs to another sort order');
    const placeholders = values.map((value, i) => {
      params.push(value);
      return `$${params.length}${sort.casts[i]}`;
    });
    where.push(`(${sort.columns.join(', ')}) < (${placeholders.join(', ')})`);
  }
  params.push(limit + 1);
  const rows = await db.query<AlertRow>(
    `${SELECT_ALERT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${sort.columns.map((c) => `${c} DESC`).join(', ')} LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, limit, toAlert, (row) => [sortName, ...sort.keyset(row)]);
}

export async function countAlerts(db: SqlClient, filter: AlertFilter): Promise<number> {
  const params: unknown[] = [];
  const where = alertWhere(filter, params);
  const rows = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM alerts al ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows[0].count;
}

/** Alerts grouped by control or by asset: the most urgent groups first (exposure, severity, size). */
export async function groupAlerts(
  db: SqlClient,
  filter: AlertFilter,
  by: 'control' | 'asset',
  limit = 200,
): Promise<AlertGroup[]> {
  const params: unknown[] = [];
  const where = alertWhere(filter, params);
  const columns = by === 'control' ? 'al.control_id' : 'al.account_id, al.asset_id';
  params.push(limit);
  const rows = await db.query<{
    key: string;
    account_id: string | null;
    resource_type: string | null;
    count: number;
    weight: number;
    exposed: boolean;
  }>(
    `SELECT ${by === 'control' ? 'al.control_id AS key, NULL::uuid AS account_id, NULL::text AS resource_type' : 'al.asset_id AS key, al.account_id, min(al.resource_type) AS resource_type'},
            count(*)::int AS count, max(al.severity_weight)::int AS weight, bool_or(al.exposed) AS exposed
     FROM alerts al ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY ${columns}
     ORDER BY max(al.rank_weight) DESC, count(*) DESC, key
     LIMIT $${params.length}`,
    params,
  );
  const severities = ['info', 'low', 'medium', 'high', 'critical'];
  return rows.map((row) => ({
    key: row.key,
    accountId: row.account_id,
    resourceType: row.resource_type,
    count: row.count,
    severity: severities[row.weight - 1] ?? 'info',
    exposed: row.exposed,
  }));
}

export async function selectAlert(db: Queryable, id: string): Promise<Alert | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<AlertRow>(`${SELECT_ALERT} WHERE al.id = $1`, [id]);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Alerts matching `filter` counted per (control, severity, exposed): every summary figure from one scan. */
export async function tallyAlerts(
  db: SqlClient,
  filter: AlertFilter,
): Promise<{ controlId: string; severity: Severity; exposed: boolean; count: number }[]> {
  const params: unknown[] = [];
  const where = alertWhere(filter, params);
  const rows = await db.query<{ control_id: string; severity: Severity; exposed: boolean; count: number }>(
    `SELECT control_id, severity, exposed, count(*)::int AS count FROM alerts al
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY control_id, severity, exposed ORDER BY control_id, severity, exposed`,
    params,
  );
  return rows.map((row) => ({
    controlId: row.control_id,
    severity: row.severity,
    exposed: row.exposed,
    count: row.count,
  }));
}
