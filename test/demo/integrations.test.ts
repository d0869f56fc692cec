// `serve --demo` wiring: the server's integrations load the demo with encrypted external IDs, and a later sync of a
// demo account (manual or scheduled) reads its recordings instead of assuming a role in AWS.
import { randomBytes } from 'node:crypto';
import { collectorRunSync, defaultIntegrations } from '../../api/integrations';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox } from '../../api/secrets';
import { DEMO_ACCOUNTS, DEMO_ROLE_NAME, isDemoAccount } from '../../demo';
import { openStore } from '../../store';
import type { Store } from '../../store/store';

let store: Store;
const secrets = createSecretBox(randomBytes(32));

beforeAll(async () => {
  store = await openStore({ memory: true });
});

afterAll(async () => {
  await store?.close();
});

describe('demo wiring in api/integrations', () => {
  it('offers loadDemo to serve --demo', () => {
    const integrations = defaultIntegrations({ store, secrets, jobs: new InProcessJobQueue(), env: {} });
    expect(integrations.loadDemo).toEqual(expect.any(Function));
  });

  it('re-syncs a demo account from its recordings, with no AWS credentials in the environment', async () => {
    const demo = DEMO_ACCOUNTS[1];
    const account = await store.createAccount({
      name: demo.name,
      awsAccountId: demo.awsAccountId,
      roleArn: `arn:aws:iam::${demo.awsAccountId}:role/${DEMO_ROLE_NAME}`,
      externalIdCiphertext: secrets.encrypt(`cloudward-demo-${demo.awsAccountId}`),
      regions: ['eu-west-1'],
    });
    expect(isDemoAccount(account)).toBe(true);
    const sync = await store.createSync(account.id, 'manual');
    await store.markSyncRunning(sync.id);
    const progress: number[] = [];
    const status = await collectorRunSync(secrets, {})(store, account, sync, async (update) => {
      progress.push(update.done);
    });
    expect(status).toBe('succeeded');
    expect(
      await store.countAssets({ accountId: account.id, region: 'eu-west-1', type: 'aws_ec2_instance' }),
    ).toBe(3);
    expect(await store.countAssets({ accountId: account.id, region: 'us-east-1' })).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('does not treat an ordinary account with a demo account id as the demo', () => {
    expect(
      isDemoAccount({ awsAccountId: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/Other' }),
    ).toBe(false);
  });
});
