// Scan benchmark against a real AWS-compatible server in another process: moto_server on a free loopback port,
// an estate seeded with boto3 (bench/scan_estate.py), then, through a counting proxy (bench/aws-proxy.ts), the
// floor (bench/scan_floor.py: plain boto3, 8 threads, the same reads) and the real CLI (`bin/cloudward.js scan`).
//   npx tsc -p tsconfig.build.json && PATH=/root/.pyenv/shims:$PATH node dist/bench/scan-bench.js [--scale 0.1]
//   ... --scale 1 (2,000 instances, 500 SGs, 300 buckets, 400 IAM principals, 3 regions), --scale 2 (twice)
//   ... --latency 50 (added per call; scan also runs one call at a time to show what concurrency gives)
//   ... --throttle 0.1 (that share of calls answered with AWS's throttling errors; failed reads and slowdown)
//   ... --runs 3 (floor/scan pairs, alternating which goes first; the median pair's ratio is the figure)
// Prints wall time, AWS calls (total and by operation), time to the first AWS call and peak RSS of each process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../api/paths';
import { startAwsProxy, type AwsProxy, type ProxyCounts } from './aws-proxy';
import { motoMissing, startMotoProcess } from './moto-server';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const BENCH_DIR = path.join(REPOSITORY_ROOT, 'bench');

interface Options {
  scale: number;
  latencyMs: number;
  throttle: number;
  /** Floor and scan pairs, alternating which goes first; the ratio printed is the median pair's. */
  runs: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { scale: 0.1, latencyMs: 0, throttle: 0, runs: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, raw] = [argv[i], argv[i + 1] ?? ''];
    const value = Number(raw);
    if (flag === '--scale' && value > 0 && value <= 10) options.scale = value;
    else if (flag === '--latency' && Number.isInteger(value) && value >= 0 && value <= 5000)
      options.latencyMs = value;
    else if (flag === '--throttle' && value >= 0 && value < 1) options.throttle = value;
    else if (flag === '--runs' && Number.isInteger(value) && value >= 1 && value <= 9) options.runs = value;
    else {
      console.error(
        `usage: scan-bench [--scale 0.1] [--latency MS] [--throttle SHARE] [--runs 3] (bad: ${flag} ${raw})`,
      );
      process.exit(2);
    }
  }
  return options;
}

interface RunResult {
  name: string;
  wallMs: number;
  /** From the process's start to the first AWS call the proxy saw. */
  firstCallMs: number | null;
  peakRssMb: number;
  /** performance.now() when the process was started. */
  startedAt: number;
  counts: ProxyCounts;
  calls: number;
  throttled: number;
  /** Reads that failed in the end (after retries): the floor's own list, the scan report's `errors`. */
  failedReads: string[];
  exitCode: number | null;
}

/** Peak RSS (VmHWM: the kernel's high-water mark) of a running process, polled until it exits. */
function watchPeakRss(pid: number): () => number {
  let peakKb = 0;
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // exited, or no /proc (not Linux): keep what was seen
    }
  };
  const timer = setInterval(read, 20);
  read();
  return () => {
    clearInterval(timer);
    return Math.round(peakKb / 1024);
  };
}

