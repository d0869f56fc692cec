// The OCSF export against the Compliance Finding class of the OCSF version it declares (1.3.0), as a JSON Schema.
import { OCSF_VERSION, renderReport, toOcsf, type ScanFinding, type ScanResult } from '../../api/export';
import { ocsfErrors } from './ocsf-schema';

function finding(overrides: Partial<ScanFinding> = {}): ScanFinding {
  return {
    controlId: 's3_bucket_default_encryption_enabled',
    title: 'S3 buckets encrypt objects by default',
    status: 'fail',
    severity: 'medium',
    accountId: '123456789012',
    region: 'eu-west-1',
    resourceId: 'logs-bucket',
    resourceArn: 'arn:aws:s3:::logs-bucket',
    resourceType: 'aws_s3_bucket',
    reason: 'Bucket logs-bucket has no default encryption',
    evidence: ['Bucket logs-bucket has no default encryption configuration'],
    trace: ['config.ServerSideEncryptionConfiguration does not exist'],
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
    requirements: [{ framework: 'cis-aws-7.0.0', requirement: '3.1.1' }],
    remediation: {
      console: ['Open the bucket', 'Enable default encryption'],
      cli: 'aws s3api put-bucket-encryption',
    },
    fingerprint: '0'.repeat(64),
    ...overrides,
  };
}

const RESULT: ScanResult = {
  schemaVersion: '1.0',
  generator: { name: 'cloudward', version: '0.1.0' },
  summary: {
    accountId: '123456789012',
    regions: ['eu-west-1'],
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:01:00.000Z',
    counts: { pass: 0, fail: 0, not_applicable: 0, error: 0, suppressed: 0 },
    failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    frameworks: [],
  },
  findings: [],
  assets: [],
  errors: [],
};

const event = (overrides: Partial<ScanFinding> = {}) =>
  toOcsf(finding(overrides), RESULT) as Record<string, any>;

describe('OCSF export', () => {
  it('declares OCSF 1.3.0, the first version whose Compliance Finding has `resources`', () => {
    expect(OCSF_VERSION).toBe('1.3.0');
    const exported = event();
    expect(exported.metadata.version).toBe('1.3.0');
    expect(exported.resources).toEqual([
      expect.objectContaining({ uid: 'arn:aws:s3:::logs-bucket', name: 'logs-bucket', region: 'eu-west-1' }),
    ]);
    expect(exported).not.toHaveProperty('resource');
  });

  it.each<[string, Partial<ScanFinding>]>([
    ['a failing finding', {}],
    ['a passing finding', { status: 'pass' }],
    ['a suppressed finding', { suppressed: { justification: 'accepted risk', expires: '2027-01-01' } }],
    ['a finding whose data could not be read', { status: 'error', severity: 'info' }],
    ['a not-applicable finding', { status: 'not_applicable', severity: 'low' }],
    ['a critical finding of a standalone control', { severity: 'critical', requirements: [] }],
    ['a finding with no remediation', { remediation: undefined }],
    ['a finding whose remediation has no steps', { remediation: { console: [], terraform: 'resource {}' } }],
    ['a finding with no evidence', { evidence: [] }],
    ['a global resource in another partition', { region: 'global', resourceArn: 'arn:aws-cn:iam::1:role/x' }],
  ])('%s validates against the Compliance Finding schema', (_name, overrides) => {
    expect(ocsfErrors(event(overrides))).toEqual([]);
  });

  it('every event of a rendered report validates', () => {
    const report = JSON.parse(
      renderReport(
        { ...RESULT, findings: [finding(), finding({ status: 'pass' }), finding({ status: 'error' })] },
        'ocsf',
      ),
    ) as unknown[];
    expect(report).toHaveLength(3);
    for (const exported of report) expect(ocsfErrors(exported)).toEqual([]);
  });

  it('leaves remediation out when there is nothing to say (OCSF requires its desc)', () => {
    expect(JSON.parse(JSON.stringify(event({ remediation: { console: [] } })))).not.toHaveProperty(
      'remediation',
    );
    expect(event().remediation).toEqual({
      desc: 'Open the bucket\nEnable default encryption\naws s3api put-bucket-encryption',
    });
  });
});

describe('the OCSF 1.3.0 Compliance Finding schema', () => {
  it.each<[string, (exported: Record<string, any>) => void, string]>([
    ['the 1.1.0 version', (e) => (e.metadata.version = '1.1.0'), '.metadata.version'],
    ['an attribute the class does not define', (e) => (e.findings = []), 'findings'],
    ['a type_uid that does not match the activity', (e) => (e.type_uid = 200302), '.type_uid'],
    ['a severity caption that does not match severity_id', (e) => (e.severity = 'Low'), '.severity'],
    ['a finding status outside the Finding enum', (e) => (e.status_id = 5), '.status_id'],
    ['a compliance status outside its enum', (e) => (e.compliance.status_id = 4), '.compliance.status_id'],
    ['compliance without standards', (e) => delete e.compliance.standards, 'standards'],
    ['finding_info without uid', (e) => delete e.finding_info.uid, 'uid'],
    ['a remediation without desc', (e) => (e.remediation = { references: [] }), 'desc'],
    ['a time that is not epoch milliseconds', (e) => (e.time = '2026-11-22T10:01:00Z'), '.time'],
    ['a resource with neither uid nor name', (e) => (e.resources = [{ type: 'x' }]), '.resources[0]'],
    ['no cloud object', (e) => delete e.cloud, 'cloud'],
  ])('refuses %s', (_name, breakIt, where) => {
    const exported = event();
    breakIt(exported);
    const errors = ocsfErrors(exported);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(where);
  });
});
