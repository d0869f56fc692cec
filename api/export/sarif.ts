// SARIF 2.1.0 (OASIS): one run, a rule per control that has a result, a result per failing finding (suppressed
// ones carry an external suppression) and per finding whose data could not be read (kind `open`: the tool could
// not decide). Passing and not-applicable findings are left out: SARIF results are things to look at.
// Cloud resources have no file, so each location is a logical location whose fully qualified name is the ARN.
// test/export/sarif.test.ts validates the output against the official sarif-schema-2.1.0.json.
import type { Severity } from '../../store/model';
import { filterFindings, type ScanFinding, type ScanResult } from './model';

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
// GitHub code scanning reads `security-severity` (0-10): >= 9 critical, >= 7 high, >= 4 medium, else low.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text);
}

function ruleOf(finding: ScanFinding): Record<string, unknown> {
  const help = [...(finding.remediation?.console ?? [])].join('\n');
  const frameworks = [...new Set(finding.requirements.map((ref) => ref.framework))];
  const helpUri = finding.references.find(isUrl);
  return {
    id: finding.controlId,
    name: finding.controlId,
    shortDescription: { text: finding.title },
    ...(help ? { help: { text: help } } : {}),
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: {
      tags: ['security', ...frameworks],
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity],
    },
  };
}

function resultOf(finding: ScanFinding, ruleIndex: number): Record<string, unknown> {
  const failing = finding.status === 'fail';
  return {
    ruleId: finding.controlId,
    ruleIndex,
    // SARIF: a kind other than `fail` must have level `none`.
    kind: failing ? 'fail' : 'open',
    level: failing ? LEVEL[finding.severity] : 'none',
    message: { text: finding.reason },
    locations: [
      {
        logicalLocations: [
          { name: finding.resourceId, fullyQualifiedName: finding.resourceArn, kind: 'resource' },
        ],
      },
    ],
    partialFingerprints: { 'cloudwardFinding/v1': finding.fingerprint },
    ...(finding.baseline ? { baselineState: finding.baseline === 'new' ? 'new' : 'unchanged' } : {}),
    ...(finding.suppressed
      ? {
          suppressions: [
            { kind: 'external', status: 'accepted', justification: finding.suppressed.justification },
          ],
        }
      : {}),
    properties: {
      accountId: finding.accountId,
      region: finding.region,
      resourceType: finding.resourceType,
      status: finding.status,
      evidence: finding.evidence,
      requirements: finding.requirements.map((ref) => `${ref.framework}:${ref.requirement}`),
    },
  };
}

export function toSarif(result: ScanResult): Record<string, unknown> {
  const reported = filterFindings(
    result.findings,
    (finding) => finding.status === 'fail' || finding.status === 'error',
  );
  const ruleIds = [...new Set(reported.map((finding) => finding.controlId))].sort();
  const index = new Map(ruleIds.map((id, position) => [id, position]));
  const rules = ruleIds.map((id) => ruleOf(reported.find((finding) => finding.controlId === id)!));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: { name: 'Cloudward', version: result.generator.version, rules },
        },
        automationDetails: { id: `cloudward/${result.summary.accountId}/` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: result.summary.startedAt,
            endTimeUtc: result.summary.finishedAt,
            // Unread services/regions: the results are partial, and SARIF says so where tools look.
            toolExecutionNotifications: result.errors.map((error) => ({
              level: 'warning',
              message: {
                text: `${error.service} in ${error.region} could not be read: ${error.code}${error.message ? ` (${error.message})` : ''}`,
              },
            })),
          },
        ],
        results: reported.map((finding) => resultOf(finding, index.get(finding.controlId)!)),
      },
    ],
  };
}

export function renderSarif(result: ScanResult): string {
  return JSON.stringify(toSarif(result), null, 2);
}
