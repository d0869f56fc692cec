// Turns what a scan collected and evaluated into the report model (ScanResult): findings carry their control's
// title and remediation and the framework requirements they map to; scores are passed / evaluated per
// framework (not_applicable and error left out, suppressed failures still failures: as `serve` scores them).
import {
  findingFingerprint,
  scoreFramework,
  countResult,
  remediationFor,
  type EvalAsset,
  type Framework,
  type LoadedControl,
  type Tally,
} from '../../evaluator';
import type { EvaluationResult, SyncServiceResult } from '../../store/model';
import { SEVERITIES } from '../../store/model';
import {
  LazyFindings,
  severityRank,
  type ScanAsset,
  type ScanError,
  type ScanFinding,
  type ScanRequirementRef,
  type ScanResult,
} from './model';
import type { SelectedControls } from './select';
import { suppressionOf, type SuppressionEntry } from './suppressions';

export interface BuildScanResultInput {
  awsAccountId: string;
  regions: string[];
  startedAt: Date;
  finishedAt: Date;
  version: string;
  assets: EvalAsset[];
  /** Analyser facts by Asset.id (evaluateEstate's `facts`). */
  facts: Map<string, Record<string, unknown>>;
  results: EvaluationResult[];
  selected: SelectedControls;
  suppressions?: SuppressionEntry[];
  services?: SyncServiceResult[];
}

export function frameworkLabel(framework: Framework): string {
  return framework.version && !framework.name.includes(framework.version)
    ? `${framework.name} ${framework.version}`
    : framework.name;
}

/** control id -> [{framework, requirement}] over the reported frameworks, in framework file order. */
function requirementIndex(frameworks: Framework[]): Map<string, ScanRequirementRef[]> {
  const index = new Map<string, ScanRequirementRef[]>();
  for (const framework of frameworks) {
    for (const requirement of framework.requirements) {
      for (const controlId of requirement.controls) {
        const refs = index.get(controlId) ?? [];
        if (!refs.some((ref) => ref.framework === framework.id && ref.requirement === requirement.id))
          refs.push({ framework: framework.id, requirement: requirement.id });
        index.set(controlId, refs);
      }
    }
  }
  return index;
}

function shortId(id: string): string {
  const slash = id.lastIndexOf('/');
  if (slash >= 0 && slash < id.length - 1) return id.slice(slash + 1);
  const colon = id.lastIndexOf(':');
  return colon >= 0 && colon < id.length - 1 ? id.slice(colon + 1) : id;
}

type ExposureFact = NonNullable<ScanAsset['exposure']>;

function exposureOf(facts: Record<string, unknown> | undefined): ExposureFact | undefined {
  const exposure = facts?.exposure as
    { verdict?: unknown; ports?: ExposureFact['ports']; evidence?: unknown } | undefined;
  if (!exposure || typeof exposure.verdict !== 'string') return undefined;
  if (!['exposed', 'not_exposed', 'unknown'].includes(exposure.verdict)) return undefined;
  return {
    verdict: exposure.verdict as ExposureFact['verdict'],
    ...(Array.isArray(exposure.ports) && exposure.ports.length
      ? {
          ports: exposure.ports.map((range) => ({
            protocol: String(range.protocol),
            from: range.from,
            to: range.to,
          })),
        }
      : {}),
    evidence: Array.isArray(exposure.evidence) ? exposure.evidence.map(String) : [],
  };
}

function errorsOf(services: SyncServiceResult[]): ScanError[] {
  return services
    .filter((service) => service.status === 'failed')
    .map((service) => ({
      service: service.service,
      region: service.region,
      code: service.errorCode ?? 'Error',
      message: service.errorMessage ?? '',
    }));
}

export function buildScanResult(input: BuildScanResultInput): ScanResult {
  const builder = new ScanResultBuilder(input);
  for (const result of input.results) builder.add(result);
  return builder.finish(input.finishedAt);
}

/**
 * The report model built result by result: `scan` hands each result over as the evaluator decides it. The
 * results are what is held; each becomes its finding (title, filled remediation, fingerprint) only when the
 * report is read, so a large estate's findings are never all in memory at once.
 */
