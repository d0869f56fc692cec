// Accounts: the AWS accounts Cloudward reads, and the region clean-up that comes with narrowing them.
import { decodeCursor, pageLimit, toPage } from './cursor';
import type { Account, Page } from './model';
import { FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION, type Queryable, type SqlClient } from './sql';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  type AccountPatch,
  type NewAccount,
  type PageRequest,
} from './store';
import { GLOBAL_REGION } from './model';
import { iso, isoOrNull, isUuid } from './values';

interface AccountRow {
  id: string;
  name: string;
  aws_account_id: string;
  role_arn: string;
  external_id_ciphertext: string;
  regions: string[];
  status: Account['status'];
  created_at: Date;
  updated_at: Date;
  last_sync_id: string | null;
  last_sync_status: Account['lastSyncStatus'];
  last_sync_at: Date | null;
  seq: number | string;
}

const SELECT_ACCOUNT = `
  SELECT a.*, s.status AS last_sync_status, COALESCE(s.finished_at, s.started_at) AS last_sync_at
  FROM accounts a LEFT JOIN syncs s ON s.id = a.last_sync_id`;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    awsAccountId: row.aws_account_id,
    roleArn: row.role_arn,
    externalIdCiphertext: row.external_id_ciphertext,
    regions: row.regions,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastSyncId: row.last_sync_id,
    lastSyncStatus: row.last_sync_status ?? null,
    lastSyncAt: isoOrNull(row.last_sync_at),
  };
}

function cleanRegions(regions: string[]): string[] {
  if (regions.includes(GLOBAL_REGION)) {
    throw new InvalidInputError(
      `"${GLOBAL_REGION}" is not a region to choose: global assets are always read`,
    );
  }
  return [...new Set(regions)];
}

async function selectAccount(db: Queryable, id: string): Promise<Account | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

async function requireAccount(db: Queryable, id: string): Promise<Account> {
  const account = await selectAccount(db, id);
  if (!account) throw new NotFoundError(`account ${id} not found`);
  return account;
}

export async function createAccount(db: SqlClient, input: NewAccount): Promise<Account> {
  const regions = cleanRegions(input.regions);
  try {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO accounts (name, aws_account_id, role_arn, external_id_ciphertext, regions, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::text[], now(), now()) RETURNING id`,
      [input.name, input.awsAccountId, input.roleArn, input.externalIdCiphertext, regions],
    );
    return requireAccount(db, rows[0].id);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) {
      throw new ConflictError(`AWS account ${input.awsAccountId} is already connected`);
    }
    throw error;
  }
}

export function getAccount(db: SqlClient, id: string): Promise<Account | null> {
  return selectAccount(db, id);
}

export async function listAccounts(db: SqlClient, page?: PageRequest): Promise<Page<Account>> {
  const limit = pageLimit(page);
  const params: unknown[] = [limit + 1];
  let where = '';
  if (page?.cursor) {
    const [seq] = decodeCursor(page.cursor, ['int']);
    params.push(seq);
    where = 'WHERE a.seq > $2::bigint';
  }
  const rows = await db.query<AccountRow>(`${SELECT_ACCOUNT} ${where} ORDER BY a.seq LIMIT $1`, params);
  return toPage(rows, limit, toAccount, (row) => [Number(row.seq)]);
}

/** Regions dropped from the account take their assets, relationships, results and alerts with them. */
export async function updateAccount(db: SqlClient, id: string, patch: AccountPatch): Promise<Account> {
  const regions = patch.regions ? cleanRegions(patch.regions) : undefined;
  return db.transaction(async (tx) => {
    if (!isUuid(id)) throw new NotFoundError(`account ${id} not found`);
    const current = await tx.query<{ regions: string[] }>(
      'SELECT regions FROM accounts WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!current[0]) throw new NotFoundError(`account ${id} not found`);
    if (regions) {
      const removed = current[0].regions.filter((region) => !regions.includes(region));
      if (removed.length > 0) await deleteRegionData(tx, id, removed);
    }
    await tx.execute(
      `UPDATE accounts SET
         name = COALESCE($2, name),
         role_arn = COALESCE($3, role_arn),
         external_id_ciphertext = COALESCE($4, external_id_ciphertext),
         regions = COALESCE($5::text[], regions),
         updated_at = now()
       WHERE id = $1`,
      [id, patch.name ?? null, patch.roleArn ?? null, patch.externalIdCiphertext ?? null, regions ?? null],
    );
    return requireAccount(tx, id);
  });
}

async function deleteRegionData(tx: Queryable, accountId: string, regions: string[]): Promise<void> {
  for (const table of ['alerts', 'evaluation_results', 'relationships', 'assets']) {
    await tx.execute(`DELETE FROM ${table} WHERE account_id = $1 AND region = ANY($2::text[])`, [
      accountId,
      regions,
    ]);
  }
}

export async function setAccountStatus(
  db: SqlClient,
  id: string,
  status: Account['status'],
): Promise<Account> {
  if (status !== 'enabled' && status !== 'disabled')
    throw new InvalidInputError(`unknown account status ${status}`);
  if (!isUuid(id)) throw new NotFoundError(`account ${id} not found`);
  const changed = await db.execute('UPDATE accounts SET status = $2, updated_at = now() WHERE id = $1', [
    id,
    status,
  ]);
  if (changed === 0) throw new NotFoundError(`account ${id} not found`);
  return requireAccount(db, id);
}

export async function deleteAccount(db: SqlClient, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`account ${id} not found`);
  // Foreign keys cascade to syncs, assets, relationships, results, alerts, suppressions and score snapshots.
  const deleted = await db.execute('DELETE FROM accounts WHERE id = $1', [id]);
  if (deleted === 0) throw new NotFoundError(`account ${id} not found`);
}

/** Maps a foreign-key failure on account_id to the error callers can act on. */
export function rethrowMissingAccount(error: unknown, accountId: string | null): never {
  if (sqlState(error) === FOREIGN_KEY_VIOLATION) throw new NotFoundError(`account ${accountId} not found`);
  throw error;
}
