// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break. Text cells that a
// spreadsheet would run as a formula are defused (see csvField).
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

/** What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"): = + - @ tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. A text cell starting like a formula gets a leading `'`, OWASP's advice, so Excel, LibreOffice
 * and Google Sheets show it as text instead of running it (resource names, tags and reasons come from the
 * scanned accounts, which an attacker may control). Numbers are written as they are: a negative number stays
 * readable, and a number cannot carry a formula. Our exports have no numeric column today, so every cell is text.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
