// The web benchmark's arithmetic and table (bench/web-bench-report.ts); the benchmark itself is not a timed test.
import {
  formatTable,
  median,
  p95,
  percentile,
  summarize,
  type PageSample,
} from '../../bench/web-bench-report';

const sample = (ms: number, apiMs = 100): PageSample => ({ ms, apiMs, bytes: 2048, domNodes: 1500 });

describe('percentiles', () => {
  test('nearest rank on unsorted values, without reordering them', () => {
    const values = [900, 100, 500, 300, 700];
    expect(median(values)).toBe(500);
    expect(p95(values)).toBe(900);
    expect(percentile(values, 0.2)).toBe(100);
    expect(values).toEqual([900, 100, 500, 300, 700]);
  });

  test('three runs: the median is the middle one, the p95 the slowest', () => {
    expect(median([1200, 400, 800])).toBe(800);
    expect(p95([1200, 400, 800])).toBe(1200);
  });

  test('no values: NaN', () => {
    expect(median([])).toBeNaN();
  });
});

describe('summary and table', () => {
  test('over budget is judged on the p95, for the page and for its API span', () => {
    const row = summarize({
      name: 'Overview',
      budgetMs: 1000,
      apiBudgetMs: 500,
      samples: [sample(600, 200), sample(700, 300), sample(1500, 650)],
    });
    expect(row).toMatchObject({ medianMs: 700, p95Ms: 1500, apiMedianMs: 300, kb: 2, domNodes: 1500 });
    expect(row.over).toEqual(['page', 'api']);
    const within = summarize({ name: 'Audit log', budgetMs: 1000, apiBudgetMs: 500, samples: [sample(300)] });
    expect(within.over).toEqual([]);
  });

  test('one aligned line per page, thousands separated, verdict last', () => {
    const rows = [
      summarize({
        name: 'Overview',
        budgetMs: 1000,
        apiBudgetMs: 500,
        samples: [sample(1234.4), sample(1300)],
      }),
      summarize({ name: 'Audit log', budgetMs: 1000, apiBudgetMs: 500, samples: [sample(87)] }),
    ];
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^page\s+median ms\s+p95 ms\s+budget ms/);
    expect(lines[2]).toMatch(
      /^Overview\s+1,234\s+1,300\s+1,000\s+100\s+500\s+2\s+1,500\s+OVER BUDGET \(page\)$/,
    );
    expect(lines[3]).toMatch(/^Audit log\s+87\s+87\s+1,000\s+100\s+500\s+2\s+1,500\s+ok$/);
    // Right-aligned numbers: the columns end at the same place on every line.
    expect(lines[2].indexOf('1,300') + '1,300'.length).toBe(lines[3].lastIndexOf(' 87') + ' 87'.length);
  });
});
