// Cross-account attack paths over the store: the other accounts of the same store an identity may step into with
// sts:AssumeRole (ForeignAccounts for the attack path analyser), what an account's paths depend on (so its
// evaluation fingerprint changes when they change), and which accounts to re-evaluate after one changed. Only what
// paths need is read: the trust graph (distinct trusted principals per account, from stored IAM facts) and, for an
// account a path reaches, its roles, policies, buckets, keys and organization.
import { createHash } from 'node:crypto';
import type { Account } from '../store/model';
import type { Store } from '../store/store';
import { FOREIGN_ASSET_TYPES, foreignEstate, type ForeignAccounts } from './analysers/account-estates';
import type { Estate, UnreadType } from './engine/estate';
import type { EvalAsset } from './types';

/** As far as the analyser follows sts:AssumeRole chains (MAX_ASSUME_DEPTH in attack-paths.ts). */
const CHAIN_DEPTH = 3;
/** IAM types whose documents may name a role of another account (identity policies). */
const IAM_POLICY_TYPES = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_user',
  'aws_iam_group',
];
const NAMED_ROLE = /arn:[^:"]+:iam::(\d{12}):role\//g;

/** The account a trusted principal belongs to: `*` for everyone, undefined for what names no account. */
function accountOfPrincipal(principal: string): string | undefined {
  if (principal === '*' || /^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The part of a stored evaluation fingerprint that depends on the account's own assets only. */
function ownPart(fingerprint: string): string {
  return fingerprint.split('|')[0];
}

/** AWS account ids of roles of other accounts named in the account's IAM documents (sts:AssumeRole candidates). */
export function namedAccounts(assets: readonly EvalAsset[], ownAwsAccountId: string): string[] {
  const out = new Set<string>();
  for (const asset of assets) {
    if (!IAM_POLICY_TYPES.includes(asset.type)) continue;
    for (const match of JSON.stringify(asset.config).matchAll(NAMED_ROLE))
      if (match[1] !== ownAwsAccountId) out.add(match[1]);
  }
  return [...out].sort();
}

export interface StoreForeignAccountsOptions {
  /** Types each account's last sync could not list (unreadTypesOf), so unread buckets stay unknown, not none. */
  unreadTypes?: (account: Account) => Promise<UnreadType[]>;
}

/** The other enabled, evaluated accounts of the store, read lazily; one instance per evaluation. */
export class StoreForeignAccounts implements ForeignAccounts {
  private accountsPending?: Promise<Map<string, { account: Account; fingerprint: string }>>;
  private graphPending?: Promise<Map<string, Set<string>>>;

  constructor(
    private readonly store: Store,
    private readonly own: Account,
    private readonly options: StoreForeignAccountsOptions = {},
  ) {}

  /** AWS account id -> account with its fingerprint: only enabled accounts evaluated at least once ("synced"). */
  accounts(): Promise<Map<string, { account: Account; fingerprint: string }>> {
    this.accountsPending ??= (async () => {
      const out = new Map<string, { account: Account; fingerprint: string }>();
      let cursor: string | undefined;
      do {
        const page = await this.store.listAccounts({ cursor, limit: 500 });
        for (const account of page.items) {
          if (account.id === this.own.id || account.status === 'disabled') continue;
          const fingerprint = await this.store.getEvaluationFingerprint(account.id);
          if (fingerprint) out.set(account.awsAccountId, { account, fingerprint });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    })();
    return this.accountsPending;
  }

  /** Trusted AWS account id (or `*`) -> AWS account ids with a role trusting it (the own account included). */
  private graph(): Promise<Map<string, Set<string>>> {
    this.graphPending ??= (async () => {
      const graph = new Map<string, Set<string>>();
      const accounts = await this.accounts();
      // A lone account steps nowhere: no need to read the trust graph.
      if (accounts.size === 0) return graph;
      const awsIdOf = new Map<string, string>([[this.own.id, this.own.awsAccountId]]);
      for (const { account } of accounts.values()) awsIdOf.set(account.id, account.awsAccountId);
      for (const pair of await this.store.listRoleTrustPrincipals()) {
        const trusting = awsIdOf.get(pair.accountId);
        const trusted = accountOfPrincipal(pair.principal);
        if (!trusting || !trusted) continue;
        let set = graph.get(trusted);
        if (!set) graph.set(trusted, (set = new Set()));
        set.add(trusting);
      }
      return graph;
    })();
    return this.graphPending;
  }

  async trusting(awsAccountId: string): Promise<string[]> {
    const graph = await this.graph();
    const out = new Set([...(graph.get(awsAccountId) ?? []), ...(graph.get('*') ?? [])]);
    out.delete(awsAccountId);
    out.delete(this.own.awsAccountId);
    return [...out].sort();
  }

  async estate(awsAccountId: string): Promise<Estate | undefined> {
    const found = (await this.accounts()).get(awsAccountId);
    if (!found) return undefined;
    const assets: EvalAsset[] = [];
    for (const type of FOREIGN_ASSET_TYPES) {
      let cursor: string | undefined;
      do {
        const page = await this.store.listAssets(
          { accountId: found.account.id, type },
          { cursor, limit: 500 },
        );
        for (const stored of page.items)
          assets.push({
            id: stored.id,
            accountId: awsAccountId,
            region: stored.region,
            service: stored.service,
            type: stored.type,
            class: stored.class,
            name: stored.name,
            tags: stored.tags,
            config: stored.config,
            readErrors: stored.readErrors,
            facts: stored.facts,
          });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    const unread = this.options.unreadTypes ? await this.options.unreadTypes(found.account) : [];
    return foreignEstate(assets, unread);
  }

  /**
   * What the own account's paths may depend on beyond its assets: every account its identities may step into
   * (chains of CHAIN_DEPTH) or its policies name, with that account's own fingerprint, or "unsynced". Empty when
   * nothing crosses an account, so a lone account's fingerprint is unchanged.
   */
  async dependencyDigest(ownAssets: readonly EvalAsset[]): Promise<string> {
    const accounts = await this.accounts();
    const reached = new Set<string>(namedAccounts(ownAssets, this.own.awsAccountId));
    let frontier = [this.own.awsAccountId];
    for (let depth = 0; depth < CHAIN_DEPTH && frontier.length; depth += 1) {
      const next: string[] = [];
      for (const awsId of frontier)
        for (const other of await this.trusting(awsId))
          if (!reached.has(other)) {
            reached.add(other);
            next.push(other);
          }
      frontier = next;
    }
    if (reached.size === 0) return '';
    const lines = [...reached].sort().map((awsId) => {
      const found = accounts.get(awsId);
      return `${awsId}=${found ? ownPart(found.fingerprint) : 'unsynced'}`;
    });
    return createHash('sha256').update(lines.join('\n')).digest('hex');
  }

  /**
   * Cloudward ids of the accounts whose paths may step into the own account: those its roles trust (and those their
   * roles trust, CHAIN_DEPTH deep) and those whose IAM documents name its roles. Re-evaluated after it changed.
   */
  async dependents(): Promise<string[]> {
    const accounts = await this.accounts();
    if (accounts.size === 0) return [];
    const graph = await this.graph();
    // Reverse edges: the accounts a role of X trusts may step into X.
    const trustedBy = new Map<string, Set<string>>();
    for (const [trusted, trusting] of graph)
      for (const awsId of trusting) {
        let set = trustedBy.get(awsId);
        if (!set) trustedBy.set(awsId, (set = new Set()));
        set.add(trusted);
      }
    const out = new Set<string>();
    let frontier = [this.own.awsAccountId];
    for (let depth = 0; depth < CHAIN_DEPTH && frontier.length; depth += 1) {
      const next: string[] = [];
      for (const awsId of frontier)
        for (const trusted of trustedBy.get(awsId) ?? []) {
          const targets = trusted === '*' ? [...accounts.keys()] : [trusted];
          for (const target of targets)
            if (target !== this.own.awsAccountId && !out.has(target)) {
              out.add(target);
              next.push(target);
            }
        }
      frontier = next;
    }
    const ids = [...out].flatMap((awsId) => {
      const found = accounts.get(awsId);
      return found ? [found.account.id] : [];
    });
    const naming = await this.store.findAccountsNaming(
      `:iam::${this.own.awsAccountId}:role/`,
      IAM_POLICY_TYPES,
      this.own.id,
    );
    const enabled = new Set([...accounts.values()].map(({ account }) => account.id));
    return [...new Set([...ids, ...naming.filter((id) => enabled.has(id))])].sort();
  }
}

/** Joins the own fingerprint and the dependency digest into what the store keeps (own part first). */
export function combinedFingerprint(own: string, dependencies: string): string {
  return dependencies ? `${own}|${dependencies}` : own;
}

export { ownPart as ownFingerprintPart };
