// Alert history entries are appended in SQL so their time is the database's, like resolved_at and last_seen_at.

/** ISO-8601 UTC text of the transaction time (ms precision), the same shape as Date.prototype.toISOString(). */
export const NOW_ISO = `to_char(now()::timestamptz(3) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One history entry as a jsonb object; `eventSql`/`detailSql` are SQL expressions (literals or columns). */
export function historyEntry(eventSql: string, detailSql = 'NULL::text'): string {
  return `jsonb_strip_nulls(jsonb_build_object('at', ${NOW_ISO}, 'event', ${eventSql}, 'detail', ${detailSql}))`;
}

/** A jsonb array of entries, ready to append with `history || ...`. */
export function historyEntries(...entries: string[]): string {
  return `jsonb_build_array(${entries.join(', ')})`;
}
