// Runs compiled controls over an indexed estate: one EvaluationResult per (control, asset of its types).
import { GLOBAL_REGION, type EvaluationResult, type ResultStatus } from '../../store/model';
import type { EvalAsset, LoadedControl } from '../types';
import { ReadErrorSignal, type RunContext } from './compile';
import type { Estate } from './estate';
import { shortId } from './values';

/** Results carry at most this many evidence lines (the decisive ones come first). */
const MAX_EVIDENCE = 20;
const MAX_REASON = 400;

export interface EvaluateOptions {
  now?: Date;
}

export function evaluate(
  estate: Estate,
  controls: LoadedControl[],
  options: EvaluateOptions = {},
): EvaluationResult[] {
  const now = (options.now ?? new Date()).getTime();
  const cache: RunContext['cache'] = new Map();
  const results: EvaluationResult[] = [];
  for (const control of controls) {
    for (const type of control.resourceTypes) {
      for (const asset of estate.allOfType(type)) {
        if ((control.scope === 'global') !== (asset.region === GLOBAL_REGION)) continue;
        results.push(evaluateOne(control, asset, { root: asset, estate, now, cache }));
      }
    }
  }
  return results;
}

export function evaluateOne(control: LoadedControl, asset: EvalAsset, ctx: RunContext): EvaluationResult {
  const base = {
    controlId: control.id,
    accountId: asset.accountId,
    region: asset.region,
    assetId: asset.id,
    resourceType: asset.type,
    severity: control.severity,
    exposed: isExposed(asset),
  };
  const evidence: string[] = [];
  let status: ResultStatus;
  let reason: string;
  try {
    if (control.compiled.applies && !control.compiled.applies.run(asset, '', ctx, evidence)) {
      status = 'not_applicable';
      reason = `Not applicable: ${evidence[0] ?? 'the applies condition is false'}`;
    } else {
      evidence.length = 0;
      const passed = control.compiled.condition.run(asset, '', ctx, evidence);
      status = passed ? 'pass' : 'fail';
      const template = passed ? control.compiled.passMessage : control.compiled.failMessage;
      reason = template
        ? template.render(asset)
        : `${passed ? 'Passed' : 'Failed'}: ${evidence.slice(0, 3).join('; ') || control.title}`;
    }
  } catch (error) {
    if (!(error instanceof ReadErrorSignal)) throw error;
    status = 'error';
    const whose = error.assetId === asset.id ? '' : ` of ${shortId(error.assetId)}`;
    reason = `Could not read config.${error.key}${whose}: ${error.code}`;
    evidence.length = 0;
    evidence.push(
      `the collector could not read config.${error.key}${whose} (${error.code}), so the control cannot decide`,
    );
  }
  return {
    ...base,
    status,
    reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason,
    evidence: dedupe(evidence).slice(0, MAX_EVIDENCE),
  };
}

function isExposed(asset: EvalAsset): boolean {
  const exposure = asset.facts?.exposure as { verdict?: string } | undefined;
  return exposure?.verdict === 'exposed';
}

function dedupe(lines: string[]): string[] {
  return lines.length < 2 ? lines : [...new Set(lines)];
}
