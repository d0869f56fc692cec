// Overview page benchmark: the API calls the web UI's overview makes, timed over HTTP against a store seeded with
// a large estate (bench/large-estate.ts) (default 50,000 assets, 300,000 control results, 44,000 alerts, 30 score snapshots per framework).
//   npm run build && node dist/bench/overview-bench.js [--engine pglite|postgres] [--assets 50000] [--alerts 44000]
// Prints each endpoint's median and p95 (sequential) and the whole page: every call at once, as the browser makes
// them, until the last answer. PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own dropped at the end. PGlite: a temporary data directory, removed at the end.
import { generateToken, hashToken } from '../api/auth';
import { openBenchStore, startBenchServer, type BenchServer } from './bench-setup';
import { seedLargeEstate } from './large-estate';

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

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { store, close } = await openBenchStore(options.engine, 'overview-bench');
  let server: BenchServer | undefined;
  try {
    console.log(`engine: ${options.engine}  node ${process.version}`);
    const seeding = performance.now();
    await seedLargeEstate(store, options);
    const [results] = await store.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM evaluation_results',
    );
    const [alerts] = await store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM alerts');
    console.log(
      `seeded ${options.assets} assets, ${results.count} results, ${alerts.count} alerts in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const token = generateToken();
    await store.createToken({ name: 'bench', role: 'admin', tokenHash: hashToken(token) });
    server = await startBenchServer(store, null);
    const { base } = server;
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
    await server?.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
