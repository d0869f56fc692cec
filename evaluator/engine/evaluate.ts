// Runs compiled controls over an indexed estate: one EvaluationResult per (control, asset of its types).
import { GLOBAL_REGION, type EvaluationResult, type ResultStatus } from '../../store/model';
import type { EvalAsset, LoadedControl } from '../types';
import { ReadErrorSignal, type RunContext } from './compile';
import type { Estate } from './estate';
import { capitalise, humanizePath, plainAsset, plainScalar, readErrorSentence } from './sentences';
import { flatCopy, StringPool } from '../../collector/string-pool';
import { shortId } from './values';

/** Results carry at most this many evidence (and trace) lines (the decisive ones come first). */
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
  const results: EvaluationResult[] = [];
  evaluateEach(estate, controls, options, (result) => results.push(result));
  return results;
}

/**
 * evaluate's results handed to `onResult` one at a time, as they are decided: a caller that turns each into
 * something else never holds them all. (A callback, not a generator: a finished generator still held by its
 * caller would keep the estate, the run cache and the string pool alive.)
 */
export function evaluateEach(
  estate: Estate,
  controls: LoadedControl[],
  options: EvaluateOptions,
  onResult: (result: EvaluationResult) => void,
): void {
  const now = (options.now ?? new Date()).getTime();
  // One context reused for every evaluation (only `root` changes): no allocation per asset.
  const ctx: RunContext = {
    root: undefined as unknown as EvalAsset,
    estate,
    now,
    cache: new Map(),
    sentences: [],
  };
  // Held results keep one flat copy of each evidence and trace line (see string-pool.ts); the pool goes when
  // evaluation ends. Reasons name their asset, so nearly every one is distinct: flattened, not pooled.
  const pool = new StringPool();
  for (const control of controls) {
    const wantGlobal = control.scope === 'global';
    for (const type of control.resourceTypes) {
      for (const asset of estate.allOfType(type)) {
        if (wantGlobal !== (asset.region === GLOBAL_REGION)) continue;
        ctx.root = asset;
        const result = evaluateOne(control, asset, ctx);
        const reason = flatCopy(result.reason);
        // evidence[0] is the reason itself (unless capped): keep it one string.
        result.evidence = result.evidence.map((line) =>
          line === result.reason ? reason : pool.intern(line),
        );
        result.reason = reason;
        if (result.trace) result.trace = pool.internAll(result.trace);
        onResult(result);
      }
    }
  }
}

export function evaluateOne(control: LoadedControl, asset: EvalAsset, ctx: RunContext): EvaluationResult {
  // The trace is the condition tree's own account (paths, operators); evidence is plain sentences only.
  let trace: string[] = [];
  let evidence: string[];
  let status: ResultStatus;
  let reason: string;
  ctx.sentences = [];
  ctx.negated = false;
  ctx.firstUnmet = undefined;
  try {
    const applies = control.compiled.applies;
    // Decide applicability without writing evidence; explain it only when it rules the asset out.
    if (applies && !applies.run(asset, '', ctx, null)) {
      applies.run(asset, '', ctx, trace);
      status = 'not_applicable';
      reason = notApplicableSentence(control, asset, ctx.firstUnmet);
    } else {
      const passed = control.compiled.condition.run(asset, '', ctx, trace);
      status = passed ? 'pass' : 'fail';
      const template = passed ? control.compiled.passMessage : control.compiled.failMessage;
      reason = template
        ? template.render(asset)
        : `${capitalise(plainAsset(asset))} ${passed ? 'meets' : 'does not meet'}: ${control.title}`;
    }
    evidence = [reason, ...ctx.sentences];
  } catch (error) {
    if (!(error instanceof ReadErrorSignal)) throw error;
    status = 'error';
    if (error.sentence) {
      // An aggregate whose members were not all collected: the sentence names them.
      reason = `Could not decide: ${capitalise(error.sentence)}.`;
      trace = [`${error.sentence}, so the control cannot decide`];
    } else {
      const owner = error.assetId === asset.id ? asset : ctx.estate.get(error.assetId);
      reason = readErrorSentence(error.key, error.code, owner, asset);
      const whose = error.assetId === asset.id ? '' : ` of ${shortId(error.assetId)}`;
      trace = error.key.startsWith('facts.')
        ? [
            `the analysers could not decide ${error.key}${whose} (${error.code}), so the control cannot decide`,
          ]
        : [
            `the collector could not read config.${error.key}${whose} (${error.code}), so the control cannot decide`,
          ];
    }
    evidence = [reason];
  }
  if (evidence.length > 1) evidence = dedupe(evidence);
  if (trace.length > 1) trace = dedupe(trace);
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
    trace: trace.length > MAX_EVIDENCE ? trace.slice(0, MAX_EVIDENCE) : trace,
    exposed: isExposed(asset),
  };
}

/** "Not applicable to instance web-1 (i-0abc): its state name is stopped." from the leaf that ruled it out. */
function notApplicableSentence(
  control: LoadedControl,
  asset: EvalAsset,
  unmet: RunContext['firstUnmet'],
): string {
  const subject = plainAsset(asset);
  if (unmet && unmet.segments[0] === 'config' && unmet.segments.length > 1) {
    const key = humanizePath(unmet.segments.slice(1));
    const whose =
      unmet.asset && unmet.asset.id !== asset.id ? `the ${key} of ${plainAsset(unmet.asset)}` : `its ${key}`;
    const shown = plainScalar(unmet.value);
    if (unmet.value === undefined || unmet.value === null)
      return `Not applicable to ${subject}: ${whose} is not set.`;
    if (shown !== undefined) return `Not applicable to ${subject}: ${whose} is ${shown}.`;
  }
  return `Not applicable to ${subject}: it is outside the scope of "${control.title}".`;
}

function isExposed(asset: EvalAsset): boolean {
  const exposure = asset.facts?.exposure as { verdict?: string } | undefined;
  return exposure?.verdict === 'exposed';
}

function dedupe(lines: string[]): string[] {
  for (let i = 1; i < lines.length; i++) if (lines.indexOf(lines[i]) !== i) return [...new Set(lines)];
  return lines;
}
