// OCSF 1.3.0 Compliance Finding (class 2003, category 2 "Findings"), one event per finding, as a JSON array.
// 1.3.0 is the first version whose Compliance Finding has `resources` (an array; 1.1/1.2 only had `resource`).
// test/export/ocsf.test.ts validates the output against a JSON Schema of the class at that version.
import type { ResultStatus, Severity } from '../../store/model';
import type { ScanFinding, ScanResult } from './model';

export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 2003;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_CAPTION: Record<Severity, string> = {
  info: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
// compliance.status_id: 0 Unknown, 1 Pass, 2 Warning, 3 Fail, 99 Other.
const COMPLIANCE_STATUS: Record<ResultStatus, [number, string]> = {
  pass: [1, 'Pass'],
  fail: [3, 'Fail'],
  not_applicable: [99, 'Not applicable'],
  error: [0, 'Unknown'],
};

function findingStatus(finding: ScanFinding): [number, string] {
  // status_id: 1 New, 3 Suppressed, 4 Resolved, 99 Other.
  if (finding.suppressed) return [3, 'Suppressed'];
  if (finding.status === 'fail') return [1, 'New'];
  if (finding.status === 'pass') return [4, 'Resolved'];
  return [99, finding.status === 'error' ? 'Error' : 'Not applicable'];
}

export function toOcsf(finding: ScanFinding, result: ScanResult): Record<string, unknown> {
  const time = Date.parse(result.summary.finishedAt);
  const [statusId, status] = findingStatus(finding);
  const [complianceStatusId, complianceStatus] = COMPLIANCE_STATUS[finding.status];
  // OCSF requires `standards`; a standalone control (in no framework) is Cloudward's own standard.
  const mapped = [...new Set(finding.requirements.map((ref) => ref.framework))];
  const standards = mapped.length ? mapped : ['cloudward'];
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: SEVERITY_ID[finding.severity],
    severity: SEVERITY_CAPTION[finding.severity],
    status_id: statusId,
    status,
    status_detail: finding.suppressed ? `Suppressed: ${finding.suppressed.justification}` : undefined,
    message: finding.reason,
    finding_info: {
      uid: `cloudward-${finding.accountId}-${finding.region}-${finding.controlId}-${finding.resourceArn}`,
      title: finding.title,
      desc: finding.reason,
      types: ['Compliance'],
      created_time: time,
    },
    compliance: {
      control: finding.controlId,
      standards,
      requirements: finding.requirements.map((ref) => `${ref.framework}:${ref.requirement}`),
      status_id: complianceStatusId,
      status: complianceStatus,
      status_detail: finding.evidence.join('; '),
    },
    remediation: remediationOf(finding),
    resources: [
      {
        uid: finding.resourceArn,
        name: finding.resourceId,
        type: finding.resourceType,
        region: finding.region,
        cloud_partition: finding.resourceArn.split(':')[1] || 'aws',
      },
    ],
    cloud: {
      provider: 'AWS',
      account: { uid: finding.accountId, type: 'AWS Account', type_id: 10 },
      region: finding.region,
    },
    metadata: {
      version: OCSF_VERSION,
      // `cloud` comes from OCSF's cloud profile.
      profiles: ['cloud'],
      product: { name: 'Cloudward', vendor_name: 'Cloudward', version: result.generator.version },
      event_code: finding.controlId,
    },
    unmapped: { evidence: finding.evidence },
  };
}

/** OCSF requires `desc` in a remediation: a control with no console steps and no CLI gets none. */
function remediationOf(finding: ScanFinding): { desc: string } | undefined {
  const desc = [...(finding.remediation?.console ?? []), finding.remediation?.cli].filter(Boolean).join('\n');
  return desc ? { desc } : undefined;
}

export function renderOcsf(result: ScanResult): string {
  return JSON.stringify(
    Array.from(result.findings, (finding) => toOcsf(finding, result)),
    null,
    2,
  );
}
