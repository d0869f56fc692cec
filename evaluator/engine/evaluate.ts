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
  // One context reused for every evaluation (only `root` changes): no allocation per asset.
  const ctx: RunContext = { root: undefined as unknown as EvalAsset, estate, now, cache: new Map() };
  const results: EvaluationResult[] = [];
  for (const control of controls) {
    const wantGlobal = control.scope === 'global';
    for (const type of control.resourceTypes) {
      for (const asset of estate.allOfType(type)) {
        if (wantGlobal !== (asset.region === GLOBAL_REGION)) continue;
        ctx.root = asset;
        results.push(evaluateOne(control, asset, ctx));
      }
    }
  }
  return results;
}

export function evaluateOne(control: LoadedControl, asset: EvalAsset, ctx: RunContext): EvaluationResult {
  let evidence: string[] = [];
  let status: ResultStatus;
  let reason: string;
  try {
    const applies = control.compiled.applies;
    // Decide applicability without writing evidence; explain it only when it rules the asset out.
    if (applies && !applies.run(asset, '', ctx, null)) {
      applies.run(asset, '', ctx, evidence);
      status = 'not_applicable';
      reason = `Not applicable: ${evidence[0] ?? 'the applies condition is false'}`;
    } else {
      const passed = control.compiled.condition.run(asset, '', ctx, evidence);
      status = passed ? 'pass' : 'fail';
      const template = passed ? control.compiled.passMessage : control.compiled.failMessage;
      reason = template
        ? template.render(asset)
        : `${passed ? 'Passed' : 'Failed'}: ${(evidence.length > 3 ? evidence.slice(0, 3) : evidence).join('; ') || control.title}`;
    }
  } catch (error) {
    if (!(error instanceof ReadErrorSignal)) throw error;
    status = 'error';
    const whose = error.assetId === asset.id ? '' : ` of ${shortId(error.assetId)}`;
    if (error.sentence) {
      // An aggregate whose members were not all collected: the sentence names them.
      reason = `Could not decide: ${error.sentence}`;
      evidence = [`${error.sentence}, so the control cannot decide`];
    } else if (error.key.startsWith('facts.')) {
      // An analyser's `unknown` verdict: the code is its reason (what was missing).
      reason = `Could not decide ${error.key}${whose}: ${error.code}`;
      evidence = [
        `the analysers could not decide ${error.key}${whose} (${error.code}), so the control cannot decide`,
      ];
    } else {
      reason = `Could not read config.${error.key}${whose}: ${error.code}`;
      evidence = [
        `the collector could not read config.${error.key}${whose} (${error.code}), so the control cannot decide`,
      ];
    }
  }
  if (evidence.length > 1) evidence = dedupe(evidence);
  return {
    controlId: control.id,
    accountId: asset.accountId,
    region: asset.region,
    assetId: asset.id,
    resourceType: asset.type,
    status,
    severity: control.severity,
    reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason,
    evidence: evidence.length > MAX_EVIDENCE ? evidence.slice(0, MAX_EVIDENCE) : evidence,
    exposed: isExposed(asset),
  };
}

function isExposed(asset: EvalAsset): boolean {
  const exposure = asset.facts?.exposure as { verdict?: string } | undefined;
  return exposure?.verdict === 'exposed';
}

function dedupe(lines: string[]): string[] {
  for (let i = 1; i < lines.length; i++) if (lines.indexOf(lines[i]) !== i) return [...new Set(lines)];
  return lines;
}
