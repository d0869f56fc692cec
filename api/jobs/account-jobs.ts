// The three job kinds and how they are wired: sync-account (collect), evaluate-account (controls -> alerts),
// scheduled-sync (every enabled account on an interval). The store is the durable truth: one queued/running sync
// per account (createSync throws ConflictError), and a re-run of an interrupted sync upserts over what it wrote.
// A finished sync also flags its account as needing evaluation in the store (requestEvaluation); the evaluation
// clears the flag, and start-up queues one for every account still flagged (requeueRequestedEvaluations).
import { withTimeout } from '../timeout';
import type { Account, Sync, SyncProgress } from '../../store/model';
import { ConflictError, type Store } from '../../store/store';
import { PermanentJobError, type JobContext, type JobQueue } from './queue';

export const JOB_KINDS = {
  syncAccount: 'sync-account',
  evaluateAccount: 'evaluate-account',
  scheduledSync: 'scheduled-sync',
} as const;

export type SyncOutcome = 'succeeded' | 'partial' | 'failed';

/** Collects one account (collector/ `syncAccount`). Must upsert as it goes and delete only on completion. */
export type RunSync = (
  store: Store,
  account: Account,
  sync: Sync,
  onProgress: (progress: SyncProgress) => Promise<void>,
) => Promise<SyncOutcome>;

/**
 * Evaluates one account (evaluator/ `evaluateAccount`): every control, or with `changedTypes` (event mode) only the
 * controls that read one of those asset types.
 */
export type RunEvaluation = (
  store: Store,
  accountId: string,
  options?: { changedTypes?: string[] },
) => Promise<unknown>;

export interface SyncJobData {
  accountId: string;
  syncId: string;
}

