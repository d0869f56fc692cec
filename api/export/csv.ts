// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break.
import type { ScanResult } from './model';

const COLUMNS = [
  'control_id',
  'title',
  'status',
  'severity',
  'account_id',
  'region',
  'resource_type',
  'resource_id',
  'resource_arn',
  'reason',
  'evidence',
  'requirements',
  'suppressed_justification',
  'remediation_cli',
] as const;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderCsv(result: ScanResult): string {
  const rows = [COLUMNS.join(',')];
  for (const finding of result.findings) {
    rows.push(
      [
        finding.controlId,
        finding.title,
        finding.suppressed ? 'suppressed' : finding.status,
        finding.severity,
        finding.accountId,
        finding.region,
        finding.resourceType,
        finding.resourceId,
        finding.resourceArn,
        finding.reason,
        finding.evidence.join(' | '),
        finding.requirements.map((ref) => `${ref.framework}:${ref.requirement}`).join(' '),
        finding.suppressed?.justification ?? '',
        finding.remediation?.cli ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
