// Store-less evaluation: analysers then controls over an in-memory estate (used by `scan` and by tests).
import type { EvaluationResult, Relationship } from '../store/model';
import { runAnalysers } from './analysers';
import { evaluate } from './engine/evaluate';
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
  const withFacts: EvalAsset[] = assets.map((asset) => ({ ...asset, facts: { ...(asset.facts ?? {}) } }));
  const facts = new Map<string, Record<string, unknown>>();
  if (options.analysers !== false) {
    const computed = await runAnalysers(new Estate(withFacts, relationships, options.unreadTypes), {
      now: options.now,
    });
    for (const asset of withFacts) {
      const extra = computed.get(asset.id);
      if (extra) Object.assign(asset.facts!, extra);
    }
  }
  for (const asset of withFacts) facts.set(asset.id, asset.facts!);
  const results = evaluate(new Estate(withFacts, relationships, options.unreadTypes), controls, {
    now: options.now,
  });
  return { results, facts };
}