async function runProcess(
  name: string,
  command: string,
  args: string[],
  proxy: AwsProxy,
  env: NodeJS.ProcessEnv,
): Promise<{ result: Omit<RunResult, 'failedReads'>; stdout: string; stderr: string }> {
  proxy.reset();
  const startedAt = performance.now();
  const child = spawn(command, args, { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stopWatching = watchPeakRss(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.now() - startedAt;
  const peakRssMb = stopWatching();
  const counts = proxy.counts();
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return {
    result: {
      name,
      wallMs,
      startedAt,
      firstCallMs: counts.firstCallAt === null ? null : counts.firstCallAt - startedAt,
      peakRssMb,
      counts,
      calls: sum(counts.calls),
      throttled: sum(counts.throttled),
      exitCode,
    },
    stdout,
    stderr,
  };
}

async function runFloor(
  proxy: AwsProxy,
  options: Options,
  name = 'floor (boto3, 8 threads)',
): Promise<RunResult> {
  const args = [
    path.join(BENCH_DIR, 'scan_floor.py'),
    proxy.url,
    '--threads',
    '8',
    '--regions',
    REGIONS.join(','),
  ];
  // Under throttling the floor gets the retry budget Cloudward has for throttled calls (8 attempts).
  if (options.throttle > 0) args.push('--max-attempts', '8');
  const { result, stdout, stderr } = await runProcess(name, 'python3', args, proxy, process.env);
  const last = stdout.trim().split('\n').pop() ?? '';
  let failedReads: string[] = [`floor exited ${result.exitCode}: ${stderr.trim().split('\n').pop() ?? ''}`];
  if (last.startsWith('{')) failedReads = (JSON.parse(last) as { failed: string[] }).failed;
  return { ...result, failedReads };
}

async function runScan(
  proxy: AwsProxy,
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<RunResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudward-scan-bench-'));
  const report = path.join(dir, 'report.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: 'us-east-1',
    ...extraEnv,
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  delete env.DATABASE_URL;
  try {
    const { result, stderr } = await runProcess(
      name,
      process.execPath,
      [
        path.join(REPOSITORY_ROOT, 'bin', 'cloudward.js'),
        'scan',
        '--regions',
        REGIONS.join(','),
        '--format',
        'json',
        '--output',
        report,
      ],
      proxy,
      env,
    );
    let failedReads: string[];
    try {
      const errors = (
        JSON.parse(readFileSync(report, 'utf8')) as {
          errors: { service: string; region: string; code: string; message: string }[];
        }
      ).errors;
      failedReads = errors.map(
        (error) => `${error.service} ${error.region}: ${error.code} (${error.message.slice(0, 160)})`,
      );
    } catch {
      failedReads = [`scan exited ${result.exitCode}: ${stderr.trim().split('\n').pop() ?? ''}`];
    }
    return { ...result, failedReads };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(2));

function printRuns(runs: RunResult[]): void {
  const rows = runs.map((run) => [
    run.name,
    seconds(run.wallMs),
    String(run.calls),
    String(run.throttled),
    seconds(run.firstCallMs),
    String(run.peakRssMb),
    String(run.failedReads.length),
  ]);
  const header = ['run', 'wall s', 'AWS calls', 'throttled', 'first call s', 'peak RSS MB', 'failed reads'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const run of runs)
    if (run.failedReads.length) console.log(`  ${run.name} failed reads: ${run.failedReads.join('; ')}`);
}

function printOperations(floor: RunResult, scan: RunResult): void {
  const operations = [
    ...new Set([...Object.keys(floor.counts.calls), ...Object.keys(scan.counts.calls)]),
  ].sort();
  console.log('\nAWS calls by operation (floor / scan; * where they differ)');
  for (const operation of operations) {
    const [a, b] = [floor.counts.calls[operation] ?? 0, scan.counts.calls[operation] ?? 0];
    console.log(
      `  ${a !== b ? '*' : ' '} ${operation.padEnd(52)} ${String(a).padStart(6)} ${String(b).padStart(6)}`,
    );
  }
}

/**
 * Where the emulator sat idle during a run: before the first call, between calls (no call in flight) and after the
 * last one until the process exited; and what the last 10% of the calls' span was spent on (the long pole).
 */
function timelineOf(run: RunResult): string {
  const spans = [...run.counts.spans].sort((a, b) => a.start - b.start);
  if (spans.length === 0) return `${run.name}: no call seen`;
  let gaps = 0;
  let reach = spans[0].start;
  for (const span of spans) {
    if (span.start > reach) gaps += span.start - reach;
    reach = Math.max(reach, span.end);
  }
  const before = spans[0].start - run.startedAt;
  const after = run.startedAt + run.wallMs - reach;
  const tailFrom = reach - (reach - spans[0].start) * 0.1;
  const tail: Record<string, number> = {};
  for (const span of spans) if (span.end > tailFrom) tail[span.operation] = (tail[span.operation] ?? 0) + 1;
  const tailText = Object.entries(tail)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  return (
    `${run.name}: emulator idle ${seconds(before + gaps + after)} of ${seconds(run.wallMs)} s ` +
    `(${seconds(before)} before the first call, ${seconds(gaps)} with no call in flight, ` +
    `${seconds(after)} after the last); calls in the last 10% of the calling time: ${tailText}`
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const missing = motoMissing();
  if (missing) {
    console.log(`scan-bench skipped: ${missing}`);
    return;
  }
  // Without moto's built-in public AMIs: it loads thousands in every region, with a snapshot each, and walks them
  // all on every DescribeImages/DescribeSnapshots even when asked for the account's own (~0.4 s a call, the same
  // at any estate size), an emulator cost that AWS's owner-indexed answers do not have. The floor and the scan
  // make these calls alike.
  const moto = await startMotoProcess({ MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' });
  let proxy: AwsProxy | undefined;
  try {
    const seedStarted = performance.now();
    const seeded = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'python3',
        [path.join(BENCH_DIR, 'scan_estate.py'), moto.url, '--scale', String(options.scale)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.once('exit', (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`scan_estate.py exited ${code}`)),
      );
    });
    console.log(
      `estate at --scale ${options.scale}: ${seeded} (seeded in ${seconds(performance.now() - seedStarted)} s)`,
    );
    proxy = await startAwsProxy({ target: moto.url, latencyMs: options.latencyMs });
    console.log(`moto ${moto.url}, proxy ${proxy.url}, added latency ${options.latencyMs} ms per call\n`);

    // moto builds each service's backend in a region on its first call there (seconds for some: API Gateway,
    // OpenSearch, SageMaker, ...), a cost AWS does not have. Whichever run came first paid it: one untimed scan,
    // which reads a superset of what the floor reads, warms every backend so each timed run sees the same server.
    const warmUp = await runScan(proxy, 'warm-up (untimed)');
    console.log(
      `warm-up scan (untimed, moto builds its backends on first use): ${seconds(warmUp.wallMs)} s\n`,
    );
    // moto's own speed moves by ±15% from one run to the next (its Python garbage collector over a ~500 MB heap),
    // so one pair decides little: pairs alternate which goes first and the median pair's ratio is the figure.
    const pairs: { floor: RunResult; scan: RunResult }[] = [];
    for (let pair = 1; pair <= options.runs; pair++) {
      const floorName = `floor (boto3, 8 threads) #${pair}`;
      if (pair % 2 === 1) {
        const floorRun = await runFloor(proxy, options, floorName);
        pairs.push({ floor: floorRun, scan: await runScan(proxy, `cloudward scan #${pair}`) });
      } else {
        const scanRun = await runScan(proxy, `cloudward scan #${pair}`);
        pairs.push({ floor: await runFloor(proxy, options, floorName), scan: scanRun });
      }
    }
    const byRatio = [...pairs].sort(
      (a, b) => a.scan.wallMs / a.floor.wallMs - b.scan.wallMs / b.floor.wallMs,
    );
    const { floor, scan } = byRatio[Math.floor((byRatio.length - 1) / 2)];
    const runs = pairs.flatMap((pair) => [pair.floor, pair.scan]);
    let serial: RunResult | undefined;
    if (options.latencyMs > 0) {
      serial = await runScan(proxy, 'cloudward scan, 1 call at a time', { CLOUDWARD_MAX_CONCURRENCY: '1' });
      runs.push(serial);
    }
    let throttledFloor: RunResult | undefined;
    let throttledScan: RunResult | undefined;
    if (options.throttle > 0) {
      await proxy.close();
      proxy = await startAwsProxy({
        target: moto.url,
        latencyMs: options.latencyMs,
        throttleShare: options.throttle,
      });
      throttledFloor = await runFloor(proxy, options, `floor, ${options.throttle * 100}% throttled`);
      throttledScan = await runScan(proxy, `cloudward scan, ${options.throttle * 100}% throttled`);
      runs.push(throttledFloor, throttledScan);
    }

    printRuns(runs);
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
    const scans = pairs.map((pair) => pair.scan);
    const peakRss = Math.max(...scans.map((run) => run.peakRssMb));
    const firstCall = Math.max(...scans.map((run) => run.firstCallMs ?? Infinity));
    console.log(
      `\nscan / floor of each pair: ${pairs.map((pair) => `${ratio(pair.scan.wallMs, pair.floor.wallMs)}x`).join(', ')}`,
    );
    console.log(
      `scan / floor (median pair): wall ${ratio(scan.wallMs, floor.wallMs)}x (target <= 1.15x), ` +
        `AWS calls ${ratio(scan.calls, floor.calls)}x (target <= 1.1x), peak RSS ${ratio(scan.peakRssMb, floor.peakRssMb)}x; ` +
        `scan peak RSS ${peakRss} MB, the highest of ${scans.length} (target <= 250 MB at --scale 1), ` +
        `first AWS call after ${seconds(firstCall)} s at the latest (target < 1 s)`,
    );
    if (serial)
      console.log(
        `concurrency at ${options.latencyMs} ms per call: ${ratio(serial.wallMs, scan.wallMs)}x faster than one call at a time (target >= 5x)`,
      );
    if (throttledFloor && throttledScan) {
      // Compared by what failed and how (the text before the message, which may hold a request id).
      const what = (failure: string) => failure.split(' (')[0];
      const newFailures = (run: RunResult, base: RunResult) =>
        run.failedReads.filter((failure) => !base.failedReads.map(what).includes(what(failure))).length;
      console.log(
        `throttling ${options.throttle * 100}% of calls: scan ${ratio(throttledScan.wallMs, scan.wallMs)}x slower, ` +
          `${newFailures(throttledScan, scan)} failed read(s) beyond the unthrottled run (target 0); ` +
          `floor ${ratio(throttledFloor.wallMs, floor.wallMs)}x slower, ${newFailures(throttledFloor, floor)} failed read(s)`,
      );
    }
    printOperations(floor, scan);
    if (throttledScan)
      console.log(
        `\nthrottled calls of the scan by operation: ${Object.entries(throttledScan.counts.throttled)
          .map(([operation, count]) => `${operation} ${count}`)
          .join(', ')}`,
      );
    const slowest = Object.entries(scan.counts.upstreamMs)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([operation, ms]) => `${operation} ${seconds(ms)} s`);
    console.log(
      `\nwhere the emulator's time went during the scan (summed over calls): ${slowest.join(', ')}`,
    );
    console.log(`\n${runs.map(timelineOf).join('\n')}`);
  } finally {
    await proxy?.close();
    await moto.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
