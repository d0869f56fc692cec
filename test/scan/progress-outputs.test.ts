import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planOutputs, OutputPlanError } from '../../api/export/outputs';
import { progressReporter } from '../../api/export/progress';

describe('progressReporter', () => {
  it('redraws one bar in place on a terminal and clears it when done', () => {
    const written: string[] = [];
    const progress = progressReporter((text) => written.push(text), true);
    progress.update({ done: 0, total: 4, current: 'iam global' });
    progress.update({ done: 2, total: 4, current: 'ec2 eu-west-1' });
    progress.done();
    expect(written[1]).toBe(`\r\x1b[2K[${'#'.repeat(12)}${'-'.repeat(12)}] 2/4 ec2 eu-west-1`);
    expect(written.every((text) => !text.includes('\n'))).toBe(true);
    expect(written[written.length - 1]).toBe('\r\x1b[2K');
  });

  it('writes one plain line per finished unit when stderr is not a terminal', () => {
    const written: string[] = [];
    const progress = progressReporter((text) => written.push(text), false);
    progress.update({ done: 0, total: 2, current: 'iam global' });
    progress.update({ done: 1, total: 2, current: 'iam global' });
    progress.update({ done: 2, total: 2, current: 's3 global' });
    progress.done();
    expect(written).toEqual(['scan: 1/2 iam global done\n', 'scan: 2/2 s3 global done\n']);
  });
});

describe('planOutputs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-outputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends one format to stdout without --output', () => {
    expect(planOutputs(['table'], undefined)).toEqual([{ format: 'table' }]);
  });

  it('writes one format to the file named, or into an existing directory', () => {
    expect(planOutputs(['json'], 'out/report.json')).toEqual([{ format: 'json', file: 'out/report.json' }]);
    mkdirSync(path.join(dir, 'reports'));
    expect(planOutputs(['html'], path.join(dir, 'reports'))).toEqual([
      { format: 'html', file: path.join(dir, 'reports', 'cloudward-scan.html') },
    ]);
  });

  it('gives several formats one file each, under a directory or a base name', () => {
    expect(planOutputs(['json', 'ocsf'], 'new-dir/')).toEqual([
      { format: 'json', file: path.join('new-dir', 'cloudward-scan.json') },
      { format: 'ocsf', file: path.join('new-dir', 'cloudward-scan.ocsf.json') },
    ]);
    expect(planOutputs(['csv', 'ocsf'], 'out/scan.ocsf.json')).toEqual([
      { format: 'csv', file: 'out/scan.csv' },
      { format: 'ocsf', file: 'out/scan.ocsf.json' },
    ]);
  });

  it('refuses several formats on stdout', () => {
    expect(() => planOutputs(['json', 'csv'], undefined)).toThrow(OutputPlanError);
  });
});
