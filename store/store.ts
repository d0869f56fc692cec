// The data-access contract. One implementation runs unchanged on PGlite (embedded) and PostgreSQL.
// Callers never write SQL; every method is a transaction of its own unless stated otherwise.
import type {
  Account,
  Alert,
  AlertStatus,
  ApiToken,
  Asset,
  AuditEntry,
  EvaluationResult,
  Page,
  Relationship,
  ResultStatus,
  Role,
  Severity,
  StoredAsset,
  Suppression,
  Sync,
  SyncProgress,
  SyncServiceResult,
  SyncStatus,
} from './model';
import type { Neighbourhood } from './relationships';
import type { NewOrganization, Organization, OrganizationFilters, OrganizationMember } from './organizations';
import type { OrganizationSync, OrganizationSyncResult, OrganizationSyncTrigger } from './organization-syncs';

export interface PageRequest {
  cursor?: string;
  /** Default 50, maximum 500. */
  limit?: number;
}

export interface NewAccount {
  name: string;
  awsAccountId: string;
  roleArn: string;
  externalIdCiphertext: string;
  regions: string[];
}

export type AccountPatch = Partial<Pick<Account, 'name' | 'roleArn' | 'externalIdCiphertext' | 'regions'>>;

export interface AssetFilter {
  accountId?: string;
  /** `global` -> only global assets; `regional` -> only regional ones. */
  scope?: 'global' | 'regional';
  region?: string;
  type?: string;
  class?: string;
  /** Case-insensitive substring of name or id, or exact tag value. */
  search?: string;
  tag?: { key: string; value?: string };
  /** Exact asset id (ARN or synthetic id). */
  id?: string;
  includeDeleted?: boolean;
}

export interface AlertFilter {
  status?: AlertStatus[];
  severity?: Severity[];
  /** Resolved by the API from framework/requirement filters. */
  controlIds?: string[];
  accountId?: string;
  region?: string;
  resourceType?: string;
  assetId?: string;
  exposed?: boolean;
  /** Default: exposed first, then severity, then most recent. */
  sort?: 'rank' | 'severity' | 'lastSeen' | 'firstSeen';
}

export interface AlertGroup {
  /** The control id, or the asset id (with its account) for `by: 'asset'`. */
  key: string;
  accountId: string | null;
  resourceType: string | null;
  count: number;
  /** The most severe alert of the group, and whether any is internet-exposed. */
  severity: string;
  exposed: boolean;
}

export interface DeletionScope {
  accountId: string;
  region: string;
  service: string;
  /** Types read completely in this sync; assets of these types not seen in `syncId` are marked deleted. */
  types: string[];
  /** Relationships emitted by this service/region are replaced only when the whole service was complete. */
  relationshipsComplete: boolean;
  syncId: string;
}

export interface ApplyResultsSummary {
  opened: number;
  reopened: number;
  resolved: number;
  suppressed: number;
  unchanged: number;
}

export interface ControlResultCount {
  controlId: string;
  pass: number;
  fail: number;
  notApplicable: number;
  error: number;
}

