// scan --resource-arn / --resource-tags on the demo estate: the whole account is collected and evaluated, the
// report keeps only the chosen resources (their findings, their assets, scores over them).
import type { ScanReport } from '../../api/export';
import { demoScan, messages } from './demo-run';

const BASTION = 'arn:aws:ec2:us-east-1:111111111111:instance/i-61db1e984efe98136';
const BUCKET = 'arn:aws:s3:::production-public-website';

let full: ScanReport;
beforeAll(async () => {
  const run = await demoScan(['--format', 'json']);
  expect(run.code).toBe(0);
  full = JSON.parse(run.stdout);
}, 120_000);

async function scoped(args: string[]): Promise<{ code: number; result: ScanReport; stderr: string }> {
  const run = await demoScan([...args, '--format', 'json']);
  return { code: run.code, result: run.stdout ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
}

describe('scan --resource-arn', () => {
  it('reports only the findings of the given resources, with the same verdicts as the whole scan', async () => {
    const { code, result } = await scoped(['--resource-arn', `${BASTION},${BUCKET}`]);
    expect(code).toBe(0);
    const expected = full.findings.filter((finding) => [BASTION, BUCKET].includes(finding.resourceArn));
    expect(expected.some((finding) => finding.status === 'fail')).toBe(true);
    expect(result.findings).toEqual(expected);
    expect(result.assets.map((asset) => asset.id).sort()).toEqual([BASTION, BUCKET].sort());
    expect(result.summary.scope).toEqual({ resourceArns: [BASTION, BUCKET] });
    // Counts and scores are over the kept findings.
    const fails = expected.filter((finding) => finding.status === 'fail').length;
    expect(result.summary.counts.fail).toBe(fails);
    expect(result.summary.frameworks.reduce((sum, framework) => sum + framework.evaluated, 0)).toBeLessThan(
      full.summary.frameworks.reduce((sum, framework) => sum + framework.evaluated, 0),
    );
  }, 60_000);

  it('gates --fail-on on the scoped findings only', async () => {
    // The bastion has a critical failure; a passing-only resource in scope does not fail the job.
    expect((await scoped(['--resource-arn', BASTION, '--fail-on', 'critical'])).code).toBe(3);
    const quiet = full.assets.find(
      (asset) =>
        full.findings.some((finding) => finding.resourceArn === asset.id) &&
        !full.findings.some((finding) => finding.resourceArn === asset.id && finding.status === 'fail'),
    )!;
    const run = await scoped(['--resource-arn', quiet.id, '--fail-on', 'info']);
    expect(run.code).toBe(0);
    expect(run.result.findings.length).toBeGreaterThan(0);
  }, 60_000);

  it('warns about an ARN that matches nothing read (a typo), and still writes the (empty) report', async () => {
    const missing = 'arn:aws:s3:::no-such-bucket';
    const run = await scoped(['--resource-arn', missing]);
    expect(run.code).toBe(0);
    expect(run.result.findings).toEqual([]);
    expect(messages(run.stderr)).toEqual([
      `warning: --resource-arn ${missing}: no resource read in this scan matches it`,
      'warning: no resource read in this scan matches --resource-tags/--resource-arn; the report is empty',
    ]);
  }, 60_000);
});

describe('scan --resource-tags', () => {
  it('keeps resources that have every tag given, with that value', async () => {
    const { result } = await scoped(['--resource-tags', 'Name=production-bastion,env=production']);
    expect(result.assets.map((asset) => asset.id)).toContain(BASTION);
    expect(result.assets.every((asset) => asset.name === 'production-bastion')).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((finding) => result.assets.some((a) => a.id === finding.resourceArn))).toBe(
      true,
    );
    expect(result.summary.scope).toEqual({ resourceTags: { Name: 'production-bastion', env: 'production' } });
  }, 60_000);

  it('combines with --resource-arn: a resource must match both', async () => {
    const wrongTag = await scoped(['--resource-tags', 'env=staging', '--resource-arn', BASTION]);
    expect(wrongTag.result.findings).toEqual([]);
    const both = await scoped(['--resource-tags', 'env=production', '--resource-arn', BASTION]);
    expect(both.result.assets.map((asset) => asset.id)).toEqual([BASTION]);
  }, 60_000);

  it.each([
    [
      ['--resource-tags', 'env'],
      'cloudward scan: --resource-tags wants key=value pairs, got "env" (e.g. Team=payments)',
    ],
    [
      ['--resource-tags', '=x'],
      'cloudward scan: --resource-tags wants key=value pairs, got "=x" (e.g. Team=payments)',
    ],
    [
      ['--resource-tags', 'env=a,env=b'],
      'cloudward scan: --resource-tags names the tag "env" twice with different values',
    ],
    [['--resource-tags', ','], 'cloudward scan: --resource-tags must name at least one key=value'],
    [
      ['--resource-arn', 'i-0abc'],
      'cloudward scan: --resource-arn wants ARNs (arn:aws:s3:::my-bucket), got "i-0abc"',
    ],
  ])('refuses %j with one line and exit 2', async (args, line) => {
    const run = await demoScan([...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('says in --help that collection stays whole and only the report is narrowed', async () => {
    const run = await demoScan(['--help']);
    expect(run.stdout).toContain('--resource-tags k=v,k=v');
    expect(run.stdout).toContain('the whole account is still collected and evaluated');
  });
});
