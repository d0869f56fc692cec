// Store-less evaluation: analysers then controls over an in-memory estate (used by `scan` and by tests).
import type { EvaluationResult, Relationship } from '../store/model';
import { runAnalysers } from './analysers';
import type { ForeignAccounts } from './analysers/account-estates';
import { evaluateEach } from './engine/evaluate';
import { Estate, type UnreadType } from './engine/estate';
import type { EvalAsset, LoadedControl } from './types';

export interface EvaluateEstateOptions {
  /** Default true: run the analysers first, overwriting the facts they compute. */
  analysers?: boolean;
  now?: Date;
  /**
   * Types whose list call failed (per account and region): an `assets:` aggregate over one of them is `error`
   * unless the assets that were read settle it. Built from a sync's unit results (see unreadTypesOf).
   */
  unreadTypes?: readonly UnreadType[];
  /** Other synced accounts an attack path may step into (evaluator/cross-account.ts reads them from the store). */
  foreignAccounts?: ForeignAccounts;
  /**
   * The caller hands its assets over (`scan` and evaluateAccount build them for this one run): each gets its own
   * facts object with the analysers' facts in it, instead of the evaluation working on a copy of every asset
   * (7.5 MB of copies at 15,000 assets, alive until the last control ran).
   */
  inPlace?: boolean;
}

export interface EstateEvaluation {
  results: EvaluationResult[];
  /** Asset.id -> the asset's facts after the analysers ran (given facts merged with computed ones). */
  facts: Map<string, Record<string, unknown>>;
}

export async function evaluateEstate(
  assets: EvalAsset[],
  relationships: Relationship[],
  controls: LoadedControl[],
  options: EvaluateEstateOptions = {},
): Promise<EstateEvaluation> {
  const results: EvaluationResult[] = [];
  const facts = await evaluateEstateEach(assets, relationships, controls, options, () => (result) => {
    results.push(result);
  });
  return { results, facts };
}

/**
 * evaluateEstate with each result handed over as it is decided: `scan` turns each into a report finding at once
 * instead of holding every result and every finding together. `begin` is called once the analysers have run,
 * with their facts, and returns what receives the results.
 */
export async function evaluateEstateEach(
  assets: EvalAsset[],
  relationships: Relationship[],
  controls: LoadedControl[],
  options: EvaluateEstateOptions,
  begin: (facts: EstateEvaluation['facts']) => (result: EvaluationResult) => void,
): Promise<EstateEvaluation['facts']> {
  // One canonical order, whatever order the assets arrived in (collection order in `scan`, id order from the
  // store in `serve`): which member an aggregate names first, and which it samples, must not depend on it.
  const withFacts: EvalAsset[] = (
    options.inPlace
      ? assets.map((asset) => {
          asset.facts = { ...(asset.facts ?? {}) };
          return asset;
        })
      : assets.map((asset) => ({ ...asset, facts: { ...(asset.facts ?? {}) } }))
  ).sort((a, b) => compareText(a.id, b.id) || compareText(a.region, b.region));
  relationships = [...relationships].sort(
    (a, b) =>
      compareText(a.fromId, b.fromId) ||
      compareText(a.verb, b.verb) ||
      compareText(a.toId, b.toId) ||
      compareText(a.service, b.service) ||
      compareText(a.region, b.region),
  );
  const facts = new Map<string, Record<string, unknown>>();
  if (options.analysers !== false) {
    const computed = await runAnalysers(new Estate(withFacts, relationships, options.unreadTypes), {
      now: options.now,
      foreignAccounts: options.foreignAccounts,
    });
    for (const asset of withFacts) {
      const extra = computed.get(asset.id);
      if (extra) Object.assign(asset.facts!, extra);
    }
  }
  for (const asset of withFacts) facts.set(asset.id, asset.facts!);
  evaluateEach(
    new Estate(withFacts, relationships, options.unreadTypes),
    controls,
    { now: options.now },
    begin(facts),
  );
  return facts;
}

/** Code-unit order (not locale order): the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
