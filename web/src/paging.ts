// List paging kept in the URL (`cursor` = this page, `prev` = the pages before it), so browser Back after
// paging, a reload or a shared link shows the same page with the same filters and sort. A cursor the server
// refuses (an old link, another sort order) falls back to page 1 with a notice instead of an empty table.
import { useEffect, useState } from 'react';
import { ApiError } from './api';
import { navigate, useLoad, type Loaded } from './hooks';

/** base64url never holds '~'. */
const SEPARATOR = '~';

export interface UrlPaging {
  cursor: string | undefined;
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  next: (cursor: string) => void;
  previous: () => void;
  /** Set after a refused cursor sent the list back to page 1; cleared by the next paging. */
  notice: string | null;
  /** The server refused this page's cursor: the list is on its way back to page 1 (hide the error). */
  refused: boolean;
}

function previousCursors(params: URLSearchParams): string[] {
  return (params.get('prev') ?? '').split(SEPARATOR).filter(Boolean);
}

/** 1-based: page 1 has no cursor; each later page's URL lists the cursors of the pages before it. */
function pageOf(params: URLSearchParams): number {
  return params.get('cursor') ? previousCursors(params).length + 2 : 1;
}

export function useUrlPaging(
  path: string,
  params: URLSearchParams,
  filters: Record<string, string | undefined>,
  error: unknown,
): UrlPaging {
  const cursor = params.get('cursor') || undefined;
  const prev = previousCursors(params);
  const [notice, setNotice] = useState<string | null>(null);
  const go = (nextCursor: string | undefined, nextPrev: string[], replace = false) => {
    const query = { ...filters, cursor: nextCursor, prev: nextPrev.join(SEPARATOR) || undefined };
    navigate(path, query, { replace });
  };
  const refused = Boolean(cursor) && error instanceof ApiError && error.problem.status === 400;
  useEffect(() => {
    if (!refused) return;
    setNotice(
      'That page of the list no longer exists (the link is old or the sort changed): showing page 1.',
    );
    go(undefined, [], true);
  }, [refused]);
  return {
    cursor,
    page: pageOf(params),
    hasPrevious: Boolean(cursor),
    next: (nextCursor) => {
      setNotice(null);
      go(nextCursor, cursor ? [...prev, cursor] : []);
    },
    previous: () => {
      setNotice(null);
      go(prev[prev.length - 1], prev.slice(0, -1));
    },
    notice,
    refused,
  };
}

/**
 * A list whose page state lives in the URL: the page at the URL's cursor, loaded again when the filters or the
 * cursor change, and the paging that moves between pages (and back to page 1 when the server refuses a cursor).
 */
export function usePagedLoad<T>(
  path: string,
  params: URLSearchParams,
  filters: Record<string, string | undefined>,
  load: (cursor: string | undefined) => Promise<T>,
): { list: Loaded<T> & { page: number }; paging: UrlPaging } {
  const cursor = params.get('cursor') || undefined;
  const page = pageOf(params);
  // Each answer carries the page it was asked for: while the next page loads, the rows on screen are still the
  // last page's, and a range label taken from the URL would already claim the next one.
  const loaded = useLoad(
    () => load(cursor).then((data) => ({ data, page })),
    [JSON.stringify(filters), cursor],
  );
  const list = { ...loaded, data: loaded.data?.data, page: loaded.data?.page ?? page };
  const paging = useUrlPaging(path, params, filters, list.error);
  return { list, paging };
}

/** "51–100 of 1,234 alerts": the range on this page and the total, with the reader's thousands separators. */
export function rangeLabel(
  page: number,
  pageSize: number,
  shown: number,
  total: number,
  noun: string,
): string {
  const format = (value: number) => value.toLocaleString();
  if (total === 0 || shown === 0) return `0 ${noun}`;
  const first = (page - 1) * pageSize + 1;
  return `${format(first)}–${format(first + shown - 1)} of ${format(total)} ${noun}`;
}
