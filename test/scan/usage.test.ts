// Bad input: one line on stderr, exit code 2, no AWS call, no file written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROLE_ARN } from './fixtures';
import { runScanCli } from './run';

const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan usage errors', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--regions', 'eu-west-1', 'extra'], /unexpected argument "extra"/],
    [['--regions', 'mars-north-1'], /unknown AWS region "mars-north-1"/],
    [['--regions', ''], /--regions must name at least one region/],
    [['--regions', 'eu-west-1,eu-west-1'], /must not repeat/],
    [['--format', 'pdf'], /unknown format "pdf" \(formats: table, json, csv, ocsf, html, sarif, asff\)/],
    [['--format', 'json,csv'], /several formats need --output/],
    [['--fail-on', 'severe'], /unknown severity "severe"/],
    [['--severity', 'high,urgent'], /unknown severity "urgent"/],
    [['--frameworks', 'cis-aws-0.1'], /unknown framework "cis-aws-0.1" \(frameworks: .*cis-aws-7.0.0/],
    [['--controls', 'no_such_control'], /unknown control "no_such_control"/],
    [['--role-arn', ROLE_ARN], /--role-arn and --external-id go together/],
    [['--external-id', 'abc123'], /--role-arn and --external-id go together/],
    [['--role-arn', 'arn:aws:iam::12:user/x', '--external-id', 'abc'], /--role-arn must be an IAM role ARN/],
    [['--role-arn', ROLE_ARN, '--external-id', 'has space'], /--external-id: externalId may only contain/],
    [
      ['--role-arn', ROLE_ARN, '--external-id', 'abc', '--regions', 'cn-north-1'],
      /not in the role's partition/,
    ],
    [['--demo', '--role-arn', ROLE_ARN, '--external-id', 'abc'], /cannot be combined/],
    [['--suppressions', path.join(dir, 'missing.yaml')], /missing\.yaml: cannot read: ENOENT/],
    [['--output', ''], /--output must not be empty/],
    [['--data', ' '], /--data must not be empty/],
    [['--severity', 'info', '--controls', 'ec2_security_group_no_public_ssh_ingress'], /no control matches/],
  ])('%j exits 2 with one line and reads nothing', async (args, message) => {
    const run = await runScanCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cloudward scan: /);
    expect(lines[0]).toMatch(message);
    expect(run.calls).toBe(0);
  });

  it('refuses an --output path under a file before scanning', async () => {
    const run = await runScanCli(['--output', path.join(__filename, 'report.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a directory/);
    expect(run.calls).toBe(0);
  });

  it('prints the usage with exit codes on --help', async () => {
    const run = await runScanCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: cloudward scan');
    expect(run.stdout).toContain('Exit codes: 0');
  });
});
