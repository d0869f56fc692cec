// Organization syncs as jobs: sync-organization (list the organization, bring its member accounts in line, queue
// the first sync of every member account that never synced) and scheduled-organization-sync (every connection on
// the account sync interval). Member syncs are ordinary sync-account jobs: any worker takes them, each at most
// `syncConcurrency` at once (and, with BullMQ, at most CLOUDWARD_SYNC_GLOBAL_CONCURRENCY across workers).
import type { Account, SyncProgress } from '../../store/model';
import type {
  OrganizationSync,
  OrganizationSyncResult,
  OrganizationSyncTrigger,
  QueuedMemberSync,
} from '../../store/organization-syncs';
import type { Organization, OrganizationMember } from '../../store/organizations';
import { ConflictError, type Store } from '../../store/store';
import {
  AccountDisabledError,
  ENQUEUE_TIMEOUT_MS,
  errorMessage,
  QueueUnavailableError,
  requestSync,
  silentLogger,
  staleSyncReason,
  withEnqueueTimeout,
  type Logger,
} from './account-jobs';
import { PermanentJobError, type JobContext, type JobQueue } from './queue';

export const ORGANIZATION_JOB_KINDS = {
  syncOrganization: 'sync-organization',
  scheduledOrganizationSync: 'scheduled-organization-sync',
} as const;

/** What one listing changed: AWS account ids created, enabled again and disabled, and every member as recorded. */
export interface MembershipChanges {
  created: string[];
  enabled: string[];
  disabled: string[];
  members: OrganizationMember[];
}

/** Lists the organization and brings its member accounts in line (api/organization-sync.ts `syncOrganization`). */
export type RunOrganizationSync = (store: Store, organization: Organization) => Promise<MembershipChanges>;

export interface OrganizationSyncJobData {
  organizationId: string;
  organizationSyncId: string;
}

export interface OrganizationJobDeps {
  store: Store;
  queue: JobQueue;
  runOrganizationSync: RunOrganizationSync;
  logger?: Logger;
}

/** BullMQ ids may not contain ':'. */
export function organizationSyncJobId(organizationId: string, organizationSyncId: string): string {
  return `org-sync-${organizationId}-${organizationSyncId}`;
}

async function enqueueOrganizationSync(
  queue: JobQueue,
  sync: Pick<OrganizationSync, 'id' | 'organizationId'>,
): Promise<void> {
  const data: OrganizationSyncJobData = { organizationId: sync.organizationId, organizationSyncId: sync.id };
  await queue.enqueue(ORGANIZATION_JOB_KINDS.syncOrganization, data, {
    jobId: organizationSyncJobId(sync.organizationId, sync.id),
  });
}

/**
 * The organization's in-flight sync, when stale (running > STALE_RUNNING_MS, or in flight > ORPHANED_SYNC_MS with
 * no job in the queue), is finished as failed with the reason; true when the organization is free afterwards.
 */
async function releaseStaleOrganizationSync(
  store: Store,
  queue: JobQueue,
  organizationId: string,
  timeoutMs: number,
): Promise<boolean> {
  const sync = await store.getRunningOrganizationSync(organizationId);
  if (!sync) return true;
  const reason = await staleSyncReason(store.now(), sync, timeoutMs, () =>
    queue.hasJob(ORGANIZATION_JOB_KINDS.syncOrganization, organizationSyncJobId(organizationId, sync.id)),
  );
  if (!reason) return false;
  await store.finishOrganizationSync(sync.id, { status: 'failed', error: reason }).catch((error: unknown) => {
    if (!(error instanceof ConflictError)) throw error;
  });
  return true;
}

/**
 * Records an organization sync and queues it. ConflictError while one is queued or running (unless stale, see
 * releaseStaleOrganizationSync); QueueUnavailableError when the queue does not take the job (recorded as failed).
 */
