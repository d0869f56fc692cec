// Durable evaluation requests: accounts whose synced data has not been evaluated yet (see migration 004).
import type { SqlClient } from './sql';
import { NotFoundError, type EvaluationRequest } from './store';
import { iso, isUuid, timestampParam } from './values';

/**
 * Flags the account and returns the request's time. A new request is always later than the one it replaces
 * (by at least a millisecond), so an evaluation that started before it cannot clear it.
 */
export async function requestEvaluation(db: SqlClient, accountId: string): Promise<string> {
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  const rows = await db.query<{ evaluation_requested_at: Date }>(
    `UPDATE accounts SET evaluation_requested_at =
       GREATEST(now(), evaluation_requested_at + interval '1 millisecond')
     WHERE id = $1 RETURNING evaluation_requested_at`,
    [accountId],
  );
  if (!rows[0]) throw new NotFoundError(`account ${accountId} not found`);
  return iso(rows[0].evaluation_requested_at);
}

/** Clears the request only if it is still the one made at `requestedAt`. Returns whether it was cleared. */
export async function clearEvaluationRequest(
  db: SqlClient,
  accountId: string,
  requestedAt: string,
): Promise<boolean> {
  if (!isUuid(accountId)) return false;
  const changed = await db.execute(
    `UPDATE accounts SET evaluation_requested_at = NULL
     WHERE id = $1 AND evaluation_requested_at = $2::timestamptz`,
    [accountId, timestampParam(requestedAt, 'requestedAt')],
  );
  return changed > 0;
}

/** Every flagged account, oldest request first. */
export async function listAccountsNeedingEvaluation(db: SqlClient): Promise<EvaluationRequest[]> {
  const rows = await db.query<{ id: string; evaluation_requested_at: Date }>(
    `SELECT id, evaluation_requested_at FROM accounts
     WHERE evaluation_requested_at IS NOT NULL ORDER BY evaluation_requested_at, seq`,
  );
  return rows.map((row) => ({ accountId: row.id, requestedAt: iso(row.evaluation_requested_at) }));
}
