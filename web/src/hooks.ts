import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api } from './api';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever `deps` change; `reload` runs it again. Stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

/** Polls while `active` (for sync progress). */
export function useInterval(callback: () => void, ms: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(callback, ms);
    return () => clearInterval(timer);
  }, [callback, ms, active]);
}

function readHash(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** Hash routing: `#/alerts?status=open` -> { path: '/alerts', params }. */
export function useRoute(): { path: string; params: URLSearchParams } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const [path, search = ''] = hash.split('?');
  return { path, params: new URLSearchParams(search) };
}

export function navigate(
  path: string,
  params?: Record<string, string | undefined>,
  options: { replace?: boolean } = {},
): void {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value) query.set(key, value);
  const text = query.toString();
  const hash = text ? `${path}?${text}` : path;
  // replace: no new history entry (a correction of the current URL, not a step Back should return to).
  if (options.replace) window.location.replace(`#${hash}`);
  else window.location.hash = hash;
}

/** Control id -> title, loaded once per page load: lists show what failed in words, not as a rule's id. */
let controlTitles: Promise<Map<string, string>> | undefined;

export function useControlTitles(): Map<string, string> | undefined {
  const [titles, setTitles] = useState<Map<string, string>>();
  useEffect(() => {
    let live = true;
    controlTitles ??= api
      .get<{ items: { id: string; title: string }[] }>('/controls')
      .then((page) => new Map(page.items.map((control) => [control.id, control.title])))
      .catch(() => {
        // Titles are a nicety: without them the lists show control ids; try again on the next page.
        controlTitles = undefined;
        return new Map<string, string>();
      });
    void controlTitles.then((map) => live && setTitles(map));
    return () => {
      live = false;
    };
  }, []);
  return titles;
}
