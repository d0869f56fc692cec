// --baseline FILE: a previous `scan --format json` report. Failures it already had are `known`; the others are
// `new`, and only new ones can fail the CI job. Matching is by findingFingerprint (control + resource + account +
// region), recomputed from the baseline's own fields so a report written before fingerprints existed still works.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { findingFingerprint } from '../../evaluator/fingerprint';
import { LazyFindings, openFailures, type ScanResult } from './model';

export class BaselineFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineFileError';
  }
}

export interface Baseline {
  file: string;
  accountId: string;
  /** Fingerprints of the baseline's failing findings, suppressed ones included (they were known). */
  failing: Set<string>;
}

// Only what matching needs is checked: a report from an older or newer 1.x version still serves as a baseline.
const baselineSchema = z.object({
  schemaVersion: z.literal('1.0'),
  generator: z.object({ name: z.literal('cloudward') }),
  summary: z.object({ accountId: z.string().regex(/^\d{12}$/) }),
  findings: z.array(
    z.object({
      controlId: z.string().min(1),
      status: z.enum(['pass', 'fail', 'not_applicable', 'error']),
      accountId: z.string().min(1),
      region: z.string().min(1),
      resourceArn: z.string().min(1),
    }),
  ),
});

export function readBaselineFile(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineFileError(`--baseline ${file}: cannot read it (${code ?? (error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileError(`--baseline ${file}: not JSON (${(error as Error).message})`);
  }
  const checked = baselineSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const at = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new BaselineFileError(
      `--baseline ${file}: not a cloudward scan --format json report (${at}: ${issue.message})`,
    );
  }
  const failing = new Set(
    checked.data.findings.filter((finding) => finding.status === 'fail').map(findingFingerprint),
  );
  return { file, accountId: checked.data.summary.accountId, failing };
}

/** Marks each failing finding `new` or `known` and records the split of unsuppressed failures in the summary. */
export function applyBaseline(result: ScanResult, baseline: Baseline): { new: number; known: number } {
  result.findings = new LazyFindings(result.findings, (finding) =>
    finding.status === 'fail'
      ? { ...finding, baseline: baseline.failing.has(finding.fingerprint) ? 'known' : 'new' }
      : finding,
  );
  const open = openFailures(result);
  const split = {
    new: open.filter((finding) => finding.baseline === 'new').length,
    known: open.filter((finding) => finding.baseline === 'known').length,
  };
  result.summary.baseline = split;
  return split;
}
