// Evaluator benchmark: a synthetic CATALOG-shaped estate (default 100,000 assets) through the analysers and every
// control in controls/. Prints assets, results, evaluations per second, wall time and peak RSS.
//   npm run build && node dist/bench/evaluator-bench.js [--assets 100000]
// Target: < 30 s and < 1 GB for 100,000 assets.
import { evaluateEstate, loadControls } from '../evaluator';
import { syntheticEstate } from './evaluator-synthetic';

function parseAssets(argv: string[]): number {
  if (argv.length === 0) return 100_000;
  if (argv.length === 2 && argv[0] === '--assets' && Number(argv[1]) > 0) return Number(argv[1]);
  console.error('usage: evaluator-bench [--assets N]');
  process.exit(2);
}

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

async function main(): Promise<void> {
  const total = parseAssets(process.argv.slice(2));
  const sampler = setInterval(sampleRss, 50);
  const loadStart = performance.now();
  const { controls } = loadControls({ extraDirs: [] });
  const loadMs = performance.now() - loadStart;
  const estate = syntheticEstate(total);
  sampleRss();
  const start = performance.now();
  const { results } = await evaluateEstate(estate.assets, estate.relationships, controls);
  const wallMs = performance.now() - start;
  sampleRss();
  clearInterval(sampler);
  const byStatus: Record<string, number> = {};
  for (const result of results) byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  console.log(`controls loaded:     ${controls.length} in ${Math.round(loadMs)} ms`);
  console.log(`assets:              ${estate.assets.length} (${estate.relationships.length} relationships)`);
  console.log(`results:             ${results.length} ${JSON.stringify(byStatus)}`);
  console.log(`wall time:           ${(wallMs / 1000).toFixed(2)} s (analysers + controls)`);
  console.log(`evaluations/s:       ${Math.round(results.length / (wallMs / 1000))}`);
  console.log(`peak RSS:            ${mb(peakRss)}`);
  console.log(
    `target:              < 30 s and < 1024 MB -> ${wallMs < 30_000 && peakRss < 1024 ** 3 ? 'met' : 'NOT met'}`,
  );
}

void main();
