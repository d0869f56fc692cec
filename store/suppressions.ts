// Suppression rules: accepted risks. A rule mutes matching failing alerts until it expires or is deleted.
import { selectAlert } from './alerts';
import { rethrowMissingAccount } from './accounts';
import { decodeCursor, pageLimit, toPage } from './cursor';
import { historyEntries, historyEntry } from './history';
import type { Alert, Page, Suppression } from './model';
import { activeRuleForAlert, alertAssetTags, ruleMatches } from './rules';
import type { Queryable, SqlClient } from './sql';
import { InvalidInputError, NotFoundError, type PageRequest } from './store';
import { iso, isoOrNull, isUuid, timestampParam } from './values';

interface SuppressionRow {
  id: string;
  control_id: string | null;
  asset_id: string | null;
  account_id: string | null;
  region: string | null;
  tag_key: string | null;
  tag_value: string | null;
  justification: string;
  author: string;
  expires_at: Date | null;
  created_at: Date;
  seq: number | string;
}

function toSuppression(row: SuppressionRow): Suppression {
  return {
    id: row.id,
    controlId: row.control_id,
    assetId: row.asset_id,
    accountId: row.account_id,
    region: row.region,
    tagKey: row.tag_key,
    tagValue: row.tag_value,
    justification: row.justification,
    author: row.author,
    expiresAt: isoOrNull(row.expires_at),
    createdAt: iso(row.created_at),
  };
}

type NewSuppression = Omit<Suppression, 'id' | 'createdAt'>;

function validate(input: NewSuppression): void {
  const scoped = [input.controlId, input.assetId, input.accountId, input.region, input.tagKey].some(
    (field) => field !== null && field !== undefined,
  );
  if (!scoped)
    throw new InvalidInputError(
      'a suppression must name at least one of control, asset, account, region or tag',
    );
  if (input.tagValue != null && input.tagKey == null)
    throw new InvalidInputError('a tag value needs a tag key');
  if (!input.justification?.trim()) throw new InvalidInputError('a suppression needs a justification');
  if (!input.author?.trim()) throw new InvalidInputError('a suppression needs an author');
  if (input.accountId != null && !isUuid(input.accountId))
    throw new NotFoundError(`account ${input.accountId} not found`);
}

async function insertRule(tx: Queryable, input: NewSuppression): Promise<Suppression> {
  try {
    const rows = await tx.query<SuppressionRow>(
      `INSERT INTO suppressions (control_id, asset_id, account_id, region, tag_key, tag_value, justification, author,
         expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, now()) RETURNING *`,
      [
        input.controlId ?? null,
        input.assetId ?? null,
        input.accountId ?? null,
        input.region ?? null,
        input.tagKey ?? null,
        input.tagValue ?? null,
        input.justification,
        input.author,
        input.expiresAt ? timestampParam(input.expiresAt, 'expiresAt') : null,
      ],
    );
    return toSuppression(rows[0]);
  } catch (error) {
    rethrowMissingAccount(error, input.accountId);
  }
}

/** Mutes the alerts the new rule matches (open ones; `alertId` also re-points an already-suppressed alert). */
async function applyRule(tx: Queryable, rule: Suppression, alertId?: string): Promise<void> {
  const statuses = alertId ? `('open', 'suppressed')` : `('open')`;
  await tx.execute(
    `UPDATE alerts al SET status = 'suppressed', suppression_id = s.id,
       history = al.history || ${historyEntries(historyEntry(`'suppressed'`, 's.justification'))}
     FROM suppressions s
     WHERE s.id = $1 AND al.status IN ${statuses} AND ($2::uuid IS NULL OR al.id = $2::uuid)
       AND ${ruleMatches({
         accountId: 'al.account_id',
         controlId: 'al.control_id',
         assetId: 'al.asset_id',
         region: 'al.region',
         tags: alertAssetTags('al'),
       })}`,
    [rule.id, alertId ?? null],
  );
}

export async function createSuppression(db: SqlClient, input: NewSuppression): Promise<Suppression> {
  validate(input);
  return db.transaction(async (tx) => {
    const rule = await insertRule(tx, input);
    await applyRule(tx, rule);
    return rule;
  });
}

/** A rule for exactly this alert's (account, control, asset), applied to it at once. */
export async function suppressAlert(
  db: SqlClient,
  alertId: string,
  input: { justification: string; author: string; expiresAt: string | null },
): Promise<Alert> {
  return db.transaction(async (tx) => {
    const alert = await selectAlert(tx, alertId);
    if (!alert) throw new NotFoundError(`alert ${alertId} not found`);
    const ruleInput: NewSuppression = {
      controlId: alert.controlId,
      assetId: alert.assetId,
      accountId: alert.accountId,
      region: null,
      tagKey: null,
      tagValue: null,
      justification: input.justification,
      author: input.author,
      expiresAt: input.expiresAt,
    };
    validate(ruleInput);
    const rule = await insertRule(tx, ruleInput);
    await applyRule(tx, rule, alert.id);
    return (await selectAlert(tx, alert.id)) as Alert;
  });
}

/** Alerts the rule muted move to another active rule that matches them, or reopen. */
export async function deleteSuppression(db: SqlClient, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError(`suppression ${id} not found`);
  await db.transaction(async (tx) => {
    const rules = await tx.query<{ id: string }>('SELECT id FROM suppressions WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    if (!rules[0]) throw new NotFoundError(`suppression ${id} not found`);
    const muted = await tx.query<{ id: string }>(
      `SELECT id FROM alerts WHERE suppression_id = $1 AND status = 'suppressed'`,
      [id],
    );
    await tx.execute('DELETE FROM suppressions WHERE id = $1', [id]);
    if (muted.length === 0) return;
    await tx.execute(
      `UPDATE alerts al SET
         suppression_id = r.id,
         status = CASE WHEN r.id IS NULL THEN 'open' ELSE 'suppressed' END,
         history = al.history || CASE WHEN r.id IS NULL
           THEN ${historyEntries(historyEntry(`'unsuppressed'`, `'suppression removed'`))}
           ELSE ${historyEntries(historyEntry(`'suppressed'`, 'r.justification'))} END
       FROM (SELECT al2.id AS alert_id, ${activeRuleForAlert('al2')} AS rule_id
             FROM alerts al2 WHERE al2.id = ANY($1::uuid[])) next
       LEFT JOIN suppressions r ON r.id = next.rule_id
       WHERE al.id = next.alert_id`,
      [muted.map((row) => row.id)],
    );
  });
}

/** Newest first. */
export async function listSuppressions(db: SqlClient, page?: PageRequest): Promise<Page<Suppression>> {
  const limit = pageLimit(page);
  const params: unknown[] = [limit + 1];
  let keyset = '';
  if (page?.cursor) {
    const [seq] = decodeCursor(page.cursor, ['int']);
    params.push(seq);
    keyset = 'WHERE seq < $2::bigint';
  }
  const rows = await db.query<SuppressionRow>(
    `SELECT * FROM suppressions ${keyset} ORDER BY seq DESC LIMIT $1`,
    params,
  );
  return toPage(rows, limit, toSuppression, (row) => [Number(row.seq)]);
}

export async function getSuppression(db: SqlClient, id: string): Promise<Suppression | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<SuppressionRow>('SELECT * FROM suppressions WHERE id = $1', [id]);
  return rows[0] ? toSuppression(rows[0]) : null;
}
