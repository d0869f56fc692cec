// End-to-end: Debian's Chromium (playwright-core) against a real server with a real in-memory store and the
// demo estate. Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_SERVER_START_MS,
  describeWithChromium,
  launchChromium,
  startWebServer,
  type WebServer,
} from './server';

// The page functions below run in the browser; the test's tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
  documentElement: { scrollWidth: number; clientWidth: number };
};
declare const window: { scrollY: number };

const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots');
const describeE2e = describeWithChromium('web e2e suite');

jest.setTimeout(90_000);

describeE2e('web UI end to end', () => {
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
  }, DEMO_SERVER_START_MS);

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
  const waitForAccepted = (frameworkId: string, count: number) =>
    page.waitForFunction(
      ([id, expected]) => {
        const text = document.querySelector(`[data-testid="accepted-${id}"]`)?.textContent ?? '';
        return Number(/with (\d+) accepted/.exec(text)?.[1] ?? 0) === expected;
      },
      [frameworkId, count] as const,
    );
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

    // As pasted from an Authorization header.
    await page.getByLabel('API token').fill(`Bearer ${server.adminToken}`);
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
    const externalId = await page.getByLabel('External ID').inputValue();
    expect(externalId).toMatch(/^[A-Za-z0-9]{32}$/);
    // Bad input is explained next to the field, and Next waits for a valid value.
    await page.getByLabel('AWS account ID').fill('12345678901x');
    await expectVisible(page.getByText('An AWS account ID has only digits (12 of them).'));
    await page.getByLabel('AWS account ID').fill('12345678901');
    await expectVisible(page.getByText('An AWS account ID has 12 digits; this one has 11.'));
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.getByLabel('External ID').fill('has space');
    await expectVisible(page.getByText(/The external ID may only contain letters/));
    await page.getByLabel('External ID').fill(externalId);
    // An account already connected is named at step 1, before anyone creates a role for it.
    const [existing] = (await server.store.listAccounts({ limit: 1 })).items;
    await page.getByLabel('AWS account ID').fill(existing.awsAccountId);
    await expectVisible(
      page.getByText(`AWS account ${existing.awsAccountId} is already connected as “${existing.name}”.`),
    );
    // As the AWS console shows it, with dashes.
    await page.getByLabel('AWS account ID').fill('1234-5678-9012');
    expect(await page.getByLabel('AWS account ID').inputValue()).toBe('123456789012');
    expect(await page.locator('.field-error').count()).toBe(0);
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
    const defaultArn = await page.getByLabel('Role ARN').inputValue();
    expect(defaultArn).toMatch(/^arn:aws:iam::123456789012:role\//);
    await page.getByLabel('Role ARN').fill('arn:aws:iam::999999999999:role/CloudwardReadOnly');
    await expectVisible(
      page.getByText(/This role is in account 999999999999, but you are adding account 123456789012/),
    );
    await page.getByLabel('Role ARN').fill('CloudwardReadOnly');
    await expectVisible(page.getByText(/That is not an IAM role ARN/));
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.getByLabel('Role ARN').fill(defaultArn);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the regions AWS enables by default are selected; opt-in ones (off in a new account) are not.
    const boxes = page.getByRole('group', { name: 'Regions' }).getByRole('checkbox');
    await expectVisible(boxes.first());
    const all = await boxes.count();
    const optIn = await page.getByRole('checkbox', { name: /\(opt-in\)/ }).count();
    expect(all).toBeGreaterThan(15);
    expect(optIn).toBeGreaterThan(5);
    const selected = all - optIn;
    expect(await page.getByRole('checkbox', { name: /^eu-central-2/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /^eu-west-1/ }).isChecked()).toBe(true);
    await expectVisible(page.getByText(`${selected} selected`));
    await page.getByRole('checkbox', { name: /^eu-central-2/ }).check();
    await page.getByRole('checkbox', { name: /^eu-west-3/ }).uncheck();
    await expectVisible(page.getByText(`${selected} selected`));
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
    expect(created?.regions).toHaveLength(selected);
    expect(created?.regions).toContain('eu-central-2');
    expect(created?.regions).not.toContain('eu-west-3');

    await page.getByRole('link', { name: 'Go to account' }).click();
    await expectVisible(page.getByRole('heading', { name: /E2E account/, level: 1 }));
    await expectVisible(page.getByRole('button', { name: 'Sync now' }));
    await expectVisible(page.getByRole('cell', { name: 'Never synced.' }));
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
    expect(saved?.regions).toHaveLength(selected - 1);

    // A role in another account is refused before anything is sent.
    await page.getByLabel('Role ARN').fill('arn:aws:iam::999999999999:role/Other');
    await expectVisible(page.getByText(/This role is in account 999999999999/));
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.getByLabel('Role ARN').fill(created!.roleArn);

    // Disabled: no sync until enabled again.
    await page.getByRole('button', { name: 'Disable' }).click();
    await expectVisible(page.getByRole('button', { name: 'Enable' }));
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Enable' }).click();
    await expectVisible(page.getByRole('button', { name: 'Disable' }));
    expect((await server.store.getAccount(created!.id))?.status).toBe('enabled');

    // Deleted: back to the list, and the account is gone.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/accounts$/);
    await expectVisible(page.getByRole('heading', { name: 'Accounts', level: 1 }));
    expect(await page.getByRole('link', { name: 'E2E account' }).count()).toBe(0);
    expect(await server.store.getAccount(created!.id)).toBeNull();
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
    expect(await page.title()).toBe('Alerts · Cloudward');
    await page.getByLabel('Framework').selectOption(frameworkId);
    await page.waitForURL(/framework=/);
    await page.getByLabel('Severity').selectOption('high');
    await page.waitForURL(/severity=high/);
    const rows = page.locator('tbody tr');
    // The table keeps the previous rows (aria-busy) until the filtered page arrives.
    await everyCellReads(page, 'tbody tr td:nth-child(2) .badge[class*="sev-"]', 'high');
    // Column 1 holds the bulk-selection checkbox.
    const badges = await rows.locator('td:nth-child(2) .badge[class*="sev-"]').allInnerTexts();
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

    // The finding is named by its control's title, not by the evaluator's reason or the control id.
    const firstFinding = rows.first().locator('td:nth-child(3) a');
    const findingTitle = await firstFinding.innerText();
    const controlId = await rows.first().locator('td:nth-child(4) a').innerText();
    expect(findingTitle).not.toBe(controlId);
    expect(findingTitle).not.toMatch(/^Failed:/);
    await firstFinding.click();
    await expectVisible(page.getByRole('heading', { name: findingTitle, level: 1 }));
    await expectVisible(page.getByRole('heading', { name: 'Evidence' }));
    // The finding is its plain reason; the condition trace is folded under "How this was decided".
    const alertId = /#\/alerts\/([\w-]+)/.exec(page.url())![1];
    const shown = (await (
      await fetch(`${server.url}/api/v1/alerts/${alertId}`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { reason: string; evidence: string[]; trace: string[] };
    expect(await page.locator('dt', { hasText: /^Finding$/ }).count()).toBe(1);
    await expectVisible(page.locator('dd', { hasText: shown.reason }).first());
    expect(shown.trace.length).toBeGreaterThan(0);
    const how = page.locator('details.trace');
    await expectVisible(how.locator('summary', { hasText: 'How this was decided' }));
    expect(await how.locator('pre').isVisible()).toBe(false);
    await expectVisible(page.getByRole('heading', { name: 'Remediation' }));
    await expectVisible(page.getByRole('heading', { name: 'History' }));
    await page.getByLabel('Justification').fill('Accepted risk: bastion host, reviewed by security');
    // A date in the past is explained, not sent.
    await page.getByLabel('Expires (optional)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expectVisible(
      page.getByRole('alert').filter({ hasText: 'The expiry date must be today or later' }),
    );
    await page.getByLabel('Expires (optional)').fill('');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expectVisible(page.getByText('This alert is suppressed.'));
    // Who suppressed it and why, from the suppression rule.
    await expectVisible(
      page.locator('dd').filter({ hasText: 'Accepted risk: bastion host, reviewed by security' }),
    );
    await expectVisible(page.locator('dd').filter({ hasText: /^e2e admin, / }));
    await expectVisible(
      page
        .locator('.history')
        .getByText(/suppress/i)
        .first(),
    );
    await shot('alert-detail');

    await go('/');
    await waitForOpenCount(openBefore - 1);
    await waitForAccepted(frameworkId, acceptedBefore + 1);

    // Undo: the alert reopens and the counts are back.
    await page.goBack();
    await page.getByRole('button', { name: 'Undo suppression' }).click();
    await expectVisible(page.getByRole('button', { name: 'Suppress' }));
    await go('/');
    await waitForOpenCount(openBefore);
    // The scores load after the alert count: wait for them rather than read a card still loading.
    await waitForAccepted(frameworkId, acceptedBefore);
    expect(await acceptedRisks(frameworkId)).toBe(acceptedBefore);
  });

  test('browses frameworks and a control', async () => {
    await go('/frameworks');
    const first = page.locator('tbody tr a').first();
    await expectVisible(first);
    await first.click();
    await expectVisible(page.locator('details summary').first());
    // each section says its own score
    await expectVisible(
      page
        .locator('details summary')
        .first()
        .getByText(/\d+ of \d+ checks pass|no checks evaluated/),
    );
    await shot('framework');
    // The framework's alerts, as a file for the auditor: every row belongs to one of its controls.
    const frameworkId = decodeURIComponent(/#\/frameworks\/([^?]+)/.exec(page.url())![1]);
    const controls = new Set((await page.locator('a.chip').allInnerTexts()).map((text) => text.trim()));
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export its alerts (CSV)' }).click(),
    ]);
    expect(report.suggestedFilename()).toBe(`${frameworkId}-alerts.csv`);
    const lines = readFileSync((await report.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => controls.has(line.split(',')[3]))).toBe(true);
    await expectVisible(page.getByRole('columnheader', { name: 'Error' }).first());
    await page.locator('a.chip').first().click();
    await expectVisible(page.getByRole('heading', { name: 'Failing assets' }));
    // sections nest as the framework numbers them: a CSF function holds its categories, with a score over all
    await go('/frameworks/nist-csf-2.0');
    const protect = page.getByTestId('section-PR');
    await expectVisible(protect.locator('summary').first());
    expect(await protect.locator('summary').first().innerText()).toMatch(
      /PR Protect[\s\S]*\d+ of \d+ checks pass/,
    );
    await expectVisible(protect.getByTestId('section-PR.PS').locator('summary'));
  });

  test('browses the inventory and an asset relationship graph', async () => {
    await go('/inventory');
    await expectVisible(page.getByRole('tab', { name: 'Regional assets', selected: true }));
    // The type is a facet of the types present (issue 14), not free text.
    await page.getByLabel('Type').selectOption('aws_ec2_instance');
    await page.waitForURL(/type=aws_ec2_instance/);
    // The table keeps the previous rows (aria-busy) until the filtered page arrives.
    await everyCellReads(page, 'tbody tr td:nth-child(2)', 'aws_ec2_instance');
    const links = page.locator('tbody tr td:first-child a');
    await expectVisible(links.first());
    await shot('inventory');
    await links.first().click();
    await expectVisible(page.getByRole('heading', { name: 'Relationships' }));
    await expectVisible(page.getByTestId('relationship-graph'));
    await expectVisible(page.getByRole('heading', { name: 'Configuration' }));
    // Every check on the asset, passing ones included, and the account it belongs to.
    await expectVisible(page.getByRole('heading', { name: 'All checks' }));
    await expectVisible(
      page.getByText(/^\d+ failing · \d+ passing · \d+ not applicable · \d+ could not be evaluated$/),
    );
    const accountLink = page.locator('dt:has-text("Account") + dd a');
    expect(await accountLink.getAttribute('href')).toMatch(/^#\/accounts\/[\w-]+$/);
    expect(await accountLink.innerText()).not.toMatch(/^[\w-]{36}$/);
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

  test('an admin hands out an auditor token on the Access page; it signs in read-only', async () => {
    await go('/access');
    await expectVisible(page.getByRole('heading', { name: 'Access', level: 1 }));
    await expectVisible(page.getByRole('cell', { name: /e2e admin \(you, now\)/ }));
    await page.getByLabel('Who is it for').fill('Jo (internal audit)');
    await page.getByLabel('Role').selectOption('auditor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token').innerText()).trim();
    expect(secret).toMatch(/^cw_/);
    await expectVisible(page.getByRole('cell', { name: 'Jo (internal audit)', exact: true }));
    // The audit trail names who did it and to what, not token and object ids.
    await expectVisible(
      page.getByRole('row', { name: /e2e admin\s+token create\s+token “Jo \(internal audit\)”/ }),
    );
    await shot('access');

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const auditor = await context.newPage();
    await auditor.goto(server.url + '/');
    await auditor.getByLabel('API token').fill(secret);
    await auditor.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(auditor.getByText('Jo (internal audit)'));
    expect(await auditor.getByRole('link', { name: 'Access', exact: true }).count()).toBe(0);

    // Revoked: the token no longer signs in.
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('row', { name: /Jo \(internal audit\)/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expectVisible(page.getByText('1 revoked'));
    // The auditor, signed in on this very page load, is signed out at the next request, and told why.
    await auditor.goto(`${server.url}/#/alerts`);
    await expectVisible(auditor.getByRole('status').filter({ hasText: 'Your token is no longer accepted' }));
    await expectVisible(auditor.getByLabel('API token'));
    await context.close();
    const response = await fetch(`${server.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(401);
  });

  test('the next page of alerts is shown from its top', async () => {
    await go('/alerts?status=all');
    await expectVisible(page.locator('tbody tr').first());
    const next = page.getByRole('button', { name: 'Next →' });
    expect(await next.isEnabled()).toBe(true);
    await next.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await next.click();
    await page.waitForFunction(() => window.scrollY === 0);
    await expectVisible(page.getByRole('button', { name: '← Previous' }));
  });

  test('an unreachable server is said in words, not as "Failed to fetch"', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const offline = await context.newPage();
    await offline.goto(server.url + '/');
    await offline.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await offline.getByLabel('API token').fill(server.adminToken);
    await offline.getByRole('button', { name: 'Sign in' }).click();
    const alert = offline.getByRole('alert');
    await expectVisible(alert.filter({ hasText: 'Cloudward cannot be reached' }));
    expect(await alert.innerText()).not.toMatch(/Something went wrong|Failed to fetch/);
    await context.close();
  });

  test('the browser console shows no errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});

async function expectVisible(locator: ReturnType<Page['locator']>, timeout?: number): Promise<void> {
  await locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
}

/** Waits until the list has rows, none loading, and every cell the selector picks reads `text` exactly. */
async function everyCellReads(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([selector, text]) => {
      if (document.querySelector('table[aria-busy="true"]')) return false;
      const cells = [...document.querySelectorAll(selector)];
      return cells.length > 0 && cells.every((cell) => cell.textContent?.trim() === text);
    },
    [selector, text] as const,
  );
}
