// The sync/evaluate/schedule jobs over a real (in-memory) store and the in-process queue.
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import type { Account, Sync, SyncProgress } from '../../store/model';
import {
  handleScheduledSync,
  registerAccountJobs,
  requestSync,
  requeueUnfinishedSyncs,
  scheduleSyncs,
  syncIntervalMinutes,
  type RunEvaluation,
  type RunSync,
} from '../../api/jobs/account-jobs';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import { evaluationNotAvailable, syncNotAvailable } from '../../api/jobs/placeholders';
import { waitFor } from './wait';

let store: Store;
let nextAccount = 300000000000;

beforeAll(async () => {
  store = await openStore({ memory: true });
});
afterAll(async () => {
  await store.close();
});

async function newAccount(status: Account['status'] = 'enabled'): Promise<Account> {
  const awsAccountId = String(nextAccount++);
  const account = await store.createAccount({
    name: `jobs ${awsAccountId}`,
    awsAccountId,
    roleArn: `arn:aws:iam::${awsAccountId}:role/Cloudward`,
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  return status === 'disabled' ? store.setAccountStatus(account.id, 'disabled') : account;
}

interface Harness {
  queue: InProcessJobQueue;
  syncCalls: { account: Account; sync: Sync }[];
  evaluations: string[];
}

function start(runSync: RunSync, runEvaluation?: RunEvaluation): Harness {
  const queue = new InProcessJobQueue();
  const harness: Harness = { queue, syncCalls: [], evaluations: [] };
  registerAccountJobs({
    store,
    queue,
    runSync: async (s, account, sync, onProgress) => {
      harness.syncCalls.push({ account, sync });
      return runSync(s, account, sync, onProgress);
    },
    runEvaluation: async (s, accountId) => {
      harness.evaluations.push(accountId);
      await runEvaluation?.(s, accountId);
    },
  });
  return harness;
}

const finished = async (syncId: string) => {
  const sync = await store.getSync(syncId);
  return sync !== null && sync.status !== 'queued' && sync.status !== 'running';
};

test('a sync runs, records progress and outcome, then queues an evaluation', async () => {
  const progressSeen: SyncProgress[] = [];
  const h = start(async (s, _account, sync, onProgress) => {
    expect((await s.getSync(sync.id))!.status).toBe('running');
    await onProgress({ done: 1, total: 2, current: 'ec2 eu-west-1' });
    progressSeen.push((await s.getSync(sync.id))!.progress);
    return 'partial';
  });
  try {
    const account = await newAccount();
    const sync = await requestSync(store, h.queue, account, 'manual');
    await waitFor(() => finished(sync.id));
    expect((await store.getSync(sync.id))!.status).toBe('partial');
    expect(progressSeen).toEqual([{ done: 1, total: 2, current: 'ec2 eu-west-1' }]);
    await waitFor(() => h.evaluations.includes(account.id));
  } finally {
    await h.queue.close();
  }
});

test('a failed sync is not followed by an evaluation', async () => {
  const h = start(async () => 'failed');
  try {
    const account = await newAccount();
    const sync = await requestSync(store, h.queue, account, 'manual');
    await waitFor(() => finished(sync.id));
    expect((await store.getSync(sync.id))!.status).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.evaluations).not.toContain(account.id);
  } finally {
    await h.queue.close();
  }
});

test('a sync that throws is retried, then recorded as failed with the reason', async () => {
  const queue = new InProcessJobQueue();
  let calls = 0;
  registerAccountJobs({
    store,
    queue,
    runSync: async () => {
      calls += 1;
      throw new Error('ThrottlingException: rate exceeded');
    },
    runEvaluation: async () => undefined,
  });
  try {
    const account = await newAccount();
    const sync = await store.createSync(account.id, 'manual');
    await queue.enqueue(
      'sync-account',
      { accountId: account.id, syncId: sync.id },
      { attempts: 2, backoffMs: 20 },
    );
    await waitFor(() => finished(sync.id));
    expect(calls).toBe(2);
    expect(await store.getSync(sync.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('ThrottlingException'),
    });
    // The account is free for the next sync.
    expect(await store.getRunningSync(account.id)).toBeNull();
  } finally {
    await queue.close();
  }
});

test('the placeholders fail the sync at once with a clear reason', async () => {
  const queue = new InProcessJobQueue();
  registerAccountJobs({ store, queue, runSync: syncNotAvailable, runEvaluation: evaluationNotAvailable });
  try {
    const account = await newAccount();
    const sync = await requestSync(store, queue, account, 'manual');
    await waitFor(() => finished(sync.id));
    expect(await store.getSync(sync.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('sync is not available'),
    });
  } finally {
    await queue.close();
  }
});

test('sync jobs refuse disabled accounts', async () => {
  const h = start(async () => 'succeeded');
  try {
    const account = await newAccount();
    const sync = await store.createSync(account.id, 'manual');
    await store.setAccountStatus(account.id, 'disabled');
    await h.queue.enqueue('sync-account', { accountId: account.id, syncId: sync.id });
    await waitFor(() => finished(sync.id));
    expect(await store.getSync(sync.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('disabled'),
    });
    expect(h.syncCalls).toHaveLength(0);
    await expect(
      requestSync(store, h.queue, (await store.getAccount(account.id))!, 'manual'),
    ).rejects.toThrow(/disabled/);
  } finally {
    await h.queue.close();
  }
});

test('evaluation jobs refuse disabled accounts', async () => {
  const h = start(async () => 'succeeded');
  try {
    const account = await newAccount('disabled');
    const enabled = await newAccount();
    await h.queue.enqueue('evaluate-account', { accountId: account.id });
    await h.queue.enqueue('evaluate-account', { accountId: enabled.id });
    await waitFor(() => h.evaluations.includes(enabled.id));
    expect(h.evaluations).not.toContain(account.id);
  } finally {
    await h.queue.close();
  }
});

test('a second sync of the same account is refused while one is queued', async () => {
  const queue = new InProcessJobQueue(); // no handlers: the first sync stays queued
  try {
    const account = await newAccount();
    await requestSync(store, queue, account, 'manual');
    await expect(requestSync(store, queue, account, 'manual')).rejects.toMatchObject({
      name: 'ConflictError',
    });
  } finally {
    await queue.close();
  }
});

test('syncs left unfinished by a crash are re-run at start and finish', async () => {
  const account = await newAccount();
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id); // the process died here
  const h = start(async () => 'succeeded');
  try {
    const requeued = await requeueUnfinishedSyncs(store, h.queue);
    expect(requeued).toBeGreaterThanOrEqual(1);
    await waitFor(() => finished(sync.id));
    expect((await store.getSync(sync.id))!.status).toBe('succeeded');
    expect(h.syncCalls.filter((call) => call.sync.id === sync.id)).toHaveLength(1);
  } finally {
    await h.queue.close();
  }
});

