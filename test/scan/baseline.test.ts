// scan --baseline on the demo estate: a previous JSON report decides which failures are new; only new ones fail
// the job. Baselines are real reports of the same estate, edited the way a real estate changes between runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScanFinding, ScanReport } from '../../api/export';
import { findingFingerprint } from '../../evaluator';
import { demoScan, messages } from './demo-run';

let dir: string;
let report: ScanReport;
const failing = (result: ScanReport) => result.findings.filter((finding) => finding.status === 'fail');

function writeBaseline(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudward-baseline-'));
  const run = await demoScan(['--format', 'json']);
  expect(run.code).toBe(0);
  report = JSON.parse(run.stdout);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finding fingerprints', () => {
  it('are the fingerprint of control + resource + account + region, one per finding', () => {
    for (const finding of report.findings)
      expect(finding.fingerprint).toBe(
        findingFingerprint({
          controlId: finding.controlId,
          resourceArn: finding.resourceArn,
          accountId: finding.accountId,
          region: finding.region,
        }),
      );
    expect(new Set(report.findings.map((finding) => finding.fingerprint)).size).toBe(report.findings.length);
  });
});

describe('scan --baseline', () => {
  it('passes when every failure was already failing in the baseline, and says how many are known', async () => {
    const baseline = writeBaseline('same.json', report);
    const run = await demoScan(['--baseline', baseline, '--fail-on', 'low', '--format', 'json']);
    expect(run.code).toBe(0);
    const result: ScanReport = JSON.parse(run.stdout);
    const open = result.summary.counts.fail;
    expect(open).toBeGreaterThan(10);
    expect(messages(run.stderr)).toContain(`baseline: 0 new since baseline, ${open} known`);
    expect(result.summary.baseline).toEqual({ new: 0, known: open });
    expect(failing(result).every((finding) => finding.baseline === 'known')).toBe(true);
    // Passing findings are neither new nor known.
    expect(result.findings.filter((finding) => finding.status === 'pass').some((f) => f.baseline)).toBe(
      false,
    );
  }, 60_000);

  it('fails only on the failures the baseline did not have (matched by control + resource, fingerprints recomputed)', async () => {
    // The baseline was taken before two high failures appeared: they passed then. It also predates the
    // fingerprint field, so matching must not rely on it.
    const highs = failing(report).filter((finding) => finding.severity === 'high');
    const appeared = highs.slice(0, 2);
    const older = structuredClone(report) as Omit<ScanReport, 'findings'> & {
      findings: Partial<ScanFinding>[];
    };
    for (const finding of older.findings) {
      if (appeared.some((item) => item.fingerprint === finding.fingerprint)) finding.status = 'pass';
      delete finding.fingerprint;
    }
    const baseline = writeBaseline('older.json', older);

    const run = await demoScan(['--baseline', baseline, '--fail-on', 'high', '--format', 'json']);
    expect(run.code).toBe(3);
    const result: ScanReport = JSON.parse(run.stdout);
    const open = result.summary.counts.fail;
    expect(messages(run.stderr)).toEqual([
      `baseline: 2 new since baseline, ${open - 2} known`,
      'cloudward scan: 2 new failing finding(s) since the baseline at or above high (--fail-on high)',
    ]);
    const fresh = failing(result).filter((finding) => finding.baseline === 'new');
    expect(fresh.map((finding) => finding.fingerprint).sort()).toEqual(
      appeared.map((finding) => finding.fingerprint).sort(),
    );
  }, 60_000);

  it('applies --fail-on to the new failures only: new ones below the threshold do not fail the job', async () => {
    const appeared = failing(report).find((finding) => finding.severity === 'medium')!;
    const older = structuredClone(report);
    older.findings = older.findings.filter((finding) => finding.fingerprint !== appeared.fingerprint);
    const baseline = writeBaseline('medium.json', older);

    const atHigh = await demoScan(['--baseline', baseline, '--fail-on', 'high', '--format', 'json']);
    expect(atHigh.code).toBe(0);
    expect(messages(atHigh.stderr)[0]).toMatch(/^baseline: 1 new since baseline, \d+ known$/);
    // Without --fail-on, a baseline gates on any new failure.
    const anySeverity = await demoScan(['--baseline', baseline, '--format', 'json']);
    expect(anySeverity.code).toBe(3);
    expect(messages(anySeverity.stderr)).toContain(
      'cloudward scan: 1 new failing finding(s) since the baseline',
    );
  }, 60_000);

  it("warns when the baseline is another account's report (everything is then new)", async () => {
    const other = structuredClone(report);
    other.summary.accountId = '999999999999';
    for (const finding of other.findings) finding.accountId = '999999999999';
    const baseline = writeBaseline('other.json', other);
    const run = await demoScan(['--baseline', baseline, '--format', 'json']);
    expect(run.code).toBe(3);
    expect(messages(run.stderr)[0]).toBe(
      `warning: the baseline ${baseline} is a report of account 999999999999, not ${report.summary.accountId}: every failure counts as new`,
    );
    expect(JSON.parse(run.stdout).summary.baseline.known).toBe(0);
  }, 60_000);

  it.each([
    [
      'a missing file',
      () => path.join(dir, 'nope.json'),
      /^cloudward scan: --baseline .*nope\.json: cannot read it \(ENOENT\)$/,
    ],
    ['a file that is not JSON', () => writeBaseline('bad.json', '{"findings": ['), /: not JSON \(/],
    [
      'JSON that is not a scan report (an OCSF array)',
      () => writeBaseline('ocsf.json', [{ class_uid: 2003 }]),
      /: not a cloudward scan --format json report \(\(top level\): /,
    ],
    [
      'a report whose finding lacks its resource',
      () => {
        const broken = structuredClone(report) as unknown as { findings: Record<string, unknown>[] };
        delete broken.findings[3].resourceArn;
        return writeBaseline('broken.json', broken);
      },
      /: not a cloudward scan --format json report \(findings\.3\.resourceArn: /,
    ],
    ['a directory', () => dir, /: cannot read it \(EISDIR\)$/],
  ])('refuses %s with one line and exit 2, before reading anything', async (_name, file, message) => {
    const run = await demoScan(['--baseline', file(), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
