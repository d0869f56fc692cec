// Report formats of `cloudward scan` and the alert exports.
import { renderAsff } from './asff';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { jsonArrayChunks, jsonChunks } from './json-chunks';
import type { ScanResult } from './model';
import { renderOcsf, toOcsf } from './ocsf';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'ocsf', 'html', 'sarif', 'asff'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  table: 'txt',
  json: 'json',
  csv: 'csv',
  ocsf: 'ocsf.json',
  html: 'html',
  sarif: 'sarif',
  asff: 'asff.json',
};

export function renderReport(result: ScanResult, format: ReportFormat): string {
  switch (format) {
    case 'table':
      return renderTable(result);
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'csv':
      return renderCsv(result);
    case 'ocsf':
      return renderOcsf(result) + '\n';
    case 'html':
      return renderHtml(result);
    case 'sarif':
      return renderSarif(result) + '\n';
    case 'asff':
      return renderAsff(result) + '\n';
  }
}

/**
 * The report as pieces whose concatenation is renderReport's text: JSON and OCSF are produced finding by finding
 * (a large estate's report is tens of megabytes), the other formats in one piece.
 */
export function* reportChunks(result: ScanResult, format: ReportFormat): Generator<string> {
  if (format === 'json') {
    yield* jsonChunks(result);
    yield '\n';
  } else if (format === 'ocsf') {
    yield* jsonArrayChunks(
      (function* () {
        for (const finding of result.findings) yield toOcsf(finding, result);
      })(),
      1,
    );
    yield '\n';
  } else yield renderReport(result, format);
}

export * from './model';
export { renderCsv, csvField } from './csv';
export { renderHtml, escapeHtml } from './html';
export { OCSF_VERSION, renderOcsf, toOcsf } from './ocsf';
export { renderTable } from './table';
export { SARIF_VERSION, renderSarif, toSarif } from './sarif';
export { ASFF_SCHEMA_VERSION, renderAsff, toAsff } from './asff';
