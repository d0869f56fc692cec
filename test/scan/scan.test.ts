// `cloudward scan` end to end: the real collector modules read a replayed account through the SDK clients, the
// real controls evaluate it, and the report is built from both.
import type { ScanReport } from '../../api/export';
import { ACCOUNT, BUCKET, ROLE_ARN, SSH_GROUP } from './fixtures';
import { runScanCli } from './run';

const SSH_CONTROL = 'ec2_security_group_no_public_ssh_ingress';

describe('cloudward scan with ambient credentials', () => {
  let result: ScanReport;
  let stderr: string;
  let code: number;

  beforeAll(async () => {
    const run = await runScanCli(['--format', 'json']);
    ({ code, stderr } = run);
    result = JSON.parse(run.stdout);
  });

  it('exits 0 without --fail-on and names the account found through STS', () => {
    expect(code).toBe(0);
    expect(result.summary.accountId).toBe(ACCOUNT);
    expect(stderr).toContain(`Scanning AWS account ${ACCOUNT} in 2 region(s)`);
  });

  it("reads the account's enabled regions from EC2 DescribeRegions when --regions is absent", () => {
    expect(result.summary.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('fails the world-open SSH group with its control title, remediation and FSBP requirement', () => {
    const finding = result.findings.find(
      (candidate) => candidate.controlId === SSH_CONTROL && candidate.resourceArn.includes(SSH_GROUP),
    );
    expect(finding).toMatchObject({
      status: 'fail',
      severity: 'high',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      resourceType: 'aws_ec2_security_group',
      resourceArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/${SSH_GROUP}`,
    });
    expect(finding!.title.length).toBeGreaterThan(10);
    expect(finding!.remediation?.cli ?? finding!.remediation?.console?.join(' ')).toBeTruthy();
    // FSBP EC2.13 is port 22 alone; CIS asks about every admin port and maps the wider control instead
    expect(finding!.requirements).toContainEqual({ framework: 'aws-fsbp', requirement: 'EC2.13' });
    expect(finding!.requirements.filter((ref) => ref.framework.startsWith('cis-'))).toEqual([]);
    expect(finding!.trace.join(' ')).toMatch(/22/);
    expect(finding!.evidence[0]).toBe(finding!.reason);
  });

  it('maps findings to CIS requirements as {framework, requirement} pairs', () => {
    const admin = result.findings.find(
      (candidate) =>
        candidate.controlId === 'ec2_security_group_no_public_ipv4_admin_ingress' &&
        candidate.resourceArn.includes(SSH_GROUP),
    );
    expect(admin?.status).toBe('fail');
    expect(admin?.requirements).toEqual(
      expect.arrayContaining([
        { framework: 'cis-aws-7.0.0', requirement: '6.3' },
        expect.objectContaining({ framework: 'cis-aws-3.0.0' }),
      ]),
    );
  });

  it('fails the bucket without default encryption read from the S3 error code, as a global asset', () => {
    const bucketFindings = result.findings.filter((finding) => finding.resourceId === BUCKET);
    expect(
      bucketFindings.find((finding) => finding.controlId === 's3_bucket_kms_encryption_enabled')?.status,
    ).toBe('fail');
    expect(bucketFindings.every((finding) => finding.region === 'global')).toBe(true);
    expect(result.assets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'aws_s3_bucket', name: BUCKET, region: 'global' }),
      ]),
    );
  });

  it('scores each framework as passed / evaluated over its mapped controls', () => {
    for (const framework of result.summary.frameworks) {
      expect(framework.passed).toBeLessThanOrEqual(framework.evaluated);
      expect(framework.score).toBe(framework.evaluated ? framework.passed / framework.evaluated : null);
    }
    const cis = result.summary.frameworks.find((framework) => framework.id === 'cis-aws-7.0.0')!;
    const cisFindings = result.findings.filter((finding) =>
      finding.requirements.some((ref) => ref.framework === 'cis-aws-7.0.0'),
    );
    expect(cis.evaluated).toBe(cisFindings.filter((f) => f.status === 'pass' || f.status === 'fail').length);
    expect(cis.passed).toBe(cisFindings.filter((f) => f.status === 'pass').length);
  });

  it('counts every finding once in the summary', () => {
    const { counts } = result.summary;
    expect(counts.pass + counts.fail + counts.not_applicable + counts.error + counts.suppressed).toBe(
      result.findings.length,
    );
    expect(counts.fail).toBe(result.findings.filter((finding) => finding.status === 'fail').length);
    expect(Object.values(result.summary.failedBySeverity).reduce((a, b) => a + b, 0)).toBe(counts.fail);
  });

  it('lists the exposure verdict of assets the exposure analyser covers', () => {
    const withExposure = result.assets.filter((asset) => asset.exposure);
    for (const asset of withExposure)
      expect(['exposed', 'not_exposed', 'unknown']).toContain(asset.exposure!.verdict);
  });
});

describe('cloudward scan through a role', () => {
  it('assumes the role with the external ID and scans the role account', async () => {
    const run = await runScanCli([
      '--role-arn',
      ROLE_ARN,
      '--external-id',
      'ci-external-id',
      '--regions',
      'eu-west-1',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanReport;
    expect(result.summary.accountId).toBe(ACCOUNT);
    expect(result.summary.regions).toEqual(['eu-west-1']);
  });

  it('exits 1 with one line naming AccessDenied when the role refuses the external ID', async () => {
    const run = await runScanCli([
      '--role-arn',
      ROLE_ARN,
      '--external-id',
      'wrong-id',
      '--regions',
      'eu-west-1',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(
      /^cloudward scan: cannot assume .*CloudwardReadOnly: AccessDenied/,
    );
  });
});

describe('--fail-on', () => {
  it('exits 3 when an unsuppressed failure is at or above the threshold', async () => {
    const run = await runScanCli(['--regions', 'eu-west-1', '--fail-on', 'high']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/failing finding\(s\) at or above high/);
    expect(run.stdout).toContain(SSH_CONTROL);
  });

  it('exits 0 when no failure reaches the threshold', async () => {
    const run = await runScanCli([
      '--regions',
      'eu-west-1',
      '--controls',
      SSH_CONTROL,
      '--fail-on',
      'critical',
    ]);
    expect(run.code).toBe(0);
  });

  it('narrows by severity: only low controls run, so a high threshold is not reached', async () => {
    const run = await runScanCli([
      '--regions',
      'eu-west-1',
      '--severity',
      'low',
      '--format',
      'json',
      '--fail-on',
      'high',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanReport;
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((finding) => finding.severity === 'low')).toBe(true);
  });
});

describe('--frameworks', () => {
  it('runs only the controls the framework maps and scores only that framework', async () => {
    const run = await runScanCli([
      '--regions',
      'eu-west-1',
      '--frameworks',
      'cis-aws-7.0.0',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanReport;
    expect(result.summary.frameworks.map((framework) => framework.id)).toEqual(['cis-aws-7.0.0']);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings)
      expect(finding.requirements.map((ref) => ref.framework)).toContain('cis-aws-7.0.0');
    expect(result.findings.some((finding) => finding.controlId === SSH_CONTROL)).toBe(false);
  });
});
