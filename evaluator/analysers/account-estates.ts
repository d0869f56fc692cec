// The accounts an attack path may cross: the estate being evaluated (one account for `serve` and `scan`, several
// in tests) and, through `ForeignAccounts`, the other accounts Cloudward syncs into the same store. Foreign accounts
// are read lazily and only in part (the types the attack path analyser asks about), so a cross-account pass never
// holds whole estates: IAM roles and policies to follow sts:AssumeRole, buckets and keys to judge data.
import { Estate, type UnreadType } from '../engine/estate';
import type { EvalAsset } from '../types';
import { PolicyCatalog } from './iam';

/** What the attack path analyser reads of another account (the facts its own last evaluation stored included). */
export const FOREIGN_ASSET_TYPES = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_organizations_organization',
] as const;

/** The other accounts of the same store (see evaluator/cross-account.ts for the store-backed one). */
export interface ForeignAccounts {
  /**
   * AWS account ids of synced accounts holding a role whose trust policy names a principal of `awsAccountId` (its
   * root, one of its principals) or everyone: the accounts an identity of `awsAccountId` may step into.
   */
  trusting(awsAccountId: string): Promise<string[]>;
  /** The account's FOREIGN_ASSET_TYPES with their stored facts; undefined when Cloudward does not sync it. */
  estate(awsAccountId: string): Promise<Estate | undefined>;
}

/** The estate of each account a path reaches, with one policy catalog per estate. */
export class AccountEstates {
  private readonly byAccount = new Map<string, Estate>();
  private readonly loading = new Map<string, Promise<Estate | undefined>>();
  private readonly catalogs = new Map<Estate, PolicyCatalog>();
  private readonly homeAccounts: string[];

  constructor(
    readonly home: Estate,
    private readonly foreign?: ForeignAccounts,
  ) {
    this.homeAccounts = [...new Set(home.assets.map((asset) => asset.accountId))].sort();
    for (const accountId of this.homeAccounts) this.byAccount.set(accountId, home);
  }

  /** The estate holding the account's assets, once `load` found it (always for the evaluated accounts). */
  estateOf(accountId: string): Estate | undefined {
    return this.byAccount.get(accountId);
  }

  /** The account's estate, read from the other synced accounts when it is not one being evaluated. */
  load(accountId: string): Promise<Estate | undefined> {
    const known = this.byAccount.get(accountId);
    if (known) return Promise.resolve(known);
    let pending = this.loading.get(accountId);
    if (!pending) {
      pending = (this.foreign?.estate(accountId) ?? Promise.resolve(undefined)).then((estate) => {
        if (estate) this.byAccount.set(accountId, estate);
        return estate;
      });
      this.loading.set(accountId, pending);
    }
    return pending;
  }

  /** Accounts other than `accountId` whose roles may admit its principals (candidates only: trust is simulated). */
  async trusting(accountId: string): Promise<string[]> {
    const others = this.homeAccounts.filter((id) => id !== accountId);
    const foreign = this.foreign ? await this.foreign.trusting(accountId) : [];
    return [...new Set([...others, ...foreign.filter((id) => id !== accountId)])].sort();
  }

  catalog(estate: Estate): PolicyCatalog {
    let catalog = this.catalogs.get(estate);
    if (!catalog) this.catalogs.set(estate, (catalog = new PolicyCatalog(estate)));
    return catalog;
  }

  /** The AWS Organizations organization id of the account, when its organization was read. */
  organizationId(accountId: string): string | undefined {
    const organization = this.estateOf(accountId)?.ofType(accountId, 'aws_organizations_organization')[0];
    const id = (organization?.config as { Id?: unknown } | undefined)?.Id;
    return typeof id === 'string' ? id : undefined;
  }
}

/** An estate of one foreign account from stored assets (what ForeignAccounts.estate returns). */
export function foreignEstate(assets: EvalAsset[], unreadTypes: readonly UnreadType[] = []): Estate {
  return new Estate(
    [...assets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    [],
    unreadTypes,
  );
}
