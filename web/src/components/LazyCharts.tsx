// The charts for the pages that draw them, in a chunk of their own (recharts is ~460 KB): a page mounts and sends
// its API calls at once, recharts loads beside them (preloadCharts), and each chart is drawn when both are there;
// the rest of the page does not wait for it.
import { memo } from 'react';
import { createChunk, deferredComponent } from '../lazy';
import { Loading } from './common';

const charts = createChunk(() => import('./Charts'));
const placeholder = <Loading what="chart" />;

/** Starts loading the charts' chunk (a page calls it as it loads, before its data is in). */
export const preloadCharts = charts.preload;

// memo: a chart is redrawn when its data changes, not each time another of its page's calls answers.
export const ScoreTrendChart = memo(deferredComponent(charts, 'ScoreTrendChart', placeholder));
export const SeverityBarChart = memo(deferredComponent(charts, 'SeverityBarChart', placeholder));
export const ResultDonut = memo(deferredComponent(charts, 'ResultDonut', placeholder));
export const SectionBarChart = memo(deferredComponent(charts, 'SectionBarChart', placeholder));