test('a finished sync delivered again is not re-run', async () => {
  const h = start(async () => 'succeeded');
  try {
    const account = await newAccount();
    const sync = await requestSync(store, h.queue, account, 'manual');
    await waitFor(() => finished(sync.id));
    await h.queue.enqueue('sync-account', { accountId: account.id, syncId: sync.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.syncCalls.filter((call) => call.sync.id === sync.id)).toHaveLength(1);
  } finally {
    await h.queue.close();
  }
});

test('the scheduled sync queues every enabled account once and skips busy and disabled ones', async () => {
  const queue = new InProcessJobQueue(); // no sync handler: queued syncs stay queued
  try {
    const idle = await newAccount();
    const busy = await newAccount();
    const disabled = await newAccount('disabled');
    await requestSync(store, queue, busy, 'manual');
    const outcome = await handleScheduledSync({
      store,
      queue,
      runSync: syncNotAvailable,
      runEvaluation: evaluationNotAvailable,
    });
    expect(outcome.skipped).toBeGreaterThanOrEqual(1);
    expect(await store.getRunningSync(idle.id)).toMatchObject({ trigger: 'schedule' });
    expect(await store.getRunningSync(busy.id)).toMatchObject({ trigger: 'manual' });
    expect(await store.getRunningSync(disabled.id)).toBeNull();
  } finally {
    await queue.close();
  }
});

test('scheduleSyncs registers the repeatable scheduled-sync job', async () => {
  const queue = new InProcessJobQueue();
  const schedule = jest.spyOn(queue, 'schedule');
  await scheduleSyncs(queue, 15);
  expect(schedule).toHaveBeenCalledWith('scheduled-sync', 15 * 60_000);
  await queue.close();
});

test('CLOUDWARD_SYNC_INTERVAL defaults to a day and rejects nonsense', () => {
  expect(syncIntervalMinutes(undefined)).toBe(1440);
  expect(syncIntervalMinutes('30')).toBe(30);
  expect(() => syncIntervalMinutes('0')).toThrow(/CLOUDWARD_SYNC_INTERVAL/);
  expect(() => syncIntervalMinutes('daily')).toThrow(/CLOUDWARD_SYNC_INTERVAL/);
});
