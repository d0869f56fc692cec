// What the charts say in words, kept out of the charts' chunk: a page can write it before recharts has loaded.

export const shortDate = (value: string) =>
  new Date(value).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

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