/** An account whose synced data still awaits evaluation (see Store.requestEvaluation). */
export interface EvaluationRequest {
  accountId: string;
  /** When the request was made; it identifies the request, so an evaluation clears only the one it saw. */
  requestedAt: string;
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Input the store cannot accept (a malformed cursor or id, a suppression rule that would match everything). */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export interface Store {
  readonly engine: 'pglite' | 'postgres';
  /** The store's clock: what `now()` means in its queries. Evaluations and expiry checks read time from here. */
  now(): Date;
  /** Applies pending migrations (idempotent; safe with several processes starting at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Accounts. `awsAccountId` is unique: creating a duplicate throws ConflictError.
  createAccount(input: NewAccount): Promise<Account>;
  getAccount(id: string): Promise<Account | null>;
  listAccounts(page?: PageRequest): Promise<Page<Account>>;
  /** Removing regions from `regions` also deletes those regions' assets, relationships and alerts (one transaction). */
  updateAccount(id: string, patch: AccountPatch): Promise<Account>;
  setAccountStatus(id: string, status: Account['status']): Promise<Account>;
  /** Deletes the account and everything it owns. */
  deleteAccount(id: string): Promise<void>;

  // Organization connections (one per management account id: a duplicate throws ConflictError) and their members.
  createOrganization(input: NewOrganization): Promise<Organization>;
  getOrganization(id: string): Promise<Organization | null>;
  listOrganizations(): Promise<Organization[]>;
  listOrganizationMembers(organizationId: string): Promise<OrganizationMember[]>;
  recordOrganizationMembers(
    organizationId: string,
    members: Omit<OrganizationMember, 'updatedAt'>[],
  ): Promise<void>;
  /** Replaces the include/exclude lists; NotFoundError for an unknown id. */
  updateOrganizationFilters(id: string, filters: OrganizationFilters): Promise<Organization>;
  // Organization syncs (jobs). At most one queued/running per organization: a second create throws ConflictError.
  createOrganizationSync(organizationId: string, trigger: OrganizationSyncTrigger): Promise<OrganizationSync>;
  getOrganizationSync(id: string): Promise<OrganizationSync | null>;
  getRunningOrganizationSync(organizationId: string): Promise<OrganizationSync | null>;
  listOrganizationSyncs(organizationId: string, page?: PageRequest): Promise<Page<OrganizationSync>>;
  markOrganizationSyncRunning(id: string): Promise<void>;
  updateOrganizationSyncProgress(id: string, progress: SyncProgress): Promise<void>;
  finishOrganizationSync(
    id: string,
    outcome:
      | { status: 'succeeded'; result: OrganizationSyncResult }
      | { status: 'failed'; error: string; result?: OrganizationSyncResult },
  ): Promise<OrganizationSync>;
  /** Organization syncs left queued/running by a crashed process, to queue again. */
  listUnfinishedOrganizationSyncs(): Promise<OrganizationSync[]>;

  // Syncs. At most one queued/running sync per account: a second `createSync` throws ConflictError.
  createSync(accountId: string, trigger: Sync['trigger']): Promise<Sync>;
  getSync(id: string): Promise<Sync | null>;
  listSyncs(accountId: string, page?: PageRequest): Promise<Page<Sync>>;
  getRunningSync(accountId: string): Promise<Sync | null>;
  markSyncRunning(id: string): Promise<void>;
  updateSyncProgress(id: string, progress: SyncProgress): Promise<void>;
  recordSyncServiceResult(id: string, result: SyncServiceResult): Promise<void>;
  finishSync(id: string, status: Exclude<SyncStatus, 'queued' | 'running'>, error?: string): Promise<Sync>;
  /** Syncs left queued/running by a crashed process: returns them so the job system can re-run them. */
  listUnfinishedSyncs(): Promise<Sync[]>;

  // Assets and relationships, written in batches as pages arrive.
  /** Inserts or updates by (accountId, id); sets lastSeen and the sync id; clears deletedAt. */
  upsertAssets(syncId: string, assets: Asset[]): Promise<void>;
  upsertRelationships(syncId: string, relationships: Relationship[]): Promise<void>;
  /** Marks unseen assets of a completely-read scope as deleted and resolves their open alerts. Returns the count. */
  markUnseenDeleted(scope: DeletionScope): Promise<number>;
  getAsset(key: string): Promise<StoredAsset | null>;
  getAssetById(accountId: string, id: string): Promise<StoredAsset | null>;
  listAssets(filter: AssetFilter, page?: PageRequest): Promise<Page<StoredAsset>>;
  countAssets(filter: AssetFilter): Promise<number>;
  /** Live asset types with their counts (the inventory's type facet). */
  listAssetTypes(
    filter?: Pick<AssetFilter, 'accountId' | 'scope'>,
  ): Promise<{ type: string; count: number }[]>;
  /** Open alerts per asset of one page: `${accountId}/${assetId}` -> count; assets without any are absent. */
  openAlertCounts(assets: { accountId: string; id: string }[]): Promise<Map<string, number>>;
  /** Every live asset of an account, in batches, for evaluation. Memory stays bounded by `batchSize`. */
  streamAssets(accountId: string, batchSize?: number): AsyncIterable<StoredAsset[]>;
  /** Live relationships touching an asset (either end), or all of an account's when assetId is absent. */
  listRelationships(accountId: string, assetId?: string): Promise<Relationship[]>;
  /**
   * The asset and the nodes within `hops` relationships of it (either direction), nearest first, at most `limit`
   * nodes, with the edges between them and how many reached nodes the limit left out.
   */
  neighbourhood(
    accountId: string,
    assetId: string,
    options: { hops: number; limit: number },
  ): Promise<Neighbourhood>;
  /**
   * Distinct (account, principal) pairs: the AWS principals the live roles of each account trust, from the facts of
   * its last evaluation (facts.iam.assumableBy). Cross-account attack paths follow this graph.
   */
  listRoleTrustPrincipals(): Promise<{ accountId: string; principal: string }[]>;
  /** Accounts other than `exceptAccountId` with a live asset of one of `types` whose configuration contains `text`. */
  findAccountsNaming(text: string, types: readonly string[], exceptAccountId: string): Promise<string[]>;
  /** Replaces analyser facts: map of Asset.id -> facts. */
  setAssetFacts(accountId: string, facts: Map<string, Record<string, unknown>>): Promise<void>;

  // Evaluation results and alerts.
  /**
   * Stores the latest result per (control, asset) for `accountId` and moves alerts:
   * fail -> open (or reopen); pass/not_applicable -> resolve; error -> no change.
   * Active suppressions matching a failing result make its alert `suppressed`; expired ones lapse (alert reopens).
   * `controlIds` lists every control that ran: earlier results of those controls on assets absent now are removed.
   */
  applyResults(
    accountId: string,
    controlIds: string[],
    results: EvaluationResult[],
  ): Promise<ApplyResultsSummary>;
  /** Only the expiry step of applyResults: suppressed alerts whose rule expired reopen. Returns the count. */
  lapseExpiredSuppressions(accountId: string): Promise<number>;
  /** Hash of the input of the account's last full evaluation (null: never evaluated, or cleared). */
  getEvaluationFingerprint(accountId: string): Promise<string | null>;
  setEvaluationFingerprint(accountId: string, fingerprint: string | null): Promise<void>;
  /**
   * Durable "evaluate this account": set when a sync finishes with data, so a crash before the evaluation runs
   * does not lose it (start-up queues one per flagged account). Returns the request's time; a new request is
   * always later than the one it replaces. NotFoundError for an unknown account.
   */
  requestEvaluation(accountId: string): Promise<string>;
  /** Clears the request only if it is still the one made at `requestedAt` (a later sync's request stays). */
  clearEvaluationRequest(accountId: string, requestedAt: string): Promise<boolean>;
  /** Accounts with a pending request, oldest first. */
  listAccountsNeedingEvaluation(): Promise<EvaluationRequest[]>;
  listAlerts(filter: AlertFilter, page?: PageRequest): Promise<Page<Alert>>;
  getAlert(id: string): Promise<Alert | null>;
  countAlerts(filter: AlertFilter): Promise<number>;
  /** Alerts grouped by control or by asset (one GROUP BY), most urgent first, at most `limit` groups. */
  groupAlerts(filter: AlertFilter, by: 'control' | 'asset', limit?: number): Promise<AlertGroup[]>;
  /** Matching alerts counted per (control, severity, exposed), in one query (the overview's figures). */
  tallyAlerts(
    filter: AlertFilter,
  ): Promise<{ controlId: string; severity: Severity; exposed: boolean; count: number }[]>;
  /** Latest result counts per control (for scores = pass / (pass + fail)). */
  resultCounts(filter?: { accountId?: string }): Promise<ControlResultCount[]>;
  listResults(
    /** `controlId`: one control, or any of a list (the attack path controls are listed together). */
    filter: { accountId?: string; controlId?: string | string[]; assetId?: string; status?: ResultStatus[] },
    page?: PageRequest,
  ): Promise<Page<EvaluationResult & { evaluatedAt: string }>>;
  /** One score snapshot per evaluation: framework id -> passed/evaluated, for trends. */
  recordScoreSnapshot(
    accountId: string,
    scores: Record<string, { passed: number; evaluated: number }>,
  ): Promise<void>;
  listScoreSnapshots(
    filter: { accountId?: string; frameworkId?: string },
    limit?: number,
  ): Promise<{ at: string; accountId: string; frameworkId: string; passed: number; evaluated: number }[]>;

  // Suppressions.
  createSuppression(input: Omit<Suppression, 'id' | 'createdAt'>): Promise<Suppression>;
  /** Applies the rule to matching open alerts at once. */
  suppressAlert(
    alertId: string,
    input: { justification: string; author: string; expiresAt: string | null },
  ): Promise<Alert>;
  /** Removes the rule; alerts it muted that still fail reopen. */
  deleteSuppression(id: string): Promise<void>;
  listSuppressions(page?: PageRequest): Promise<Page<Suppression>>;
  /** One rule by id (null when there is none, or the id is not a uuid). */
  getSuppression(id: string): Promise<Suppression | null>;

  // Tokens (only hashes are stored) and the audit log.
  createToken(input: { name: string; role: Role; tokenHash: string }): Promise<ApiToken>;
  findTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  listTokens(): Promise<ApiToken[]>;
  revokeToken(id: string): Promise<void>;
  countTokens(): Promise<number>;
  appendAudit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry>;
  listAudit(page?: PageRequest): Promise<Page<AuditEntry>>;
}
