// What both ways of receiving events share (SQS pull in consumer.ts, HTTPS push in push.ts): which changes to act
// on, and the re-read of the touched collector units (recorded as a sync with trigger 'event') followed by an
// evaluation of just the controls that read what was re-read. Re-reads read current state, so a duplicate or
// out-of-order event only costs a read; recently seen event ids are skipped before that.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { syncAccount } from '../../collector/sync';
import { allCollectorModules } from '../../collector/registry';
import type { CollectorModule } from '../../collector/types';
import type { Account } from '../../store/model';
import { ConflictError, type Store } from '../../store/store';
import type { CloudTrailChange } from './envelope';
import { changeTarget, type ChangeTarget } from './targets';

/** Event ids processed recently (oldest forgotten first): a redelivered or duplicated event is skipped. */
export class RecentEventIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

export interface RereadDeps {
  store: Store;
  /** Credentials of the account's role (assumeAccountRole in serve). */
  credentials: AwsCredentialIdentityProvider;
  /**
   * Evaluates the account after a re-read; the request is already in the store (Store.requestEvaluation). serve
   * queues an evaluate-account job (one evaluation per account at a time, the request cleared by the job);
   * `evaluateNow` runs it in place. `changedTypes`: the asset types the re-read replaced.
   */
  evaluate: (accountId: string, requestedAt: string, syncId: string, changedTypes: string[]) => Promise<void>;
  /** Merged into the collector clients (tests inject handlers; benchmarks endpoints). */
  clientConfig?: Record<string, unknown>;
  /** Default: the registry. */
  modules?: CollectorModule[];
}

export type ChangeVerdict = { kind: 'ignored'; reason: string } | { kind: 'apply'; target: ChangeTarget };

/** Whether `change` is one for `account` that Cloudward re-reads, and which unit it touches. */
export function classifyChange(
  change: CloudTrailChange,
  account: Account,
  modules: CollectorModule[] = allCollectorModules(),
): ChangeVerdict {
  if (change.awsAccountId !== account.awsAccountId)
    return { kind: 'ignored', reason: `the event belongs to account ${change.awsAccountId}` };
  if (change.errorCode)
    return { kind: 'ignored', reason: `the call failed (${change.errorCode}) and changed nothing` };
  const target = changeTarget(change);
  const module = target && modules.find((candidate) => candidate.service === target.service);
  if (!target || !module) return { kind: 'ignored', reason: `Cloudward does not read ${change.eventSource}` };
  if (module.scope !== 'global' && !account.regions.includes(change.region))
    return { kind: 'ignored', reason: `region ${change.region} is not monitored for this account` };
  return { kind: 'apply', target };
}

export interface RereadOutcome {
  /** false: nothing was evaluated (a sync is queued or running, or the re-read failed); try again later. */
  done: boolean;
  /** The re-read units, e.g. "s3 global (app-data)". */
  units: string[];
  syncId?: string;
}

/** Re-reads the units `targets` touch in `region` as one 'event' sync, then evaluates the controls reading them. */
export async function rereadAndEvaluate(
  deps: RereadDeps,
  account: Account,
  region: string,
  targets: ChangeTarget[],
  log: (message: string) => void,
): Promise<RereadOutcome> {
  const modules = (deps.modules ?? allCollectorModules()).filter((module) =>
    targets.some((target) => target.service === module.service),
  );
  const units = modules.map((module) => {
    const names = [
      ...new Set(targets.filter((t) => t.service === module.service).flatMap((t) => t.resources)),
    ];
    const where = module.scope === 'global' ? 'global' : region;
    return `${module.service} ${where}${names.length ? ` (${names.join(', ')})` : ''}`;
  });
  let sync;
  try {
    sync = await deps.store.createSync(account.id, 'event');
  } catch (error) {
    // A sync is queued or running: keep the events; after it they re-read (cheap) what it may have read earlier.
    if (error instanceof ConflictError) {
      log(`events for account ${account.id} wait: a sync is already queued or running`);
      return { done: false, units };
    }
    throw error;
  }
  await deps.store.markSyncRunning(sync.id);
  let status: 'succeeded' | 'partial' | 'failed';
  try {
    const outcome = await syncAccount(deps.store, account, sync, {
      credentials: deps.credentials,
      regions: [region],
      modules,
      clientConfig: deps.clientConfig,
    });
    status = outcome.status;
    await deps.store.finishSync(sync.id, status, outcome.error);
  } catch (error) {
    await deps.store.finishSync(sync.id, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
  log(`events re-read ${units.join('; ')} for account ${account.id}: ${status}`);
  if (status === 'failed') return { done: false, units, syncId: sync.id };
  // Requested in the store first, as after a full sync: a crash before the evaluation still evaluates at start.
  const requestedAt = await deps.store.requestEvaluation(account.id);
  // Only the controls reading what the re-read replaced run again (evaluator/control-inputs.ts).
  const changedTypes = [...new Set(modules.flatMap((module) => module.resourceTypes.map((t) => t.type)))];
  await deps.evaluate(account.id, requestedAt, sync.id, changedTypes);
  return { done: true, units, syncId: sync.id };
}
