// `loadDemo`: creates the two demo workload accounts and the organization connection they belong to, and runs
// DEMO_ROUNDS rounds of organization sync (which adds the organization's other accounts and, in the last round,
// disables the suspended sandbox's) + syncAccount + evaluateAccount over the replayed recordings, with small
// changes between rounds, so the store holds alert history (opened, resolved, reopened, deleted-asset
// resolutions), suppressions, a score trend and organization members with reasons. Skips when the demo exists.
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { syncOrganization } from '../api/organization-sync';
import { syncAccount } from '../collector/sync';
import { evaluateAccount } from '../evaluator/evaluate-account';
import type { Account, Sync } from '../store/model';
import type { Store } from '../store/store';
import type { Organization } from '../store/organizations';
import { DEMO_LANDING_ZONE_ACCOUNT_IDS, DEMO_MANAGEMENT_ACCOUNT_ID } from './estate/organization';
import { DEMO_ACCOUNTS, DEMO_REGIONS, DEMO_ROUNDS, type DemoAccount } from './estate/profile';
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

/** Every demo account: the two workload accounts and the organization's own (management, security, sandbox). */
const DEMO_ACCOUNT_IDS = [
  ...DEMO_ACCOUNTS.map((demo) => demo.awsAccountId),
  ...DEMO_LANDING_ZONE_ACCOUNT_IDS,
];

export function isDemoAccount(account: Pick<Account, 'awsAccountId' | 'roleArn'>): boolean {
  return (
    DEMO_ACCOUNT_IDS.includes(account.awsAccountId) && account.roleArn === demoRoleArn(account.awsAccountId)
  );
}

function demoRoleArn(awsAccountId: string): string {
  return `arn:aws:iam::${awsAccountId}:role/${DEMO_ROLE_NAME}`;
}

/** The demo organization's connection: its management account's role, the same role name in every member. */
export const DEMO_ORGANIZATION_NAME = 'Example Corp';

/** One organization sync of the demo through the real code path, its Organizations answers replayed. */
async function syncDemoOrganization(
  store: Store,
  organization: Organization,
  round: number,
  now: Date,
  stats: ReplayStats,
): Promise<void> {
  const recording = demoRecordings(DEMO_MANAGEMENT_ACCOUNT_ID, { round, now });
  const client = new OrganizationsClient({
    region: 'us-east-1',
    credentials: demoCredentials,
    ...replayClientConfig(recording, stats),
  });
  try {
    await syncOrganization(organization, { store, decrypt: () => 'demo', client });
  } finally {
    client.destroy();
  }
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
      roleArn: demoRoleArn(demo.awsAccountId),
      externalIdCiphertext: encrypt(`cloudward-demo-${demo.awsAccountId}`),
      regions: demo.regions,
    });
    accounts.push({ demo, account });
  }

  const organization = await store.createOrganization({
    name: DEMO_ORGANIZATION_NAME,
    managementAccountId: DEMO_MANAGEMENT_ACCOUNT_ID,
    roleArn: demoRoleArn(DEMO_MANAGEMENT_ACCOUNT_ID),
    externalIdCiphertext: encrypt(`cloudward-demo-${DEMO_MANAGEMENT_ACCOUNT_ID}`),
    memberRoleName: DEMO_ROLE_NAME,
    regions: DEMO_REGIONS,
    includeOuIds: [],
    excludeOuIds: [],
    includeAccountIds: [],
    excludeAccountIds: [],
  });

  const syncs: Sync[] = [];
  const stats: ReplayStats = { calls: 0, misses: [] };
  for (let round = 0; round < DEMO_ROUNDS; round += 1) {
    // The accepted risks are recorded before the last round, as a reviewer would after seeing the alerts.
    if (round === DEMO_ROUNDS - 1) await addDemoSuppressions(store, accounts, now);
    // The organization sync adopts the workload accounts, creates the others and disables suspended ones.
    await syncDemoOrganization(store, organization, round, now, stats);
    const enabled = (await existingDemoAccounts(store)).filter((account) => account.status === 'enabled');
    // The accounts are independent: their syncs and evaluations overlap.
    await Promise.all(
      enabled.map(async (account) => {
        const sync = await store.createSync(account.id, round === 0 ? 'create' : 'schedule');
        await store.markSyncRunning(sync.id);
        const outcome = await syncAccount(store, account, sync, {
          ...demoSyncOptions(account.awsAccountId, { round, now, stats }),
          unitTimeoutMs: 60_000,
        });
        syncs.push(await store.finishSync(sync.id, outcome.status, outcome.error));
        const evaluation = await evaluateAccount(store, account.id);
        log(
          `demo round ${round + 1}/${DEMO_ROUNDS} ${account.name}: ${outcome.assetCount} assets (${outcome.status}), ` +
            `alerts opened ${evaluation.summary.opened}, resolved ${evaluation.summary.resolved}, reopened ${evaluation.summary.reopened}`,
        );
      }),
    );
  }
  return {
    loaded: true,
    accounts: await existingDemoAccounts(store),
    syncs,
    replayMisses: [...new Set(stats.misses)],
    durationMs: Date.now() - started,
  };
}