export async function requestOrganizationSync(
  store: Store,
  queue: JobQueue,
  organization: Organization,
  trigger: OrganizationSyncTrigger,
  enqueueTimeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<OrganizationSync> {
  let sync: OrganizationSync;
  try {
    sync = await store.createOrganizationSync(organization.id, trigger);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    if (!(await releaseStaleOrganizationSync(store, queue, organization.id, enqueueTimeoutMs))) throw error;
    sync = await store.createOrganizationSync(organization.id, trigger);
  }
  try {
    await withEnqueueTimeout(enqueueOrganizationSync(queue, sync), enqueueTimeoutMs);
  } catch (error) {
    await store.finishOrganizationSync(sync.id, {
      status: 'failed',
      error: `could not queue the sync: ${errorMessage(error)}`,
    });
    throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError(errorMessage(error));
  }
  return sync;
}

/**
 * Member accounts that get a sync queued now: those this run created or enabled again, and any enabled member
 * account that never synced (a retry after a crash between creating an account and queueing its sync).
 */
async function accountsToSync(store: Store, changes: MembershipChanges): Promise<Account[]> {
  const fresh = new Set([...changes.created, ...changes.enabled]);
  const accounts: Account[] = [];
  for (const member of changes.members) {
    if (!member.managed || !member.accountId) continue;
    const account = await store.getAccount(member.accountId);
    if (!account || account.status !== 'enabled') continue;
    if (fresh.has(member.awsAccountId) || account.lastSyncId === null) accounts.push(account);
  }
  return accounts;
}

export async function handleOrganizationSyncJob(
  deps: OrganizationJobDeps,
  data: OrganizationSyncJobData,
  context: JobContext,
): Promise<void> {
  const { store, logger = silentLogger } = deps;
  const sync = await store.getOrganizationSync(data.organizationSyncId);
  if (!sync || (sync.status !== 'queued' && sync.status !== 'running')) return; // gone or already finished
  const organization = await store.getOrganization(data.organizationId);
  if (!organization) {
    await store
      .finishOrganizationSync(sync.id, { status: 'failed', error: 'the organization was deleted' })
      .catch(() => undefined);
    return;
  }
  await store.markOrganizationSyncRunning(sync.id);
  const progress = async (value: SyncProgress) => {
    await store.updateOrganizationSyncProgress(sync.id, value);
    await context.reportProgress(value);
  };
  let changes: MembershipChanges;
  try {
    await progress({ done: 0, total: 1, current: 'listing the organization' });
    changes = await deps.runOrganizationSync(store, organization);
  } catch (error) {
    const lastTry = error instanceof PermanentJobError || context.attempt >= context.maxAttempts;
    logger.error(
      `sync ${sync.id} of organization ${organization.id} failed (attempt ${context.attempt}/${context.maxAttempts}): ${errorMessage(error)}`,
    );
    if (lastTry)
      await store.finishOrganizationSync(sync.id, { status: 'failed', error: errorMessage(error) });
    throw error;
  }

  const toSync = await accountsToSync(store, changes);
  const result: OrganizationSyncResult = {
    created: changes.created,
    enabled: changes.enabled,
    disabled: changes.disabled,
    queuedSyncs: [],
    notQueued: [],
  };
  const total = 1 + toSync.length;
  await progress({ done: 1, total, current: `queueing ${toSync.length} member sync(s)` });
  for (const account of toSync) {
    try {
      const memberSync = await requestSync(store, deps.queue, account, 'create');
      const queued: QueuedMemberSync = {
        awsAccountId: account.awsAccountId,
        accountId: account.id,
        syncId: memberSync.id,
      };
      result.queuedSyncs.push(queued);
    } catch (error) {
      // A sync already in flight will read the account anyway; anything else is recorded, and the account's
      // scheduled sync tries again.
      const reason =
        error instanceof ConflictError
          ? 'a sync of the account is already queued or running'
          : error instanceof AccountDisabledError
            ? 'the account is disabled'
            : `could not queue its sync: ${errorMessage(error)}`;
      result.notQueued.push({ awsAccountId: account.awsAccountId, reason });
    }
    await progress({ done: 1 + result.queuedSyncs.length + result.notQueued.length, total });
  }
  await store.finishOrganizationSync(sync.id, { status: 'succeeded', result });
  logger.info(
    `sync ${sync.id} of organization ${organization.id}: ${result.created.length} created, ${result.enabled.length} enabled, ` +
      `${result.disabled.length} disabled, ${result.queuedSyncs.length} member sync(s) queued`,
  );
}

export async function handleScheduledOrganizationSync(
  deps: OrganizationJobDeps,
): Promise<{ queued: number; skipped: number }> {
  const { store, logger = silentLogger } = deps;
  let queued = 0;
  let skipped = 0;
  for (const organization of await store.listOrganizations()) {
    try {
      await requestOrganizationSync(store, deps.queue, organization, 'schedule');
      queued += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      skipped += 1;
    }
  }
  logger.info(`scheduled organization sync: ${queued} organization(s) queued, ${skipped} already syncing`);
  return { queued, skipped };
}

/** At start and after a queue reset: organization syncs the store shows in flight get their job back. */
export async function requeueUnfinishedOrganizationSyncs(store: Store, queue: JobQueue): Promise<number> {
  let requeued = 0;
  for (const sync of await store.listUnfinishedOrganizationSyncs()) {
    if (
      await queue.hasJob(
        ORGANIZATION_JOB_KINDS.syncOrganization,
        organizationSyncJobId(sync.organizationId, sync.id),
      )
    )
      continue;
    await enqueueOrganizationSync(queue, sync);
    requeued += 1;
  }
  return requeued;
}

/** Starts processing organization syncs and their schedule on this queue (serve and worker). */
export function registerOrganizationJobs(
  deps: OrganizationJobDeps,
  options: { concurrency?: number } = {},
): void {
  deps.queue.process<OrganizationSyncJobData>(
    ORGANIZATION_JOB_KINDS.syncOrganization,
    (data, context) => handleOrganizationSyncJob(deps, data, context),
    { concurrency: options.concurrency ?? 1 },
  );
  deps.queue.process(ORGANIZATION_JOB_KINDS.scheduledOrganizationSync, async () => {
    await handleScheduledOrganizationSync(deps);
  });
}

/** Same interval as the account syncs (CLOUDWARD_SYNC_INTERVAL). */
export async function scheduleOrganizationSyncs(queue: JobQueue, intervalMinutes: number): Promise<void> {
  await queue.schedule(ORGANIZATION_JOB_KINDS.scheduledOrganizationSync, intervalMinutes * 60_000);
}
