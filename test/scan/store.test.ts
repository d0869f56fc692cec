// scan --data / DATABASE_URL: the account, the sync and the evaluation land in the store `serve` reads.
import { openStore } from '../../store/index';
import type { Store } from '../../store/store';
import { ACCOUNT, ROLE_ARN, SSH_GROUP } from './fixtures';
import { runScanCli } from './run';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SECRET_KEY = '0'.repeat(64);
let store: Store;
let dataDir: string;

beforeEach(async () => {
  store = await openStore({ memory: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'cloudward-scan-data-'));
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The scan closes the store it opened; the test keeps using this one afterwards. */
function sharedStore(): () => Promise<Store> {
  return async () => Object.assign(Object.create(store) as Store, { close: async () => undefined });
}

function scan(args: string[]) {
  return runScanCli(['--data', dataDir, ...args], {
    openStore: sharedStore(),
    env: { CLOUDWARD_SECRET_KEY: SECRET_KEY },
  });
}

describe('scan --data', () => {
  it('creates the account with its role, records a scan sync and opens alerts', async () => {
    const run = await scan([
      '--role-arn',
      ROLE_ARN,
      '--external-id',
      'ci-external-id',
      '--regions',
      'eu-west-1',
    ]);
    expect(run.code).toBe(0);
    const [account] = (await store.listAccounts()).items;
    expect(account).toMatchObject({ awsAccountId: ACCOUNT, roleArn: ROLE_ARN, regions: ['eu-west-1'] });
    expect(account.externalIdCiphertext).not.toContain('ci-external-id');
    const [sync] = (await store.listSyncs(account.id)).items;
    expect(sync).toMatchObject({ trigger: 'scan', status: 'succeeded' });
    expect(run.stderr).toContain(`stored: sync ${sync.id}`);
    const alerts = await store.listAlerts({ accountId: account.id, status: ['open'] }, { limit: 500 });
    expect(alerts.items.some((alert) => alert.assetId.endsWith(SSH_GROUP))).toBe(true);
    expect((await store.listScoreSnapshots({ accountId: account.id })).length).toBeGreaterThan(0);
  });

  it('keeps the regions an existing account had and adds the scanned ones', async () => {
    await scan(['--role-arn', ROLE_ARN, '--external-id', 'ci-external-id', '--regions', 'eu-west-1']);
    const run = await scan(['--regions', 'us-east-1']);
    expect(run.code).toBe(0);
    const accounts = (await store.listAccounts()).items;
    expect(accounts).toHaveLength(1);
    expect(accounts[0].regions).toEqual(['eu-west-1', 'us-east-1']);
    expect((await store.listSyncs(accounts[0].id)).items).toHaveLength(2);
  });

  it('records no score snapshot when --controls narrows the run (a partial score would skew the trend)', async () => {
    const run = await scan([
      '--role-arn',
      ROLE_ARN,
      '--external-id',
      'ci-external-id',
      '--regions',
      'eu-west-1',
      '--controls',
      'ec2_security_group_no_public_ssh_ingress',
    ]);
    expect(run.code).toBe(0);
    const [account] = (await store.listAccounts()).items;
    expect(await store.listScoreSnapshots({ accountId: account.id })).toEqual([]);
    expect(await store.countAlerts({ accountId: account.id })).toBe(1);
  });

  it('exits 2 and stores nothing when ambient credentials meet an account the store does not know', async () => {
    const run = await scan(['--regions', 'eu-west-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in the store yet: pass --role-arn and --external-id/);
    expect((await store.listAccounts()).items).toEqual([]);
  });

  it('exits 1 and leaves a disabled account untouched', async () => {
    await scan(['--role-arn', ROLE_ARN, '--external-id', 'ci-external-id', '--regions', 'eu-west-1']);
    const [account] = (await store.listAccounts()).items;
    await store.setAccountStatus(account.id, 'disabled');
    const run = await scan(['--regions', 'us-east-1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is disabled in the store/);
    expect((await store.getAccount(account.id))!.regions).toEqual(['eu-west-1']);
    expect((await store.listSyncs(account.id)).items).toHaveLength(1);
  });
});
