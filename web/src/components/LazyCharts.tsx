// The charts for the pages that draw them, loaded as a chunk of their own (recharts is ~460 KB): a page mounts
// and sends its API calls at once, recharts loads beside them, and each chart appears when both are there. Until
// then the rest of the page is already drawn (each chart has its own Suspense boundary).
import { Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { lazyComponent } from '../lazy';
import { Loading } from './common';

const load = () => import('./Charts');

/** Starts loading the charts' chunk (a page calls it as it loads, before its data is in). */
export function preloadCharts(): void {
  void load();
}

function deferred<P extends object>(Chart: LazyExoticComponent<ComponentType<P>>) {
  return function DeferredChart(props: P) {
    return (
      <Suspense fallback={<Loading what="chart" />}>
        <Chart {...props} />
      </Suspense>
    );
  };
}

export const ScoreTrendChart = deferred(lazyComponent(load, 'ScoreTrendChart'));
export const SeverityBarChart = deferred(lazyComponent(load, 'SeverityBarChart'));
export const ResultDonut = deferred(lazyComponent(load, 'ResultDonut'));
export const SectionBarChart = deferred(lazyComponent(load, 'SectionBarChart'));
