// The pictures and the compliance pages in Debian's Chromium against a real server with the demo estate: the
// relationship graph, the charts, the accepted-risks register, the audit log and the printable framework report.
// Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium, startWebServer, type WebServer } from './server';

const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots');
const describeBrowser = describeWithChromium('web visuals suite');

jest.setTimeout(90_000);

describeBrowser('web UI pictures and compliance pages', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(server.url + '/');
    await page.getByLabel('API token').fill(server.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const go = (hash: string) => page.goto(`${server.url}/#${hash}`);
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

  test('an exposed instance draws its neighbourhood and the path from the internet', async () => {
    const exposed = await server.store.listAlerts(
      { exposed: true, status: ['open'], resourceType: 'aws_ec2_instance' },
      { limit: 1 },
    );
    const alert = exposed.items[0];
    expect(alert?.assetKey).toEqual(expect.any(String));
    const asset = (await server.store.getAsset(alert.assetKey!))!;
    const paths = (asset.facts.exposure as { paths?: string[] }).paths ?? [];
    expect(paths[0]).toMatch(/^internet -> /);

    await go(`/inventory/${encodeURIComponent(alert.assetKey!)}`);
    const graph = page.getByTestId('relationship-graph');
    await graph.waitFor();
    // React Flow draws one node per asset of the neighbourhood, plus the path row.
    const { nodes } = await server.store.neighbourhood(asset.accountId, asset.id, { hops: 2, limit: 150 });
    const steps = paths[0].split(' -> ');
    await page
      .locator('.react-flow__node')
      .nth(nodes.length + steps.length - 1)
      .waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(nodes.length + steps.length);
    // Edges carry the relationship's name, and the path is highlighted.
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toEqual(
      expect.arrayContaining(['protects', 'in']),
    );
    expect(await page.locator('.graph-node.on-path').count()).toBeGreaterThanOrEqual(steps.length);
    await page.getByText('Path from the internet:').waitFor();
    expect(await page.locator('p', { hasText: 'Path from the internet:' }).innerText()).toContain(
      steps.slice(1, 3).join(' → '),
    );
    // The same nodes as a list for screen readers, the drawing hidden from them.
    expect(await page.locator('.graph-canvas').getAttribute('aria-hidden')).toBe('true');
    await page.getByText('Relationships as a list').click();
    expect(await page.getByRole('list', { name: 'Related assets' }).locator('li').count()).toBe(
      nodes.length - 1,
    );
    await page.getByText('Relationships as a list').click();
    await page
      .getByRole('heading', { name: 'Relationships' })
      .evaluate((heading) => heading.scrollIntoView());
    await shot('asset-graph');
    // A click on a node in the inventory opens it.
    const other = nodes.find((node) => node.hops === 1 && node.asset)!;
    await page.locator(`.react-flow__node[data-id="${other.id}"]`).click();
    await page.waitForURL(new RegExp(encodeURIComponent(other.asset!.key)));
  });

  test('the overview charts the score trend per framework and open alerts by severity', async () => {
    await go('/');
    const trend = page.getByTestId('score-trend-chart');
    await trend.waitFor();
    const trends = (await (
      await page.request.get(`${server.url}/api/v1/reports/frameworks/trends`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { items: { frameworkId: string; points: { at: string }[] }[] };
    expect(trends.items.length).toBeGreaterThan(0);
    // One line per framework with history, dated axis ticks, and the change in words.
    await page.locator('.recharts-line').first().waitFor();
    expect(await page.locator('.recharts-line').count()).toBe(trends.items.length);
    expect(await page.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBeGreaterThan(0);
    const first = trends.items[0];
    expect(await page.getByTestId(`trend-${first.frameworkId}`).innerText()).toMatch(
      first.points.length > 1 ? /\d+% on .+\((\+|−|±)[\d.]+ pts since / : /\d+% on .+one evaluation/,
    );
    // Five severity bars whose labels are the open counts the summary gives.
    const summary = (await (
      await page.request.get(`${server.url}/api/v1/reports/alerts/summary`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { bySeverity: Record<string, number> };
    const chart = page.getByTestId('severity-chart');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const labels = await chart.locator('.recharts-label-list text, .recharts-label').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining(
        Object.values(summary.bySeverity)
          .filter((count) => count > 0)
          .map(String),
      ),
    );
    await trend.scrollIntoViewIfNeeded();
    await shot('overview-charts');
  });

  test('the framework page draws a pass/fail donut, section bars and a real section tree', async () => {
    await go('/frameworks/cis-aws-3.0.0');
    const donut = page.getByTestId('result-donut');
    await donut.locator('.recharts-pie-sector').first().waitFor();
    const framework = (await (
      await page.request.get(`${server.url}/api/v1/frameworks/cis-aws-3.0.0`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { score: { pass: number; fail: number; error: number } };
    expect(await donut.innerText()).toContain(`Pass: ${framework.score.pass.toLocaleString('en-US')}`);
    expect(await donut.innerText()).toContain(`Fail: ${framework.score.fail.toLocaleString('en-US')}`);
    // CIS numbers its sections: 2.1 (S3) sits inside 2 (Storage), and 2's totals include it.
    const storage = page.getByTestId('section-2');
    await storage.getByTestId('section-2.1').waitFor();
    expect(await page.locator('[data-testid="section-2"] > [data-testid="section-2.1"]').count()).toBe(1);
    expect(await storage.locator('summary').first().innerText()).toMatch(/\d+% · \d+ of \d+ checks pass/);
    await page.getByTestId('section-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await shot('framework-charts');
  });

  test('the framework report prints to PDF with its date and the accounts it covers', async () => {
    await go('/frameworks/cis-aws-3.0.0');
    await page.getByTestId('result-donut').waitFor();
    await page.emulateMedia({ media: 'print' });
    const heading = page.getByTestId('report-heading');
    await heading.waitFor();
    const accounts = await server.store.listAccounts();
    const text = await heading.innerText();
    expect(text).toContain(accounts.items[0].awsAccountId);
    expect(text).toMatch(/generated /);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A report of a few pages, not an empty one.
    expect(pdf.length).toBeGreaterThan(30_000);
  });

  test('accepted risks list every rule with author, justification, expiry and what it matches', async () => {
    const account = (await server.store.listAccounts()).items[0];
    await server.store.createSuppression({
      controlId: 's3_bucket_kms_encryption_enabled',
      assetId: null,
      accountId: account.id,
      region: null,
      tagKey: 'env',
      tagValue: 'sandbox',
      justification: 'sandbox buckets hold no customer data (RISK-118)',
      author: 'maria',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    await go('/risks');
    const row = page.getByTestId('accepted-risks').locator('tr', { hasText: 'RISK-118' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('maria');
    expect(text).toContain(account.name);
    expect(text).toContain('env=sandbox');
    expect(text).toMatch(/2099|1\/1\/2099|01\/01\/2099/);
    // The control by its title, not its id.
    expect(await row.locator('a[href^="#/controls/"]').innerText()).not.toBe(
      's3_bucket_kms_encryption_enabled',
    );
    await shot('accepted-risks');
  });

  test('an auditor reads the audit log, paged, with names instead of ids', async () => {
    // More than one page of entries (50 a page), the newest touching an account by id.
    const account = (await server.store.listAccounts()).items[0];
    for (let index = 0; index < 55; index += 1)
      await server.store.appendAudit({
        actor: `token:release bot (00000000-0000-0000-0000-${String(index).padStart(12, '0')})`,
        action: 'account.sync',
        targetType: 'account',
        targetId: account.id,
        details: { run: index },
      });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const auditor = await context.newPage();
    await auditor.goto(server.url + '/');
    await auditor.getByLabel('API token').fill(server.auditorToken);
    await auditor.getByRole('button', { name: 'Sign in' }).click();
    await auditor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    const table = auditor.getByTestId('audit-log');
    await table.waitFor();
    await table.locator('tbody tr').first().waitFor();
    const text = await table.innerText();
    // Neither token ids nor account ids: who and what by name.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).toContain('release bot');
    expect(text).toContain(`started a sync of ${account.name}`);
    expect(await table.locator('tbody tr').count()).toBe(50);
    await auditor.getByRole('button', { name: 'Next →' }).click();
    await table.locator('tbody tr td', { hasText: 'run: 4' }).first().waitFor();
    expect(await table.innerText()).not.toContain('run: 54');
    await context.close();
  });

  test('the graph, the charts and the new pages have no serious axe violations', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const exposed = await server.store.listAlerts({ exposed: true, status: ['open'] }, { limit: 1 });
    // Only what this suite's pages add: the rest of each page is the layout's, checked with the layout.
    const cases: [string, string[]][] = [
      [`/inventory/${encodeURIComponent(exposed.items[0].assetKey!)}`, ['.graph']],
      ['/', ['[data-testid="score-trend-chart"]', '[data-testid="severity-chart"]']],
      ['/frameworks/cis-aws-3.0.0', ['.framework-charts', '[data-testid="section-2"]']],
      ['/risks', ['main']],
      ['/audit', ['main']],
    ];
    for (const [hash, selectors] of cases) {
      await go(hash);
      await page.locator(selectors[0]).first().waitFor();
      // Through the DevTools protocol: the page's CSP (script-src 'self') refuses injected script tags.
      await page.evaluate(axeSource);
      const violations = (await page.evaluate(
        (include) =>
          (
            globalThis as unknown as {
              axe: {
                run: (context: unknown) => Promise<{
                  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
                }>;
              };
            }
          ).axe
            .run({ include: include.map((selector) => [selector]) })
            .then((result) =>
              result.violations.map(
                (violation) =>
                  `${violation.impact}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
              ),
            ),
        selectors,
      )) as string[];
      expect({ hash, serious: violations.filter((line) => /^(serious|critical)/.test(line)) }).toEqual({
        hash,
        serious: [],
      });
    }
  });

  test('the browser console shows no errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
