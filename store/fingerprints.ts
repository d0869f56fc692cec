// The fingerprint of an account's last evaluation input (see evaluator/fingerprint.ts).
import type { SqlClient } from './sql';
import { NotFoundError } from './store';
import { isUuid } from './values';

export async function getEvaluationFingerprint(db: SqlClient, accountId: string): Promise<string | null> {
  if (!isUuid(accountId)) return null;
  const rows = await db.query<{ evaluation_fingerprint: string | null }>(
    'SELECT evaluation_fingerprint FROM accounts WHERE id = $1',
    [accountId],
  );
  return rows[0]?.evaluation_fingerprint ?? null;
}

export async function setEvaluationFingerprint(
  db: SqlClient,
  accountId: string,
  fingerprint: string | null,
): Promise<void> {
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  const changed = await db.execute('UPDATE accounts SET evaluation_fingerprint = $2 WHERE id = $1', [
    accountId,
    fingerprint,
  ]);
  if (changed === 0) throw new NotFoundError(`account ${accountId} not found`);
}
