// Who the demo accounts are and what differs between them and between rounds. Everything the estate holds is
// derived from these values and a seeded generator, so the same (account, round, now) records the same answers.

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
/** Sync + evaluation rounds `loadDemo` runs; the changes between them make alert history (see `changes`). */
export const DEMO_ROUNDS = 3;
export const FINAL_ROUND = DEMO_ROUNDS - 1;

export interface DemoAccount {
  name: string;
  awsAccountId: string;
  /** Production is the better kept account; Staging fails more controls. */
  kind: 'production' | 'staging';
  regions: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { name: 'Production', awsAccountId: '111111111111', kind: 'production', regions: DEMO_REGIONS },
  { name: 'Staging', awsAccountId: '222222222222', kind: 'staging', regions: DEMO_REGIONS },
];

export function demoAccount(awsAccountId: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.awsAccountId === awsAccountId);
  if (!account) {
    throw new Error(
      `no demo recordings for account ${awsAccountId} (demo accounts: ${DEMO_ACCOUNTS.map((a) => a.awsAccountId).join(', ')})`,
    );
  }
  return account;
}

/** What changes from one round to the next (documented in docs/demo.md). */
export interface RoundChanges {
  /** Round 1 on: the bucket public through its ACL gets a private ACL and a public access block. */
  aclBucketFixed: boolean;
  /** Round 1 closes SSH to the world on the `legacy-admin` group; round 2 re-opens it. */
  legacyAdminSshOpen: boolean;
  /** Round 1 on: the old batch instance is terminated (no longer listed). */
  batchWorkerTerminated: boolean;
  /** Round 2: Staging gets an account password policy. */
  stagingPasswordPolicy: boolean;
}

export function changes(round: number): RoundChanges {
  return {
    aclBucketFixed: round >= 1,
    legacyAdminSshOpen: round === 0 || round >= 2,
    batchWorkerTerminated: round >= 1,
    stagingPasswordPolicy: round >= 2,
  };
}

/** Everything a generator needs: the account, the round, the reference time and a seeded random source. */
export interface EstateContext {
  account: DemoAccount;
  round: number;
  changes: RoundChanges;
  now: Date;
  random: () => number;
}

/** mulberry32: small, fast and deterministic for a given seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function estateContext(awsAccountId: string, round: number, now: Date): EstateContext {
  const account = demoAccount(awsAccountId);
  // The seed depends on the account only: rounds differ by `changes`, not by new random values.
  return {
    account,
    round,
    changes: changes(round),
    now,
    random: seededRandom(Number(awsAccountId.slice(0, 6))),
  };
}

export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * A stable hex id for a named resource (FNV-1a over account, region and name, widened to `length` digits), so a
 * resource keeps its id in every round whatever else was added or removed.
 */
export function stableHex(parts: string[], length = 17): string {
  let out = '';
  for (let salt = 0; out.length < length; salt += 1) {
    let hash = 0x811c9dc5;
    for (const char of `${salt}|${parts.join('|')}`) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
