// applyResults: stores the latest result per (control, asset) and moves alerts through their states.
//   fail -> open (new), reopen (was resolved), suppressed (an active rule matches), open again (its rule lapsed)
//   pass / not_applicable -> resolved;  error -> alert untouched (we could not tell)
// Everything is set-based SQL over a temporary table, so cost does not grow with round trips.
import { chunks, lastByKey } from './assets';
import { historyEntries, historyEntry } from './history';
import { SEVERITIES, type EvaluationResult } from './model';
import { ruleMatches } from './rules';
import type { Queryable, SqlClient } from './sql';
import { ConflictError, InvalidInputError, NotFoundError, type ApplyResultsSummary } from './store';
import { isUuid, json } from './values';

const RESULT_STATUSES = ['pass', 'fail', 'not_applicable', 'error'];

function validate(results: EvaluationResult[]): void {
  for (const r of results) {
    if (!RESULT_STATUSES.includes(r.status)) throw new InvalidInputError(`unknown result status ${r.status}`);
    if (!SEVERITIES.includes(r.severity)) throw new InvalidInputError(`unknown severity ${r.severity}`);
    if (!r.controlId || !r.assetId)
      throw new InvalidInputError('every result needs a controlId and an assetId');
  }
}

async function loadIncoming(tx: Queryable, results: EvaluationResult[]): Promise<void> {
  await tx.script(`CREATE TEMP TABLE incoming_results (
    control_id text NOT NULL, asset_id text NOT NULL, region text NOT NULL, resource_type text NOT NULL,
    status text NOT NULL, severity text NOT NULL, reason text NOT NULL, evidence jsonb NOT NULL,
    exposed boolean NOT NULL, trace jsonb NOT NULL, PRIMARY KEY (control_id, asset_id)) ON COMMIT DROP`);
  const unique = lastByKey(results, (r) => `${r.controlId}\u0000${r.assetId}`);
  for (const batch of chunks(unique, 1000)) {
    const rows = batch.map((r) => ({
      control_id: r.controlId,
      asset_id: r.assetId,
      region: r.region,
      resource_type: r.resourceType,
      status: r.status,
      severity: r.severity,
      reason: r.reason ?? '',
      evidence: r.evidence ?? [],
      exposed: r.exposed === true,
      trace: r.trace ?? [],
    }));
    await tx.execute(
      `INSERT INTO incoming_results SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
         control_id text, asset_id text, region text, resource_type text, status text, severity text,
         reason text, evidence jsonb, exposed boolean, trace jsonb)`,
      [json(rows)],
    );
  }
  await tx.script('ANALYZE incoming_results');
}

async function storeResults(tx: Queryable, accountId: string, controlIds: string[]): Promise<void> {
  await tx.execute(
    `INSERT INTO evaluation_results (account_id, control_id, asset_id, region, resource_type, status, severity,
       reason, evidence, exposed, evaluated_at, trace)
     SELECT $1, control_id, asset_id, region, resource_type, status, severity, reason, evidence, exposed, now()
       , trace
     FROM incoming_results
     ON CONFLICT (account_id, control_id, asset_id) DO UPDATE SET
       region = EXCLUDED.region, resource_type = EXCLUDED.resource_type, status = EXCLUDED.status,
       severity = EXCLUDED.severity, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence,
       trace = EXCLUDED.trace,
       exposed = EXCLUDED.exposed, evaluated_at = now()`,
    [accountId],
  );
  // Controls that ran but no longer report an asset (deleted, out of scope) lose that asset's result.
  await tx.execute(
    `DELETE FROM evaluation_results er WHERE er.account_id = $1 AND er.control_id = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM incoming_results i WHERE i.control_id = er.control_id AND i.asset_id = er.asset_id)`,
    [accountId, controlIds],
  );
}

