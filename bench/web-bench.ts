// Web UI benchmark: page-load times of the real UI in Debian's Chromium against a large estate seeded through the
// store (bench/large-estate.ts: 50,000 assets, 44,000 alerts, 5 accounts; plus one security group protecting
// 5,000 instances, 120 accepted risks and 500 audit entries).
//   npm run build && node dist/bench/web-bench.js [--engine pglite|postgres] [--runs 3] [--assets 50000]
//     [--alerts 44000] [--neighbours 5000]
// The real server (createApp with web/dist, as `serve` mounts it), signed in with an admin token. Every page is
// loaded fresh (a full navigation, the JS bundle from the HTTP cache) after one warm-up pass; a step's time runs
// from the navigation (or click) until its main content is visible (a selector per page, below). Also printed:
// the API span the browser saw (first API request's start to last API answer's end), bytes on the wire and the
// DOM node count. Budgets, judged on the p95: 1,000 ms for a page load, 500 ms for an in-page step (Next, sort),
// 500 ms for the API span of any step. PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
// in a schema of its own, dropped at the end; PGlite: a temporary data directory, removed at the end.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateToken, hashToken } from '../api/auth';
import { DEFAULT_WEB_DIR } from '../api/paths';
import type { SqlStore } from '../store';
import type { Asset, Relationship } from '../store/model';
import {
  CHROMIUM,
  launchHeadlessChromium,
  openBenchStore,
  startBenchServer,
  type BenchServer,
} from './bench-setup';
import { instanceArn, seedLargeEstate } from './large-estate';
import { formatTable, summarize, type PageResult, type PageSample } from './web-bench-report';

const PAGE_BUDGET_MS = 1_000;
const STEP_BUDGET_MS = 500;
const API_BUDGET_MS = 500;
const HUB_ARN = 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0bench00000000hub';

interface Options {
  engine: 'pglite' | 'postgres';
  assets: number;
  alerts: number;
  runs: number;
  neighbours: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { engine: 'pglite', assets: 50_000, alerts: 44_000, runs: 3, neighbours: 5_000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = Number(value);
    if (flag === '--engine' && (value === 'pglite' || value === 'postgres')) options.engine = value;
    else if (flag === '--assets' && Number.isInteger(number) && number > 0) options.assets = number;
    else if (flag === '--alerts' && Number.isInteger(number) && number > 0) options.alerts = number;
    else if (flag === '--runs' && Number.isInteger(number) && number > 0) options.runs = number;
    else if (flag === '--neighbours' && Number.isInteger(number) && number > 0) options.neighbours = number;
    else {
      console.error(
        'usage: web-bench [--engine pglite|postgres] [--runs N] [--assets N] [--alerts N] [--neighbours N] ' +
          `(bad: ${flag} ${value ?? ''})`,
      );
      process.exit(2);
    }
  }
  return options;
}

/** One security group in the first account protecting `neighbours` of its instances (the asset page's worst case). */
async function seedHub(
  store: SqlStore,
  accountId: string,
  syncId: string,
  neighbours: number,
): Promise<void> {
  const hub: Asset = {
    id: HUB_ARN,
    accountId,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_security_group',
    class: 'Firewall',
    name: 'bench-hub-sg',
    tags: { Name: 'bench-hub-sg' },
    config: { GroupId: 'sg-0bench00000000hub', IpPermissions: [] },
  };
  await store.upsertAssets(syncId, [hub]);
  const edges: Relationship[] = Array.from({ length: neighbours }, (_, i) => ({
    accountId,
    fromId: HUB_ARN,
    verb: 'PROTECTS',
    toId: instanceArn(i),
    service: 'ec2',
    region: 'eu-west-1',
  }));
  for (let i = 0; i < edges.length; i += 500)
    await store.upsertRelationships(syncId, edges.slice(i, i + 500));
}

/** Accepted risks (a few pages of them) and an audit log that pages, as an estate in use has. */
async function seedCompliance(store: SqlStore, accountIds: string[], actor: string): Promise<void> {
  for (let i = 0; i < 120; i++)
    await store.createSuppression({
      controlId: null,
      assetId: instanceArn(i * 7),
      accountId: accountIds[0],
      region: null,
      tagKey: null,
      tagValue: null,
      justification: `Bench: accepted for the load test (${i})`,
      author: 'bench',
      expiresAt: null,
    });
  for (let i = 0; i < 500; i++)
    await store.appendAudit({
      actor,
      action: 'account.update',
      targetType: 'account',
      targetId: accountIds[i % accountIds.length],
      details: { name: `bench ${i % accountIds.length}` },
    });
}

