// Evaluates one account from the store: live assets and relationships -> analysers -> facts -> controls ->
// results and alerts -> one score snapshot per framework.
import type { ApplyResultsSummary, Store } from '../store/store';
import { NotFoundError } from '../store/store';
import { defaultControlSet } from './controls/default-set';
import { loadControls, type LoadControlsOptions } from './controls/loader';
import { evaluateEstate } from './evaluate-estate';
import { countResults, scoreSnapshot } from './scores';
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
  now?: Date;
}

export interface AccountEvaluation {
  accountId: string;
  assets: number;
  results: number;
  summary: ApplyResultsSummary;
  scores: Record<string, { passed: number; evaluated: number }>;
  durationMs: number;
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

  const assets: EvalAsset[] = [];
  for await (const batch of store.streamAssets(accountId)) {
    // The store's row fields (key, timestamps) are not part of what controls read.
    for (const stored of batch) {
      assets.push({
        id: stored.id,
        accountId: stored.accountId,
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
    }
  }
  const relationships = await store.listRelationships(accountId);
  const { results, facts } = await evaluateEstate(assets, relationships, controls, { now: options.now });
  await store.setAssetFacts(accountId, facts);
  const summary = await store.applyResults(
    accountId,
    controls.map((control) => control.id),
    results,
  );
  const scores = scoreSnapshot(frameworks, countResults(results));
  if (frameworks.length > 0) await store.recordScoreSnapshot(accountId, scores);
  return {
    accountId,
    assets: assets.length,
    results: results.length,
    summary,
    scores,
    durationMs: Date.now() - started,
  };
}
