// scan --format asff on the demo estate: findings as Security Hub's BatchImportFindings takes them, validated
// against a schema of AWS's documented ASFF attributes (see ci-schemas.ts).
import type { ScanReport } from '../../api/export';
import { DEMO_NOW, demoScan } from '../scan/demo-run';
import { asffErrors } from './ci-schemas';

let findings: any[];
let report: ScanReport;
const BUCKET = 'arn:aws:s3:::production-public-website';

beforeAll(async () => {
  const json = await demoScan(['--format', 'json']);
  report = JSON.parse(json.stdout);
  const run = await demoScan(['--format', 'asff']);
  expect(run.code).toBe(0);
  findings = JSON.parse(run.stdout);
}, 120_000);

describe('scan --format asff', () => {
  it('writes one ASFF finding per finding, each valid against the documented ASFF attributes', () => {
    expect(findings).toHaveLength(report.findings.length);
    const errors = findings.flatMap((finding, index) =>
      asffErrors(finding).map((error) => `[${index}] ${error}`),
    );
    expect(errors).toEqual([]);
  });

  it('the validator catches a finding without a required attribute or with a bad severity', () => {
    const { GeneratorId: _dropped, ...missing } = findings[0];
    expect(asffErrors(missing).join('\n')).toContain("should have required property 'GeneratorId'");
    expect(asffErrors({ ...findings[0], Severity: { Label: 'SEVERE' } }).join('\n')).toContain(
      '.Severity.Label',
    );
  });

  it("imports into the account's own default product, in the finding's region, at the injected clock time", () => {
    const account = report.summary.accountId;
    const regional = findings.find((finding) => finding.Resources[0].Region === 'eu-west-1');
    expect(regional.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${account}:product/${account}/default`);
    expect(regional.AwsAccountId).toBe(account);
    expect(new Set(findings.map((finding) => finding.CreatedAt))).toEqual(new Set([DEMO_NOW.toISOString()]));
    expect(new Set(findings.map((finding) => finding.UpdatedAt))).toEqual(new Set([DEMO_NOW.toISOString()]));
    // Global resources (S3 buckets, IAM) go to the first scanned region, the only place one import can take them.
    const bucket = findings.find((finding) => finding.Resources[0].Id === BUCKET);
    expect(bucket.ProductArn).toBe(
      `arn:aws:securityhub:${report.summary.regions[0]}:${account}:product/${account}/default`,
    );
    expect(bucket.Resources[0]).toEqual({ Type: 'AwsS3Bucket', Id: BUCKET, Partition: 'aws' });
  });

  it('carries the verdict as Compliance.Status and the severity label of failures', () => {
    const byStatus = (status: string) =>
      findings.filter((f) => f['ProductFields']['cloudward/Status'] === status);
    expect(byStatus('fail').every((f) => f.Compliance.Status === 'FAILED')).toBe(true);
    expect(byStatus('pass').every((f) => f.Compliance.Status === 'PASSED')).toBe(true);
    expect(byStatus('pass').every((f) => f.Severity.Label === 'INFORMATIONAL')).toBe(true);
    expect(byStatus('not_applicable').every((f) => f.Compliance.Status === 'NOT_AVAILABLE')).toBe(true);
    const critical = findings.find(
      (f) => f.GeneratorId === 'cloudward/s3_bucket_policy_not_public' && f.Resources[0].Id === BUCKET,
    );
    expect(critical.Severity.Label).toBe('CRITICAL');
    expect(critical.Compliance.Status).toBe('FAILED');
    expect(critical.Title).toBe(
      report.findings.find((f) => f.controlId === 's3_bucket_policy_not_public')!.title,
    );
  });

  it('gives each finding a stable, unique Id (the finding fingerprint)', () => {
    expect(new Set(findings.map((finding) => finding.Id)).size).toBe(findings.length);
    const fingerprint = report.findings.find((f) => f.resourceArn === BUCKET)!.fingerprint;
    expect(findings.some((finding) => finding.Id.endsWith(`/${fingerprint}`))).toBe(true);
  });
});
