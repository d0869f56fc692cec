// Evaluates one account from the store: live assets and relationships -> analysers -> facts -> controls ->
// results and alerts -> one score snapshot per framework. When the input's fingerprint equals the last full
// evaluation's, analysers and controls are skipped (see evaluator/fingerprint.ts and docs/evaluator.md).
import type { ApplyResultsSummary, Store } from '../store/store';
import { NotFoundError } from '../store/store';
import { defaultControlSet } from './controls/default-set';
import { loadControls, type LoadControlsOptions } from './controls/loader';
import { combinedFingerprint, ownFingerprintPart, StoreForeignAccounts } from './cross-account';
import { evaluateEstate } from './evaluate-estate';
import { controlsReading } from './control-inputs';
import { EvaluationFingerprint } from './fingerprint';
import { unreadTypesOf, type DeclaredTypes } from './unread-types';
import type { UnreadType } from './engine/estate';
import { countResults, countsFromStore, scoreSnapshot } from './scores';
import type { ControlSet, EvalAsset } from './types';

export class AccountDisabledError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} is disabled: evaluation refused`);
    this.name = 'AccountDisabledError';
  }
}

export interface EvaluateAccountOptions {
  /** Controls and frameworks to run; default: loadControls(load) when `load` is given, else the cached default set. */
  controls?: ControlSet;
  load?: LoadControlsOptions;
  /** Default: the store's clock (store.now()), so results, expiry and history share one notion of today. */
  now?: Date;
  /**
   * The collector's declared resource types (the API passes the collector registry; the evaluator does not import
   * the collector). With them, types the account's last sync could not list are unread, exactly as `scan` tells
   * the evaluator: an aggregate over such a type says error, not "there are none".
   */
  declaredTypes?: readonly DeclaredTypes[];
  /** Evaluate even when nothing changed since the last evaluation. */
  force?: boolean;
  /**
   * Event mode: only these asset types changed since the stored results (a re-read of a few collector units).
   * Only the controls whose inputs include one of them run (controlsReading); every other control keeps its stored
   * results and timestamps, which equal what a full evaluation would give because none of their inputs changed.
   */
  changedTypes?: readonly string[];
}

export interface AccountEvaluation {
  accountId: string;
  assets: number;
  results: number;
  summary: ApplyResultsSummary;
  scores: Record<string, { passed: number; evaluated: number }>;
  durationMs: number;
  /** true when nothing changed: results and counts are the stored ones; only suppression expiry was applied. */
  skipped: boolean;
  /** Controls that ran (all of them unless `changedTypes` narrowed the run; 0 when skipped). */
  controlsEvaluated: number;
  /**
   * Accounts whose attack paths may step into this one (evaluator/cross-account.ts), set when this account's own
   * data changed: the caller re-evaluates them so their cross-account paths follow.
   */
  crossAccountDependents?: string[];
}

export async function evaluateAccount(
  store: Store,
  accountId: string,
  options: EvaluateAccountOptions = {},
): Promise<AccountEvaluation> {
  const started = Date.now();
  const account = await store.getAccount(accountId);
  if (!account) throw new NotFoundError(`account ${accountId} not found`);
  if (account.status === 'disabled') throw new AccountDisabledError(accountId);
  const { controls, frameworks } =
    options.controls ?? (options.load ? loadControls(options.load) : defaultControlSet());

  const now = options.now ?? store.now();
  const fingerprint = new EvaluationFingerprint({ controls, frameworks }, now.toISOString().slice(0, 10));
  const assets: EvalAsset[] = [];
  for await (const batch of store.streamAssets(accountId)) {
    // The store's row fields (key, timestamps) are not part of what controls read. The store keys rows by
    // Cloudward's account id; the evaluator gets the AWS account id, exactly what `scan` evaluates (the IAM
    // simulator, trust policies and KMS probes compare it with account ids in ARNs).
    for (const stored of batch) {
      const asset: EvalAsset = {
        id: stored.id,
        accountId: account.awsAccountId,
        region: stored.region,
        service: stored.service,
        type: stored.type,
        class: stored.class,
        name: stored.name,
        tags: stored.tags,
        config: stored.config,
        readErrors: stored.readErrors,
        facts: stored.facts,
      };
      fingerprint.addAsset(asset);
      assets.push(asset);
    }
  }
  const relationships = (await store.listRelationships(accountId)).map((edge) => ({
    ...edge,
    accountId: account.awsAccountId,
  }));
  fingerprint.addRelationships(relationships);
  const declaredTypes = options.declaredTypes;
  const unreadTypes = declaredTypes
    ? await lastSyncUnreadTypes(store, accountId, account.awsAccountId, declaredTypes)
    : [];
  fingerprint.addUnreadTypes(unreadTypes);
  // Attack paths may step into the other accounts of the store: what they read of those is part of the input.
  const foreignAccounts = new StoreForeignAccounts(store, account, {
    unreadTypes: declaredTypes
      ? (other) => lastSyncUnreadTypes(store, other.id, other.awsAccountId, declaredTypes)
      : undefined,
  });
  const ownDigest = fingerprint.digest();
  const digest = combinedFingerprint(ownDigest, await foreignAccounts.dependencyDigest(assets));
  const previous = await store.getEvaluationFingerprint(accountId);
  const partial = options.changedTypes !== undefined;
  if (!partial && !options.force && digest === previous) {
    return skippedEvaluation(store, accountId, assets.length, frameworks, started);
  }
  const run = partial ? controlsReading(controls, options.changedTypes ?? []) : controls;
  // The analysers still see the whole estate: a fact on one asset may depend on assets of other types.
  const { results, facts } = await evaluateEstate(assets, relationships, run, {
    now,
    unreadTypes,
    foreignAccounts,
    inPlace: true, // built above for this run
  });
  await store.setAssetFacts(accountId, facts);
  const summary = await store.applyResults(
    accountId,
    run.map((control) => control.id),
    // Back to the store's key: stored results and alerts belong to Cloudward's account.
    results.map((result) => ({ ...result, accountId })),
  );
  // A partial run knows only its own controls' results: the scores count what the store now holds.
  const scores = scoreSnapshot(
    frameworks,
    partial ? countsFromStore(await store.resultCounts({ accountId })) : countResults(results),
  );
  if (frameworks.length > 0) await store.recordScoreSnapshot(accountId, scores);
  // Stored last: a run that failed part-way leaves the old fingerprint, so the next run evaluates in full. A partial
  // run forgets it: date-dependent controls it left alone may be a day old, and a later full sync reading the
  // estate as it was at the last full evaluation must not be skipped over results the events have changed.
  await store.setEvaluationFingerprint(accountId, partial ? null : digest);
  // Only a change of its own data moves others' paths (a change of theirs alone must not bounce back).
  const ownChanged = previous === null || ownFingerprintPart(previous) !== ownDigest;
  return {
    accountId,
    assets: assets.length,
    results: results.length,
    summary,
    scores,
    durationMs: Date.now() - started,
    skipped: false,
    controlsEvaluated: run.length,
    ...(ownChanged ? { crossAccountDependents: await foreignAccounts.dependents() } : {}),
  };
}

/** Nothing changed: expired suppressions still lapse and a score snapshot is still recorded, from stored counts. */
async function skippedEvaluation(
  store: Store,
  accountId: string,
  assets: number,
  frameworks: ControlSet['frameworks'],
  started: number,
): Promise<AccountEvaluation> {
  const reopened = await store.lapseExpiredSuppressions(accountId);
  const counts = countsFromStore(await store.resultCounts({ accountId }));
  let results = 0;
  for (const tally of counts.values()) results += tally.pass + tally.fail + tally.notApplicable + tally.error;
  const scores = scoreSnapshot(frameworks, counts);
  if (frameworks.length > 0) await store.recordScoreSnapshot(accountId, scores);
  return {
    accountId,
    assets,
    results,
    summary: { opened: 0, reopened, resolved: 0, suppressed: 0, unchanged: 0 },
    scores,
    durationMs: Date.now() - started,
    skipped: true,
    controlsEvaluated: 0,
  };
}

/**
 * The unread types of the account's most recent finished full sync (a running one has not said yet). An event
 * re-read reads a few units only: its results say nothing about the others, so it is not the reference.
 */
export async function lastSyncUnreadTypes(
  store: Store,
  accountId: string,
  awsAccountId: string,
  declared: readonly DeclaredTypes[],
): Promise<UnreadType[]> {
  let cursor: string | undefined;
  do {
    const page = await store.listSyncs(accountId, { limit: 100, cursor });
    const finished = page.items.find(
      (sync) => sync.status !== 'queued' && sync.status !== 'running' && sync.trigger !== 'event',
    );
    if (finished) return unreadTypesOf(awsAccountId, finished.services, declared);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return [];
}