/** Failing results joined to their current alert and the suppression rule that applies now. */
async function loadFailing(tx: Queryable, accountId: string): Promise<void> {
  // Declared first: CREATE TABLE AS cannot take parameters.
  await tx.script(`CREATE TEMP TABLE failing_results ON COMMIT DROP AS
    SELECT *, NULL::uuid AS alert_id, NULL::text AS old_status, NULL::uuid AS rule_id, NULL::text AS rule_reason
    FROM incoming_results WITH NO DATA`);
  await tx.execute(
    `INSERT INTO failing_results
     SELECT i.*, al.id AS alert_id, al.status AS old_status, rule.id AS rule_id, rule.justification AS rule_reason
     FROM incoming_results i
     LEFT JOIN alerts al ON al.account_id = $1 AND al.control_id = i.control_id AND al.asset_id = i.asset_id
     LEFT JOIN assets a ON a.account_id = $1 AND a.id = i.asset_id
     LEFT JOIN LATERAL (
       SELECT s.id, s.justification FROM suppressions s
       WHERE ${ruleMatches({
         accountId: '$1',
         controlId: 'i.control_id',
         assetId: 'i.asset_id',
         region: 'i.region',
         tags: 'a.tags',
       })}
       ORDER BY (s.id = al.suppression_id) DESC NULLS LAST, s.created_at, s.id LIMIT 1
     ) rule ON true
     WHERE i.status = 'fail'`,
    [accountId],
  );
}

const SUPPRESSED_BY_RULE = historyEntry(`'suppressed'`, 'f.rule_reason');

async function moveFailingAlerts(
  tx: Queryable,
  accountId: string,
  summary: ApplyResultsSummary,
): Promise<void> {
  const updated = await tx.query<{ old_status: string; status: string; count: number }>(
    `WITH changed AS (
       UPDATE alerts al SET
         status = CASE WHEN f.rule_id IS NULL THEN 'open' ELSE 'suppressed' END,
         suppression_id = f.rule_id, resolved_at = NULL, last_seen_at = now(),
         severity = f.severity, reason = f.reason, evidence = f.evidence, exposed = f.exposed,
         trace = f.trace,
         region = f.region, resource_type = f.resource_type,
         history = al.history || CASE
           WHEN al.status = 'resolved' AND f.rule_id IS NULL THEN ${historyEntries(historyEntry(`'reopened'`))}
           WHEN al.status = 'resolved' THEN ${historyEntries(historyEntry(`'reopened'`), SUPPRESSED_BY_RULE)}
           WHEN al.status = 'open' AND f.rule_id IS NOT NULL THEN ${historyEntries(SUPPRESSED_BY_RULE)}
           WHEN al.status = 'suppressed' AND f.rule_id IS NULL
             THEN ${historyEntries(historyEntry(`'unsuppressed'`, `'suppression expired or removed'`))}
           WHEN al.status = 'suppressed' AND f.rule_id IS DISTINCT FROM al.suppression_id
             THEN ${historyEntries(SUPPRESSED_BY_RULE)}
           ELSE '[]'::jsonb END
       FROM failing_results f
       WHERE al.id = f.alert_id
       RETURNING f.old_status, al.status)
     SELECT old_status, status, count(*)::int AS count FROM changed GROUP BY old_status, status`,
  );
  for (const row of updated) {
    if (row.old_status === row.status) summary.unchanged += row.count;
    else if (row.status === 'suppressed') summary.suppressed += row.count;
    else summary.reopened += row.count;
  }
  const inserted = await tx.query<{ status: string; count: number }>(
    `WITH created AS (
       INSERT INTO alerts (account_id, control_id, asset_id, region, resource_type, status, severity, reason,
         evidence, exposed, suppression_id, history, trace, first_seen_at, last_seen_at)
       SELECT $1, f.control_id, f.asset_id, f.region, f.resource_type,
         CASE WHEN f.rule_id IS NULL THEN 'open' ELSE 'suppressed' END,
         f.severity, f.reason, f.evidence, f.exposed, f.rule_id,
         CASE WHEN f.rule_id IS NULL THEN ${historyEntries(historyEntry(`'opened'`))}
           ELSE ${historyEntries(historyEntry(`'opened'`), SUPPRESSED_BY_RULE)} END,
         f.trace, now(), now()
       FROM failing_results f WHERE f.alert_id IS NULL
       ON CONFLICT (account_id, control_id, asset_id) DO NOTHING
       RETURNING status)
     SELECT status, count(*)::int AS count FROM created GROUP BY status`,
    [accountId],
  );
  for (const row of inserted) {
    if (row.status === 'suppressed') summary.suppressed += row.count;
    else summary.opened += row.count;
  }
}

