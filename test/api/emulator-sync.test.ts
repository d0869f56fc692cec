// What `serve` does with a connected account, against an AWS-compatible endpoint on a real HTTP port (LocalStack,
// moto): the sync assumes the role with its external ID through AWS_ENDPOINT_URL, stores what it read, records
// what the endpoint did not serve, and the evaluation turns the stored assets into alerts.
import { randomBytes } from 'node:crypto';
import { collectorRunSync } from '../../api/integrations';
import { createSecretBox } from '../../api/secrets';
import { FakeAws } from '../../bench/collector-fake-aws';
import { serveFakeAws, useEndpointEnv, type FakeAwsServer } from '../../bench/collector-fake-aws-http';
import { ACCOUNT } from '../../bench/collector-fake-responses';
import { evaluateAccount } from '../../evaluator/evaluate-account';
import { openStore } from '../../store';
import type { Store } from '../../store/store';

const REGIONS = ['us-east-1', 'eu-west-1'];
let restoreEnv: () => void;
const secrets = createSecretBox(randomBytes(32));
let fake: FakeAws;
let server: FakeAwsServer;
let store: Store;

beforeAll(async () => {
  store = await openStore({ memory: true });
  fake = new FakeAws({
    estate: { regions: REGIONS, instances: 10, securityGroups: 4, buckets: 3, iamPrincipals: 4 },
  });
  server = await serveFakeAws(fake);
  restoreEnv = useEndpointEnv(server.url);
});
afterAll(async () => {
  restoreEnv();
  await server.close();
  await store.close();
});

it('syncs a connected account through the endpoint and evaluates it', async () => {
  const account = await store.createAccount({
    name: 'Emulated',
    awsAccountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
    externalIdCiphertext: secrets.encrypt('emulated-external-id'),
    regions: REGIONS,
  });
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  const status = await collectorRunSync(secrets, { AWS_REGION: 'us-east-1' })(
    store,
    account,
    sync,
    async () => undefined,
  );
  // The endpoint serves EC2, ELB, IAM, S3 and STS only: the other services are recorded as failed, so partial.
  expect(status).toBe('partial');
  expect(fake.calls['STS.AssumeRole']).toBe(1);
  for (const region of REGIONS)
    expect(await store.countAssets({ accountId: account.id, region, type: 'aws_ec2_instance' })).toBe(5);
  expect(await store.countAssets({ accountId: account.id, type: 'aws_s3_bucket' })).toBe(3);
  expect(await store.countAssets({ accountId: account.id, type: 'aws_iam_user' })).toBe(2);
  const record = await store.getSync(sync.id);
  const failed = record?.services?.filter((service) => service.status === 'failed') ?? [];
  expect(failed.some((service) => service.service === 'cloudtrail' && service.errorCode)).toBe(true);
  expect(failed.some((service) => ['ec2', 'iam', 's3', 'elb'].includes(service.service))).toBe(false);

  await evaluateAccount(store, account.id);
  const alerts = await store.listAlerts({ accountId: account.id, status: ['open'] }, { limit: 500 });
  expect(alerts.items.length).toBeGreaterThan(0);
});
