// A self-contained HTML report: no scripts, styles inline, every value escaped.
import { filterFindings, openFailures, type ScanFinding, type ScanResult } from './model';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#1b1f24;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:8px 0 24px}th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}.sev{font-weight:700;text-transform:uppercase;font-size:.8em}.critical,.high{color:#b42318}.medium{color:#9a5b00}
.low{color:#1f5fbf}.info{color:#57606a}pre{background:#f6f8fa;padding:8px;white-space:pre-wrap}details{margin:4px 0}
.muted{color:#57606a}`;

function percent(score: number | null): string {
  return score === null ? '—' : `${Math.round(score * 100)}%`;
}

/** Only http(s) links become anchors; anything else is shown as text. */
function link(url: string): string {
  return /^https?:\/\//.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`
    : escapeHtml(url);
}

function findingBlock(finding: ScanFinding): string {
  const remediation = finding.remediation;
  const steps = remediation?.console?.length
    ? `<ol>${remediation.console.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`
    : '';
  const cli = remediation?.cli ? `<p>CLI:</p><pre>${escapeHtml(remediation.cli)}</pre>` : '';
  const terraform = remediation?.terraform
    ? `<p>Terraform:</p><pre>${escapeHtml(remediation.terraform)}</pre>`
    : '';
  const references = finding.references.length
    ? `<p>References:</p><ul>${finding.references.map((url) => `<li>${link(url)}</li>`).join('')}</ul>`
    : '';
  // The reason is the first evidence sentence; the list shows the rest. The condition trace stays folded.
  const evidence = finding.evidence[0] === finding.reason ? finding.evidence.slice(1) : finding.evidence;
  const trace = finding.trace.length
    ? `<details><summary>How this was decided</summary><pre>${escapeHtml(finding.trace.join('\n'))}</pre></details>`
    : '';
  return `<tr>
<td class="sev ${finding.severity}">${escapeHtml(finding.severity)}</td>
<td><strong>${escapeHtml(finding.title)}</strong><br><span class="muted">${escapeHtml(finding.controlId)}</span></td>
<td>${escapeHtml(finding.resourceId)}<br><span class="muted">${escapeHtml(finding.resourceType)} · ${escapeHtml(finding.region)}</span></td>
<td>${escapeHtml(finding.reason)}${evidence.length ? `<ul>${evidence.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}
${trace}${steps || cli || terraform || references ? `<details><summary>Remediation</summary>${steps}${cli}${terraform}${references}</details>` : ''}</td>
<td>${finding.requirements.map((ref) => escapeHtml(`${ref.framework} ${ref.requirement}`)).join('<br>')}</td>
</tr>`;
}

/** Accepted risks stay visible with their justification, so a reviewer can challenge them. */
function suppressedSection(result: ScanResult): string {
  const suppressed = filterFindings(result.findings, (finding) => !!finding.suppressed);
  if (!suppressed.length) return '';
  const rows = suppressed
    .map(
      (finding) =>
        `<tr><td class="sev ${finding.severity}">${escapeHtml(finding.severity)}</td><td>${escapeHtml(finding.controlId)}</td>` +
        `<td>${escapeHtml(finding.resourceId)}</td><td>${escapeHtml(finding.suppressed!.justification)}</td>` +
        `<td>${escapeHtml(finding.suppressed!.expires ?? '—')}</td></tr>`,
    )
    .join('\n');
  return `<h2>Suppressed findings (${suppressed.length})</h2>
<table><thead><tr><th>Severity</th><th>Control</th><th>Resource</th><th>Justification</th><th>Expires</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function renderHtml(result: ScanResult): string {
  const { summary } = result;
  const failures = openFailures(result);
  const frameworks = summary.frameworks
    .map(
      (framework) =>
        `<tr><td>${escapeHtml(framework.name)}</td><td>${percent(framework.score)}</td><td>${framework.passed} / ${framework.evaluated}</td></tr>`,
    )
    .join('');
  const errors = result.errors.length
    ? `<h2>Not read (partial results)</h2><ul>${result.errors
        .map(
          (error) =>
            `<li>${escapeHtml(`${error.service} ${error.region}: ${error.code} ${error.message}`)}</li>`,
        )
        .join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cloudward report — ${escapeHtml(summary.accountId)}</title><style>${STYLE}</style></head>
<body>
<h1>Cloudward report for AWS account ${escapeHtml(summary.accountId)}</h1>
<p class="muted">Regions: ${escapeHtml(summary.regions.join(', '))} · ${escapeHtml(summary.startedAt)} to ${escapeHtml(summary.finishedAt)}</p>
<p>${summary.counts.pass} passed, ${summary.counts.fail} failed, ${summary.counts.suppressed} suppressed, ${summary.counts.not_applicable} not applicable, ${summary.counts.error} errors.</p>
<h2>Scores by framework</h2>
<table><thead><tr><th>Framework</th><th>Score</th><th>Passed / evaluated</th></tr></thead><tbody>${frameworks}</tbody></table>
<h2>Failing findings (${failures.length})</h2>
<table><thead><tr><th>Severity</th><th>Control</th><th>Resource</th><th>Evidence</th><th>Requirements</th></tr></thead>
<tbody>${failures.map(findingBlock).join('\n')}</tbody></table>
${suppressedSection(result)}
${errors}
</body></html>
`;
}