// The functions below run in the browser (as functions: the UI's CSP forbids evaluating strings); the bench's
// tsconfig has no DOM library.
interface BrowserElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getClientRects(): { length: number };
}
declare const document: {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): Iterable<BrowserElement>;
  getElementsByTagName(name: string): { length: number };
};
declare const performance: {
  now(): number;
  clearResourceTimings(): void;
  getEntriesByType(type: 'resource'): { name: string; startTime: number; responseEnd: number }[];
};

/** Every selector matches a visible element; with `range`, the list's range label starts with it and is loaded. */
interface Ready {
  selectors: string[];
  range?: string;
}

function isReady({ selectors, range }: Ready): boolean {
  const visible = (selector: string) =>
    [...document.querySelectorAll(selector)].some((element) => element.getClientRects().length > 0);
  if (range !== undefined) {
    const label = document.querySelector('[data-testid="list-range"]');
    const table = document.querySelector('table.list');
    if (!label?.textContent?.startsWith(range) || !table || table.getAttribute('aria-busy') === 'true')
      return false;
  }
  return selectors.every(visible);
}

const allVisible = (...selectors: string[]): Ready => ({ selectors });
const rangeStarts = (range: string, ...selectors: string[]): Ready => ({ range, selectors });

interface Step {
  name: string;
  budgetMs: number;
  /** A full navigation to this hash, or an action on the page the previous step left. */
  hash?: string;
  act?: (page: Page) => Promise<unknown>;
  ready: Ready;
}

function steps(hubKey: string, neighbours: number): Step[] {
  const alertRows = 'table.list tbody tr td a';
  return [
    {
      name: 'Overview',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/',
      ready: allVisible(
        '[data-testid="open-alerts"]',
        '[data-testid^="score-"]',
        'section[aria-labelledby="trend"] svg',
        'ul.exposed-assets > li',
        'section[aria-labelledby="sync-state"] tbody tr',
      ),
    },
    {
      name: 'Alerts, page 1',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/alerts',
      ready: rangeStarts('1–50 of', alertRows),
    },
    {
      name: 'Alerts, page 2 (Next)',
      budgetMs: STEP_BUDGET_MS,
      act: (page) =>
        Promise.all([
          page.waitForResponse((response) => /\/api\/v1\/alerts\?.*cursor=/.test(response.url())),
          page.getByRole('button', { name: /Next/ }).click(),
        ]),
      ready: rangeStarts('51–100 of', alertRows),
    },
    {
      name: 'Alerts, sorted by severity',
      budgetMs: STEP_BUDGET_MS,
      act: (page) =>
        Promise.all([
          page.waitForResponse((response) => /\/api\/v1\/alerts\?.*sort=severity/.test(response.url())),
          page.getByRole('button', { name: /^Severity/ }).click(),
        ]),
      ready: rangeStarts('1–50 of', alertRows, 'th[aria-sort="descending"]'),
    },
    {
      name: 'Alerts grouped by control',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/alerts?group=control',
      ready: allVisible('[data-testid="group-count"]', '[data-testid="alert-groups"] tbody tr a'),
    },
    {
      name: 'Inventory (regional, EC2 instances)',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/inventory?scope=regional&type=aws_ec2_instance',
      ready: rangeStarts('1–50 of', 'table.list tbody tr td a'),
    },
    {
      name: `Asset with ${neighbours.toLocaleString('en-US')} neighbours (graph)`,
      budgetMs: PAGE_BUDGET_MS,
      hash: `/inventory/${encodeURIComponent(hubKey)}`,
      ready: allVisible('h1', '[data-testid="relationship-graph"] .react-flow__node'),
    },
    {
      name: 'Framework cis-aws-7.0.0',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/frameworks/cis-aws-7.0.0',
      ready: allVisible('h1', '[data-testid^="section-"]', '.framework-charts svg'),
    },
    {
      name: 'Accepted risks',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/risks',
      ready: allVisible('[data-testid="accepted-risks"] tbody tr'),
    },
    {
      name: 'Audit log',
      budgetMs: PAGE_BUDGET_MS,
      hash: '/audit',
      ready: allVisible('[data-testid="audit-log"] tbody tr'),
    },
  ];
}