async function resolveAlerts(
  tx: Queryable,
  accountId: string,
  controlIds: string[],
  summary: ApplyResultsSummary,
): Promise<void> {
  summary.resolved += await tx.execute(
    `UPDATE alerts al SET status = 'resolved', resolved_at = now(), suppression_id = NULL,
       history = al.history || ${historyEntries(historyEntry(`'resolved'`, 'i.reason'))}
     FROM incoming_results i
     WHERE al.account_id = $1 AND al.control_id = i.control_id AND al.asset_id = i.asset_id
       AND i.status IN ('pass', 'not_applicable') AND al.status <> 'resolved'`,
    [accountId],
  );
  // A control that ran and no longer reports the asset cannot still be failing on it.
  summary.resolved += await tx.execute(
    `UPDATE alerts al SET status = 'resolved', resolved_at = now(), suppression_id = NULL,
       history = al.history || ${historyEntries(historyEntry(`'resolved'`, `'no longer evaluated'`))}
     WHERE al.account_id = $1 AND al.control_id = ANY($2::text[]) AND al.status <> 'resolved'
       AND NOT EXISTS (SELECT 1 FROM incoming_results i WHERE i.control_id = al.control_id AND i.asset_id = al.asset_id)`,
    [accountId, controlIds],
  );
}

/** Suppressed alerts of controls that did not run now, whose rule has expired, lapse back to open. */
async function lapseExpired(tx: Queryable, accountId: string, summary: ApplyResultsSummary): Promise<void> {
  summary.reopened += await tx.execute(
    `UPDATE alerts al SET status = 'open', suppression_id = NULL,
       history = al.history || ${historyEntries(historyEntry(`'unsuppressed'`, `'suppression expired'`))}
     WHERE al.account_id = $1 AND al.status = 'suppressed'
       AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.id = al.suppression_id
                       AND (s.expires_at IS NULL OR s.expires_at > now()))`,
    [accountId],
  );
}

export async function applyResults(
  db: SqlClient,
  accountId: string,
  controlIds: string[],
  results: EvaluationResult[],
): Promise<ApplyResultsSummary> {
  validate(results);
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  return db.transaction(async (tx) => {
    const accounts = await tx.query<{ status: string }>(
      'SELECT status FROM accounts WHERE id = $1 FOR UPDATE',
      [accountId],
    );
    if (!accounts[0]) throw new NotFoundError(`account ${accountId} not found`);
    if (accounts[0].status === 'disabled') throw new ConflictError(`account ${accountId} is disabled`);
    const summary: ApplyResultsSummary = { opened: 0, reopened: 0, resolved: 0, suppressed: 0, unchanged: 0 };
    await loadIncoming(tx, results);
    await storeResults(tx, accountId, controlIds);
    await loadFailing(tx, accountId);
    await moveFailingAlerts(tx, accountId, summary);
    await resolveAlerts(tx, accountId, controlIds, summary);
    await lapseExpired(tx, accountId, summary);
    return summary;
  });
}

/**
 * Only the suppression-expiry step of applyResults, for an evaluation that was skipped because nothing changed:
 * suppressed alerts whose rule has expired (or is gone) reopen. Returns how many reopened.
 */
export async function lapseExpiredSuppressions(db: SqlClient, accountId: string): Promise<number> {
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  return db.transaction(async (tx) => {
    const summary: ApplyResultsSummary = { opened: 0, reopened: 0, resolved: 0, suppressed: 0, unchanged: 0 };
    await lapseExpired(tx, accountId, summary);
    return summary.reopened;
  });
}
