// What the charts say in words, kept out of the charts' chunk: a page can write it before recharts has loaded.

// One formatter each, made once: a chart formats every tick and point, and making an Intl formatter per call
// (what toLocaleDateString with options does) was a measurable share of drawing the overview.
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const SHORT_DATE_TIME = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const TIME_OF_DAY = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const shortDate = (value: string) => SHORT_DATE.format(new Date(value));
export const shortDateTime = (value: string) => SHORT_DATE_TIME.format(new Date(value));
export const timeOfDay = (value: string) => TIME_OF_DAY.format(new Date(value));

/** Change of a series from its first to its last point, in percentage points ("+3.1 pts since 4 Dec"). */
export function trendChange(points: { at: string; score: number | null }[]): string | null {
  const known = points.filter((point) => point.score !== null) as { at: string; score: number }[];
  if (known.length < 2) return null;
  const first = known[0];
  const last = known[known.length - 1];
  const delta = Math.round((last.score - first.score) * 1000) / 10;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${sign}${Math.abs(delta)} pts since ${shortDate(first.at)}`;
}
