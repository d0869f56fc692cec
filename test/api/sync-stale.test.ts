// POST /api/v1/accounts/:id/sync after the job queue lost a sync (issue #13, item 3): 409 while the sync may still
// run, then the stale sync is recorded as failed and a new one is accepted (202), never 409 forever. The store's
// clock is moved forward instead of waiting.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../api/app';
import { generateToken, hashToken } from '../../api/auth';
import { ORPHANED_SYNC_MS, STALE_RUNNING_MS } from '../../api/jobs/account-jobs';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { createSecretBox } from '../../api/secrets';
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import { expectProblem } from './helpers';

const base = Date.parse('2026-04-01T08:00:00Z');
let offsetMs = 0;
let store: Store;
let jobs: InProcessJobQueue;
let app: ReturnType<typeof createApp>;
let admin: string;
let nextAccount = 430000000000;

beforeAll(async () => {
  store = await openStore({ memory: true, clock: () => new Date(base + offsetMs) });
  // No handlers: queued syncs stay queued, as when no worker runs.
  jobs = new InProcessJobQueue();
  const token = generateToken();
  await store.createToken({ name: 'admin', role: 'admin', tokenHash: hashToken(token) });
  admin = `Bearer ${token}`;
  app = createApp({ store, secrets: createSecretBox(randomBytes(32)), jobs, webDir: null, env: {} });
});
afterAll(async () => {
  await jobs.close({ graceMs: 100 });
  await store.close();
});
beforeEach(() => {
  offsetMs = 0;
});

async function newAccountId(): Promise<string> {
  const awsAccountId = String(nextAccount++);
  const account = await store.createAccount({
    name: `stale ${awsAccountId}`,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/Cloudward`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  return account.id;
}

const postSync = (accountId: string) =>
  request(app).post(`/api/v1/accounts/${accountId}/sync`).set('Authorization', admin);

test('a sync with no job in the queue: 409 for a minute, then it is failed with the reason and a new one is 202', async () => {
  const accountId = await newAccountId();
  // Queued in the store, no job anywhere: Redis restarted empty after it was queued.
  const lost = await store.createSync(accountId, 'manual');
  const early = await postSync(accountId);
  expectProblem(early, 409);
  expect(early.body.syncId).toBe(lost.id);

  offsetMs = ORPHANED_SYNC_MS + 5_000;
  const accepted = await postSync(accountId);
  expect(accepted.status).toBe(202);
  expect(accepted.body.syncId).not.toBe(lost.id);
  const old = await request(app).get(`/api/v1/syncs/${lost.id}`).set('Authorization', admin);
  expect(old.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted: /) });
});

test('a sync whose job is still queued keeps the account busy (409) until it has run for 6 h', async () => {
  const accountId = await newAccountId();
  const first = await postSync(accountId);
  expect(first.status).toBe(202);
  offsetMs = 60 * 60_000;
  expectProblem(await postSync(accountId), 409);

  await store.markSyncRunning(first.body.syncId); // started an hour after it was queued
  offsetMs += STALE_RUNNING_MS - 60_000;
  expectProblem(await postSync(accountId), 409);
  offsetMs += 2 * 60_000;
  const replaced = await postSync(accountId);
  expect(replaced.status).toBe(202);
  expect((await store.getSync(first.body.syncId))?.error).toMatch(/^stale: running for more than 6 h/);
});
