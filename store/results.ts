// Reading the latest evaluation results, and the score snapshots taken after each evaluation.
import { decodeCursor, pageLimit, toPage } from './cursor';
import type { EvaluationResult, Page, ResultStatus } from './model';
import type { SqlClient } from './sql';
import { InvalidInputError, NotFoundError, type ControlResultCount, type PageRequest } from './store';
import { rethrowMissingAccount } from './accounts';
import { iso, isUuid } from './values';

interface ResultRow {
  account_id: string;
  control_id: string;
  asset_id: string;
  region: string;
  resource_type: string;
  status: ResultStatus;
  severity: EvaluationResult['severity'];
  reason: string;
  evidence: string[];
  trace: string[] | null;
  exposed: boolean;
  evaluated_at: Date;
}

export async function resultCounts(
  db: SqlClient,
  filter: { accountId?: string } = {},
): Promise<ControlResultCount[]> {
  if (filter.accountId !== undefined && !isUuid(filter.accountId)) return [];
  const rows = await db.query<{
    control_id: string;
    pass: number;
    fail: number;
    not_applicable: number;
    error: number;
  }>(
    // result_counts: per (account, control, status), kept by triggers on evaluation_results (migration 005).
    `SELECT control_id,
       coalesce(sum(n) FILTER (WHERE status = 'pass'), 0)::int AS pass,
       coalesce(sum(n) FILTER (WHERE status = 'fail'), 0)::int AS fail,
       coalesce(sum(n) FILTER (WHERE status = 'not_applicable'), 0)::int AS not_applicable,
       coalesce(sum(n) FILTER (WHERE status = 'error'), 0)::int AS error
     FROM result_counts WHERE ($1::uuid IS NULL OR account_id = $1::uuid)
     GROUP BY control_id HAVING sum(n) > 0 ORDER BY control_id`,
    [filter.accountId ?? null],
  );
  return rows.map((row) => ({
    controlId: row.control_id,
    pass: row.pass,
    fail: row.fail,
    notApplicable: row.not_applicable,
    error: row.error,
  }));
}

/** Ordered by (account, control, asset): the primary key, so paging is an index range scan. */
export async function listResults(
  db: SqlClient,
  filter: { accountId?: string; controlId?: string | string[]; assetId?: string; status?: ResultStatus[] },
  page?: PageRequest,
): Promise<Page<EvaluationResult & { evaluatedAt: string }>> {
  const limit = pageLimit(page);
  if (filter.accountId !== undefined && !isUuid(filter.accountId)) return { items: [], nextCursor: null };
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.accountId !== undefined) where.push(`account_id = ${param(filter.accountId)}::uuid`);
  if (Array.isArray(filter.controlId)) where.push(`control_id = ANY(${param(filter.controlId)}::text[])`);
  else if (filter.controlId !== undefined) where.push(`control_id = ${param(filter.controlId)}`);
  if (filter.assetId !== undefined) where.push(`asset_id = ${param(filter.assetId)}`);
  if (filter.status) where.push(`status = ANY(${param(filter.status)}::text[])`);
  if (page?.cursor) {
    const [account, control, asset] = decodeCursor(page.cursor, ['uuid', 'text', 'text']);
    where.push(
      `(account_id, control_id, asset_id) > (${param(account)}::uuid, ${param(control)}, ${param(asset)})`,
    );
  }
  const rows = await db.query<ResultRow>(
    `SELECT * FROM evaluation_results ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY account_id, control_id, asset_id LIMIT ${param(limit + 1)}`,
    params,
  );
  return toPage(
    rows,
    limit,
    (row) => ({
      controlId: row.control_id,
      accountId: row.account_id,
      region: row.region,
      assetId: row.asset_id,
      resourceType: row.resource_type,
      status: row.status,
      severity: row.severity,
      reason: row.reason,
      evidence: row.evidence,
      trace: row.trace ?? [],
      exposed: row.exposed,
      evaluatedAt: iso(row.evaluated_at),
    }),
    (row) => [row.account_id, row.control_id, row.asset_id],
  );
}

export async function recordScoreSnapshot(
  db: SqlClient,
  accountId: string,
  scores: Record<string, { passed: number; evaluated: number }>,
): Promise<void> {
  if (!isUuid(accountId)) throw new NotFoundError(`account ${accountId} not found`);
  const entries = Object.entries(scores);
  for (const [frameworkId, score] of entries) {
    const valid =
      Number.isInteger(score.passed) &&
      Number.isInteger(score.evaluated) &&
      score.passed >= 0 &&
      score.passed <= score.evaluated;
    if (!valid)
      throw new InvalidInputError(`score of ${frameworkId} must be whole numbers with passed <= evaluated`);
  }
  if (entries.length === 0) return;
  try {
    // One statement: every framework of one evaluation shares the same timestamp.
    await db.execute(
      `INSERT INTO score_snapshots (account_id, framework_id, passed, evaluated, at)
       SELECT $1, f.framework_id, f.passed, f.evaluated, now()
       FROM jsonb_to_recordset($2::jsonb) AS f(framework_id text, passed integer, evaluated integer)`,
      [
        accountId,
        JSON.stringify(
          entries.map(([id, s]) => ({ framework_id: id, passed: s.passed, evaluated: s.evaluated })),
        ),
      ],
    );
  } catch (error) {
    rethrowMissingAccount(error, accountId);
  }
}

/** The latest `limit` snapshots (default 100, at most 10,000), oldest first so they plot as a trend. */
export async function listScoreSnapshots(
  db: SqlClient,
  filter: { accountId?: string; frameworkId?: string },
  limit = 100,
): Promise<{ at: string; accountId: string; frameworkId: string; passed: number; evaluated: number }[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError('limit must be a positive integer');
  if (filter.accountId !== undefined && !isUuid(filter.accountId)) return [];
  const rows = await db.query<{
    at: Date;
    account_id: string;
    framework_id: string;
    passed: number;
    evaluated: number;
  }>(
    `SELECT * FROM (
       SELECT id, at, account_id, framework_id, passed, evaluated FROM score_snapshots
       WHERE ($1::uuid IS NULL OR account_id = $1::uuid) AND ($2::text IS NULL OR framework_id = $2::text)
       ORDER BY at DESC, id DESC LIMIT $3) latest
     ORDER BY at, id`,
    [filter.accountId ?? null, filter.frameworkId ?? null, Math.min(limit, 10_000)],
  );
  return rows.map((row) => ({
    at: iso(row.at),
    accountId: row.account_id,
    frameworkId: row.framework_id,
    passed: row.passed,
    evaluated: row.evaluated,
  }));
}
