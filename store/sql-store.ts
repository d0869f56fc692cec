// The Store over a SqlClient: each method lives in the module of its area; this class only wires them.
import * as accounts from './accounts';
import * as organizations from './organizations';
import * as organizationSyncs from './organization-syncs';
import * as alerts from './alerts';
import { systemClock, type Clock } from './clock';
import { applyResults, lapseExpiredSuppressions } from './apply-results';
import * as evaluationRequests from './evaluation-requests';
import * as fingerprints from './fingerprints';
import * as assets from './assets';
import { migrate } from './migrate';
import type {
  Account,
  Asset,
  EvaluationResult,
  Relationship,
  ResultStatus,
  Role,
  Sync,
  SyncProgress,
  SyncServiceResult,
  SyncStatus,
} from './model';
import * as relationships from './relationships';
import * as results from './results';
import type { SqlClient } from './sql';
import type {
  AccountPatch,
  AlertFilter,
  AssetFilter,
  DeletionScope,
  NewAccount,
  PageRequest,
  Store,
} from './store';
import * as suppressions from './suppressions';
import * as syncs from './syncs';
import * as tokens from './tokens';

export class SqlStore implements Store {
  readonly engine: 'pglite' | 'postgres';

  constructor(
    readonly db: SqlClient,
    private readonly onClose: () => Promise<void> = () => Promise.resolve(),
    private readonly clock: Clock = systemClock,
  ) {
    this.engine = db.engine;
  }

  now(): Date {
    return this.clock();
  }

  async migrate(): Promise<void> {
    await migrate(this.db);
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.onClose();
  }

  createAccount = (input: NewAccount) => accounts.createAccount(this.db, input);
  getAccount = (id: string) => accounts.getAccount(this.db, id);
  listAccounts = (page?: PageRequest) => accounts.listAccounts(this.db, page);
  updateAccount = (id: string, patch: AccountPatch) => accounts.updateAccount(this.db, id, patch);
  setAccountStatus = (id: string, status: Account['status']) =>
    accounts.setAccountStatus(this.db, id, status);
  deleteAccount = (id: string) => accounts.deleteAccount(this.db, id);

  createOrganization = (input: organizations.NewOrganization) =>
    organizations.createOrganization(this.db, input);
  getOrganization = (id: string) => organizations.getOrganization(this.db, id);
  listOrganizations = () => organizations.listOrganizations(this.db);
  listOrganizationMembers = (organizationId: string) =>
    organizations.listOrganizationMembers(this.db, organizationId);
  recordOrganizationMembers = (
    organizationId: string,
    members: Omit<organizations.OrganizationMember, 'updatedAt'>[],
  ) => organizations.recordOrganizationMembers(this.db, organizationId, members);
  updateOrganizationFilters = (id: string, filters: organizations.OrganizationFilters) =>
    organizations.updateOrganizationFilters(this.db, id, filters);
  createOrganizationSync = (organizationId: string, trigger: organizationSyncs.OrganizationSyncTrigger) =>
    organizationSyncs.createOrganizationSync(this.db, organizationId, trigger);
  getOrganizationSync = (id: string) => organizationSyncs.getOrganizationSync(this.db, id);
  getRunningOrganizationSync = (organizationId: string) =>
    organizationSyncs.getRunningOrganizationSync(this.db, organizationId);
  listOrganizationSyncs = (organizationId: string, page?: PageRequest) =>
    organizationSyncs.listOrganizationSyncs(this.db, organizationId, page);
  markOrganizationSyncRunning = (id: string) => organizationSyncs.markOrganizationSyncRunning(this.db, id);
  updateOrganizationSyncProgress = (id: string, progress: SyncProgress) =>
    organizationSyncs.updateOrganizationSyncProgress(this.db, id, progress);
  finishOrganizationSync = (
    id: string,
    outcome: Parameters<typeof organizationSyncs.finishOrganizationSync>[2],
  ) => organizationSyncs.finishOrganizationSync(this.db, id, outcome);
  listUnfinishedOrganizationSyncs = () => organizationSyncs.listUnfinishedOrganizationSyncs(this.db);

  createSync = (accountId: string, trigger: Sync['trigger']) => syncs.createSync(this.db, accountId, trigger);
  getSync = (id: string) => syncs.getSync(this.db, id);
  listSyncs = (accountId: string, page?: PageRequest) => syncs.listSyncs(this.db, accountId, page);
  getRunningSync = (accountId: string) => syncs.getRunningSync(this.db, accountId);
  markSyncRunning = (id: string) => syncs.markSyncRunning(this.db, id);
  updateSyncProgress = (id: string, progress: SyncProgress) =>
    syncs.updateSyncProgress(this.db, id, progress);
  recordSyncServiceResult = (id: string, result: SyncServiceResult) =>
    syncs.recordSyncServiceResult(this.db, id, result);
  finishSync = (id: string, status: Exclude<SyncStatus, 'queued' | 'running'>, error?: string) =>
    syncs.finishSync(this.db, id, status, error);
  listUnfinishedSyncs = () => syncs.listUnfinishedSyncs(this.db);

