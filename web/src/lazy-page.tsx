// A page loaded as its own chunk on first render (React.lazy), which can also be fetched ahead of rendering.
import { lazy, type ComponentType } from 'react';

type Props<M, K extends keyof M> = M[K] extends ComponentType<infer P> ? P : never;

/** `lazyPage(() => import('./pages/Alerts'), 'Alerts')`: the module's named component, in a chunk of its own. */
export function lazyPage<M, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  let loading: Promise<M> | undefined;
  const once = () => (loading ??= load());
  const Page = lazy(async () => ({ default: (await once())[name] as ComponentType<Props<M, K>> }));
  return Object.assign(Page, { preload: () => void once() });
}
