// The web benchmark's arithmetic and table, apart from the browser so they can be tested.

/** Nearest-rank percentile of unsorted values (share 0.5 = median, 0.95 = p95); NaN when there are none. */
export function percentile(values: number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(share * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: number[]): number => percentile(values, 0.5);
export const p95 = (values: number[]): number => percentile(values, 0.95);

export interface PageSample {
  /** Navigation (or click) to the page's main content visible. */
  ms: number;
  /** From the first API request's start to the last API answer's end, as the browser timed them. */
  apiMs: number;
  /** Bytes on the wire (encoded bodies plus headers) of every response the step caused. */
  bytes: number;
  domNodes: number;
}

export interface PageResult {
  name: string;
  budgetMs: number;
  apiBudgetMs: number;
  samples: PageSample[];
}

export interface Row {
  name: string;
  medianMs: number;
  p95Ms: number;
  budgetMs: number;
  apiMedianMs: number;
  apiBudgetMs: number;
  kb: number;
  domNodes: number;
  /** What is over budget, judged on the p95 (empty when within). */
  over: string[];
}

export function summarize(result: PageResult): Row {
  const ms = result.samples.map((sample) => sample.ms);
  const api = result.samples.map((sample) => sample.apiMs);
  const row: Row = {
    name: result.name,
    medianMs: median(ms),
    p95Ms: p95(ms),
    budgetMs: result.budgetMs,
    apiMedianMs: median(api),
    apiBudgetMs: result.apiBudgetMs,
    kb: median(result.samples.map((sample) => sample.bytes)) / 1024,
    domNodes: median(result.samples.map((sample) => sample.domNodes)),
    over: [],
  };
  if (row.p95Ms > row.budgetMs) row.over.push('page');
  if (p95(api) > row.apiBudgetMs) row.over.push('api');
  return row;
}

const thousands = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';

/** A plain-text table, one line per page, numbers right-aligned; "OVER BUDGET (page, api)" where a p95 is over. */
export function formatTable(rows: Row[]): string {
  const header = [
    'page',
    'median ms',
    'p95 ms',
    'budget ms',
    'API median ms',
    'API budget',
    'KB',
    'DOM nodes',
    '',
  ];
  const lines = rows.map((row) => [
    row.name,
    thousands(row.medianMs),
    thousands(row.p95Ms),
    thousands(row.budgetMs),
    thousands(row.apiMedianMs),
    thousands(row.apiBudgetMs),
    thousands(row.kb),
    thousands(row.domNodes),
    row.over.length ? `OVER BUDGET (${row.over.join(', ')})` : 'ok',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === cells.length - 1
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}