  upsertAssets = (syncId: string, items: Asset[]) => assets.upsertAssets(this.db, syncId, items);
  upsertRelationships = (syncId: string, items: Relationship[]) =>
    relationships.upsertRelationships(this.db, syncId, items);
  markUnseenDeleted = (scope: DeletionScope) => relationships.markUnseenDeleted(this.db, scope);
  getAsset = (key: string) => assets.getAsset(this.db, key);
  getAssetById = (accountId: string, id: string) => assets.getAssetById(this.db, accountId, id);
  listAssets = (filter: AssetFilter, page?: PageRequest) => assets.listAssets(this.db, filter, page);
  countAssets = (filter: AssetFilter) => assets.countAssets(this.db, filter);
  listAssetTypes = (filter?: Pick<AssetFilter, 'accountId' | 'scope'>) =>
    assets.listAssetTypes(this.db, filter);
  openAlertCounts = (items: { accountId: string; id: string }[]) => assets.openAlertCounts(this.db, items);
  streamAssets = (accountId: string, batchSize?: number) =>
    assets.streamAssets(this.db, accountId, batchSize);
  listRoleTrustPrincipals = () => assets.listRoleTrustPrincipals(this.db);
  findAccountsNaming = (text: string, types: readonly string[], exceptAccountId: string) =>
    assets.findAccountsNaming(this.db, text, types, exceptAccountId);
  listRelationships = (accountId: string, assetId?: string) =>
    relationships.listRelationships(this.db, accountId, assetId);
  neighbourhood = (accountId: string, assetId: string, options: { hops: number; limit: number }) =>
    relationships.neighbourhood(this.db, accountId, assetId, options);
  setAssetFacts = (accountId: string, facts: Map<string, Record<string, unknown>>) =>
    assets.setAssetFacts(this.db, accountId, facts);

  applyResults = (accountId: string, controlIds: string[], items: EvaluationResult[]) =>
    applyResults(this.db, accountId, controlIds, items);
  lapseExpiredSuppressions = (accountId: string) => lapseExpiredSuppressions(this.db, accountId);
  getEvaluationFingerprint = (accountId: string) => fingerprints.getEvaluationFingerprint(this.db, accountId);
  setEvaluationFingerprint = (accountId: string, fingerprint: string | null) =>
    fingerprints.setEvaluationFingerprint(this.db, accountId, fingerprint);
  requestEvaluation = (accountId: string) => evaluationRequests.requestEvaluation(this.db, accountId);
  clearEvaluationRequest = (accountId: string, requestedAt: string) =>
    evaluationRequests.clearEvaluationRequest(this.db, accountId, requestedAt);
  listAccountsNeedingEvaluation = () => evaluationRequests.listAccountsNeedingEvaluation(this.db);
  listAlerts = (filter: AlertFilter, page?: PageRequest) => alerts.listAlerts(this.db, filter, page);
  getAlert = (id: string) => alerts.selectAlert(this.db, id);
  countAlerts = (filter: AlertFilter) => alerts.countAlerts(this.db, filter);
  groupAlerts = (filter: AlertFilter, by: 'control' | 'asset', limit?: number) =>
    alerts.groupAlerts(this.db, filter, by, limit);
  tallyAlerts = (filter: AlertFilter) => alerts.tallyAlerts(this.db, filter);
  resultCounts = (filter?: { accountId?: string }) => results.resultCounts(this.db, filter);
  listResults = (
    filter: { accountId?: string; controlId?: string | string[]; assetId?: string; status?: ResultStatus[] },
    page?: PageRequest,
  ) => results.listResults(this.db, filter, page);
  recordScoreSnapshot = (accountId: string, scores: Record<string, { passed: number; evaluated: number }>) =>
    results.recordScoreSnapshot(this.db, accountId, scores);
  listScoreSnapshots = (filter: { accountId?: string; frameworkId?: string }, limit?: number) =>
    results.listScoreSnapshots(this.db, filter, limit);

  createSuppression = (input: Parameters<Store['createSuppression']>[0]) =>
    suppressions.createSuppression(this.db, input);
  suppressAlert = (alertId: string, input: Parameters<Store['suppressAlert']>[1]) =>
    suppressions.suppressAlert(this.db, alertId, input);
  deleteSuppression = (id: string) => suppressions.deleteSuppression(this.db, id);
  listSuppressions = (page?: PageRequest) => suppressions.listSuppressions(this.db, page);
  getSuppression = (id: string) => suppressions.getSuppression(this.db, id);

  createToken = (input: { name: string; role: Role; tokenHash: string }) =>
    tokens.createToken(this.db, input);
  findTokenByHash = (tokenHash: string) => tokens.findTokenByHash(this.db, tokenHash);
  listTokens = () => tokens.listTokens(this.db);
  revokeToken = (id: string) => tokens.revokeToken(this.db, id);
  countTokens = () => tokens.countTokens(this.db);
  appendAudit = (entry: Parameters<Store['appendAudit']>[0]) => tokens.appendAudit(this.db, entry);
  listAudit = (page?: PageRequest) => tokens.listAudit(this.db, page);
}