export interface EvaluateJobData {
  accountId: string;
  /** The sync whose data triggered this evaluation, if any. */
  syncId?: string;
  /** The store's evaluation request this job answers (Store.requestEvaluation); cleared when it succeeds. */
  requestedAt?: string;
  /** Event mode: only these asset types were re-read, so only the controls reading them run. */
  changedTypes?: string[];
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export class AccountDisabledError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} is disabled`);
    this.name = 'AccountDisabledError';
  }
}

/** BullMQ ids may not contain ':'; the account is part of the key so de-duplication is per account and sync. */
export function syncJobId(accountId: string, syncId: string): string {
  return `sync-${accountId}-${syncId}`;
}

export async function enqueueSync(queue: JobQueue, sync: Pick<Sync, 'id' | 'accountId'>): Promise<void> {
  const data: SyncJobData = { accountId: sync.accountId, syncId: sync.id };
  await queue.enqueue(JOB_KINDS.syncAccount, data, { jobId: syncJobId(sync.accountId, sync.id) });
}

export async function enqueueEvaluation(
  queue: JobQueue,
  accountId: string,
  syncId?: string,
  requestedAt?: string,
  changedTypes?: string[],
): Promise<void> {
  const data: EvaluateJobData = {
    accountId,
    ...(syncId ? { syncId } : {}),
    ...(requestedAt ? { requestedAt } : {}),
    ...(changedTypes ? { changedTypes } : {}),
  };
  // Keyed by the store's request (else the triggering sync): a redelivered trigger, or the start-up requeue of a
  // job Redis still holds, is dropped; a newer sync always makes a newer request and so gets its own run.
  const key = requestedAt ? `at${Date.parse(requestedAt)}` : (syncId ?? String(Date.now()));
  await queue.enqueue(JOB_KINDS.evaluateAccount, data, { jobId: `evaluate-${accountId}-${key}` });
}

/**
 * How long a request waits for the job queue to take a job. BullMQ waits for Redis indefinitely (it queues
 * commands while reconnecting), so without a bound `POST /sync` hangs as long as Redis is down.
 */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/** The job queue did not take the job (Redis unreachable, queue closing): the API answers 503. */
export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

/** Resolves or rejects with `work`; rejects with QueueUnavailableError after `timeoutMs`. */
export function withEnqueueTimeout<T>(work: Promise<T>, timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<T> {
  return withTimeout(
    work,
    timeoutMs,
    () => new QueueUnavailableError(`the job queue did not answer within ${timeoutMs / 1000} s`),
  );
}

/**
 * Records a new sync and queues it. Throws AccountDisabledError for disabled accounts, ConflictError when a sync
 * of the account is already queued or running, QueueUnavailableError when the queue refuses the job or does not
 * answer within `enqueueTimeoutMs`; NotFoundError-like null handling is the caller's job.
 */
export async function requestSync(
  store: Store,
  queue: JobQueue,
  account: Account,
  trigger: Sync['trigger'],
  enqueueTimeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<Sync> {
  if (account.status === 'disabled') throw new AccountDisabledError(account.id);
  let sync: Sync;
  try {
    sync = await store.createSync(account.id, trigger);
  } catch (error) {
    // A sync the store shows in flight may be one nothing will ever finish: free the account from it, once.
    if (!(error instanceof ConflictError)) throw error;
    if (!(await releaseStaleSync(store, queue, account.id, enqueueTimeoutMs))) throw error;
    sync = await store.createSync(account.id, trigger);
  }
  try {
    await withEnqueueTimeout(enqueueSync(queue, sync), enqueueTimeoutMs);
  } catch (error) {
    // Without a job the sync would block the account forever (409 on every later request). Should the late
    // enqueue still land, its job finds the sync finished and does nothing.
    const reason = `could not queue the sync: ${errorMessage(error)}`;
    await store.finishSync(sync.id, 'failed', reason);
    throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError(errorMessage(error));
  }
  return sync;
}

/** A sync running this long is taken as hung: a new request replaces it (the largest estates sync in minutes). */
export const STALE_RUNNING_MS = 6 * 60 * 60_000;
/** A queued or running sync with no job in the queue for this long will never run: nothing holds it any more. */
export const ORPHANED_SYNC_MS = 60_000;

/**
 * Why an in-flight sync (of an account or an organization) is to be replaced, or undefined while it is not stale:
 * running for more than STALE_RUNNING_MS, or in flight for more than ORPHANED_SYNC_MS with no job in the queue. A
 * queue that does not answer `isQueued` within `timeoutMs` proves nothing: the sync is kept.
 */
export async function staleSyncReason(
  now: Date,
  sync: { status: string; startedAt: string },
  timeoutMs: number,
  isQueued: () => Promise<boolean>,
): Promise<string | undefined> {
  const ageMs = now.getTime() - Date.parse(sync.startedAt);
  if (sync.status === 'running' && ageMs > STALE_RUNNING_MS)
    return `stale: running for more than ${STALE_RUNNING_MS / 3_600_000} h without finishing; replaced by a new sync`;
  if (ageMs <= ORPHANED_SYNC_MS) return undefined;
  const queued = await withEnqueueTimeout(isQueued(), timeoutMs).catch(() => true);
  return queued
    ? undefined
    : `interrupted: the job queue no longer held this ${sync.status} sync (Redis restarted empty?); replaced by a new sync`;
}

/**
 * The account's in-flight sync, when it is stale, is finished as failed with the reason; true when the account is
 * free afterwards. Stale: running for more than STALE_RUNNING_MS, or in flight for more than ORPHANED_SYNC_MS with
 * no job in the queue (Redis restarted empty, or its enqueue was lost). A queue that does not answer within
 * `timeoutMs` proves nothing: the sync is kept (and the caller answers 409).
 */
export async function releaseStaleSync(
  store: Store,
  queue: JobQueue,
  accountId: string,
  timeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<boolean> {
  const sync = await store.getRunningSync(accountId);
  if (!sync) return true; // it finished meanwhile
  const reason = await staleSyncReason(store.now(), sync, timeoutMs, () =>
    queue.hasJob(JOB_KINDS.syncAccount, syncJobId(accountId, sync.id)),
  );
  if (!reason) return false;
  try {
    await store.finishSync(sync.id, 'failed', reason);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // finished meanwhile: the account is free all the same
  }
  return true;
}

/**
 * After the queue lost its jobs (Redis restarted empty): every sync the store shows queued/running without a job is
 * queued again, evaluations still requested are queued again, and `restoreSchedule` (serve: scheduleSyncs) puts the
 * repeatable job back. Idempotent: each process that notices the reset may run it; job ids de-duplicate.
 */
export async function reconcileQueue(
  store: Store,
  queue: JobQueue,
  restoreSchedule?: () => Promise<void>,
): Promise<{ syncs: number; evaluations: number }> {
  if (restoreSchedule) await restoreSchedule();
  let syncs = 0;
  for (const sync of await store.listUnfinishedSyncs()) {
    if (await queue.hasJob(JOB_KINDS.syncAccount, syncJobId(sync.accountId, sync.id))) continue;
    await enqueueSync(queue, sync);
    syncs += 1;
  }
  const evaluations = await requeueRequestedEvaluations(store, queue);
  return { syncs, evaluations };
}

/**
 * serve and worker: watch the queue for a reset and reconcile when it happens (see reconcileQueue). Returns the
 * function that stops watching.
 */
export function reconcileOnReset(
  store: Store,
  queue: JobQueue,
  logger: Logger,
  options: {
    restoreSchedule?: () => Promise<void>;
    /** More to put back after the account syncs (serve and worker: unfinished organization syncs). */
    alsoReconcile?: () => Promise<void>;
    intervalMs?: number;
  } = {},
): Promise<() => void> {
  return queue.watchForReset(
    async () => {
      logger.warn(
        'the job queue lost its jobs (Redis restarted empty or was flushed): reconciling with the store',
      );
      const { syncs, evaluations } = await reconcileQueue(store, queue, options.restoreSchedule);
      await options.alsoReconcile?.();
      logger.info(
        `reconciled the job queue: ${syncs} sync(s) and ${evaluations} evaluation(s) queued again` +
          (options.restoreSchedule ? '; sync schedule restored' : ''),
      );
    },
    { intervalMs: options.intervalMs },
  );
}

/** At start: syncs left queued/running by a crash or shutdown are queued again (the job id de-duplicates). */
export async function requeueUnfinishedSyncs(store: Store, queue: JobQueue): Promise<number> {
  const syncs = await store.listUnfinishedSyncs();
  for (const sync of syncs) await enqueueSync(queue, sync);
  return syncs.length;
}

/**
 * At start: accounts whose last sync finished but whose evaluation never completed (the process died, or the
 * in-memory queue was lost) get an evaluation queued. The job id is the request, so a job Redis still holds is
 * not doubled.
 */
export async function requeueRequestedEvaluations(store: Store, queue: JobQueue): Promise<number> {
  const requests = await store.listAccountsNeedingEvaluation();
  for (const request of requests)
    await enqueueEvaluation(queue, request.accountId, undefined, request.requestedAt);
  return requests.length;
}

export interface AccountJobDeps {
  store: Store;
  queue: JobQueue;
  runSync: RunSync;
  runEvaluation: RunEvaluation;
  logger?: Logger;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function handleSyncJob(
  deps: AccountJobDeps,
  data: SyncJobData,
  context: JobContext,
): Promise<void> {
  const { store, logger = silentLogger } = deps;
  const sync = await store.getSync(data.syncId);
  if (!sync || (sync.status !== 'queued' && sync.status !== 'running')) return; // gone or already finished
  const account = await store.getAccount(data.accountId);
  if (!account) {
    await store.finishSync(sync.id, 'failed', 'the account was deleted').catch(() => undefined);
    return;
  }
  if (account.status === 'disabled') {
    await store.finishSync(sync.id, 'failed', 'the account is disabled');
    logger.warn(`sync ${sync.id} refused: account ${account.id} is disabled`);
    return;
  }
  await store.markSyncRunning(sync.id);
  const running = (await store.getSync(sync.id)) ?? sync;
  let outcome: SyncOutcome;
  try {
    outcome = await deps.runSync(store, account, running, async (progress) => {
      await store.updateSyncProgress(sync.id, progress);
      await context.reportProgress(progress);
    });
  } catch (error) {
    const lastTry = error instanceof PermanentJobError || context.attempt >= context.maxAttempts;
    logger.error(
      `sync ${sync.id} of account ${account.id} failed (attempt ${context.attempt}/${context.maxAttempts}): ${errorMessage(error)}`,
    );
    if (lastTry) await store.finishSync(sync.id, 'failed', errorMessage(error));
    throw error;
  }
  // The evaluation is requested in the store before the sync is marked finished: a crash in between re-runs the
  // sync and still evaluates, where the other order could finish the sync and never evaluate it.
  const requestedAt = outcome !== 'failed' ? await store.requestEvaluation(account.id) : undefined;
  await store.finishSync(sync.id, outcome);
  logger.info(`sync ${sync.id} of account ${account.id} ${outcome}`);
  if (requestedAt) {
    try {
      await enqueueEvaluation(deps.queue, account.id, sync.id, requestedAt);
    } catch (error) {
      // The sync is done; the request stays in the store and the next start queues it.
      logger.warn(
        `evaluation of account ${account.id} could not be queued (${errorMessage(error)}); it runs at the next start`,
      );
    }
  }
}

export async function handleEvaluateJob(deps: AccountJobDeps, data: EvaluateJobData): Promise<void> {
  const { store, logger = silentLogger } = deps;
  const account = await store.getAccount(data.accountId);
  if (!account) return;
  if (account.status === 'disabled') {
    // Disabled accounts are frozen: their alerts must not move.
    logger.warn(`evaluation of account ${account.id} refused: the account is disabled`);
    return;
  }
  const evaluation = await deps.runEvaluation(
    store,
    account.id,
    data.changedTypes ? { changedTypes: data.changedTypes } : undefined,
  );
  // Only the request this job answers: one made by a sync that finished meanwhile stays for its own job.
  if (data.requestedAt) await store.clearEvaluationRequest(account.id, data.requestedAt);
  logger.info(`evaluation of account ${account.id} finished`);
  await requestDependentEvaluations(deps, account.id, crossAccountDependents(evaluation));
}

/** The accounts an evaluation says must follow it (cross-account attack paths into the evaluated account). */
function crossAccountDependents(evaluation: unknown): string[] {
  const ids = (evaluation as { crossAccountDependents?: unknown } | undefined)?.crossAccountDependents;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Re-derives the attack paths of accounts that may step into one whose data changed: each is flagged in the store
 * first (a lost job is queued again at start), then queued; their fingerprints skip all but a real change.
 */
async function requestDependentEvaluations(deps: AccountJobDeps, from: string, ids: string[]): Promise<void> {
  const { store, logger = silentLogger } = deps;
  for (const id of ids) {
    const other = await store.getAccount(id);
    if (!other || other.status === 'disabled') continue;
    const requestedAt = await store.requestEvaluation(id);
    try {
      await enqueueEvaluation(deps.queue, id, undefined, requestedAt);
      logger.info(`evaluation of account ${id} queued: its attack paths may step into account ${from}`);
    } catch (error) {
      logger.warn(
        `evaluation of account ${id} could not be queued (${errorMessage(error)}); it runs at the next start`,
      );
    }
  }
}

export async function handleScheduledSync(
  deps: AccountJobDeps,
): Promise<{ queued: number; skipped: number }> {
  const { store, logger = silentLogger } = deps;
  let queued = 0;
  let skipped = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listAccounts({ cursor, limit: 500 });
    for (const account of page.items) {
      if (account.status !== 'enabled') continue;
      try {
        await requestSync(store, deps.queue, account, 'schedule');
        queued += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        skipped += 1; // a sync of this account is already queued or running
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  logger.info(`scheduled sync: ${queued} account(s) queued, ${skipped} already syncing`);
  return { queued, skipped };
}

export interface RegisterOptions {
  /** Account syncs run at once in this process (default 2; CLOUDWARD_SYNC_CONCURRENCY). */
  syncConcurrency?: number;
  /** BullMQ: account syncs run at once across every worker (CLOUDWARD_SYNC_GLOBAL_CONCURRENCY); unbounded when absent. */
  syncGlobalConcurrency?: number;
  evaluateConcurrency?: number;
}

/** Starts processing the three kinds on this queue (serve: in-process or BullMQ; worker: BullMQ). */
export function registerAccountJobs(deps: AccountJobDeps, options: RegisterOptions = {}): void {
  deps.queue.process<SyncJobData>(
    JOB_KINDS.syncAccount,
    (data, context) => handleSyncJob(deps, data, context),
    { concurrency: options.syncConcurrency ?? 2, globalConcurrency: options.syncGlobalConcurrency },
  );
  deps.queue.process<EvaluateJobData>(JOB_KINDS.evaluateAccount, (data) => handleEvaluateJob(deps, data), {
    concurrency: options.evaluateConcurrency ?? 1,
  });
  deps.queue.process(JOB_KINDS.scheduledSync, async () => {
    await handleScheduledSync(deps);
  });
}

/** A positive whole number from an environment variable, or undefined when it is unset. */
export function concurrencySetting(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new Error(`${name} must be a whole number from 1 to 1000, got "${value}"`);
  return count;
}

/** Default 1440 minutes (daily); CLOUDWARD_SYNC_INTERVAL overrides. */
export function syncIntervalMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1440;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 1)
    throw new Error(`CLOUDWARD_SYNC_INTERVAL must be a number of minutes >= 1, got "${value}"`);
  return minutes;
}

export async function scheduleSyncs(queue: JobQueue, intervalMinutes: number): Promise<void> {
  await queue.schedule(JOB_KINDS.scheduledSync, intervalMinutes * 60_000);
}
