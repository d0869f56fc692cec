// The terminal summary: scores per framework, then failing findings by severity.
import { openFailures, SEVERITY_ORDER, type ScanResult } from './model';

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width - 1) + '…' : text + ' '.repeat(width - text.length);
}

export function renderTable(result: ScanResult, options: { maxFindings?: number } = {}): string {
  const { summary } = result;
  const lines: string[] = [];
  lines.push(`Cloudward scan of account ${summary.accountId} (${summary.regions.join(', ')})`);
  lines.push(
    `${summary.counts.pass} passed, ${summary.counts.fail} failed, ${summary.counts.suppressed} suppressed, ` +
      `${summary.counts.not_applicable} not applicable, ${summary.counts.error} errors`,
  );
  lines.push('');
  // Framework names are the column people read first: never cut them.
  const nameWidth = Math.max(44, ...summary.frameworks.map((framework) => framework.name.length + 2));
  lines.push(`${pad('Framework', nameWidth)}${pad('Score', 8)}Passed/evaluated`);
  for (const framework of summary.frameworks) {
    const score = framework.score === null ? '—' : `${Math.round(framework.score * 100)}%`;
    lines.push(`${pad(framework.name, nameWidth)}${pad(score, 8)}${framework.passed}/${framework.evaluated}`);
  }
  const failures = openFailures(result);
  lines.push('');
  lines.push(
    `Failing: ${SEVERITY_ORDER.map((severity) => `${severity} ${summary.failedBySeverity[severity] ?? 0}`).join(', ')}`,
  );
  const shown = failures.slice(0, options.maxFindings ?? 50);
  if (shown.length) {
    lines.push('');
    const controlWidth = Math.max(52, ...shown.map((finding) => finding.controlId.length + 2));
    lines.push(`${pad('Severity', 10)}${pad('Control', controlWidth)}${pad('Region', 16)}Resource`);
    for (const finding of shown) {
      lines.push(
        `${pad(finding.severity, 10)}${pad(finding.controlId, controlWidth)}${pad(finding.region, 16)}${finding.resourceId}`,
      );
    }
    if (failures.length > shown.length)
      lines.push(`… and ${failures.length - shown.length} more (use --format json or csv)`);
  }
  if (result.errors.length) {
    lines.push('');
    lines.push('Not read (partial results):');
    for (const error of result.errors)
      lines.push(`  ${error.service} ${error.region}: ${error.code} ${error.message}`);
  }
  return lines.join('\n') + '\n';
}
