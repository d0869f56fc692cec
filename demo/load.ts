// `loadDemo`: creates the two demo accounts and runs DEMO_ROUNDS rounds of syncAccount + evaluateAccount over the
// replayed recordings, with small changes between rounds, so the store holds alert history (opened, resolved,
// reopened, deleted-asset resolutions), suppressions and a score trend. Skips when the demo accounts exist.
import { syncAccount } from '../collector/sync';
import { evaluateAccount } from '../evaluator/evaluate-account';
import type { Account, Sync } from '../store/model';
import type { Store } from '../store/store';
import { DEMO_ACCOUNTS, DEMO_ROUNDS, type DemoAccount } from './estate/profile';
import { demoModules } from './modules';
import { demoRecordings } from './recordings';
import { replayClientConfig, type ReplayStats } from './replay';
import { addDemoSuppressions } from './suppressions';

export const DEMO_ROLE_NAME = 'CloudwardReadOnly';
/** Static credentials the replayed clients sign with (nothing leaves the process). */
export const demoCredentials = async () => ({ accessKeyId: 'AKIADEMODEMODEMO0000', secretAccessKey: 'demo' });

export interface LoadDemoOptions {
  /** Encrypts the demo accounts' external IDs like the API does (default: a marker the API shows masked). */
  encryptExternalId?: (plaintext: string) => string;
  log?: (message: string) => void;
}

export interface LoadDemoResult {
  /** False when the demo accounts already existed (nothing was changed). */
  loaded: boolean;
  accounts: Account[];
  syncs: Sync[];
  /** Calls the recordings did not cover (answered as an empty account would); empty when the demo is complete. */
  replayMisses: string[];
  durationMs: number;
}

export function isDemoAccount(account: Pick<Account, 'awsAccountId' | 'roleArn'>): boolean {
  return DEMO_ACCOUNTS.some(
    (demo) => demo.awsAccountId === account.awsAccountId && account.roleArn === demoRoleArn(demo),
  );
}

function demoRoleArn(demo: DemoAccount): string {
  return `arn:aws:iam::${demo.awsAccountId}:role/${DEMO_ROLE_NAME}`;
}

async function existingDemoAccounts(store: Store): Promise<Account[]> {
  const found: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAccounts({ cursor, limit: 500 });
    found.push(...page.items.filter((account) => isDemoAccount(account)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/**
 * The options `syncAccount` / `collectAccount` need to read a demo account from its recordings (also what
 * `cloudward scan --demo` uses). `stats` collects replay misses.
 */
export function demoSyncOptions(
  awsAccountId: string,
  options: { round?: number; now?: Date; stats?: ReplayStats } = {},
) {
  const recording = demoRecordings(awsAccountId, { round: options.round, now: options.now });
  return {
    credentials: demoCredentials,
    clientConfig: replayClientConfig(recording, options.stats),
    modules: demoModules(),
  };
}

export async function loadDemo(store: Store, options: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const existing = await existingDemoAccounts(store);
  if (existing.length > 0) {
    log(`demo accounts already exist (${existing.map((account) => account.name).join(', ')}): skipping`);
    return {
      loaded: false,
      accounts: existing,
      syncs: [],
      replayMisses: [],
      durationMs: Date.now() - started,
    };
  }
  // One clock: the recordings' dates, the suppressions' expiry and the evaluations all read the store's.
  const now = store.now();
  const encrypt = options.encryptExternalId ?? ((plaintext: string) => `demo:${plaintext}`);
  const accounts: { demo: DemoAccount; account: Account }[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const account = await store.createAccount({
      name: demo.name,
      awsAccountId: demo.awsAccountId,
      roleArn: demoRoleArn(demo),
      externalIdCiphertext: encrypt(`cloudward-demo-${demo.awsAccountId}`),
      regions: demo.regions,
    });
    accounts.push({ demo, account });
  }

  const syncs: Sync[] = [];
  const stats: ReplayStats = { calls: 0, misses: [] };
  for (let round = 0; round < DEMO_ROUNDS; round += 1) {
    // The accepted risks are recorded before the last round, as a reviewer would after seeing the alerts.
    if (round === DEMO_ROUNDS - 1) await addDemoSuppressions(store, accounts, now);
    // The two accounts are independent: their syncs and evaluations overlap.
    await Promise.all(
      accounts.map(async ({ demo, account }) => {
        const sync = await store.createSync(account.id, round === 0 ? 'create' : 'schedule');
        await store.markSyncRunning(sync.id);
        const current = (await store.getAccount(account.id)) ?? account;
        const outcome = await syncAccount(store, current, sync, {
          ...demoSyncOptions(demo.awsAccountId, { round, now, stats }),
          unitTimeoutMs: 60_000,
        });
        syncs.push(await store.finishSync(sync.id, outcome.status, outcome.error));
        const evaluation = await evaluateAccount(store, account.id);
        log(
          `demo round ${round + 1}/${DEMO_ROUNDS} ${demo.name}: ${outcome.assetCount} assets (${outcome.status}), ` +
            `alerts opened ${evaluation.summary.opened}, resolved ${evaluation.summary.resolved}, reopened ${evaluation.summary.reopened}`,
        );
      }),
    );
  }
  const loaded = await Promise.all(accounts.map(({ account }) => store.getAccount(account.id)));
  return {
    loaded: true,
    accounts: loaded.filter((account): account is Account => account !== null),
    syncs,
    replayMisses: [...new Set(stats.misses)],
    durationMs: Date.now() - started,
  };
}
