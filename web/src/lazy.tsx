// Components in chunks of their own, loaded on first use and fetchable ahead of it.
import { lazy, useEffect, useState, type ComponentType, type ReactNode } from 'react';

type Props<M, K extends keyof M> = M[K] extends ComponentType<infer P extends object> ? P : never;

export interface Chunk<M> {
  /** Fetches the chunk (once; again after a failure). */
  once(): Promise<M>;
  /** Starts fetching it now, so that it is there, or nearly, when first used. */
  preload(): void;
  /** The module, once it has arrived. */
  loaded(): M | undefined;
}

/** `createChunk(() => import('./Charts'))`: a module in a chunk of its own. */
export function createChunk<M>(load: () => Promise<M>): Chunk<M> {
  let loading: Promise<M> | undefined;
  let loaded: M | undefined;
  const once = () =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return { once, preload: () => void once().catch(() => undefined), loaded: () => loaded };
}

/**
 * A page: `lazyComponent(() => import('./pages/Alerts'), 'Alerts')` is the module's named component, in a chunk
 * of its own (React.lazy: it suspends to the nearest Suspense until the chunk is there).
 */
export function lazyComponent<M, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  const chunk = createChunk(load);
  const Page = lazy(async () => ({ default: (await chunk.once())[name] as ComponentType<Props<M, K>> }));
  return Object.assign(Page, { preload: chunk.preload });
}

/**
 * A part of a page (a chart, the graph) in a chunk of its own, drawn as `placeholder` until the chunk is there.
 * It does not suspend: React holds back what a Suspense boundary reveals for up to 300 ms after its fallback
 * showed, which a chart rendered as its data arrives would wait for every time. Preloaded with its page, the
 * chunk is usually there before the data, and the part is drawn in the same render as the data.
 */
export function deferredComponent<M, K extends keyof M & string>(
  chunk: Chunk<M>,
  name: K,
  placeholder: ReactNode,
) {
  return function Deferred(props: Props<M, K>) {
    const [module, setModule] = useState(chunk.loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (module) return;
      let live = true;
      chunk.once().then(
        (arrived) => live && setModule(arrived),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [module]);
    if (failed)
      return (
        <p role="alert" className="error">
          This part of the page could not be loaded (is Cloudward being updated?): reload the page.
        </p>
      );
    if (!module) return <>{placeholder}</>;
    const Component = module[name] as ComponentType<Props<M, K>>;
    return <Component {...props} />;
  };
}
