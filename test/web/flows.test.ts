// Browser flows of issue 14: a fresh install's first account (no CLOUDWARD_TRUSTED_PRINCIPAL, no AWS
// credentials), list state in the URL (Back after paging, a refused cursor), and axe-core on every page with
// zero serious or critical violations. Debian's Chromium through playwright-core, against real servers.
// Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import {
  DEMO_SERVER_START_MS,
  describeWithChromium,
  haveChromium,
  launchChromium,
  startWebServer,
  type WebServer,
} from './server';

declare const axe: {
  run(
    context: unknown,
    options: unknown,
  ): Promise<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  }>;
};
declare const document: unknown;

const AXE = path.join(__dirname, '../../node_modules/axe-core/axe.min.js');
const AXE_SOURCE = existsSync(AXE) ? readFileSync(AXE, 'utf8') : '';
const describeBrowser = describeWithChromium('web flow suite');

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  if (haveChromium) browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

async function signIn(page: Page, server: WebServer, token = server.adminToken): Promise<void> {
  await page.goto(server.url + '/');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
}

function visible(locator: ReturnType<Page['locator']>, timeout?: number): Promise<void> {
  return locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
}

describeBrowser('a fresh install connects its first account', () => {
  let server: WebServer;
  let page: Page;
  const TEMPLATE_URL = 'https://example-bucket.s3.amazonaws.com/cloudward/onboarding.yaml';
  // The SDK's credential chain reads the process environment and ~/.aws: empty both for this server, whatever
  // the machine running the test has, so that it is a new install without credentials.
  const CREDENTIAL_VARIABLES = {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cloudward-test/credentials',
    AWS_CONFIG_FILE: '/nonexistent/cloudward-test/config',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const [name, value] of Object.entries(CREDENTIAL_VARIABLES)) {
      saved[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    // No CLOUDWARD_TRUSTED_PRINCIPAL and no AWS credentials: the defaults of a new install.
    server = await startWebServer({ fresh: true, env: { CLOUDWARD_TEMPLATE_URL: TEMPLATE_URL } });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await server?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  test('overview -> wizard: asks for the identity, then the bundle, Launch stack and the test all work', async () => {
    await signIn(page, server);
    await page.getByRole('link', { name: 'Connect an AWS account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('First account');
    await page.getByLabel('AWS account ID').fill('123456789012');
    const externalId = await page.getByLabel('External ID').inputValue();
    await page.getByRole('button', { name: 'Next' }).click();

    // No 503 dead end: the wizard says why it needs the identity and asks for it.
    const why = page.getByTestId('trusted-principal');
    await visible(why);
    expect(await why.innerText()).toMatch(/needs to know its own AWS identity[\s\S]*no AWS credentials/);
    const download = page.getByRole('button', { name: /Download Terraform bundle/ });
    expect(await download.isDisabled()).toBe(true);
    const principalField = page.getByLabel('ARN of the identity Cloudward runs as');
    await principalField.fill('not-an-arn');
    await visible(page.getByText(/An IAM ARN: arn:aws:iam::/));
    const principal = 'arn:aws:iam::999999999999:role/CloudwardServer';
    await principalField.fill(principal);
    await visible(page.locator('pre.code').first());
    expect((await page.locator('pre.code').allInnerTexts()).join('\n')).toContain(principal);

    // The download works (a real zip from the server), and it is never silent when it fails.
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('cloudward-onboarding-123456789012-terraform.zip');
    await page.route('**/reports/onboarding/files?*download=true*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'the disk is full' }),
      }),
    );
    await download.click();
    await visible(page.getByRole('alert').filter({ hasText: 'Download failed (503) — the disk is full' }));
    await page.unroute('**/reports/onboarding/files?*download=true*');

    // CloudFormation: one click into the console's quick-create page, with the parameters filled in.
    await page.getByRole('tab', { name: 'CloudFormation' }).click();
    const launch = page.getByRole('link', { name: 'Launch stack in the AWS console' });
    await visible(launch);
    const href = new URL((await launch.getAttribute('href')) ?? '');
    expect(href.origin + href.pathname).toBe('https://console.aws.amazon.com/cloudformation/home');
    const [route, query] = href.hash.slice(1).split('?');
    expect(route).toBe('/stacks/quickcreate');
    const params = new URLSearchParams(query);
    expect(params.get('templateURL')).toBe(TEMPLATE_URL);
    expect(params.get('stackName')).toBe('cloudward-onboarding');
    expect(params.get('param_ExternalId')).toBe(externalId);
    expect(params.get('param_TrustedPrincipal')).toBe(principal);

    await page.getByRole('button', { name: 'Next' }).click();
    await visible(page.getByRole('group', { name: 'Regions' }));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create and test connection' }).click();
    // Cloudward itself has no credentials: said as such, not "check the role".
    const failure = page.getByRole('alert').filter({ hasText: 'Could not assume the role' });
    await visible(failure, 30_000);
    const text = await failure.innerText();
    expect(text).toContain('NoCloudwardCredentials');
    expect(text).toMatch(/The problem is on the Cloudward server, not in the account/);
    expect(text).not.toMatch(/Check that the role exists/);
    expect((await server.store.listAccounts({ limit: 10 })).items.map((a) => a.name)).toEqual([
      'First account',
    ]);
  });

  test('the event mode checkbox changes the bundle: SQS pull adds the queue stack, HTTPS push the API destination', async () => {
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server);
    await page.goto(`${server.url}/#/accounts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Events');
    await page.getByLabel('AWS account ID').fill('123456789013');
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByLabel('ARN of the identity Cloudward runs as')
      .fill('arn:aws:iam::999999999999:role/CloudwardServer');
    await page.getByRole('tab', { name: 'CloudFormation' }).click();
    const eventsFile = page.locator('summary', { hasText: 'cloudformation/cloudward-events.yaml' });
    await visible(page.locator('summary', { hasText: 'cloudformation/cloudward-role.yaml' }));
    expect(await eventsFile.count()).toBe(0);

    await page.getByRole('checkbox', { name: /Event mode: an EventBridge rule/ }).check();
    await visible(eventsFile);
    const template = page.locator('details', { has: eventsFile }).locator('pre.code');
    expect(await template.innerText()).toContain('AWS::SQS::Queue');

    await page.getByRole('radio', { name: /HTTPS push/ }).check();
    const address = page.getByLabel("Cloudward's public address");
    await address.fill('http://cloudward.example.com');
    await visible(page.getByText(/An https:\/\/ address like/));
    expect(await page.getByRole('button', { name: /Download CloudFormation bundle/ }).isDisabled()).toBe(
      true,
    );
    await address.fill('https://cloudward.example.com');
    await page.waitForFunction(() =>
      [
        ...(document as { querySelectorAll(s: string): { textContent: string }[] }).querySelectorAll(
          'pre.code',
        ),
      ].some((pre) => pre.textContent.includes('AWS::Events::ApiDestination')),
    );
    const pushed = await template.innerText();
    expect(pushed).toContain('https://cloudward.example.com/api/v1/events/cloudtrail');
    expect(pushed).toContain('NoEcho: true');
    expect(pushed).not.toContain('AWS::SQS::Queue');
    await visible(page.getByText(/EventIngestToken parameter/));

    // The zip is the same bundle: the download asks for it with the event settings.
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => candidate.url().includes('download=true')),
      page.getByRole('button', { name: /Download CloudFormation bundle/ }).click(),
    ]);
    const query = new URL(request.url()).searchParams;
    expect([query.get('events'), query.get('eventsTarget'), query.get('eventsEndpoint')]).toEqual([
      'true',
      'https',
      'https://cloudward.example.com',
    ]);
  });

  test('the tabs follow the arrow keys (WAI-ARIA tabs)', async () => {
    // A page of its own (the previous test left the wizard at its last step).
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server);
    await page.goto(`${server.url}/#/accounts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Keys');
    await page.getByLabel('AWS account ID').fill('210987654321');
    await page.getByRole('button', { name: 'Next' }).click();
    const terraform = page.getByRole('tab', { name: 'Terraform' });
    await terraform.focus();
    await page.keyboard.press('ArrowRight');
    await visible(page.getByRole('tab', { name: 'CloudFormation', selected: true }));
    await page.keyboard.press('End');
    await visible(page.getByRole('tab', { name: 'Manual', selected: true }));
    await page.keyboard.press('ArrowRight');
    await visible(page.getByRole('tab', { name: 'Terraform', selected: true }));
    // Focus moved with the selection, and only the selected tab is in the Tab order.
    expect(
      await page.evaluate(
        () => (document as { activeElement: { textContent: string } }).activeElement.textContent,
      ),
    ).toBe('Terraform');
    expect(
      await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('tabindex'))),
    ).toEqual(['0', '-1', '-1']);
  });
});

