// Every report format from one real scan, written with --output to a directory, each checked as its consumers
// would read it: JSON against the published schema, OCSF against the OCSF 1.3.0 Compliance Finding schema,
// CSV with an RFC 4180 reader, HTML in Chromium.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScanResult } from '../../api/export';
import { ocsfErrors } from '../export/ocsf-schema';
import { parseCsv } from './csv-parse';
import { validate } from './json-schema';
import { runScanCli } from './run';

const SCHEMA = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../docs/schemas/scan-result.schema.json'), 'utf8'),
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let dir: string;
let run: Awaited<ReturnType<typeof runScanCli>>;
let result: ScanResult;
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudward-scan-'));
  run = await runScanCli([
    '--regions',
    'eu-west-1',
    '--format',
    'table,json,csv',
    '--format',
    'ocsf,html',
    '--output',
    dir + path.sep,
  ]);
  result = JSON.parse(read('cloudward-scan.json'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan --format with several formats and --output DIR', () => {
  it('writes one file per format and nothing to stdout', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    for (const name of ['txt', 'json', 'csv', 'ocsf.json', 'html'])
      expect(existsSync(path.join(dir, `cloudward-scan.${name}`))).toBe(true);
    expect(run.stderr).toContain(`wrote html report to ${path.join(dir, 'cloudward-scan.html')}`);
  });

  it('JSON: validates against docs/schemas/scan-result.schema.json', () => {
    expect(result.findings.length).toBeGreaterThan(20);
    expect(validate(SCHEMA, result)).toEqual([]);
  });

  it('JSON: the validator catches a finding with a status outside the model', () => {
    const broken = structuredClone(result) as any;
    broken.findings[0].status = 'warning';
    expect(validate(SCHEMA, broken)).toEqual([expect.stringContaining('$.findings[0].status')]);
  });

  it('table: summary by framework score, then failing findings worst first', () => {
    const table = read('cloudward-scan.txt');
    expect(table).toContain('CIS Amazon Web Services Foundations Benchmark 7.0.0');
    const severities = table
      .split('\n')
      .map((line) => /^(critical|high|medium|low|info)\s/.exec(line)?.[1])
      .filter(Boolean) as string[];
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    expect(severities.length).toBeGreaterThan(0);
    expect([...severities].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(severities);
  });

  it('CSV: parses as RFC 4180 with the documented columns and one row per finding', () => {
    const [header, ...rows] = parseCsv(read('cloudward-scan.csv'));
    expect(header).toEqual([
      'control_id',
      'title',
      'status',
      'severity',
      'account_id',
      'region',
      'resource_type',
      'resource_id',
      'resource_arn',
      'reason',
      'evidence',
      'requirements',
      'suppressed_justification',
      'remediation_cli',
    ]);
    expect(rows).toHaveLength(result.findings.length);
    for (const row of rows) expect(row).toHaveLength(header.length);
    const ssh = rows.find((row) => row[0] === 'ec2_security_group_no_public_ssh_ingress');
    expect(ssh?.[2]).toBe('fail');
    // every framework requirement the control decides, as framework:requirement separated by spaces
    const refs = ssh![11].split(' ');
    expect(refs).toEqual(expect.arrayContaining(['aws-fsbp:EC2.13', 'pci-dss-4.0.1:1.3.1']));
    expect(refs.every((ref) => /^[a-z0-9][a-z0-9.-]*:\S+$/.test(ref))).toBe(true);
  });

  it('OCSF: one Compliance Finding per finding, each valid against the OCSF 1.3.0 class schema', () => {
    const events = JSON.parse(read('cloudward-scan.ocsf.json')) as Record<string, any>[];
    expect(events).toHaveLength(result.findings.length);
    for (const event of events) {
      expect({ uid: event.finding_info?.uid, errors: ocsfErrors(event) }).toEqual({
        uid: event.finding_info?.uid,
        errors: [],
      });
      expect(event).toMatchObject({ class_uid: 2003, category_uid: 2, activity_id: 1, type_uid: 200301 });
      expect([1, 2, 3, 4, 5]).toContain(event.severity_id);
      expect(Number.isInteger(event.time)).toBe(true);
      expect(event.metadata.version).toBe('1.3.0');
      expect(event.metadata.product).toMatchObject({ name: 'Cloudward', vendor_name: 'Cloudward' });
      expect(typeof event.finding_info.uid).toBe('string');
      expect(typeof event.finding_info.title).toBe('string');
      expect(Array.isArray(event.compliance.standards)).toBe(true);
      expect(event.compliance.standards.length).toBeGreaterThan(0);
      expect(typeof event.compliance.control).toBe('string');
      expect([0, 1, 2, 3, 99]).toContain(event.compliance.status_id);
      expect(event.resources[0].uid).toMatch(/^arn:|^[\w-]+:/);
      expect(event.cloud).toMatchObject({ provider: 'AWS', account: { uid: result.summary.accountId } });
    }
    const failing = events.filter((event) => event.compliance.status === 'Fail');
    expect(failing.length).toBe(result.summary.counts.fail);
  });

  // test:future-date runs the suite under libfaketime, where Chromium's own clock moves too and it hangs.
  const chromium = existsSync(CHROMIUM) && !process.env.CLOUDWARD_TEST_NO_BROWSER ? it : it.skip;
  chromium(
    'HTML: opens in Chromium without errors or requests and lists every open failure',
    async () => {
      const { chromium: browserType } = require('playwright-core') as typeof import('playwright-core');
      const browser = await browserType.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        const file = 'file://' + path.join(dir, 'cloudward-scan.html');
        page.on('request', (request) => {
          if (request.url() !== file) requests.push(request.url());
        });
        await page.goto(file);
        expect(problems).toEqual([]);
        expect(requests).toEqual([]);
        expect(await page.textContent('h1')).toContain(result.summary.accountId);
        const failingRows = await page.locator('h2:has-text("Failing findings") + table tbody tr').count();
        expect(failingRows).toBe(result.summary.counts.fail);
        const scoreRows = await page.locator('h2:has-text("Scores by framework") + table tbody tr').count();
        expect(scoreRows).toBe(result.summary.frameworks.length);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe('scan --output with one format', () => {
  it('writes exactly that file', async () => {
    const file = path.join(dir, 'single', 'report.csv');
    const single = await runScanCli(['--regions', 'eu-west-1', '--format', 'csv', '--output', file]);
    expect(single.code).toBe(0);
    expect(read('single/report.csv').startsWith('control_id,')).toBe(true);
  });

  it('gives each format its extension when --output is a base name', async () => {
    const base = path.join(dir, 'named', 'audit.json');
    const named = await runScanCli(['--regions', 'eu-west-1', '--format', 'json,html', '--output', base]);
    expect(named.code).toBe(0);
    expect(existsSync(path.join(dir, 'named', 'audit.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'named', 'audit.html'))).toBe(true);
  });
});