async function runStep(page: Page, base: string, step: Step): Promise<PageSample> {
  const sizes: Promise<number>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    sizes.push(
      response
        .request()
        .sizes()
        .then((size) => size.responseBodySize + size.responseHeadersSize)
        .catch(() => 0),
    );
  };
  if (step.hash !== undefined) await page.goto('about:blank');
  else await page.evaluate(() => performance.clearResourceTimings());
  page.on('response', onResponse);
  const started = performance.now();
  try {
    if (step.hash !== undefined) await page.goto(`${base}/#${step.hash}`, { waitUntil: 'commit' });
    else await step.act!(page);
    await page.waitForFunction(isReady, step.ready, { polling: 'raf', timeout: 60_000 });
  } catch (error) {
    throw new Error(
      `${step.name}: main content not visible (${JSON.stringify(step.ready)}; at ${page.url()}): ${String(error)}`,
      { cause: error },
    );
  } finally {
    page.off('response', onResponse);
  }
  const ms = performance.now() - started;
  const { apiMs, domNodes } = await page.evaluate(() => {
    const api = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/v1/'));
    return {
      apiMs: api.length
        ? Math.max(...api.map((entry) => entry.responseEnd)) -
          Math.min(...api.map((entry) => entry.startTime))
        : 0,
      domNodes: document.getElementsByTagName('*').length,
    };
  });
  const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  return { ms, apiMs, bytes, domNodes };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    console.error(`web-bench needs ${CHROMIUM} (apt-get install chromium)`);
    process.exit(2);
  }
  if (!existsSync(path.join(DEFAULT_WEB_DIR, 'index.html'))) {
    console.error(`web-bench needs the built UI in ${DEFAULT_WEB_DIR}: run \`npm run build\` first`);
    process.exit(2);
  }
  const { store, close } = await openBenchStore(options.engine, 'web-bench');
  let server: BenchServer | undefined;
  const browser = await launchHeadlessChromium();
  try {
    console.log(`engine: ${options.engine}  node ${process.version}  chromium ${browser.version()}`);
    const seeding = performance.now();
    const token = generateToken();
    const admin = await store.createToken({
      name: 'bench admin',
      role: 'admin',
      tokenHash: hashToken(token),
    });
    const accountIds = await seedLargeEstate(store, {
      ...options,
      duringSync: async (seeded, account) => {
        if (account.index === 0) await seedHub(seeded, account.id, account.syncId, options.neighbours);
      },
    });
    await seedCompliance(store, accountIds, `token:${admin.name} (${admin.id})`);
    const [hub] = await store.db.query<{ key: string }>('SELECT key FROM assets WHERE id = $1', [HUB_ARN]);
    const [alerts] = await store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM alerts');
    console.log(
      `seeded ${options.assets.toLocaleString('en-US')} assets, ${alerts.count.toLocaleString('en-US')} alerts, ` +
        `one asset with ${options.neighbours.toLocaleString('en-US')} neighbours in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    server = await startBenchServer(store, DEFAULT_WEB_DIR);
    const { base } = server;

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Signed in as the UI keeps it: the token in sessionStorage (about:blank has no storage to write to).
    await page.addInitScript(
      `try { sessionStorage.setItem('cloudward.token', ${JSON.stringify(token)}); } catch { /* about:blank */ }`,
    );
    const plan = steps(hub.key, options.neighbours);
    const results: PageResult[] = plan.map((step) => ({
      name: step.name,
      budgetMs: step.budgetMs,
      apiBudgetMs: API_BUDGET_MS,
      samples: [],
    }));
    // One warm-up pass (HTTP cache, query plans, the server's control set), then the measured runs.
    for (let run = 0; run <= options.runs; run++) {
      for (const [index, step] of plan.entries()) {
        const sample = await runStep(page, base, step);
        if (run > 0) results[index].samples.push(sample);
      }
      if (run > 0) process.stdout.write(`run ${run}/${options.runs} done\n`);
    }
    const rows = results.map(summarize);
    console.log(
      `\npage loads, median / p95 of ${options.runs} runs (budgets on the p95: page ${PAGE_BUDGET_MS} ms, ` +
        `in-page step ${STEP_BUDGET_MS} ms, API span ${API_BUDGET_MS} ms):\n`,
    );
    console.log(formatTable(rows));
    const over = rows.filter((row) => row.over.length > 0);
    console.log(
      over.length
        ? `\n${over.length} step(s) over budget: ${over.map((row) => row.name).join('; ')}`
        : '\nevery step within budget',
    );
  } finally {
    await browser.close();
    await server?.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