export class ScanResultBuilder {
  private readonly controls: Map<string, LoadedControl>;
  private readonly assets: Map<string, EvalAsset>;
  private readonly requirements: Map<string, ScanRequirementRef[]>;
  private readonly results: EvaluationResult[] = [];
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly input: Omit<BuildScanResultInput, 'results' | 'finishedAt'>) {
    this.controls = new Map(input.selected.controls.map((control) => [control.id, control]));
    this.assets = new Map(input.assets.map((asset) => [asset.id, asset]));
    this.requirements = requirementIndex(input.selected.frameworks);
  }

  add(result: EvaluationResult): void {
    countResult(this.tallies, result);
    this.results.push(result);
  }

  /** What a suppression entry is matched against. */
  private identityOf(result: EvaluationResult) {
    const asset = this.assets.get(result.assetId);
    return {
      status: result.status,
      controlId: result.controlId,
      resourceArn: result.assetId,
      resourceId: asset?.name || shortId(result.assetId),
      accountId: this.input.awsAccountId,
      region: result.region,
    };
  }

  private findingOf(result: EvaluationResult): ScanFinding {
    const { input, requirements } = this;
    const control = this.controls.get(result.controlId);
    const asset = this.assets.get(result.assetId);
    const identity = this.identityOf(result);
    // Filled with this finding's asset (bucket name, group id, ...); placeholders where it has no value. Only
    // where there is something to fix or check: on passing findings it was a third of the report's size and memory.
    const remediation =
      control && (result.status === 'fail' || result.status === 'error')
        ? remediationFor(control, asset && { ...asset, facts: input.facts.get(asset.id) ?? asset.facts })
        : undefined;
    const suppressed = suppressionOf(identity, input.suppressions ?? []);
    return {
      controlId: result.controlId,
      title: control?.title ?? result.controlId,
      status: result.status,
      severity: result.severity,
      accountId: input.awsAccountId,
      region: result.region,
      resourceId: identity.resourceId,
      resourceArn: result.assetId,
      resourceType: result.resourceType,
      reason: result.reason,
      evidence: result.evidence,
      trace: result.trace ?? [],
      requirements: requirements.get(result.controlId) ?? [],
      references: control?.references ?? [],
      ...(remediation && (remediation.console?.length || remediation.cli || remediation.terraform)
        ? { remediation: { ...remediation } }
        : {}),
      fingerprint: findingFingerprint({
        controlId: result.controlId,
        resourceArn: result.assetId,
        accountId: input.awsAccountId,
        region: result.region,
      }),
      ...(suppressed ? { suppressed } : {}),
    };
  }

  /** The report over every result added. */
  finish(finishedAt: Date): ScanResult {
    const { input, results } = this;
    results.sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.controlId.localeCompare(b.controlId) ||
        a.assetId.localeCompare(b.assetId),
    );

    const counts = { pass: 0, fail: 0, not_applicable: 0, error: 0, suppressed: 0 };
    const failedBySeverity = Object.fromEntries(
      SEVERITIES.map((severity) => [severity, 0]),
    ) as ScanResult['summary']['failedBySeverity'];
    const active = input.suppressions ?? [];
    for (const result of results) {
      const suppressed = result.status === 'fail' && !!suppressionOf(this.identityOf(result), active);
      if (suppressed) counts.suppressed += 1;
      else counts[result.status] += 1;
      if (result.status === 'fail' && !suppressed) failedBySeverity[result.severity] += 1;
    }

    const tallies = this.tallies;
    const frameworks = input.selected.frameworks.map((framework) => {
      const score = scoreFramework(framework, tallies);
      return {
        id: framework.id,
        name: frameworkLabel(framework),
        passed: score.passed,
        evaluated: score.evaluated,
        score: score.score,
      };
    });

    const scanAssets: ScanAsset[] = input.assets
      .map((asset) => {
        const exposure = exposureOf(input.facts.get(asset.id) ?? asset.facts);
        return {
          id: asset.id,
          type: asset.type,
          region: asset.region,
          name: asset.name,
          ...(exposure ? { exposure } : {}),
        };
      })
      .sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));

    return {
      schemaVersion: '1.0',
      generator: { name: 'cloudward', version: input.version },
      summary: {
        accountId: input.awsAccountId,
        regions: input.regions,
        startedAt: input.startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        counts,
        failedBySeverity,
        frameworks,
      },
      findings: new LazyFindings(results, (result) => this.findingOf(result)),
      assets: scanAssets,
      errors: errorsOf(input.services ?? []),
    };
  }
}
