// Collector benchmark: a synthetic estate served THROUGH THE REAL SDK CLIENTS (signing, retries, the runner's
// middleware, the SDK's XML deserialisers) by a fake AWS behind `requestHandler` that answers after 20-50 ms.
//   npm run build && node dist/bench/collector-bench.js                 # 1x and 2x, each in a fresh process
//   node dist/bench/collector-bench.js --scale 1 [--concurrency 32] [--latency 20-50] [--modules iam,s3,ec2,elb]
// Estate at 1x: 10,000 instances, 5,000 security groups, 2,000 buckets, 1,000 IAM principals over 3 regions.
// Reports wall time, AWS calls by operation, peak RSS, and wall time / ideal (sum of latencies / concurrency).
import { fork } from 'node:child_process';
import { allCollectorModules } from '../collector/registry';
import { collectAccount } from '../collector/runner';
import type { CollectSink } from '../collector/unit';
import { FakeAws } from './collector-fake-aws';
import { ACCOUNT } from './collector-fake-responses';

interface Options {
  scale: number | null;
  concurrency: number;
  latency: [number, number];
  modules: string[];
}

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const DEFAULT_MODULES = ['iam', 's3', 'ec2', 'elb'];

function parseOptions(argv: string[]): Options {
  const options: Options = { scale: null, concurrency: 32, latency: [20, 50], modules: DEFAULT_MODULES };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const range = /^(\d+)-(\d+)$/.exec(value);
    if (flag === '--scale' && Number(value) > 0) options.scale = Number(value);
    else if (flag === '--concurrency' && Number.isInteger(Number(value)) && Number(value) > 0)
      options.concurrency = Number(value);
    else if (flag === '--latency' && range) options.latency = [Number(range[1]), Number(range[2])];
    else if (flag === '--modules' && value) options.modules = value.split(',');
    else {
      console.error(
        `usage: collector-bench [--scale N] [--concurrency N] [--latency MIN-MAX] [--modules a,b] (bad: ${flag} ${value})`,
      );
      process.exit(2);
    }
  }
  return options;
}

export interface BenchResult {
  scale: number;
  modules: string[];
  assets: number;
  relationships: number;
  calls: number;
  callsByOperation: Record<string, number>;
  retries: number;
  throttles: number;
  failedUnits: string[];
  wallMs: number;
  idealMs: number;
  ratio: number;
  peakRssMb: number;
  /** CPU time of this process during the run: near wall time means CPU-bound, not waiting on AWS. */
  cpuMs: number;
  /** Average milliseconds of CPU per AWS call (SDK serialise/sign/parse + the fake's own work). */
  cpuPerCallMs: number;
  maxInFlight: number;
}

async function runOnce(options: Options & { scale: number }): Promise<BenchResult> {
  const modules = allCollectorModules().filter((module) => options.modules.includes(module.service));
  const missing = options.modules.filter((name) => !modules.some((module) => module.service === name));
  if (missing.length) console.error(`note: modules not in the registry yet, skipped: ${missing.join(', ')}`);
  const [min, max] = options.latency;
  let latencySum = 0;
  const fake = new FakeAws({
    estate: {
      regions: REGIONS,
      instances: 10_000 * options.scale,
      securityGroups: 5_000 * options.scale,
      buckets: 2_000 * options.scale,
      iamPrincipals: 1_000 * options.scale,
    },
    latencyMs: () => {
      const ms = min + Math.random() * (max - min);
      latencySum += ms;
      return ms;
    },
  });
  let assets = 0;
  let relationships = 0;
  // The store-less sink `scan` would use, minus the store: counts and drops, so RSS is the collector's own.
  const sink: CollectSink = {
    writeAssets: async (batch) => {
      assets += batch.length;
    },
    writeRelationships: async (batch) => {
      relationships += batch.length;
    },
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await collectAccount(
    {
      awsAccountId: ACCOUNT,
      regions: REGIONS,
      credentials: async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' }),
      modules,
      concurrency: options.concurrency,
      clientConfig: { requestHandler: fake.requestHandler },
    },
    sink,
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const idealMs = latencySum / options.concurrency;
  const callsByOperation: Record<string, number> = {};
  for (const service of outcome.services) {
    for (const [api, count] of Object.entries(service.calls))
      callsByOperation[api] = (callsByOperation[api] ?? 0) + count;
  }
  return {
    scale: options.scale,
    modules: modules.map((module) => module.service),
    assets,
    relationships,
    calls: fake.totalCalls,
    callsByOperation: Object.fromEntries(
      Object.entries(callsByOperation).sort(([a], [b]) => a.localeCompare(b)),
    ),
    retries: outcome.services.reduce((sum, service) => sum + service.retries, 0),
    throttles: outcome.services.reduce((sum, service) => sum + service.throttles, 0),
    failedUnits: outcome.services
      .filter((s) => s.status !== 'ok')
      .map((s) => `${s.service} ${s.region}: ${s.errorCode}`),
    wallMs: Math.round(wallMs),
    idealMs: Math.round(idealMs),
    ratio: Number((wallMs / idealMs).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    maxInFlight: fake.maxInFlight,
    cpuMs: Math.round(cpuMs),
    cpuPerCallMs: Number((cpuMs / Math.max(1, fake.totalCalls)).toFixed(2)),
  };
}

function print(result: BenchResult): void {
  console.log(`\n== scale ${result.scale}x (modules: ${result.modules.join(', ')})`);
  console.log(`assets ${result.assets}, relationships ${result.relationships}`);
  console.log(
    `AWS calls ${result.calls} (retries ${result.retries}, throttles ${result.throttles}, max in flight ${result.maxInFlight})`,
  );
  for (const [api, count] of Object.entries(result.callsByOperation))
    console.log(`  ${api.padEnd(44)} ${count}`);
  if (result.failedUnits.length) console.log(`failed units: ${result.failedUnits.join('; ')}`);
  console.log(
    `wall ${(result.wallMs / 1000).toFixed(1)} s, ideal ${(result.idealMs / 1000).toFixed(1)} s, ratio ${result.ratio}x (target <= 1.5x)`,
  );
  console.log(`peak RSS ${result.peakRssMb} MB (target < 512 MB)`);
  console.log(
    `CPU ${(result.cpuMs / 1000).toFixed(1)} s (${Math.round((result.cpuMs / result.wallMs) * 100)}% of wall), ${result.cpuPerCallMs} ms per call`,
  );
}

function child(scale: number, argv: string[]): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, [...argv, '--scale', String(scale)], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    proc.on('message', (message) => resolve(message as BenchResult));
    proc.on('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`bench at ${scale}x exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.scale !== null) {
    const result = await runOnce({ ...options, scale: options.scale });
    print(result);
    process.send?.(result);
    return;
  }
  // Each scale in a fresh process, so one run's heap does not inflate the other's peak RSS.
  const one = await child(1, argv);
  const two = await child(2, argv);
  console.log(
    `\nRSS at 2x / 1x: ${(two.peakRssMb / one.peakRssMb).toFixed(2)} (target < 1.3); ` +
      `wall/ideal ${one.ratio}x and ${two.ratio}x (target <= 1.5x)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
