// The result of one `cloudward scan`: our own JSON model (documented by docs/schemas/scan-result.schema.json),
// and the input of every report renderer in this folder.
import type { ResultStatus, Severity } from '../../store/model';

export interface ScanRequirementRef {
  framework: string;
  requirement: string;
}

export interface ScanFinding {
  controlId: string;
  title: string;
  status: ResultStatus;
  severity: Severity;
  accountId: string;
  region: string;
  /** Short id (e.g. `i-0abc`, bucket name) for people; `resourceArn` is the full id. */
  resourceId: string;
  resourceArn: string;
  resourceType: string;
  /** One plain sentence: why this resource passes or fails. */
  reason: string;
  /** Plain sentences behind the verdict, naming the resources involved (the reason first). */
  evidence: string[];
  /** The engine's condition trace (paths, operators): how the verdict was decided. */
  trace: string[];
  requirements: ScanRequirementRef[];
  /** The control's remediation filled with this resource's values (`<Placeholder>` where it has none). */
  remediation?: { console?: string[]; cli?: string; terraform?: string };
  /** The control's reference links. */
  references: string[];
  /** Present when a suppression (from --suppressions) matched this failing finding. */
  suppressed?: { justification: string; expires?: string };
  /** findingFingerprint (evaluator/fingerprint.ts): control + resource + account + region, stable across runs. */
  fingerprint: string;
  /** With --baseline, on failing findings: `new` (not failing in the baseline) or `known`. */
  baseline?: 'new' | 'known';
}

/** What --resource-tags / --resource-arn kept (collection is whole; findings and assets are narrowed). */
export interface ScanScope {
  resourceTags?: Record<string, string>;
  resourceArns?: string[];
}

/** --baseline: unsuppressed failures split by whether the baseline report already had them failing. */
export interface ScanBaselineSummary {
  new: number;
  known: number;
}

export interface ScanAsset {
  id: string;
  type: string;
  region: string;
  name: string;
  exposure?: {
    verdict: 'exposed' | 'not_exposed' | 'unknown';
    ports?: { protocol: string; from: number; to: number }[];
    evidence: string[];
  };
}

export interface ScanFrameworkScore {
  id: string;
  name: string;
  passed: number;
  evaluated: number;
  /** passed / evaluated, null when nothing was evaluated. */
  score: number | null;
}

export interface ScanError {
  service: string;
  region: string;
  code: string;
  message: string;
}

export interface ScanResult {
  schemaVersion: '1.0';
  generator: { name: 'cloudward'; version: string };
  summary: {
    accountId: string;
    regions: string[];
    startedAt: string;
    finishedAt: string;
    counts: Record<ResultStatus | 'suppressed', number>;
    failedBySeverity: Record<Severity, number>;
    frameworks: ScanFrameworkScore[];
    scope?: ScanScope;
    baseline?: ScanBaselineSummary;
  };
  findings: Findings;
  assets: ScanAsset[];
  /** Services or regions that could not be read (partial results, never hidden). */
  errors: ScanError[];
}

/** A report as its JSON reads back (`scan --format json`): the findings are an array. */
export type ScanReport = Omit<ScanResult, 'findings'> & { findings: ScanFinding[] };

/**
 * A report's findings in report order: a plain array, or (from `scan`) a LazyFindings that makes each finding as
 * it is read. Read it again for another pass.
 */
export interface Findings extends Iterable<ScanFinding> {
  readonly length: number;
}

/**
 * Findings made from `items` one at a time, on every pass: a large estate's findings (60,000 at 15,000 assets,
 * each with its filled remediation and fingerprint) are never all held, only what they are made from.
 * JSON.stringify writes them as an array, and json-chunks.ts streams them as one.
 */
export class LazyFindings<T> implements Findings {
  constructor(
    private readonly items: Iterable<T> & { readonly length: number },
    private readonly make: (item: T) => ScanFinding,
  ) {}

  get length(): number {
    return this.items.length;
  }

  *[Symbol.iterator](): Iterator<ScanFinding> {
    for (const item of this.items) yield this.make(item);
  }

  toJSON(): ScanFinding[] {
    return [...this];
  }
}

/** The findings that pass `keep`, as an array (only those are made to be held). */
export function filterFindings(findings: Findings, keep: (finding: ScanFinding) => boolean): ScanFinding[] {
  const kept: ScanFinding[] = [];
  for (const finding of findings) if (keep(finding)) kept.push(finding);
  return kept;
}

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/** Failing findings that are not suppressed, worst first. */
export function openFailures(result: ScanResult): ScanFinding[] {
  return filterFindings(result.findings, (finding) => finding.status === 'fail' && !finding.suppressed).sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.controlId.localeCompare(b.controlId),
  );
}
