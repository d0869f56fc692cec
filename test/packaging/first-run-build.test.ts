// bin/cloudward.js on a checkout without dist/ (issue #13, item 1): the first run builds, saying so in one stderr
// line, so installing need not build (`prepare`). The real bin runs inside a throwaway project whose `build`
// script writes a tiny dist/api/cli/main.js and counts its runs (the real build takes minutes on shared CI cores).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'cloudward.js');
const BUILDING = 'building Cloudward (first run)...';

interface Project {
  root: string;
  builds(): number;
}

/** A project with the real bin and a build script that writes dist/api/cli/main.js after `delayMs`. */
function project(options: { fail?: boolean; delayMs?: number } = {}): Project {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-first-run-'));
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(bin, path.join(root, 'bin', 'cloudward.js'));
  writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'first-run', private: true, scripts: { build: 'node build.js' } }),
  );
  writeFileSync(
    path.join(root, 'build.js'),
    `const fs = require('node:fs');
fs.appendFileSync('builds.log', 'build\\n');
console.log('compiler output');
setTimeout(() => {
  if (${options.fail === true}) { console.error('error TS2322: broken'); process.exit(1); }
  fs.mkdirSync('dist/api/cli', { recursive: true });
  fs.writeFileSync('dist/api/cli/main.js',
    "exports.main = async (args) => { process.stdout.write('ran ' + args.join(' ') + '\\\\n'); return 0; };");
}, ${options.delayMs ?? 0});
`,
  );
  const log = path.join(root, 'builds.log');
  return {
    root,
    builds: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
  };
}

function run(root: string, args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'cloudward.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const projects: string[] = [];
afterAll(() => {
  for (const root of projects) rmSync(root, { recursive: true, force: true });
});
function track(p: Project): Project {
  projects.push(p.root);
  return p;
}

test('the first run builds, says so in one stderr line, and runs the command; later runs do not build', () => {
  const p = track(project());
  const first = run(p.root, ['serve', '--help']);
  expect(first.code).toBe(0);
  expect(first.stdout).toBe('ran serve --help\n'); // the build's own output never reaches stdout
  expect(first.stderr.split('\n')[0]).toBe(BUILDING);
  expect(first.stderr).toContain('compiler output');
  expect(p.builds()).toBe(1);
  expect(existsSync(path.join(p.root, '.cloudward-build.lock'))).toBe(false);

  const second = run(p.root, ['scan']);
  expect(second).toEqual({ code: 0, stdout: 'ran scan\n', stderr: '' });
  expect(p.builds()).toBe(1);
}, 60_000);

test('two first runs at once build once; the second waits for the first build to finish', async () => {
  const p = track(project({ delayMs: 1_500 }));
  const start = (label: string) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(p.root, 'bin', 'cloudward.js'), label], {
        cwd: p.root,
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout }));
    });
  const [a, b] = await Promise.all([start('a'), start('b')]);
  expect([a, b]).toEqual([
    { code: 0, stdout: 'ran a\n' },
    { code: 0, stdout: 'ran b\n' },
  ]);
  expect(p.builds()).toBe(1);
}, 60_000);

test('with the web UI built already, only the TypeScript is compiled (web/dist is left alone)', () => {
  const p = track(project());
  // A stand-in for typescript/bin/tsc that writes what `tsc -p tsconfig.build.json` would and records its arguments.
  mkdirSync(path.join(p.root, 'node_modules', 'typescript', 'bin'), { recursive: true });
  writeFileSync(
    path.join(p.root, 'node_modules', 'typescript', 'bin', 'tsc'),
    `const fs = require('node:fs');
fs.writeFileSync('tsc-args.log', process.argv.slice(2).join(' '));
fs.mkdirSync('dist/api/cli', { recursive: true });
fs.writeFileSync('dist/api/cli/main.js', "exports.main = async () => { process.stdout.write('compiled\\\\n'); return 0; };");
// The compiled cache writer, which the first run runs after tsc as \`npm run build\` does.
fs.mkdirSync('dist/evaluator/controls', { recursive: true });
fs.writeFileSync('dist/evaluator/controls/write-yaml-cache.js', "require('node:fs').writeFileSync('dist/controls-cache.json', '{}');");
`,
  );
  mkdirSync(path.join(p.root, 'web', 'dist'), { recursive: true });
  writeFileSync(path.join(p.root, 'web', 'dist', 'index.html'), '<!doctype html><title>built</title>');
  const first = run(p.root, ['serve']);
  expect(first).toEqual({ code: 0, stdout: 'compiled\n', stderr: `${BUILDING}\n` });
  expect(readFileSync(path.join(p.root, 'tsc-args.log'), 'utf8')).toBe('-p tsconfig.build.json');
  expect(existsSync(path.join(p.root, 'dist', 'controls-cache.json'))).toBe(true); // the parsed controls, as a build writes them
  expect(p.builds()).toBe(0); // `npm run build` (which rebuilds the UI) did not run
  expect(readFileSync(path.join(p.root, 'web', 'dist', 'index.html'), 'utf8')).toContain('built');
}, 60_000);

test('a failed build exits 1 with one line saying what to do, and the next run tries again', () => {
  const p = track(project({ fail: true }));
  const first = run(p.root, ['serve']);
  expect(first.code).toBe(1);
  expect(first.stdout).toBe('');
  expect(first.stderr).toContain('error TS2322: broken');
  expect(first.stderr.trim().split('\n').at(-1)).toBe(
    'cloudward: not built: the build failed (see above); run `npm run build` once it is fixed',
  );
  expect(run(p.root, ['serve']).code).toBe(1);
  expect(p.builds()).toBe(2);
}, 60_000);
