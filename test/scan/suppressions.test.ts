// --suppressions FILE: parsing and validation, expiry, matching, and the effect on a real scan's report and
// exit code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderHtml, type ScanFinding, type ScanReport } from '../../api/export';
import {
  activeSuppressions,
  parseSuppressions,
  SuppressionFileError,
  suppressionOf,
} from '../../api/export/suppressions';
import { ACCOUNT, SSH_GROUP } from './fixtures';
import { runScanCli } from './run';

const NOW = new Date('2026-11-22T12:00:00Z');

function finding(overrides: Partial<ScanFinding> = {}): ScanFinding {
  return {
    controlId: 'ec2_security_group_no_public_ssh_ingress',
    title: 'No SSH from the internet',
    status: 'fail',
    severity: 'high',
    accountId: ACCOUNT,
    region: 'eu-west-1',
    resourceId: SSH_GROUP,
    resourceArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/${SSH_GROUP}`,
    resourceType: 'aws_ec2_security_group',
    reason: 'open',
    evidence: [],
    trace: [],
    requirements: [],
    references: [],
    fingerprint: '0'.repeat(64),
    ...overrides,
  };
}

describe('parseSuppressions', () => {
  it('reads a YAML list, keeping date-only expiries as written', () => {
    const entries = parseSuppressions(
      `- control: ec2_security_group_no_public_ssh_ingress
  resource: ${SSH_GROUP}
  justification: bastion, restricted by NACL
  expires: 2027-01-31
- account: "${ACCOUNT}"
  region: eu-west-1
  justification: sandbox region
`,
      'ok.yaml',
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ resource: SSH_GROUP, expires: '2027-01-31' });
    expect(entries[1]).toMatchObject({ account: ACCOUNT, region: 'eu-west-1' });
  });

  it.each([
    ['- control: x\n', 'justification'],
    ['- justification: everything\n', 'at least one of control, resource, account, region'],
    ['- control: x\n  justification: y\n  expires: someday\n', 'expires "someday" is not a date'],
    ['- control: x\n  justification: y\n  owner: me\n', 'owner'],
    ['- control: [unclosed\n', 'YAML'],
  ])('rejects %j naming the problem and the file', (text, problem) => {
    expect(() => parseSuppressions(text, 'bad.yaml')).toThrow(SuppressionFileError);
    expect(() => parseSuppressions(text, 'bad.yaml')).toThrow(
      new RegExp(`^bad\\.yaml: .*${problem.replace(/[[\]]/g, '\\$&')}`),
    );
  });
});

describe('activeSuppressions', () => {
  it('keeps a date-only expiry active through that whole day and drops it after, with a warning', () => {
    const [entry] = parseSuppressions('- control: x\n  justification: y\n  expires: 2026-11-22\n', 'f');
    expect(activeSuppressions([entry], NOW).active).toHaveLength(1);
    const later = activeSuppressions([entry], new Date('2026-11-23T00:00:01Z'));
    expect(later.active).toHaveLength(0);
    expect(later.expired[0].warning).toBe('suppression (control=x) expired on 2026-11-22; ignored');
  });
});

describe('suppressionOf', () => {
  it('marks failing findings matched by every named field, by ARN or short id, and leaves passes alone', () => {
    const findings = [
      finding(),
      finding({ status: 'pass' }),
      finding({ region: 'us-east-1', resourceArn: 'arn:other', resourceId: 'sg-other' }),
    ];
    const marks = findings.map((item) =>
      suppressionOf(item, [
        {
          control: 'ec2_security_group_no_public_ssh_ingress',
          resource: SSH_GROUP,
          justification: 'bastion',
        },
      ]),
    );
    expect(marks).toEqual([{ justification: 'bastion' }, undefined, undefined]);
  });
});

describe('scan --suppressions', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudward-suppress-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports matched failures as suppressed, not failing, and lets --fail-on pass', async () => {
    const file = path.join(dir, 'accepted.yaml');
    writeFileSync(
      file,
      `- resource: ${SSH_GROUP}
  justification: bastion host, reviewed by security
  expires: 2027-06-30
- control: ec2_security_group_no_public_ipv4_admin_ingress
  justification: expired exception
  expires: 2026-01-01
`,
    );
    const args = ['--regions', 'eu-west-1', '--controls', 'ec2_security_group_no_public_ssh_ingress'];
    const before = await runScanCli([...args, '--fail-on', 'high']);
    expect(before.code).toBe(3);

    const run = await runScanCli([...args, '--suppressions', file, '--fail-on', 'high', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: suppression (control=ec2_security_group_no_public_ipv4_admin_ingress) expired on 2026-01-01; ignored',
    );
    const result = JSON.parse(run.stdout) as ScanReport;
    const ssh = result.findings.find((f) => f.resourceArn.endsWith(SSH_GROUP))!;
    expect(ssh).toMatchObject({
      status: 'fail',
      suppressed: { justification: 'bastion host, reviewed by security', expires: '2027-06-30' },
    });
    expect(result.summary.counts.suppressed).toBe(1);
    expect(result.summary.failedBySeverity.high).toBe(0);
  });

  it('exits 2 with one line for an invalid file, before reading AWS', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, '- control: x\n');
    const run = await runScanCli(['--regions', 'eu-west-1', '--suppressions', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^cloudward scan: .*bad\.yaml: entry 0\.justification/);
    expect(run.calls).toBe(0);
  });
});

describe('HTML report with suppressions', () => {
  it('lists suppressed findings with their justification, escaped, apart from the failures', () => {
    const suppressed = finding({
      suppressed: { justification: 'bastion <reviewed>', expires: '2027-01-31' },
    });
    const html = renderHtml({
      schemaVersion: '1.0',
      generator: { name: 'cloudward', version: '0.1.0' },
      summary: {
        accountId: ACCOUNT,
        regions: ['eu-west-1'],
        startedAt: NOW.toISOString(),
        finishedAt: NOW.toISOString(),
        counts: { pass: 0, fail: 0, not_applicable: 0, error: 0, suppressed: 1 },
        failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
        frameworks: [],
      },
      findings: [suppressed],
      assets: [],
      errors: [],
    });
    expect(html).toContain('Failing findings (0)');
    expect(html).toContain('Suppressed findings (1)');
    expect(html).toContain('bastion &lt;reviewed&gt;');
    expect(html).toContain('2027-01-31');
  });
});
