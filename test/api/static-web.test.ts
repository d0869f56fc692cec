// The built UI as the API serves it: hashed chunks cached for a year, index.html revalidated, a missing chunk a
// 404 (never the page's HTML), and compressed for clients that ask.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { makeTestApp, type TestApp } from './helpers';

let webDir: string;
let t: TestApp;
const chunk = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(',')}];\n`;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'cloudward-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-Ab12Cd34.js"></script>',
  );
  writeFileSync(path.join(webDir, 'assets', 'Alerts-Ef56Gh78.js'), chunk);
  t = await makeTestApp({ webDir });
});

afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

test('a hashed chunk is cached for a year as immutable, with its JavaScript type', async () => {
  const response = await request(t.app).get('/assets/Alerts-Ef56Gh78.js');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/javascript/);
  expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(response.text).toBe(chunk);
});

test('a chunk is gzipped for a browser that accepts gzip', async () => {
  const response = await request(t.app).get('/assets/Alerts-Ef56Gh78.js').set('Accept-Encoding', 'gzip');
  expect(response.headers['content-encoding']).toBe('gzip');
  expect(response.text).toBe(chunk);
});

test('the page itself is revalidated on every load, so a new build is picked up at once', async () => {
  for (const url of ['/', '/some/deep/link']) {
    const response = await request(t.app).get(url);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.text).toContain('/assets/index-Ab12Cd34.js');
  }
});

test("a chunk that is not there (a previous build's) is a 404 problem, not the page's HTML", async () => {
  const response = await request(t.app).get('/assets/Alerts-Old00000.js');
  expect(response.status).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['cache-control'] ?? '').not.toMatch(/immutable/);
});
