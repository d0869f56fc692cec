// Overview page benchmark: the API calls the web UI's overview makes, timed over HTTP against a store seeded with
// a large estate (default 50,000 assets, 300,000 control results, 44,000 alerts, 30 score snapshots per framework).
//   npm run build && node dist/bench/overview-bench.js [--engine pglite|postgres] [--assets 50000] [--alerts 44000]
// Prints each endpoint's median and p95 (sequential) and the whole page: every call at once, as the browser makes
// them, until the last answer. PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own dropped at the end. PGlite: a temporary data directory, removed at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../api/app';
import { generateToken, hashToken } from '../api/auth';
import { defaultIntegrations } from '../api/integrations';
import { InProcessJobQueue } from '../api/jobs/in-process';
import { createSecretBox } from '../api/secrets';
import { defaultControlSet } from '../evaluator';
import { openStore, SqlStore } from '../store';
import type { Asset } from '../store/model';

interface Options {
  engine: 'pglite' | 'postgres';
  assets: number;
  alerts: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { engine: 'pglite', assets: 50_000, alerts: 44_000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--engine' && (value === 'pglite' || value === 'postgres')) options.engine = value;
    else if (flag === '--assets' && Number(value) > 0) options.assets = Number(value);
    else if (flag === '--alerts' && Number(value) > 0) options.alerts = Number(value);
    else {
      console.error(
        `usage: overview-bench [--engine pglite|postgres] [--assets N] [--alerts N] (bad: ${flag} ${value ?? ''})`,
      );
      process.exit(2);
    }
  }
  return options;
}

/** What the overview (web/src/pages/Overview.tsx) and its shell request on load. */
const OVERVIEW_CALLS = [
  '/api/v1/me',
  '/api/v1/frameworks',
  '/api/v1/reports/alerts/summary',
  '/api/v1/alerts?status=open&exposed=true&sort=rank&limit=20',
  '/api/v1/accounts?limit=100',
  '/api/v1/reports/frameworks/scores',
  '/api/v1/reports/frameworks/trends',
  '/api/v1/controls',
  '/api/v1/reports/sync-state',
];

function asset(accountId: string, i: number): Asset {
  const id = `i-${i.toString(16).padStart(17, '0')}`;
  return {
    id: `arn:aws:ec2:eu-west-1:123456789012:instance/${id}`,
    accountId,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_instance',
    class: 'Host',
    name: `web-${i}`,
    tags: { Name: `web-${i}`, env: i % 2 ? 'prod' : 'dev' },
    config: { InstanceId: id, State: { Name: 'running' }, SubnetId: `subnet-${i % 20}` },
  };
}

