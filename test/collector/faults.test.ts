// Syncs under faults, through the real SDK clients: throttling, 5xx, answers that are not AWS's format, dropped
// connections and operations that keep failing. Whatever happens, the sync ends, every failure is recorded with a
// code, and nothing already in the store is lost (an asset is marked deleted only when its type was read
// completely, and the estate here never changes, so nothing may be deleted at all).
import { FakeAws } from '../../bench/collector-fake-aws';
import {
  ec2ErrorReply,
  queryErrorReply,
  s3ErrorReply,
  type Reply,
} from '../../bench/collector-fake-responses';
import { allCollectorModules } from '../../collector/registry';
import { syncAccount } from '../../collector/sync';
import { openStore } from '../../store';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';

const REGIONS = ['us-east-1', 'eu-west-1'];
const MODULES = allCollectorModules().filter((module) =>
  ['iam', 's3', 'ec2', 'elb'].includes(module.service),
);
const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AWS's own error answer for the protocol of `api` (EC2's, S3's, or the query protocol's). */
function awsError(api: string, status: number, code: string): Reply {
  if (api.startsWith('EC2.')) return ec2ErrorReply(status, code, 'injected');
  if (api.startsWith('S3')) return s3ErrorReply(status, code, 'injected');
  return queryErrorReply(status, code, 'injected');
}

const htmlPage: Reply = {
  status: 502,
  headers: { 'content-type': 'text/html' },
  body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
};

function faultyAws(seed: number, options: { broken: Set<string> }) {
  const random = seeded(seed);
  const fake = new FakeAws({
    estate: { regions: REGIONS, instances: 60, securityGroups: 30, buckets: 12, iamPrincipals: 10 },
    intercept: (api, _attempt, region) => {
      // Operations that fail on every attempt in a region: the retries cannot save them.
      if (options.broken.has(`${api}@${region}`)) return awsError(api, 500, 'InternalError');
      const roll = random();
      if (roll < 0.02) return awsError(api, api.startsWith('EC2.') ? 503 : 400, throttleCode(api));
      if (roll < 0.05) return awsError(api, 500, 'InternalError');
      if (roll < 0.07) return htmlPage;
      return undefined;
    },
  });
  // Connections dropped before any answer, as a flaky network or a restarting endpoint does.
  const requestHandler = {
    ...fake.requestHandler,
    handle: async (request: Parameters<FakeAws['requestHandler']['handle']>[0]) => {
      if (random() < 0.02) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return fake.requestHandler.handle(request);
    },
  };
  return { fake, requestHandler };
}

function throttleCode(api: string): string {
  if (api.startsWith('EC2.')) return 'RequestLimitExceeded';
  if (api.startsWith('S3')) return 'SlowDown';
  return 'Throttling';
}

let store: Store;
let account: Account;

beforeAll(async () => {
  store = await openStore({ memory: true });
  account = await store.createAccount({
    name: 'Faults',
    awsAccountId: '123456789012',
    roleArn: 'arn:aws:iam::123456789012:role/CloudwardReadOnly',
    externalIdCiphertext: 'not-used',
    regions: REGIONS,
  });
});
afterAll(async () => {
  await store.close();
});

async function sync(requestHandler: unknown) {
  const record = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(record.id);
  const outcome = await syncAccount(store, account, record, {
    credentials,
    modules: MODULES,
    clientConfig: { requestHandler },
    concurrency: 16,
  });
  await store.finishSync(record.id, outcome.status === 'failed' ? 'failed' : outcome.status);
  return outcome;
}

async function countsByType(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const type of [
    'aws_ec2_instance',
    'aws_ec2_security_group',
    'aws_s3_bucket',
    'aws_iam_user',
    'aws_iam_role',
  ])
    counts[type] = await store.countAssets({ accountId: account.id, type });
  return counts;
}

it('keeps every asset through syncs under random faults, and records each failure with a code', async () => {
  const clean = await sync(
    new FakeAws({
      estate: { regions: REGIONS, instances: 60, securityGroups: 30, buckets: 12, iamPrincipals: 10 },
    }).requestHandler,
  );
  expect(clean.status).toBe('succeeded');
  const before = await countsByType();
  expect(before).toEqual({
    aws_ec2_instance: 60,
    aws_ec2_security_group: 30,
    aws_s3_bucket: 12,
    aws_iam_user: 5,
    aws_iam_role: 5,
  });

  const broken = new Set([
    'EC2.DescribeInstances@eu-west-1',
    'EC2.DescribeSecurityGroups@us-east-1',
    'IAM.GetAccountAuthorizationDetails@us-east-1',
  ]);
  let retries = 0;
  for (const seed of [1, 2]) {
    const { fake, requestHandler } = faultyAws(seed, { broken });
    const outcome = await sync(requestHandler);
    expect(outcome.status).toBe('partial');
    expect(fake.totalCalls).toBeGreaterThan(0);
    retries += outcome.services.reduce((sum, service) => sum + service.retries, 0);
    for (const service of outcome.services.filter((result) => result.status === 'failed')) {
      expect(service.errorCode).toMatch(/^[A-Za-z0-9]+$/);
      expect(service.errorMessage).toBeTruthy();
    }
    // The always-broken reads are reported where they happened.
    const failed = outcome.services.filter((result) => result.status === 'failed');
    expect(failed.some((result) => result.service === 'ec2' && result.region === 'eu-west-1')).toBe(true);
    expect(failed.some((result) => result.service === 'ec2' && result.region === 'us-east-1')).toBe(true);
    expect(failed.some((result) => result.service === 'iam')).toBe(true);
    // No data lost: every asset of the unchanged estate is still there, none marked deleted.
    expect(await countsByType()).toEqual(before);
  }
  // Transient faults were absorbed by retries rather than failing their reads.
  expect(retries).toBeGreaterThan(0);
}, 180_000);
