// Event mode's HTTPS push: EventBridge delivers each CloudTrail event to POST /api/v1/events/cloudtrail through an
// API destination (onboarding/events.ts). EventBridge gives up on a request after 5 seconds, so the route only
// checks and accepts (202); this queue re-reads in the background, one (account, region) at a time, merging the
// events that arrive meanwhile into the next round. A round that cannot run (a sync in flight, a failed read) is
// tried again later, a few times; after that the next full sync reconciles, as it does for anything missed.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectorModule } from '../../collector/types';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';
import type { CloudTrailChange } from './envelope';
import { classifyChange, RecentEventIds, rereadAndEvaluate, type RereadDeps } from './pipeline';
import type { ChangeTarget } from './targets';

export interface PushIngestOptions {
  store: Store;
  credentialsFor: (account: Account) => AwsCredentialIdentityProvider;
  evaluate: RereadDeps['evaluate'];
  /** Accounts without a role to assume (the demo's) ignore events. */
  skip?: (account: Account) => boolean;
  clientConfig?: Record<string, unknown>;
  modules?: CollectorModule[];
  log: { info(message: string): void; warn(message: string): void };
  /** Pause before a round that could not run is tried again (default 30 s). */
  retryMs?: number;
  /** Rounds tried for one batch before it is left to the next full sync (default 10). */
  maxAttempts?: number;
  seen?: RecentEventIds;
}

export type PushVerdict =
  { status: 'accepted'; accountId: string } | { status: 'duplicate' } | { status: 'ignored'; reason: string };

interface Batch {
  account: Account;
  region: string;
  targets: ChangeTarget[];
  attempts: number;
}

export class PushedEventIngest {
  private readonly seen: RecentEventIds;
  private readonly waiting = new Map<string, Batch>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();

  constructor(private readonly options: PushIngestOptions) {
    this.seen = options.seen ?? new RecentEventIds();
  }

  /** Checks one delivered event and queues its re-read; never waits for AWS. */
  async accept(change: CloudTrailChange): Promise<PushVerdict> {
    if (this.seen.has(change.eventId)) return { status: 'duplicate' };
    const account = await this.accountFor(change.awsAccountId);
    if (!account)
      return { status: 'ignored', reason: `no enabled account has AWS account id ${change.awsAccountId}` };
    const verdict = classifyChange(change, account, this.options.modules);
    if (verdict.kind === 'ignored') return { status: 'ignored', reason: verdict.reason };
    this.seen.add(change.eventId);
    const key = `${account.id} ${change.region}`;
    const batch = this.waiting.get(key) ?? { account, region: change.region, targets: [], attempts: 0 };
    batch.targets.push(verdict.target);
    this.waiting.set(key, batch);
    this.drain(key);
    return { status: 'accepted', accountId: account.id };
  }

  /** Resolves when nothing is waiting or running (tests; shutdown). Retries scheduled for later do not count. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  private async accountFor(awsAccountId: string): Promise<Account | null> {
    let cursor: string | undefined;
    do {
      const page = await this.options.store.listAccounts({ cursor, limit: 500 });
      const found = page.items.find((account) => account.awsAccountId === awsAccountId);
      if (found) return found.status === 'enabled' && !this.options.skip?.(found) ? found : null;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return null;
  }

  private credentialsFor(account: Account): AwsCredentialIdentityProvider {
    // One provider per role (it caches the assumed role until near expiry), not one per event.
    const key = `${account.id} ${account.roleArn} ${account.externalIdCiphertext}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = this.options.credentialsFor(account);
      this.providers.set(key, provider);
    }
    return provider;
  }

  /** Starts a round for `key` unless one is running (that round's end starts the next). */
  private drain(key: string): void {
    if (this.stopped || this.running.has(key)) return;
    const batch = this.waiting.get(key);
    if (!batch) return;
    this.waiting.delete(key);
    const round = this.runRound(key, batch).finally(() => {
      this.running.delete(key);
      this.drain(key);
    });
    this.running.set(key, round);
  }

  private async runRound(key: string, batch: Batch): Promise<void> {
    const { log } = this.options;
    let done = false;
    try {
      const outcome = await rereadAndEvaluate(
        {
          store: this.options.store,
          credentials: this.credentialsFor(batch.account),
          evaluate: this.options.evaluate,
          clientConfig: this.options.clientConfig,
          modules: this.options.modules,
        },
        batch.account,
        batch.region,
        batch.targets,
        log.info,
      );
      done = outcome.done;
    } catch (error) {
      log.warn(
        `pushed events of account ${batch.account.id} in ${batch.region}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (done) return;
    batch.attempts += 1;
    if (batch.attempts >= (this.options.maxAttempts ?? 10)) {
      log.warn(
        `pushed events of account ${batch.account.id} in ${batch.region} dropped after ${batch.attempts} tries: the next full sync reads them`,
      );
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // Events that arrived meanwhile join this batch.
      const newer = this.waiting.get(key);
      this.waiting.set(key, {
        ...batch,
        targets: [...batch.targets, ...(newer?.targets ?? [])],
      });
      this.drain(key);
    }, this.options.retryMs ?? 30_000);
    timer.unref();
    this.timers.add(timer);
  }
}