/** Results (6 controls per asset on average, a quarter failing), alerts for failing ones, score snapshots. */
async function seed(store: SqlStore, options: Options): Promise<void> {
  const accountIds: string[] = [];
  for (let a = 0; a < 5; a++) {
    const account = await store.createAccount({
      name: `bench ${a}`,
      awsAccountId: String(123456789012 + a),
      roleArn: `arn:aws:iam::${123456789012 + a}:role/r`,
      externalIdCiphertext: 'x',
      regions: ['eu-west-1'],
    });
    accountIds.push(account.id);
    const sync = await store.createSync(account.id, 'manual');
    await store.markSyncRunning(sync.id);
    const share = Math.ceil(options.assets / 5);
    const assets = Array.from({ length: share }, (_, i) => asset(account.id, a * share + i));
    for (let i = 0; i < assets.length; i += 500) await store.upsertAssets(sync.id, assets.slice(i, i + 500));
    await store.finishSync(sync.id, 'succeeded');
  }
  const controlIds = defaultControlSet().controls.map((control) => control.id);
  const perAccount = Math.ceil(options.assets / 5);
  await store.db.execute(
    `INSERT INTO evaluation_results (account_id, control_id, asset_id, region, resource_type, status, severity,
       reason, evidence, exposed)
     SELECT ($1::uuid[])[1 + (i / $3::int) % 5], ($2::text[])[1 + (i * 7 + i / $4::int) % array_length($2::text[], 1)],
       'arn:aws:ec2:eu-west-1:123456789012:instance/i-' || lpad(to_hex(i % $4::int), 17, '0'), 'eu-west-1',
       'aws_ec2_instance',
       (ARRAY['pass', 'pass', 'fail', 'pass', 'not_applicable', 'pass', 'error', 'fail'])[1 + i % 8],
       (ARRAY['critical', 'high', 'medium', 'low', 'info'])[1 + i % 5], 'bench', '[]'::jsonb, i % 17 = 0
     FROM generate_series(0, $4::int * 6 - 1) AS i
     ON CONFLICT DO NOTHING`,
    [accountIds, controlIds, perAccount * 6, options.assets],
  );
  await store.db.execute(
    `INSERT INTO alerts (account_id, control_id, asset_id, region, resource_type, status, severity, reason, evidence,
       exposed, history)
     SELECT account_id, control_id, asset_id, region, resource_type,
       CASE WHEN row_number() OVER () % 10 = 0 THEN 'suppressed' WHEN row_number() OVER () % 10 = 1 THEN 'resolved'
            ELSE 'open' END,
       severity, reason, evidence, exposed, '[{"at": "2026-01-01T00:00:00.000Z", "event": "opened"}]'::jsonb
     FROM evaluation_results WHERE status = 'fail' LIMIT $1`,
    [options.alerts],
  );
  const frameworks = defaultControlSet().frameworks.map((framework) => framework.id);
  for (let point = 0; point < 30; point++)
    for (const accountId of accountIds)
      await store.recordScoreSnapshot(
        accountId,
        Object.fromEntries(frameworks.map((id) => [id, { passed: 500 + point * 10, evaluated: 1000 }])),
      );
  await store.db.script('ANALYZE');
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  let dataDir: string | undefined;
  let schema: string | undefined;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let store: SqlStore;
  if (options.engine === 'postgres') {
    schema = `cw_overview_bench_${randomBytes(4).toString('hex')}`;
    store = (await openStore({ databaseUrl, schema })) as SqlStore;
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cloudward-overview-bench-'));
    store = (await openStore({ dataDir })) as SqlStore;
  }
  let server: Server | undefined;
  const jobs = new InProcessJobQueue();
  try {
    console.log(`engine: ${options.engine}  node ${process.version}`);
    const seeding = performance.now();
    await seed(store, options);
    const [results] = await store.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM evaluation_results',
    );
    const [alerts] = await store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM alerts');
    console.log(
      `seeded ${options.assets} assets, ${results.count} results, ${alerts.count} alerts in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const secrets = createSecretBox(randomBytes(32));
    const integrations = defaultIntegrations({ store, secrets, jobs, env: {} });
    const token = generateToken();
    await store.createToken({ name: 'bench', role: 'admin', tokenHash: hashToken(token) });
    const app = createApp({
      store,
      secrets,
      jobs,
      webDir: null,
      env: {},
      resolveControlIds: integrations.resolveControlIds,
      isKnownControl: integrations.isKnownControl,
      extraRouters: integrations.extraRouters,
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const call = async (url: string): Promise<{ ms: number; bytes: number }> => {
      const started = performance.now();
      const response = await fetch(base + url, {
        headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' },
      });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString()}`);
      return { ms: performance.now() - started, bytes: Number(response.headers.get('content-length') ?? 0) };
    };

    const runs = 9;
    for (const url of OVERVIEW_CALLS) await call(url); // warm-up: the first call compiles plans and loads controls
    console.log(`overview endpoints, sequential (median / p95 of ${runs} runs):`);
    for (const url of OVERVIEW_CALLS) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) times.push((await call(url)).ms);
      times.sort((a, b) => a - b);
      console.log(
        `  ${url.padEnd(62)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ms ${percentile(times, 0.95)
          .toFixed(1)
          .padStart(8)} ms`,
      );
    }
    const pages: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await Promise.all(OVERVIEW_CALLS.map(call));
      pages.push(performance.now() - started);
    }
    pages.sort((a, b) => a - b);
    console.log(
      `whole overview (${OVERVIEW_CALLS.length} calls at once, until the last answer): median ` +
        `${percentile(pages, 0.5).toFixed(1)} ms, p95 ${percentile(pages, 0.95).toFixed(1)} ms`,
    );
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await jobs.close({ graceMs: 100 });
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const admin = (await openStore({ databaseUrl, migrate: false })) as SqlStore;
      await admin.db.script(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
