// Demo load benchmark: how long `serve --demo` takes to fill an empty embedded store (2 accounts x 3 rounds of
// replayed sync + evaluation), and the peak RSS.
//   npm run build && node dist/bench/demo-bench.js
import { loadDemo } from '../demo';
import { openStore } from '../store';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const store = await openStore({ memory: true });
  try {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const result = await loadDemo(store);
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    const assets = await store.countAssets({});
    console.log(
      `demo load: ${(wallMs / 1000).toFixed(1)} s (target < 15 s), ${result.accounts.length} accounts, ` +
        `${result.syncs.length} syncs, ${assets} assets, replay misses ${result.replayMisses.length}, ` +
        `peak RSS ${Math.round(peakRss / 1024 / 1024)} MB`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
