// scan --demo: the built-in demo estate (demo/) read through the replayed SDK clients, no AWS account.
import type { ScanReport } from '../../api/export';
import { main } from '../../api/cli/main';
import { DEMO_ACCOUNTS } from '../../demo';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from './json-schema';

const SCHEMA = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../docs/schemas/scan-result.schema.json'), 'utf8'),
);

async function demoScan(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', '--demo', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('scan --demo', () => {
  let result: ScanReport;
  beforeAll(async () => {
    const run = await demoScan(['--format', 'json']);
    expect(run.code).toBe(0);
    result = JSON.parse(run.stdout);
  }, 120_000);

  it("scans the first demo account in the demo's regions", () => {
    expect(result.summary.accountId).toBe(DEMO_ACCOUNTS[0].awsAccountId);
    expect(result.summary.regions).toEqual(DEMO_ACCOUNTS[0].regions);
  });

  it('reads every service without errors and yields both passing and failing findings', () => {
    expect(result.errors).toEqual([]);
    expect(result.summary.counts.pass).toBeGreaterThan(0);
    expect(result.summary.counts.fail).toBeGreaterThan(0);
    expect(result.assets.length).toBeGreaterThan(50);
    expect(result.assets.some((asset) => asset.exposure?.verdict === 'exposed')).toBe(true);
    expect(result.assets.some((asset) => asset.exposure?.verdict === 'not_exposed')).toBe(true);
  });

  it('produces JSON that validates against the published schema', () => {
    expect(validate(SCHEMA, result)).toEqual([]);
  });

  it('exits 3 with --fail-on critical when the demo has a critical failure', async () => {
    const critical = result.findings.filter((f) => f.status === 'fail' && f.severity === 'critical').length;
    const run = await demoScan(['--fail-on', 'critical', '--severity', 'critical']);
    expect(critical).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${critical} failing finding(s) at or above critical`);
  }, 120_000);
});