describeBrowser('lists keep their state in the URL; axe finds nothing serious on any page', () => {
  let server: WebServer;
  let page: Page;
  beforeAll(async () => {
    server = await startWebServer();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, server);
  }, DEMO_SERVER_START_MS);
  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  const firstRow = () => page.locator('tbody tr').first().innerText();
  /** The first row once it satisfies `settled`, or as it is after 10 s: the range label can change a frame before the rows. */
  const firstRowWhen = async (settled: (row: string) => boolean) => {
    let row = await firstRow();
    for (let tries = 0; !settled(row) && tries < 40; tries++) {
      await page.waitForTimeout(250);
      row = await firstRow();
    }
    return row;
  };
  const range = () => page.getByTestId('list-range').innerText();
  const waitForRange = (pattern: RegExp) =>
    page.waitForFunction(
      (source) =>
        new RegExp(source).test(
          (document as { querySelector(s: string): { textContent: string } | null }).querySelector(
            '[data-testid="list-range"]',
          )?.textContent ?? '',
        ),
      pattern.source,
    );

  test('alerts: sortable headers, totals, Back after paging and after a sort change', async () => {
    const total = await server.store.countAlerts({});
    expect(total).toBeGreaterThan(100); // three pages of 50
    await page.goto(`${server.url}/#/alerts?status=all`);
    await waitForRange(/^1–50 of /);
    expect(await range()).toBe(`1–50 of ${total.toLocaleString('en-US')} alerts`);

    const severity = page.getByRole('columnheader', { name: /Severity/ });
    expect(await severity.getAttribute('aria-sort')).toBeNull();
    await severity.getByRole('button').click();
    await page.waitForFunction(() =>
      /sort=severity/.test(String((globalThis as { location?: { hash: string } }).location?.hash)),
    );
    expect(await severity.getAttribute('aria-sort')).toBe('descending');
    await waitForRange(/^1–50 of /);
    const page1 = await firstRow();

    // A slow answer: until page 2 arrives, the label must still describe page 1's rows on screen.
    const slowAlerts = async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    };
    await page.route('**/api/v1/alerts?*', slowAlerts);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForTimeout(200);
    expect(await range()).toMatch(/^1–50 of /);
    await waitForRange(/^51–100 of /);
    const page2 = await firstRow();
    expect(page2).not.toBe(page1);
    await page.unroute('**/api/v1/alerts?*', slowAlerts);
    await page.getByRole('button', { name: 'Next →' }).click();
    await waitForRange(/^101–150 of |^101–\d+ of /);
    expect(await firstRowWhen((row) => row !== page2)).not.toBe(page2);

    await page.goBack();
    await waitForRange(/^51–100 of /);
    expect(await firstRowWhen((row) => row === page2)).toBe(page2);

    // Another sort from page 2, then Back: page 2 of the severity order again, not "cursor belongs to another sort".
    await page
      .getByRole('columnheader', { name: /Last seen/ })
      .getByRole('button')
      .click();
    await waitForRange(/^1–50 of /);
    expect(await page.getByRole('columnheader', { name: /Last seen/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.goBack();
    await waitForRange(/^51–100 of /);
    expect(await firstRowWhen((row) => row === page2)).toBe(page2);
    expect(await page.getByRole('alert').count()).toBe(0);

    // A cursor from the severity order under another sort (an old link): page 1 with a notice, not an empty table.
    const hash = await page.evaluate(
      () => (globalThis as unknown as { location: { hash: string } }).location.hash,
    );
    await page.goto(`${server.url}/${hash.replace('sort=severity', 'sort=lastSeen')}`);
    await visible(page.getByRole('status').filter({ hasText: 'no longer exists' }));
    await waitForRange(/^1–50 of /);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('inventory: type facet from the types present, account and open-alert columns, Back after paging', async () => {
    await page.goto(`${server.url}/#/inventory`);
    // "assets": not the alerts page's range still on screen.
    await waitForRange(/ of [\d,]+ assets$/);
    const typeSelect = page.getByLabel('Type');
    await typeSelect.locator('option').nth(1).waitFor({ state: 'attached' });
    const options = await typeSelect.locator('option').allInnerTexts();
    expect(options[0]).toBe('Any');
    expect(options.length).toBeGreaterThan(2);
    const types = await server.store.listAssetTypes({ scope: 'regional' });
    expect(options.slice(1)).toEqual(
      types.map((item) => `${item.type} (${item.count.toLocaleString('en-US')})`),
    );
    await expectHeaders(page, [
      'Name',
      'Type',
      'Class',
      'Account',
      'Region',
      'Exposure',
      'Open alerts',
      'Last seen',
    ]);

    // The largest type, so that it has more than one page.
    const biggest = [...types].sort((a, b) => b.count - a.count)[0];
    await typeSelect.selectOption(biggest.type);
    await waitForRange(new RegExp(` of ${biggest.count.toLocaleString('en-US')} assets$`));
    const cells = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(new Set(cells)).toEqual(new Set([biggest.type]));
    const accounts = (await server.store.listAccounts({ limit: 100 })).items.map((account) => account.name);
    const shownAccounts = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(shownAccounts.every((name) => accounts.includes(name))).toBe(true);
    const openCounts = (await page.locator('tbody tr td:nth-child(7)').allInnerTexts()).map(Number);
    expect(openCounts.every((count) => Number.isInteger(count) && count >= 0)).toBe(true);

    if (biggest.count > 50) {
      await page.getByRole('button', { name: 'Next →' }).click();
      await waitForRange(/^51–/);
      const second = await firstRow();
      await page.getByRole('button', { name: '← Previous' }).click();
      await waitForRange(/^1–50 /);
      await page.goBack();
      await waitForRange(/^51–/);
      expect(await firstRowWhen((row) => row === second)).toBe(second);
    }
  });

  test('at 820 px the lists drop their lower-priority columns and fit the page', async () => {
    await page.setViewportSize({ width: 820, height: 1000 });
    try {
      await page.goto(`${server.url}/#/alerts?status=all`);
      await waitForRange(/ of [\d,]+ alerts$/);
      await expectHeaders(page, ['', 'Severity', 'Finding', 'Account', 'Status', 'Last seen']);
      await fitsPage(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${server.url}/#/inventory`);
      await waitForRange(/ of [\d,]+ assets$/);
      await expectHeaders(page, ['Name', 'Type', 'Account', 'Exposure', 'Open alerts']);
      await fitsPage(page);
      expect(await seriousViolations(page)).toEqual([]);
      for (const hash of ['/', '/accounts', '/frameworks']) {
        await page.goto(`${server.url}/#${hash}`);
        await page.locator('h1').first().waitFor();
        await page.waitForFunction(
          () => !/Loading/.test((document as { body: { innerText: string } }).body.innerText),
        );
        expect((await seriousViolations(page)).map((line) => `${hash}: ${line}`)).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('axe-core: zero serious or critical violations on every page', async () => {
    const [alert] = (await server.store.listAlerts({}, { limit: 1 })).items;
    const [asset] = (await server.store.listAssets({ scope: 'regional' }, { limit: 1 })).items;
    const [account] = (await server.store.listAccounts({ limit: 1 })).items;
    const frameworks = await (
      await fetch(`${server.url}/api/v1/frameworks`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json();
    const frameworkId = (frameworks as { items: { id: string }[] }).items[0].id;
    const pages: [string, string][] = [
      ['/', 'Overview'],
      ['/alerts', 'Alerts'],
      ['/alerts?group=control', 'Alerts'],
      [`/alerts/${alert.id}`, ''],
      ['/attack-paths', 'Attack paths'],
      ['/frameworks', 'Frameworks'],
      [`/frameworks/${frameworkId}`, ''],
      [`/controls/${encodeURIComponent(alert.controlId)}`, ''],
      ['/inventory', 'Inventory'],
      [`/inventory/${encodeURIComponent(asset.key)}`, ''],
      ['/accounts', 'Accounts'],
      [`/accounts/${account.id}`, ''],
      ['/accounts/new', 'Add an AWS account'],
      ['/risks', 'Accepted risks'],
      ['/audit', 'Audit log'],
      ['/access', ''],
    ];
    // axe really runs: a broken element is found (so an empty result below means something).
    await page.goto(`${server.url}/#/alerts`);
    await page.evaluate(() => {
      const body = (document as { body: { insertAdjacentHTML(where: string, html: string): void } }).body;
      body.insertAdjacentHTML('beforeend', '<img id="axe-probe" src="data:,">');
    });
    expect((await seriousViolations(page)).join('\n')).toMatch(/^image-alt \(critical\)/m);
    await page.reload();

    const found: string[] = [];
    for (const [hash, heading] of pages) {
      await page.goto(`${server.url}/#${hash}`);
      await visible(
        heading ? page.getByRole('heading', { name: heading, level: 1 }) : page.locator('h1').first(),
      );
      // Wait for the page's data: no "Loading…" left.
      await page.waitForFunction(
        () => !/Loading/.test((document as { body: { innerText: string } }).body.innerText),
        undefined,
        { timeout: 15_000 },
      );
      found.push(...(await seriousViolations(page)).map((violation) => `${hash}: ${violation}`));
    }
    // The sign-in page, signed out.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signedOut = await context.newPage();
    await signedOut.goto(server.url + '/');
    await visible(signedOut.getByLabel('API token'));
    found.push(...(await seriousViolations(signedOut)).map((violation) => `sign-in: ${violation}`));
    await context.close();
    expect(found).toEqual([]);
  });

  test('alerts grouped by control and by asset; a group opens its alerts; bulk suppress of a page', async () => {
    await page.goto(`${server.url}/#/alerts`);
    await waitForRange(/ of [\d,]+ alerts$/);
    await page.getByLabel('Group by').selectOption('control');
    const groups = page.getByTestId('alert-groups');
    await visible(groups.locator('tbody tr').first());
    const expected = await server.store.groupAlerts({ status: ['open'] }, 'control');
    expect(await groups.locator('tbody tr').count()).toBe(expected.length);
    const firstCount = Number(
      (await groups.locator('tbody tr td.num').first().innerText()).replace(/,/g, ''),
    );
    expect(firstCount).toBe(expected[0].count);
    await groups.locator('tbody tr a').first().click();
    await waitForRange(new RegExp(` of ${expected[0].count.toLocaleString('en-US')} alerts$`));
    expect(
      await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
    ).toContain(`control=${encodeURIComponent(expected[0].key)}`);

    await page.goto(`${server.url}/#/alerts?group=asset`);
    await visible(groups.locator('tbody tr').first());
    const [asset] = await server.store.groupAlerts({ status: ['open'] }, 'asset', 1);
    await groups.locator('tbody tr a').first().click();
    await waitForRange(new RegExp(`^1–${asset.count} of ${asset.count} alerts$`));

    // Bulk suppress every open alert of that asset as one accepted risk.
    await page.getByRole('checkbox', { name: 'Select every open alert on this page' }).check();
    await page
      .getByLabel('Justification for the selected alerts')
      .fill('Accepted: legacy host, isolated (e2e)');
    await page.getByRole('button', { name: `Suppress ${asset.count} selected` }).click();
    await visible(page.getByRole('status').filter({ hasText: `Suppressed ${asset.count} alert` }));
    await waitForRange(/^0 alerts$/);
    const suppressed = await server.store.listAlerts(
      { accountId: asset.accountId ?? undefined, assetId: asset.key, status: ['suppressed'] },
      { limit: 500 },
    );
    expect(suppressed.items).toHaveLength(asset.count);
    expect(new Set(suppressed.items.map((alert) => alert.status))).toEqual(new Set(['suppressed']));
  });
});

/** axe-core's serious and critical violations, one line each with the offending elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an injected <script>.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    axe.run(
      {
        include: [document],
        // RelationshipGraph (webviz's area, being replaced by a graph library): its SVG role=img holds links.
        exclude: [['[data-testid="relationship-graph"]']],
      },
      { resultTypes: ['violations'] },
    ),
  );
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => JSON.stringify(node.target))
          .join(', ')}`,
    );
}

async function expectHeaders(page: Page, expected: string[]): Promise<void> {
  const headers = await page
    .locator('thead th')
    .evaluateAll((cells) =>
      cells
        .filter((cell) => (cell as unknown as { offsetParent: unknown }).offsetParent !== null)
        .map((cell) => (cell.textContent ?? '').replace(/[↕▼]/g, '').trim()),
    );
  expect(headers).toEqual(expected);
}

async function fitsPage(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = (document as { documentElement: { scrollWidth: number; clientWidth: number } })
      .documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const table = await page.locator('table.list').evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number };
    return box.scrollWidth - box.clientWidth;
  });
  expect(table).toBeLessThanOrEqual(0);
}
