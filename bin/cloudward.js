#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript in dist/. A checkout (git clone, `npx github:...`) has none yet: the first run builds
// it, saying so in one line on stderr, so installing never has to build (and stdout stays the command's own).
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'api', 'cli', 'main.js');
/** Held while one process builds; others started meanwhile wait for it instead of building over it. */
const buildLock = path.join(root, '.cloudward-build.lock');
const STALE_LOCK_MS = 10 * 60_000; // how long a first run waits for another one building before it builds itself

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/; returns an error sentence, or undefined when it worked. */
function build() {
  process.stderr.write('building Cloudward (first run)...\n');
  // The build's own output (compiler errors) goes to stderr with ours.
  const stdio = ['ignore', 2, 2];
  let result;
  if (fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))) {
    // The web UI is built already: only the TypeScript half of `npm run build` (tsc -p tsconfig.build.json) is
    // missing. Rebuilding the UI too would take longer and rewrite web/dist under a server that may be serving it.
    let tsc;
    try {
      tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
    } catch {
      return 'TypeScript is not installed (a development dependency); run `npm ci`, then `npm run build`';
    }
    result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio });
    // The parsed built-in controls, as `npm run build` writes them (a scan parses the YAML without it, slower).
    if (!result.error && result.status === 0)
      result = spawnSync(
        process.execPath,
        [path.join(root, 'dist', 'evaluator', 'controls', 'write-yaml-cache.js')],
        {
          cwd: root,
          stdio,
        },
      );
  } else {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    result = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio });
  }
  if (result.error) return `could not run the build (${result.error.message}); run \`npm run build\``;
  if (result.status !== 0) return 'the build failed (see above); run `npm run build` once it is fixed';
  return undefined;
}

/** The lock's writer still runs (a lock just created may not hold its pid yet: then it counts as alive). */
function holderAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function ensureBuilt() {
  const deadline = Date.now() + STALE_LOCK_MS;
  // Built and nobody building (a build in progress may have written main.js but not the rest yet).
  while (!(fs.existsSync(entry) && !fs.existsSync(buildLock))) {
    let fd;
    try {
      fd = fs.openSync(buildLock, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') return `cannot build in ${root}: ${error.message}`;
      // Another first run is building: wait for it. A lock whose process is gone (a killed build) is taken over at
      // once; the holder's pid decides, not the file's age, which a skewed clock would misread.
      let holder;
      try {
        holder = Number(fs.readFileSync(buildLock, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      if (!holderAlive(holder) || Date.now() > deadline) fs.rmSync(buildLock, { force: true });
      else sleep(250);
      continue;
    }
    fs.writeSync(fd, String(process.pid));
    try {
      // Checked again under the lock: another process may have finished building just before it was released.
      return fs.existsSync(entry) ? undefined : build();
    } finally {
      fs.closeSync(fd);
      fs.rmSync(buildLock, { force: true });
    }
  }
  return undefined;
}

const problem = ensureBuilt();
if (problem !== undefined || !fs.existsSync(entry)) {
  console.error(`cloudward: not built: ${problem ?? 'the build did not produce dist/api/cli/main.js'}`);
  process.exit(1);
}
// The SDK warns on every start that releases after January 2027 need Node 22; the versions Cloudward ships are
// pinned by package-lock.json, so on a CLI's stderr (and CI logs) it is noise. An explicit setting wins.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
/** Set CLOUDWARD_SCAN_THREAD=main to run `scan` on the main thread (without its young-generation cap). */
const scanInWorker = process.argv[2] === 'scan' && process.env.CLOUDWARD_SCAN_THREAD !== 'main';
if (isMainThread && scanInWorker) {
  // A scan makes a lot of short-lived garbage (SDK answers, evaluation, report chunks): V8's default young
  // generation (32 MB of semi-spaces) kept ~65 MB more resident at the peak than a 6 MB one, in the same wall
  // time. Heap sizes cannot be changed once Node runs and a second process would cost its own ~40 MB, but a
  // worker thread takes its own limits. Its stdout/stderr are the process's; signals still end the process.
  // V8 lets the old generation grow to several times what survived the last full GC before collecting again; a
  // scan's live set is ~100 MB but heap use reached ~220 MB at 1x. Growing by 10% instead keeps the heap near
  // what is live (peak RSS ~330 -> ~265 MB on bench/scan-bench.ts --scale 1) for a few more, short, full GCs.
  // The flag is read at each GC, so setting it now applies to the worker's heap too.
  require('node:v8').setFlagsFromString('--heap-growing-percent=10');
  const worker = new Worker(path.join(root, 'bin', 'cloudward.js'), {
    argv: process.argv.slice(2),
    resourceLimits: { maxYoungGenerationSizeMb: 6 },
    workerData: { stdoutIsTTY: !!process.stdout.isTTY, stderrIsTTY: !!process.stderr.isTTY },
  });
  worker.on('message', (code) => {
    process.exitCode = code;
  });
  worker.on('error', (error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  if (!isMainThread && workerData) {
    // A worker's stdout/stderr are pipes to the main thread: the CLI asks whether the real ones are terminals.
    process.stdout.isTTY = workerData.stdoutIsTTY;
    process.stderr.isTTY = workerData.stderrIsTTY;
  }
  require(entry)
    .main(process.argv.slice(2))
    .then((code) => {
      if (parentPort) parentPort.postMessage(code);
      else process.exitCode = code;
    });
}
