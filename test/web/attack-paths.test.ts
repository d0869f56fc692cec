// The Attack paths page in Debian's Chromium against a real server with the demo estate: an auditor opens it from
// the navigation and sees the bastion's path to administrator drawn hop by hop, in order; the filter narrows to
// data paths. Needs web/dist (`npm run build:web`); skipped, with a message, only when /usr/bin/chromium is absent.
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium, startWebServer, type WebServer } from './server';

const describeBrowser = describeWithChromium('attack paths page test');

jest.setTimeout(90_000);

describeBrowser('Attack paths page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
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

  test('an auditor reaches it from the navigation and reads the path to administrator in order', async () => {
    expect(server.estate).toBe('demo');
    await page.goto(server.url);
    await page.getByLabel('API token').fill(server.auditorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attack paths' }).click();
    await page.getByRole('heading', { name: 'Attack paths', level: 1 }).waitFor();

    await page.getByLabel('Ends at').selectOption('admin');
    const path = page.getByRole('list', { name: /^Path 1 of 1: internet -> igw-/ });
    await path.waitFor();
    const hops = await path.getByRole('listitem').allInnerTexts();
    expect(hops[0]).toMatch(/^internet/i);
    expect(hops.at(-2)).toContain('role bastion');
    expect(hops.at(-1)).toContain('launching an instance with role ops-maintenance');
    expect(hops.at(-1)).toContain('arn:aws:iam::111111111111:role/ops-maintenance');
    await expect(page.getByRole('link', { name: 'production-bastion' }).count()).resolves.toBe(1);

    await page.getByLabel('Ends at').selectOption('data');
    await page
      .getByRole('list', { name: /can read bucket production-uploads-111111111111$/ })
      .first()
      .waitFor();
    expect(await page.getByRole('list', { name: /launching an instance/ }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
