// The pictures and the compliance pages in Debian's Chromium against a real server with the demo estate: the
// relationship graph, the charts, the accepted-risks register, the audit log and the printable framework report.
// Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer, WEB_DIST, type WebServer } from './server';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Skipping the web visuals suite: ${CHROMIUM} is absent.`);
const describeBrowser = haveChromium ? describe : describe.skip;

jest.setTimeout(90_000);

describeBrowser('web UI pictures and compliance pages', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIST, 'index.html')))
      throw new Error('web/dist is missing: run `npm run build:web` before the browser tests');
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([
      startWebServer(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      }),
    ]);
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

  test('the browser console shows no errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
