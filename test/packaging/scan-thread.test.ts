// bin/cloudward.js runs `scan` in a worker thread with a small young generation (peak memory, issue #16) and
// everything else on the main thread; the exit code and the terminal check pass through. The real bin runs in a
// throwaway project whose dist/api/cli/main.js reports where it ran.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'cloudward.js');
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cloudward-scan-thread-'));
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(bin, path.join(root, 'bin', 'cloudward.js'));
  mkdirSync(path.join(root, 'dist', 'api', 'cli'), { recursive: true });
  writeFileSync(
    path.join(root, 'dist', 'api', 'cli', 'main.js'),
    `const { isMainThread } = require('node:worker_threads');
const newSpace = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
exports.main = async (args) => {
  process.stdout.write(JSON.stringify({ args, isMainThread, newSpaceMb: newSpace.space_size / 1048576,
    stderrIsTTY: !!process.stderr.isTTY }) + '\\n');
  return args.includes('--fail') ? 3 : 0;
};`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'cloudward.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  return { code: result.status, report: JSON.parse(result.stdout) as Record<string, unknown> };
}

test('scan runs in a worker thread with a young generation of at most 8 MB, and its exit code is the process’s', () => {
  const { code, report } = run(['scan', '--fail']);
  expect(code).toBe(3);
  expect(report).toMatchObject({ args: ['scan', '--fail'], isMainThread: false, stderrIsTTY: false });
  expect(report.newSpaceMb).toBeLessThanOrEqual(8);
});

test('other commands, and scan with CLOUDWARD_SCAN_THREAD=main, run on the main thread', () => {
  expect(run(['serve', '--help']).report).toMatchObject({ isMainThread: true });
  const main = run(['scan'], { ...process.env, CLOUDWARD_SCAN_THREAD: 'main' });
  expect(main).toMatchObject({ code: 0, report: { isMainThread: true } });
});
