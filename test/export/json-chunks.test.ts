// The streamed JSON and OCSF reports must be exactly the text JSON.stringify(value, null, 2) gives.
import {
  LazyFindings,
  renderReport,
  reportChunks,
  type ScanFinding,
  type ScanResult,
} from '../../api/export';
import { batched, jsonArrayChunks, jsonChunks } from '../../api/export/json-chunks';

const joined = (chunks: Iterable<string>) => [...chunks].join('');

describe('jsonChunks', () => {
  const cases: [string, unknown][] = [
    ['scalars', { a: 1, b: 'x', c: true, d: null, e: -0.5, f: 1e21 }],
    ['empty containers', { a: [], b: {}, c: [[]], d: [{}] }],
    [
      'undefined and functions left out of objects, null in arrays',
      { a: undefined, b: () => 1, c: [undefined, () => 1, 2] },
    ],
    [
      'strings with newlines, quotes and unicode',
      { 'key "q"\n': 'line 1\nline 2 "é" \u2028 \\', list: ['a\nb'] },
    ],
    ['toJSON (a Date) at every depth', { at: new Date(Date.UTC(2026, 10, 22)), list: [{ at: new Date(0) }] }],
    ['deep nesting below the split depth', { a: { b: { c: { d: [1, { e: [2, 3] }] } } }, f: [[[4, [5]]]] }],
    ['a top-level array', [1, { a: [1, 2] }, 'x']],
    ['a bare scalar', 'text'],
  ];
  it.each(cases)('%s', (_name, value) => {
    for (const depth of [0, 1, 2, 5])
      expect(joined(jsonChunks(value, depth))).toBe(JSON.stringify(value, null, 2));
  });

  it('writes an iterable as an array, items one at a time', () => {
    const items = [{ a: 1 }, undefined, [2]];
    function* lazy() {
      yield* items;
    }
    expect(joined(jsonArrayChunks(lazy(), 1))).toBe(JSON.stringify(items, null, 2));
    expect(joined(jsonArrayChunks([], 1))).toBe('[]');
  });

  it('batches pieces into writes of about the size asked, losing nothing', () => {
    const pieces = Array.from({ length: 1000 }, (_, index) => `piece ${index};`);
    const batches = [...batched(pieces, 100)];
    expect(batches.join('')).toBe(pieces.join(''));
    expect(batches.length).toBeGreaterThan(50);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThan(120);
  });
});

describe('reportChunks', () => {
  function finding(index: number): ScanFinding {
    return {
      controlId: index % 2 ? 's3_bucket_default_encryption_enabled' : 'ec2_instance_imdsv2_required',
      title: 'A control',
      status: index % 3 ? 'fail' : 'pass',
      severity: 'medium',
      accountId: '123456789012',
      region: 'eu-west-1',
      resourceId: `resource-${index}`,
      resourceArn: `arn:aws:s3:::resource-${index}`,
      resourceType: 'aws_s3_bucket',
      reason: `resource-${index} "quoted"\nsecond line`,
      evidence: [`resource-${index} has no default encryption`],
      trace: ['config.BucketEncryption is null'],
      requirements: [{ framework: 'cis-aws-7.0.0', requirement: '3.1.1' }],
      remediation: { console: ['Open the bucket'], cli: undefined },
      references: [],
      fingerprint: `fp-${index}`,
      ...(index % 5 === 0 ? { suppressed: { justification: 'accepted "risk"\nfor now' } } : {}),
    } as ScanFinding;
  }
  const result = {
    schemaVersion: '1.0',
    generator: { name: 'cloudward', version: '0.1.0' },
    summary: {
      accountId: '123456789012',
      regions: ['eu-west-1'],
      startedAt: '2026-11-22T10:00:00.000Z',
      finishedAt: '2026-11-22T10:01:00.000Z',
      counts: { pass: 1, fail: 2, not_applicable: 0, error: 0, suppressed: 1 },
      failedBySeverity: { critical: 0, high: 0, medium: 2, low: 0, info: 0 },
      frameworks: [{ id: 'cis-aws-7.0.0', name: 'CIS', passed: 1, evaluated: 3, score: 1 / 3 }],
    },
    findings: Array.from({ length: 50 }, (_, index) => finding(index)),
    assets: [
      { id: 'arn:aws:s3:::resource-1', type: 'aws_s3_bucket', name: 'resource-1', region: 'eu-west-1' },
    ],
    errors: [],
  } as unknown as ScanResult;

  it.each(['json', 'ocsf', 'csv', 'table', 'html'] as const)('%s is renderReport in pieces', (format) => {
    expect(joined(reportChunks(result, format))).toBe(renderReport(result, format));
  });

  it('produces a JSON report finding by finding, not in one piece', () => {
    expect([...reportChunks(result, 'json')].length).toBeGreaterThan(result.findings.length);
  });

  // `scan` hands its report over with LazyFindings: each finding is made as it is written, never all at once.
  describe('with findings made as they are read', () => {
    const source = Array.from({ length: 50 }, (_, index) => index);
    let made = 0;
    const lazy: ScanResult = {
      ...result,
      findings: new LazyFindings(source, (index) => {
        made += 1;
        return finding(index);
      }),
    };

    it.each(['json', 'ocsf', 'csv', 'table', 'html', 'sarif', 'asff'] as const)(
      '%s is the same text as with an array',
      (format) => {
        expect(joined(reportChunks(lazy, format))).toBe(joined(reportChunks(result, format)));
        expect(renderReport(lazy, format)).toBe(renderReport(result, format));
      },
    );

    it('makes each finding once per pass, only when the JSON report reaches it', () => {
      made = 0;
      const chunks = reportChunks(lazy, 'json');
      let text = '';
      for (const chunk of chunks) {
        text += chunk;
        // Up to the findings array, nothing has been made; after a finding's text, exactly the ones written.
        const written = text.split('"fingerprint"').length - 1;
        expect(made).toBeGreaterThanOrEqual(written);
        expect(made).toBeLessThanOrEqual(written + 1);
      }
      expect(made).toBe(50);
      expect(lazy.findings.length).toBe(50);
      expect(JSON.parse(text).findings).toEqual(JSON.parse(JSON.stringify(result.findings)));
    });
  });
});
