// The sync/evaluate/schedule jobs over a real (in-memory) store and the in-process queue.
import { openStore } from '../../store';
import type { Store } from '../../store/store';
import type { Account, Sync, SyncProgress } from '../../store/model';
import {
  handleScheduledSync,
  handleSyncJob,
  QueueUnavailableError,
  registerAccountJobs,
  requestSync,
  requeueRequestedEvaluations,
  requeueUnfinishedSyncs,
  scheduleSyncs,
  syncIntervalMinutes,
  type RunEvaluation,
  type RunSync,
} from '../../api/jobs/account-jobs';
import { BullMqJobQueue } from '../../api/jobs/bullmq';
import { InProcessJobQueue } from '../../api/jobs/in-process';
import type { EnqueueResult } from '../../api/jobs/queue';
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

const needsEvaluation = async (accountId: string) =>
  (await store.listAccountsNeedingEvaluation()).some((request) => request.accountId === accountId);

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
    // The evaluation answered the store's request.
    await waitFor(async () => !(await needsEvaluation(account.id)), 2_000, 'the request to be cleared');
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
    expect(await needsEvaluation(account.id)).toBe(false);
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

test('an evaluation lost with the in-memory queue (crash after the sync) runs at the next start', async () => {
  const account = await newAccount();
  // First run: only syncs are processed, so the evaluation job waits in memory, as in a process killed
  // between the end of the sync and the start of its evaluation.
  const crashed = new InProcessJobQueue();
  const deps = {
    store,
    queue: crashed,
    runSync: async () => 'succeeded' as const,
    runEvaluation: async () => {},
  };
  crashed.process<{ accountId: string; syncId: string }>('sync-account', (data, context) =>
    handleSyncJob(deps, data, context),
  );
  const sync = await requestSync(store, crashed, account, 'manual');
  await waitFor(() => finished(sync.id));
  await crashed.close({ graceMs: 100 });
  expect(await store.countAlerts({ accountId: account.id })).toBe(0);
  expect(await needsEvaluation(account.id)).toBe(true);

  // Restart: a fresh queue, and the start-up requeue finds the request in the store.
  const h = start(
    async () => 'succeeded',
    async (s, accountId) => {
      await s.applyResults(
        accountId,
        ['c1'],
        [
          {
            controlId: 'c1',
            accountId,
            region: 'eu-west-1',
            assetId: 'i-1',
            resourceType: 'aws_ec2_instance',
            status: 'fail',
            severity: 'high',
            reason: 'c1 fails on i-1',
            evidence: [],
            trace: [],
            exposed: false,
          },
        ],
      );
    },
  );
  try {
    expect(await requeueRequestedEvaluations(store, h.queue)).toBeGreaterThanOrEqual(1);
    await waitFor(() => h.evaluations.includes(account.id), 5_000, 'the evaluation');
    await waitFor(async () => !(await needsEvaluation(account.id)), 2_000, 'the request to be cleared');
    expect(await store.countAlerts({ accountId: account.id, status: ['open'] })).toBe(1);
    expect(h.evaluations.filter((id) => id === account.id)).toHaveLength(1);
  } finally {
    await h.queue.close();
  }
});

test('an evaluation that fails leaves the request for the next start', async () => {
  const account = await newAccount();
  const requestedAt = await store.requestEvaluation(account.id);
  const h = start(
    async () => 'succeeded',
    async () => {
      throw new Error('controls failed to load');
    },
  );
  try {
    await h.queue.enqueue(
      'evaluate-account',
      { accountId: account.id, requestedAt },
      { attempts: 1, jobId: `evaluate-${account.id}-failing` },
    );
    await waitFor(() => h.evaluations.includes(account.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.listAccountsNeedingEvaluation()).toContainEqual({
      accountId: account.id,
      requestedAt,
    });
  } finally {
    await h.queue.close();
    await store.clearEvaluationRequest(account.id, requestedAt);
  }
});

/** A queue whose backend never answers (BullMQ while Redis is down queues commands and waits). */
class UnreachableQueue extends InProcessJobQueue {
  override enqueue(): Promise<EnqueueResult> {
    return new Promise<EnqueueResult>(() => undefined);
  }
}

test('requestSync gives up on a queue that does not answer and frees the account for the next request', async () => {
  const account = await newAccount();
  const unreachable = new UnreachableQueue();
  const started = Date.now();

  const refused = requestSync(store, unreachable, account, 'manual', 100);

  await expect(refused).rejects.toBeInstanceOf(QueueUnavailableError);
  expect(Date.now() - started).toBeLessThan(2_000);
  const [failed] = (await store.listSyncs(account.id)).items;
  expect(failed).toMatchObject({
    status: 'failed',
    error: expect.stringContaining('could not queue the sync'),
  });
  expect(await store.getRunningSync(account.id)).toBeNull();

  const working = new InProcessJobQueue(); // no handlers: the sync stays queued
  try {
    const next = await requestSync(store, working, account, 'manual');
    expect(next.status).toBe('queued');
  } finally {
    await working.close();
    await unreachable.close();
  }
});

test('requestSync turns a queue that refuses the job into QueueUnavailableError', async () => {
  const account = await newAccount();
  const closed = new InProcessJobQueue();
  await closed.close();

  await expect(requestSync(store, closed, account, 'manual')).rejects.toThrow(
    new QueueUnavailableError('job queue is closed'),
  );
  expect(await store.getRunningSync(account.id)).toBeNull();
});

test('requestSync answers QueueUnavailableError in time when BullMQ cannot reach Redis', async () => {
  const account = await newAccount();
  // Nothing listens on port 1: BullMQ keeps reconnecting and holds the command instead of failing it.
  const queue = new BullMqJobQueue({ redisUrl: 'redis://127.0.0.1:1', prefix: 'cwtest-unreachable' });
  try {
    await expect(requestSync(store, queue, account, 'manual', 300)).rejects.toThrow(
      /did not answer within 0.3 s/,
    );
    expect(await store.getRunningSync(account.id)).toBeNull();
  } finally {
    await queue.close({ graceMs: 100 });
  }
});
