// End-to-end: Debian's Chromium (playwright-core) against a real server with a real in-memory store and the
// demo estate. Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer, WEB_DIST, type WebServer } from './server';

// The page functions below run in the browser; the test's tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  documentElement: { scrollWidth: number; clientWidth: number };
};

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`Skipping the web e2e suite: ${CHROMIUM} is absent (apt-get install chromium).`);
}
const describeE2e = haveChromium ? describe : describe.skip;

jest.setTimeout(90_000);

describeE2e('web UI end to end', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIST, 'index.html')))
      throw new Error(`web/dist is missing: run \`npm run build:web\` before the e2e tests`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([
      startWebServer(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const go = async (hash: string) => {
    await page.goto(`${server.url}/#${hash}`);
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  const acceptedRisks = async (frameworkId: string) => {
    const text = await page.locator(`[data-testid="accepted-${frameworkId}"]`).allInnerTexts();
    return Number(/with (\d+) accepted/.exec(text[0] ?? '')?.[1] ?? 0);
  };
  const waitForOpenCount = (count: number) =>
    page.waitForFunction((expected) => {
      const text = document.querySelector('[data-testid="open-alerts"]')?.textContent ?? '';
      return Number(/(\d+) open/.exec(text)?.[1]) === expected;
    }, count);
  const openAlertCount = async () => {
    const text = await page.getByTestId('open-alerts').innerText();
    return Number(/(\d+) open/.exec(text)?.[1]);
  };

  test('signs in with a token and shows the overview', async () => {
    await page.goto(server.url + '/');
    await page.getByLabel('API token').fill('cw_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: /token/i }));
    // The rejected token is a 401, which Chromium logs; only what follows must be error-free.
    consoleErrors.length = 0;

    await page.getByLabel('API token').fill(server.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Overview', level: 1 }));
    await expectVisible(page.getByText('e2e admin'));
    await expectVisible(page.getByTestId('open-alerts'));
    expect(await openAlertCount()).toBeGreaterThan(0);
    await expectVisible(page.getByRole('heading', { name: 'Most failing controls' }));
    await shot('overview');
  });

  test('adds an account through the wizard; the failed connection test is explained', async () => {
    await go('/accounts');
    await page.getByRole('link', { name: 'Add AWS account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('E2E account');
    await page.getByLabel('AWS account ID').fill('123456789012');
    const externalId = await page.getByLabel('External ID').inputValue();
    expect(externalId).toMatch(/^[A-Za-z0-9]{32}$/);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: the role, as Terraform, CloudFormation or by hand, from the onboarding API.
    await expectVisible(page.getByRole('tab', { name: 'Terraform', selected: true }));
    await expectVisible(page.getByRole('button', { name: /Download Terraform bundle/ }));
    await expectVisible(page.locator('pre.code').first());
    expect((await page.locator('pre.code').allInnerTexts()).join('\n')).toContain(externalId);
    await page.getByRole('tab', { name: 'CloudFormation' }).click();
    await expectVisible(page.getByRole('button', { name: /Download CloudFormation bundle/ }));
    await page.getByRole('tab', { name: 'Manual' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Trust policy' }));
    expect(await page.locator('pre.code').first().innerText()).toContain(externalId);
    await shot('add-account-role');
    expect(await page.getByLabel('Role ARN').inputValue()).toMatch(/^arn:aws:iam::123456789012:role\//);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: every region of the partition is selected by default.
    const boxes = page.getByRole('group', { name: 'Regions' }).getByRole('checkbox');
    await expectVisible(boxes.first());
    const total = await boxes.count();
    expect(total).toBeGreaterThan(15);
    await expectVisible(page.getByText(`${total} selected`));
    await page.getByRole('checkbox', { name: /^eu-central-2/ }).uncheck();
    await expectVisible(page.getByText(`${total - 1} selected`));
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: no AWS here, so the role cannot be assumed: the user is told why, and the account exists.
    await page.getByRole('button', { name: 'Create and test connection' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'Could not assume the role' });
    await expectVisible(failure, 30_000);
    expect(await failure.innerText()).toMatch(/Could not assume the role: \S+/);
    await expectVisible(page.getByRole('button', { name: 'Test connection again' }));
    await shot('add-account-connect');
    const accounts = await server.store.listAccounts({ limit: 100 });
    const created = accounts.items.find((account) => account.awsAccountId === '123456789012');
    expect(created).toMatchObject({ name: 'E2E account', status: 'enabled' });
    expect(created?.regions).toHaveLength(total - 1);
    expect(created?.regions).not.toContain('eu-central-2');

    await page.getByRole('link', { name: 'Go to account' }).click();
    await expectVisible(page.getByRole('heading', { name: /E2E account/, level: 1 }));
    await expectVisible(page.getByRole('button', { name: 'Sync now' }));
    await shot('account');

    // Remove a region: the confirmation says its assets and alerts go.
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('checkbox', { name: /^us-west-1/ }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectVisible(page.getByText('Saved.'));
    expect(dialogs).toEqual([expect.stringMatching(/Remove us-west-1\?.*assets and alerts/)]);
    const saved = await server.store.getAccount(created!.id);
    expect(saved?.regions).not.toContain('us-west-1');
    expect(saved?.regions).toHaveLength(total - 2);

    // Disabled: no sync until enabled again.
    await page.getByRole('button', { name: 'Disable' }).click();
    await expectVisible(page.getByRole('button', { name: 'Enable' }));
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Enable' }).click();
    await expectVisible(page.getByRole('button', { name: 'Disable' }));
    expect((await server.store.getAccount(created!.id))?.status).toBe('enabled');
  });

  test('the keyboard reaches the skip link first, then the navigation', async () => {
    await go('/');
    await page.reload();
    await expectVisible(page.getByTestId('open-alerts'));
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      ),
    ).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/alerts/);
    await expectVisible(page.getByRole('heading', { name: 'Alerts', level: 1 }));
  });

  test('filters alerts, opens one, suppresses it and sees the score change', async () => {
    await go('/');
    await expectVisible(page.getByTestId('open-alerts'));
    const openBefore = await openAlertCount();
    const firstScore = page.locator('.card.score [data-testid^="score-"]').first();
    await expectVisible(firstScore);
    const frameworkId = (await firstScore.getAttribute('data-testid'))!.replace(/^score-/, '');
    const acceptedBefore = await acceptedRisks(frameworkId);

    await go('/alerts');
    await expectVisible(page.getByRole('heading', { name: 'Alerts', level: 1 }));
    await page.getByLabel('Framework').selectOption(frameworkId);
    await page.waitForURL(/framework=/);
    await page.getByLabel('Severity').selectOption('high');
    await page.waitForURL(/severity=high/);
    const rows = page.locator('tbody tr');
    await expectVisible(rows.first().locator('.badge.sev-high'));
    const badges = await rows.locator('td:first-child .badge[class*="sev-"]').allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['high']));
    await shot('alerts');

    // Export: the whole filtered list, as the server streams it.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toMatch(/^id,severity,status,control_id,/);
    expect(csv.length).toBeGreaterThan(badges.length);
    expect(csv.slice(1).every((line) => /^[^,]+,high,open,/.test(line))).toBe(true);

    await rows.first().locator('td:nth-child(2) a').click();
    await expectVisible(page.getByRole('heading', { name: 'Evidence' }));
    await expectVisible(page.getByRole('heading', { name: 'Remediation' }));
    await expectVisible(page.getByRole('heading', { name: 'History' }));
    await page.getByLabel('Justification').fill('Accepted risk: bastion host, reviewed by security');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expectVisible(page.getByText('This alert is suppressed.'));
    await expectVisible(
      page
        .locator('.history')
        .getByText(/suppress/i)
        .first(),
    );
    await shot('alert-detail');

    await go('/');
    await waitForOpenCount(openBefore - 1);
    await page.waitForFunction(
      ([id, before]) => {
        const text = document.querySelector(`[data-testid="accepted-${id}"]`)?.textContent ?? '';
        return Number(/with (\d+) accepted/.exec(text)?.[1] ?? 0) === before + 1;
      },
      [frameworkId, acceptedBefore] as const,
    );

    // Undo: the alert reopens and the counts are back.
    await page.goBack();
    await page.getByRole('button', { name: 'Undo suppression' }).click();
    await expectVisible(page.getByRole('button', { name: 'Suppress' }));
    await go('/');
    await waitForOpenCount(openBefore);
    expect(await acceptedRisks(frameworkId)).toBe(acceptedBefore);
  });

  test('browses frameworks and a control', async () => {
    await go('/frameworks');
    const first = page.locator('tbody tr a').first();
    await expectVisible(first);
    await first.click();
    await expectVisible(page.locator('details summary').first());
    await shot('framework');
    await page.locator('a.chip').first().click();
    await expectVisible(page.getByRole('heading', { name: 'Failing assets' }));
  });

  test('browses the inventory and an asset relationship graph', async () => {
    await go('/inventory');
    await expectVisible(page.getByRole('tab', { name: 'Regional assets', selected: true }));
    await page.getByLabel('Type').fill('aws_ec2_instance');
    await page.getByLabel('Type').press('Enter');
    await page.waitForURL(/type=aws_ec2_instance/);
    const links = page.locator('tbody tr td:first-child a');
    await expectVisible(links.first());
    expect(await page.locator('tbody tr td:nth-child(2)').allInnerTexts()).toEqual(
      expect.arrayContaining(['aws_ec2_instance']),
    );
    await shot('inventory');
    await links.first().click();
    await expectVisible(page.getByRole('heading', { name: 'Relationships' }));
    await expectVisible(page.getByTestId('relationship-graph'));
    await expectVisible(page.getByRole('heading', { name: 'Configuration' }));
    await shot('asset');

    await go('/inventory?scope=global');
    await expectVisible(page.getByRole('tab', { name: 'Global assets', selected: true }));
    await expectVisible(page.locator('tbody tr td:first-child a').first());
  });

  test('lays out at laptop and tablet widths without horizontal page scroll', async () => {
    for (const hash of ['/', '/alerts', '/inventory', '/frameworks/cis-aws-3.0.0']) {
      await go(hash);
      await expectVisible(page.locator('h1'));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ hash, width: 1280, overflow }).toEqual({ hash, width: 1280, overflow: 0 });
    }
    await page.setViewportSize({ width: 820, height: 1100 });
    for (const hash of ['/', '/alerts', '/inventory']) {
      await go(hash);
      await expectVisible(page.locator('h1'));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ hash, overflow }).toEqual({ hash, overflow: 0 });
    }
    await go('/');
    await expectVisible(page.getByTestId('open-alerts'));
    await shot('overview-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('an auditor sees no account editing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const auditor = await context.newPage();
    auditor.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await auditor.goto(server.url + '/');
    await auditor.getByLabel('API token').fill(server.auditorToken);
    await auditor.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(auditor.getByText('e2e auditor'));
    await auditor.goto(`${server.url}/#/accounts`);
    await expectVisible(auditor.locator('tbody tr a').first());
    expect(await auditor.getByRole('link', { name: 'Add AWS account' }).count()).toBe(0);
    await auditor.locator('tbody tr a').first().click();
    await expectVisible(auditor.getByRole('heading', { name: 'Recent syncs' }));
    expect(await auditor.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await auditor.getByRole('heading', { name: 'Configure' }).count()).toBe(0);
    await context.close();
  });

  test('the browser console shows no errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});

async function expectVisible(locator: ReturnType<Page['locator']>, timeout?: number): Promise<void> {
  await locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
}
