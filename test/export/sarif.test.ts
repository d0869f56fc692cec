// scan --format sarif on the demo estate, validated against the official SARIF 2.1.0 schema (see ci-schemas.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScanReport } from '../../api/export';
import { demoScan } from '../scan/demo-run';
import { sarifErrors } from './ci-schemas';

const BASTION = 'arn:aws:ec2:us-east-1:111111111111:instance/i-61db1e984efe98136';

let dir: string;
let report: ScanReport;
let log: any;
let results: any[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cloudward-sarif-'));
  const first = await demoScan(['--format', 'json']);
  report = JSON.parse(first.stdout);
  // The baseline lacks one failure, and one failure is an accepted risk.
  const newOne = report.findings.find(
    (finding) => finding.status === 'fail' && finding.severity === 'medium',
  )!;
  const baseline = structuredClone(report);
  baseline.findings = baseline.findings.filter((finding) => finding.fingerprint !== newOne.fingerprint);
  writeFileSync(path.join(dir, 'baseline.json'), JSON.stringify(baseline));
  writeFileSync(
    path.join(dir, 'suppressions.yaml'),
    `- control: ec2_instance_admin_ports_not_internet_exposed\n  resource: ${BASTION}\n  justification: Bastion, SEC-1\n`,
  );
  const run = await demoScan([
    '--format',
    'sarif',
    '--output',
    path.join(dir, 'scan.sarif'),
    '--baseline',
    path.join(dir, 'baseline.json'),
    '--suppressions',
    path.join(dir, 'suppressions.yaml'),
  ]);
  expect(run.code).toBe(3);
  log = JSON.parse(readFileSync(path.join(dir, 'scan.sarif'), 'utf8'));
  results = log.runs[0].results;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan --format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(log.version).toBe('2.1.0');
    expect(sarifErrors(log)).toEqual([]);
  });

  it('the validator catches a result with a level outside SARIF', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'critical';
    expect(sarifErrors(broken).join('\n')).toContain('.runs[0].results[0].level');
  });

  it('has one result per failing finding, with the level from its severity', () => {
    const failing = report.findings.filter((finding) => finding.status === 'fail');
    expect(results.filter((result) => result.kind === 'fail')).toHaveLength(failing.length);
    const level = (severity: string) =>
      results.find((r) => r.properties.status === 'fail' && r.level === severity);
    expect(level('error')).toBeDefined();
    for (const result of results.filter((item) => item.kind === 'fail')) {
      const finding = failing.find(
        (item) => item.fingerprint === result.partialFingerprints['cloudwardFinding/v1'],
      )!;
      expect(result.level).toBe(
        { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }[finding.severity],
      );
      expect(result.message.text).toBe(finding.reason);
    }
    // Passing findings are not results.
    expect(results.some((result) => result.properties.status === 'pass')).toBe(false);
  });

  it('locates each result by a logical location whose fully qualified name is the resource ARN', () => {
    const bastion = results.filter(
      (result) => result.locations[0].logicalLocations[0].fullyQualifiedName === BASTION,
    );
    expect(bastion.length).toBeGreaterThan(0);
    expect(bastion[0].locations[0].logicalLocations[0]).toEqual({
      name: 'production-bastion',
      fullyQualifiedName: BASTION,
      kind: 'resource',
    });
  });

  it('declares a rule per control with results, which each result points at', () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((rule: any) => rule.id)).toEqual([...new Set(results.map((r) => r.ruleId))].sort());
    for (const result of results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    const rule = rules.find((item: any) => item.id === 'ec2_instance_admin_ports_not_internet_exposed');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties['security-severity']).toBe('9.5');
    expect(rule.shortDescription.text.length).toBeGreaterThan(10);
  });

  it('marks the suppressed finding with an external, accepted suppression', () => {
    const suppressed = results.filter((result) => result.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].ruleId).toBe('ec2_instance_admin_ports_not_internet_exposed');
    expect(suppressed[0].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Bastion, SEC-1' },
    ]);
  });

  it('gives each result its baseline state: new for the failure the baseline lacked, unchanged for the rest', () => {
    // Findings that could not be decided (status error, e.g. a member account refused the organization's roots) are
    // `open` results: the baseline compares failures only.
    const failed = results.filter((result) => result.kind === 'fail');
    const open = results.filter((result) => result.kind !== 'fail');
    for (const result of open) expect([result.kind, result.properties.status]).toEqual(['open', 'error']);
    const fresh = failed.filter((result) => result.baselineState === 'new');
    expect(fresh).toHaveLength(1);
    expect(failed.filter((result) => result.baselineState === 'unchanged')).toHaveLength(failed.length - 1);
  });
});
