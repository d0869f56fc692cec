// Partial failures are reported, never hidden: a denied service is listed in the report and warned about; a scan
// in which every service failed exits 1.
import { kmsCollector } from '../../collector/services/kms';
import type { ScanReport } from '../../api/export';
import { accountRecording } from './fixtures';
import { runScanCli } from './run';

function kmsDenied() {
  return accountRecording().error(
    'KMS',
    'ListKeys',
    'eu-west-1',
    {},
    {
      name: 'AccessDeniedException',
      status: 400,
      message: 'User is not authorized to perform: kms:ListKeys',
    },
  );
}

describe('scan with a denied service', () => {
  it('exits 0, lists the unread service in errors[] and warns on stderr', async () => {
    const run = await runScanCli(['--regions', 'eu-west-1', '--format', 'json'], {}, kmsDenied());
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanReport;
    expect(result.errors).toEqual([
      expect.objectContaining({ service: 'kms', region: 'eu-west-1', code: 'AccessDeniedException' }),
    ]);
    expect(run.stderr).toContain('warning: 1 service/region unit(s) could not be read; results are partial');
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('exits 1 and still writes the report when every service failed', async () => {
    const run = await runScanCli(
      ['--regions', 'eu-west-1', '--format', 'json'],
      { modules: [kmsCollector] },
      kmsDenied(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cloudward scan: the scan failed: every service failed/);
    const result = JSON.parse(run.stdout) as ScanReport;
    expect(result.errors.map((error) => error.code)).toEqual(['AccessDeniedException']);
    expect(result.findings).toEqual([]);
  });
});

describe('scan with a denied list call', () => {
  it('an account-wide check over a type that could not be listed is an error, not "there is none"', async () => {
    const denied = accountRecording().error(
      'CloudTrail',
      'DescribeTrails',
      'eu-west-1',
      {},
      {
        name: 'AccessDeniedException',
        status: 400,
        message: 'not authorized to perform: cloudtrail:DescribeTrails',
      },
    );
    const run = await runScanCli(['--regions', 'eu-west-1', '--format', 'json'], {}, denied);
    const result = JSON.parse(run.stdout) as ScanReport;
    const trailEnabled = result.findings.filter(
      (finding) => finding.controlId === 'cloudtrail_trail_enabled',
    );
    expect(trailEnabled.map((finding) => [finding.status, finding.reason])).toEqual([
      [
        'error',
        expect.stringMatching(
          /^Could not decide: The trail list of account 123456789012 could not be read in eu-west-1 \(AccessDeniedException\)/,
        ),
      ],
    ]);
    // Read and empty: the same check fails, as it should for an account without a trail.
    const empty = JSON.parse(
      (await runScanCli(['--regions', 'eu-west-1', '--format', 'json'], {}, accountRecording())).stdout,
    ) as ScanReport;
    expect(
      empty.findings
        .filter((finding) => finding.controlId === 'cloudtrail_trail_enabled')
        .map((f) => f.status),
    ).toEqual(['fail']);
  });
});
