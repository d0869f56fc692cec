// Charts (recharts) for the overview and the framework page. Each drawing is hidden from screen readers and
// followed by the same numbers in words or a table, so nothing is only in the picture.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Severity } from '../types';
import { shortDate, shortDateTime, timeOfDay, trendChange } from './chart-text';
import './charts.css';

const SERIES_COLOURS = ['#1f5fbf', '#b42318', '#166a2e', '#9a5b00', '#6f3a9c', '#0f766e', '#57606a'];
const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#8b0000',
  high: '#b42318',
  medium: '#9a5b00',
  low: '#1f5fbf',
  info: '#57606a',
};
const RESULT_COLOURS = { pass: '#166a2e', fail: '#b42318', error: '#9a5b00', notApplicable: '#8c959f' };

export interface TrendSeries {
  id: string;
  label: string;
  points: { at: string; score: number | null }[];
}

/** Above this many evaluations a dot per point is clutter (and thousands of SVG nodes): lines only. */
const MAX_DOTTED_POINTS = 40;

/** Score of each framework over time: one line per framework, dated x axis, 0–100 % y axis. */
export function ScoreTrendChart({ series }: { series: TrendSeries[] }) {
  const shown = series.filter((item) => item.points.some((point) => point.score !== null));
  if (shown.length === 0)
    return <p className="muted">No score history yet: it grows with each evaluation.</p>;
  const times = [...new Set(shown.flatMap((item) => item.points.map((point) => point.at)))].sort();
  // Evaluations within two days of each other are told apart by their time, further apart by their date.
  const span = new Date(times[times.length - 1]).getTime() - new Date(times[0]).getTime();
  const tick = span < 3_600_000 ? timeOfDay : span < 2 * 86_400_000 ? shortDateTime : shortDate;
  const rows = times.map((at) => {
    const row: Record<string, number | string | null> = { at };
    for (const item of shown) {
      const point = item.points.find((candidate) => candidate.at === at);
      row[item.id] =
        point?.score === null || point === undefined ? null : Math.round(point.score * 1000) / 10;
    }
    return row;
  });
  return (
    <figure className="chart" data-testid="score-trend-chart">
      <div className="chart-canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart
            data={rows}
            margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" tickFormatter={tick} minTickGap={24} />
            <YAxis domain={[0, 100]} unit="%" width={56} />
            <Tooltip labelFormatter={(value) => new Date(String(value)).toLocaleString()} />
            <Legend />
            {shown.map((item, index) => (
              <Line
                key={item.id}
                type="monotone"
                dataKey={item.id}
                name={item.label}
                stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                strokeWidth={2}
                dot={rows.length <= MAX_DOTTED_POINTS ? { r: 3 } : false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="plain small trend-changes">
          {shown.map((item) => {
            const known = item.points.filter((point) => point.score !== null);
            const last = known[known.length - 1];
            return (
              <li key={item.id} data-testid={`trend-${item.id}`}>
                <strong>{item.label}</strong>: {Math.round((last.score ?? 0) * 100)}% on{' '}
                {new Date(last.at).toLocaleDateString()}
                {trendChange(item.points) ? ` (${trendChange(item.points)})` : ' (one evaluation so far)'}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Open alerts per severity as bars, labelled with their counts. */
export function SeverityBarChart({ counts }: { counts: { severity: Severity; count: number }[] }) {
  return (
    <div className="chart-canvas" aria-hidden="true" data-testid="severity-chart">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={counts} margin={{ top: 16, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="severity" />
          <YAxis allowDecimals={false} width={40} />
          <Bar dataKey="count" name="Open alerts" isAnimationActive={false} label={{ position: 'top' }}>
            {counts.map((entry) => (
              <Cell key={entry.severity} fill={SEVERITY_COLOURS[entry.severity] ?? '#57606a'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Pass / fail / error (and not applicable) of a set of checks as a donut, the pass share in the middle. */
export function ResultDonut({
  pass,
  fail,
  error,
  notApplicable,
}: {
  pass: number;
  fail: number;
  error: number;
  notApplicable: number;
}) {
  const slices = [
    { key: 'pass', name: 'Pass', value: pass, colour: RESULT_COLOURS.pass },
    { key: 'fail', name: 'Fail', value: fail, colour: RESULT_COLOURS.fail },
    { key: 'error', name: 'Could not evaluate', value: error, colour: RESULT_COLOURS.error },
    { key: 'na', name: 'Not applicable', value: notApplicable, colour: RESULT_COLOURS.notApplicable },
  ];
  const judged = pass + fail;
  return (
    <figure className="chart donut" data-testid="result-donut">
      <div className="chart-canvas donut-canvas" aria-hidden="true">
        <PieChart width={180} height={180} accessibilityLayer={false}>
          <Pie
            data={slices.filter((slice) => slice.value > 0)}
            dataKey="value"
            nameKey="name"
            innerRadius={52}
            outerRadius={80}
            isAnimationActive={false}
            // The drawing is hidden from assistive technology, so nothing in it may take focus.
            rootTabIndex={-1}
          >
            {slices
              .filter((slice) => slice.value > 0)
              .map((slice) => (
                <Cell key={slice.key} fill={slice.colour} />
              ))}
          </Pie>
        </PieChart>
        <span className="donut-centre">{judged > 0 ? `${Math.round((pass / judged) * 100)}%` : '—'}</span>
      </div>
      <figcaption>
        <ul className="plain small legend">
          {slices.map((slice) => (
            <li key={slice.key}>
              <span className="swatch" style={{ background: slice.colour }} aria-hidden="true" /> {slice.name}
              : <strong>{slice.value.toLocaleString()}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export interface SectionScore {
  id: string;
  title: string;
  pass: number;
  fail: number;
}

/** One horizontal bar per section: the share of its judged checks that pass. */
export function SectionBarChart({ sections }: { sections: SectionScore[] }) {
  const rows = sections
    .filter((section) => section.pass + section.fail > 0)
    .map((section) => ({
      name: `${section.id} ${section.title}`.trim(),
      score: Math.round((section.pass / (section.pass + section.fail)) * 1000) / 10,
    }));
  if (rows.length === 0) return null;
  return (
    <div className="chart-canvas" aria-hidden="true" data-testid="section-chart">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 28 + 40)}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
          <Bar
            dataKey="score"
            name="Passing"
            fill="#1f5fbf"
            isAnimationActive={false}
            label={{ position: 'right', formatter: (value: unknown) => `${String(value)}%` }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
