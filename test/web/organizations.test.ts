// The Organizations page in Debian's Chromium against a real server with the demo estate (its organization:
// Management, Security, Production, Staging and a suspended Sandbox under OUs, SCPs, a delegated administrator).
// An auditor reads the OU tree, the members' states and the policies; an admin narrows the scope and connects a
// second organization. Axe finds no serious or critical violation; at 820 px nothing scrolls sideways.
// Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium, startWebServer, type WebServer } from './server';

const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots');
const describeBrowser = describeWithChromium('Organizations page test');

jest.setTimeout(120_000);

describeBrowser('Organizations page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let organizationId: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
    organizationId = (await server.store.listOrganizations())[0].id;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Each sign-in gets a new browser context: the tab's token lives in sessionStorage, and clearing it under a
  // page that is still loading would send that page's requests without one (401s in the console).
  const signIn = async (token: string) => {
    await page?.context().close();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(server.url);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  };
  const accountsIn = (unit: string) => page.getByRole('table', { name: `Accounts in ${unit}` });

  test('an auditor opens the demo organization from the navigation and reads its OU tree, states and policies', async () => {
    expect(server.estate).toBe('demo');
    await signIn(server.auditorToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Connect an organization' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Example Corp' }).click();
    await page.getByRole('heading', { name: 'Example Corp', level: 1 }).waitFor();

    // Production sits in Workloads/Prod: its OU is nested in Workloads', and its row links to its account.
    const tree = page.getByRole('list', { name: 'Organizational units' });
    await tree.waitFor();
    const prod = accountsIn('Prod');
    await expect(prod.getByRole('link', { name: 'Production', exact: true }).count()).resolves.toBe(1);
    expect(await prod.innerText()).toMatch(/active[\s\S]*enabled/i);
    const workloads = tree.locator('li.ou', { has: page.getByText('ou-d3m0-workloads', { exact: true }) });
    expect(await workloads.getByRole('table', { name: 'Accounts in Prod' }).count()).toBe(1);
    expect(await workloads.getByRole('table', { name: 'Accounts in Dev' }).count()).toBe(1);
    const openAlerts = prod.getByRole('link', { name: /open alerts in Production$/ });
    expect(Number((await openAlerts.innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);

    // The suspended sandbox: disabled in Cloudward, with AWS's reason.
    const sandbox = await accountsIn('Sandbox').innerText();
    expect(sandbox).toMatch(/suspended/i);
    expect(sandbox).toMatch(/disabled/i);
    expect(sandbox).toContain('account state is SUSPENDED');

    const policies = page.getByRole('table').filter({ hasText: 'DenyLeaveOrganization' });
    const policyRows = await policies.getByRole('row').allInnerTexts();
    expect(policyRows.find((row) => row.includes('DenyLeaveOrganization'))).toMatch(/you\s+Root$/);
    expect(policyRows.find((row) => row.includes('ProtectSecurityServices'))).toContain(
      'OU Workloads, OU Sandbox',
    );
    const admins = page.getByRole('table').filter({ hasText: 'Delegated since' });
    expect(await admins.innerText()).toContain('Security (444444444444)');
    // Auditors read the scope; only admins change it.
    expect(await page.getByRole('button', { name: 'Save scope' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  test('focusing an OU keeps it in the URL, and Back returns to the whole tree', async () => {
    await page.goto(`${server.url}/#/organizations/${organizationId}`);
    await accountsIn('Sandbox').waitFor();
    await page.getByLabel('Show').selectOption({ label: 'OU Workloads' });
    await page.waitForURL(/ou=ou-d3m0-workloads/);
    await accountsIn('Prod').waitFor();
    expect(await accountsIn('Sandbox').count()).toBe(0);
    await page.goBack();
    await accountsIn('Sandbox').waitFor();
    expect(await page.getByLabel('Show').inputValue()).toBe('');
  });

  test('an admin excludes the Sandbox OU: saved for the next organization sync', async () => {
    await signIn(server.adminToken);
    await page.goto(`${server.url}/#/organizations/${organizationId}`);
    await page.getByLabel('Scope of OU Sandbox').selectOption('exclude');
    await page.getByRole('button', { name: 'Save scope' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await server.store.getOrganization(organizationId))?.excludeOuIds).toEqual(['ou-d3m0-sandbox1']);
    // The page reloads the connection: the choice stays shown.
    expect(await page.getByLabel('Scope of OU Sandbox').inputValue()).toBe('exclude');
    expect(await page.getByLabel('Scope of OU Workloads').inputValue()).toBe('default');
  });

  test('an admin connects a second organization and sees why its tree has no names yet', async () => {
    await page.goto(`${server.url}/#/organizations`);
    await page.getByRole('link', { name: 'Connect an organization' }).click();
    const form = page.getByRole('form', { name: 'Connect an organization' });
    await form.getByLabel('Name', { exact: true }).fill('Subsidiary');
    await form.getByLabel('Management account ID').fill('999999999999');
    await form.getByRole('button', { name: 'Connect organization' }).click();
    await page.getByRole('heading', { name: 'Subsidiary', level: 1 }).waitFor();
    await page.getByText('The management account 999999999999 is not a Cloudward account yet').waitFor();
    const created = (await server.store.listOrganizations()).find((org) => org.name === 'Subsidiary');
    expect(created).toMatchObject({
      managementAccountId: '999999999999',
      roleArn: 'arn:aws:iam::999999999999:role/CloudwardReadOnly',
      memberRoleName: 'CloudwardReadOnly',
    });
  });

  test('no serious axe violation; readable at 820 px without sideways scrolling; README screenshot', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const hash of ['/organizations', `/organizations/${organizationId}`, '/organizations/new']) {
      await page.goto(`${server.url}/#${hash}`);
      await page.locator('main h1').waitFor();
      if (hash.endsWith(organizationId)) await accountsIn('Prod').waitFor();
      // Through the DevTools protocol: the page's CSP (script-src 'self') refuses injected script tags.
      await page.evaluate(axeSource);
      const violations = (await page.evaluate(() =>
        (
          globalThis as unknown as {
            axe: {
              run: (context: unknown) => Promise<{
                violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
              }>;
            };
          }
        ).axe
          .run({ include: [['main']] })
          .then((result) =>
            result.violations.map(
              (violation) =>
                `${violation.impact}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
            ),
          ),
      )) as string[];
      expect({ hash, serious: violations.filter((line) => /^(serious|critical)/.test(line)) }).toEqual({
        hash,
        serious: [],
      });
    }

    await page.goto(`${server.url}/#/organizations/${organizationId}`);
    await accountsIn('Prod').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'organizations.png'), fullPage: true });

    await page.setViewportSize({ width: 820, height: 1000 });
    await accountsIn('Prod').waitFor();
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const header = await accountsIn('Prod').getByRole('columnheader').allInnerTexts();
    expect(header).toEqual(expect.arrayContaining(['Account', 'AWS state', 'Cloudward', 'Open alerts']));
    expect(consoleErrors).toEqual([]);
  });
});
