// `cloudward scan --organization` through the CLI entry point: Organizations answers like AWS (NextToken pages,
// State next to Status), member accounts replay a small recorded account, one member's role cannot be assumed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { ANY_REGION } from '../../demo/recording';
import { answerAsOrganization, type SimulatedOrganization } from '../../bench/organization-fake';
import { accountRecording, ACCOUNT } from './fixtures';
import { runScanCli } from './run';

const organizations = mockClient(OrganizationsClient);
const PROD = 'ou-a1b2-prod0000';
const SANDBOX = 'ou-a1b2-sandbox1';
const MEMBER = '210987654321';
const DENIED = '345678901234';
const EXTERNAL_ID = 'member-external-id-0123';

const organization: SimulatedOrganization = {
  id: 'o-a1b2c3d4e5',
  managementAccountId: ACCOUNT,
  rootId: 'r-a1b2',
  units: [
    { id: PROD, name: 'prod', parent: 'r-a1b2' },
    { id: SANDBOX, name: 'sandbox', parent: 'r-a1b2' },
  ],
  members: [
    { id: ACCOUNT, name: 'management', parent: 'r-a1b2', state: 'ACTIVE' },
    { id: MEMBER, name: 'prod-a', parent: PROD, state: 'ACTIVE' },
    { id: DENIED, name: 'prod-b', parent: PROD, state: 'ACTIVE' },
    { id: '456789012345', name: 'sandbox', parent: SANDBOX, state: 'ACTIVE' },
    { id: '567890123456', name: 'old', parent: PROD, state: 'SUSPENDED' },
  ],
};

/** The recorded account, plus the member role of MEMBER (the StackSet's) answering AssumeRole with its external ID. */
function recording() {
  return accountRecording().output(
    'STS',
    'AssumeRole',
    ANY_REGION,
    { RoleArn: `arn:aws:iam::${MEMBER}:role/CloudwardReadOnly`, ExternalId: EXTERNAL_ID },
    {
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLEKEY000002',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date('2099-01-01T00:00:00Z'),
      },
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${MEMBER}:assumed-role/CloudwardReadOnly/cloudward-${MEMBER}`,
        AssumedRoleId: 'AROAEXAMPLEID2:cloudward',
      },
    },
  );
}

beforeEach(() => {
  organizations.reset();
  answerAsOrganization(organizations, organization, 2);
});

const BASE = ['--organization', '--member-external-id', EXTERNAL_ID, '--regions', 'eu-west-1'];

it('scans every account in scope, lists the failed and skipped ones with the reason and exits 1', async () => {
  const run = await runScanCli(
    [...BASE, '--exclude-ou', SANDBOX, '--format', 'json', '--account-concurrency', '2'],
    {},
    recording(),
  );
  expect(run.code).toBe(1);
  const summary = JSON.parse(run.stdout);
  expect(summary.managementAccountId).toBe(ACCOUNT);
  expect(
    summary.accounts.map((account: Record<string, unknown>) => [
      account.awsAccountId,
      account.status,
      account.reason ?? null,
    ]),
  ).toEqual([
    [ACCOUNT, 'partial', null],
    [MEMBER, 'partial', null],
    [
      DENIED,
      'failed',
      `cannot assume arn:aws:iam::${DENIED}:role/CloudwardReadOnly: AccessDenied: User is not authorized to perform: sts:AssumeRole`,
    ],
    ['456789012345', 'skipped', `excluded by OU ${SANDBOX}`],
    ['567890123456', 'skipped', 'account state is SUSPENDED'],
  ]);
  expect(summary.totals).toEqual({ scanned: 0, partial: 2, failed: 1, skipped: 2 });
  // The recorded account has an unencrypted bucket and SSH open to the world: both members fail controls.
  const member = summary.accounts.find(
    (account: { awsAccountId: string }) => account.awsAccountId === MEMBER,
  );
  expect(member.regions).toEqual(['eu-west-1']);
  expect(member.failedBySeverity.high + member.failedBySeverity.critical).toBeGreaterThan(0);
  expect(member.parentPath).toEqual(['r-a1b2', PROD]);
  expect(run.stderr).toContain(`cloudward scan: 1 of 3 account(s) could not be scanned: ${DENIED}`);
  // Five accounts in pages of two: three ListAccounts calls, following NextToken.
  expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(3);
}, 120_000);

it('honours --include-account and --exclude-account, prints a table and writes each account’s reports with --output', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-org-scan-'));
  try {
    const run = await runScanCli(
      [
        ...BASE,
        '--include-account',
        `${MEMBER},${DENIED}`,
        '--exclude-account',
        DENIED,
        '--format',
        'table,json',
        '--output',
        dir,
      ],
      {},
      recording(),
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+NAME\s+STATUS\s+CRITICAL\s+HIGH\s+MEDIUM\s+LOW\s+DETAIL$/);
    expect(lines.find((line) => line.startsWith(DENIED))).toMatch(
      /skipped.*account 345678901234 is excluded/,
    );
    expect(lines.find((line) => line.startsWith(ACCOUNT))).toMatch(
      /skipped.*not under an included OU or account/,
    );
    expect(run.stdout).toContain(
      `5 account(s) in the organization of ${ACCOUNT}: 0 scanned, 1 partial, 0 failed, 4 skipped`,
    );
    const report = JSON.parse(readFileSync(path.join(dir, `${MEMBER}.json`), 'utf8'));
    // The fake answers the organization's listing only; the member's own Organizations unit is recorded as
    // unread (partial), never hidden.
    expect(report.errors.map((error: { service: string }) => error.service)).toEqual(['organizations']);
    expect(report.summary.accountId).toBe(MEMBER);
    expect(readFileSync(path.join(dir, `${MEMBER}.txt`), 'utf8')).toContain(MEMBER);
    const summary = JSON.parse(readFileSync(path.join(dir, 'organization.json'), 'utf8'));
    expect(
      summary.accounts.find((a: { awsAccountId: string }) => a.awsAccountId === MEMBER).reports,
    ).toHaveLength(2);
    expect(existsSync(path.join(dir, `${ACCOUNT}.json`))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

describe('bad input: one line, exit 2, no AWS call', () => {
  it.each([
    [
      [...BASE, '--include-ou', 'sandbox'],
      '--include-ou: "sandbox" is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)',
    ],
    [[...BASE, '--exclude-account', '12'], '--exclude-account: "12" is not a 12-digit AWS account id'],
    [
      ['--organization', '--regions', 'eu-west-1'],
      "--organization needs the member roles' external ID: --member-external-id X (or --role-arn with --external-id)",
    ],
    [
      [...BASE, '--member-role-name', 'bad role'],
      '--member-role-name must be an IAM role name (1-64 of letters, digits and +=,.@_-)',
    ],
    [
      [...BASE, '--account-concurrency', '0'],
      '--account-concurrency must be a whole number from 1 to 32, got "0"',
    ],
    [
      [...BASE, '--format', 'csv'],
      '--organization prints a summary as --format table or json; other or several formats need --output DIR',
    ],
    [[...BASE, '--demo'], '--demo cannot be combined with --organization'],
    [['--exclude-ou', SANDBOX, '--regions', 'eu-west-1'], '--exclude-ou needs --organization'],
  ])('%j', async (args, message) => {
    const run = await runScanCli(args as string[], {}, recording());
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`cloudward scan: ${message}`]);
    expect(run.stdout).toBe('');
    expect(run.calls).toBe(0);
    expect(organizations.calls()).toHaveLength(0);
  });
});
