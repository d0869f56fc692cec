// API tokens (only SHA-256 hashes are stored, never the token) and the audit log of admin actions.
import { decodeCursor, pageLimit, toPage } from './cursor';
import { ROLES, type ApiToken, type AuditEntry, type Page, type Role } from './model';
import { sqlState, UNIQUE_VIOLATION, type SqlClient } from './sql';
import { ConflictError, InvalidInputError, NotFoundError, type PageRequest } from './store';
import { iso, isoOrNull, isUuid, json } from './values';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

// Never selects token_hash: it stays in the database.
const TOKEN_COLUMNS = 'id, name, role, created_at, last_used_at, revoked_at';

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export async function createToken(
  db: SqlClient,
  input: { name: string; role: Role; tokenHash: string },
): Promise<ApiToken> {
  if (!ROLES.includes(input.role)) throw new InvalidInputError(`unknown role ${input.role}`);
  if (!input.tokenHash) throw new InvalidInputError('a token needs its hash');
  try {
    const rows = await db.query<TokenRow>(
      `INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES ($1, $2, $3, now()) RETURNING ${TOKEN_COLUMNS}`,
      [input.name, input.role, input.tokenHash],
    );
    return toToken(rows[0]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new ConflictError('a token with this hash already exists');
    throw error;
  }
}

/**
 * Returns the token (revoked ones too: the caller decides) and records its use. The write happens at most once
 * a minute per token so authentication does not turn every request into a write.
 */
export async function findTokenByHash(db: SqlClient, tokenHash: string): Promise<ApiToken | null> {
  const rows = await db.query<TokenRow>(
    `WITH used AS (
       UPDATE api_tokens SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL
         AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
       RETURNING ${TOKEN_COLUMNS})
     SELECT * FROM used
     UNION ALL
     SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1 AND NOT EXISTS (SELECT 1 FROM used)`,
    [tokenHash],
  );
  return rows[0] ? toToken(rows[0]) : null;
}

export async function listTokens(db: SqlClient): Promise<ApiToken[]> {
  const rows = await db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY seq`);
  return rows.map(toToken);
}

/** Idempotent for a token already revoked (its revocation time is kept). */
export async function revokeToken(db: SqlClient, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`token ${id} not found`);
  const rows = await db.query<{ id: string }>(
    'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id',
    [id],
  );
  if (!rows[0]) throw new NotFoundError(`token ${id} not found`);
}

/** Tokens still usable (not revoked): zero means the first admin token must be created. */
export async function countTokens(db: SqlClient): Promise<number> {
  const rows = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM api_tokens WHERE revoked_at IS NULL',
  );
  return rows[0].count;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  seq: number | string;
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
}

export async function appendAudit(db: SqlClient, entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
  if (!entry.actor || !entry.action || !entry.targetType) {
    throw new InvalidInputError('an audit entry needs an actor, an action and a target type');
  }
  const rows = await db.query<AuditRow>(
    `INSERT INTO audit_log (actor, action, target_type, target_id, details, at) VALUES ($1, $2, $3, $4, $5::jsonb, now())
     RETURNING *`,
    [entry.actor, entry.action, entry.targetType, entry.targetId ?? null, json(entry.details ?? {})],
  );
  return toAudit(rows[0]);
}

/** Newest first. */
export async function listAudit(db: SqlClient, page?: PageRequest): Promise<Page<AuditEntry>> {
  const limit = pageLimit(page);
  const params: unknown[] = [limit + 1];
  let keyset = '';
  if (page?.cursor) {
    const [seq] = decodeCursor(page.cursor, ['int']);
    params.push(seq);
    keyset = 'WHERE seq < $2::bigint';
  }
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_log ${keyset} ORDER BY seq DESC LIMIT $1`,
    params,
  );
  return toPage(rows, limit, toAudit, (row) => [Number(row.seq)]);
}
