// Installing outside a clone (issue 15, section 4): the package is not published on npm, so the README documents
// `npm pack` in a built clone and `npm install -g ./cloudward-<version>.tgz`. This packs the worktree as npm would,
// checks what the tarball holds (the built CLI and UI, migrations and controls; no tests, sources or local data),
// unpacks it and runs its bin with the dependencies beside it, as a global install has them: it answers without
// building, and a scan stores its results through the packaged migrations.
// Needs a built dist/ and web/dist/ (`npm run build`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

jest.setTimeout(120_000);

let work: string;
let files: string[];
let unpacked: string;

beforeAll(() => {
  for (const built of ['dist/api/cli/main.js', 'web/dist/index.html']) {
    if (!existsSync(path.join(ROOT, built)))
      throw new Error(`${built} is missing: run \`npm run build\` before the packaging tests`);
  }
  work = mkdtempSync(path.join(tmpdir(), 'cloudward-pack-'));
  const output = execFileSync(npm, ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  files = packed.files.map((file) => file.path);
  execFileSync('tar', ['xzf', path.join(work, packed.filename), '-C', work]);
  unpacked = path.join(work, 'package');
  // What `npm install -g` puts beside the package: its dependencies (here the clone's, no registry involved).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(unpacked, 'node_modules'), 'dir');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(unpacked, 'bin', 'cloudward.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, CLOUDWARD_LOG_LEVEL: 'error' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('holds the built CLI and UI, the migrations and the controls', () => {
  for (const expected of [
    'package.json',
    'README.md',
    'bin/cloudward.js',
    'dist/api/cli/main.js',
    'web/dist/index.html',
    'store/migrations/001_initial.sql',
    'controls/frameworks/cis-aws-7.0.0.yaml',
  ]) {
    expect(files).toContain(expected);
  }
});

it('leaves out tests, TypeScript sources and local data', () => {
  const stray = files.filter(
    (file) =>
      /^(test|node_modules|data|coverage)\//.test(file) ||
      (file.endsWith('.ts') && !file.endsWith('.d.ts')) ||
      file.startsWith('web/src/'),
  );
  expect(stray).toEqual([]);
});

it('keeps the package private, so it is never published by mistake', () => {
  expect(JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'))).toMatchObject({
    name: 'cloudward',
    private: true,
    bin: { cloudward: 'bin/cloudward.js' },
  });
});

it('runs its bin without building', () => {
  const version = run(['--version']);
  expect(version.stderr).not.toContain('building Cloudward');
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toBe(
    (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  );
  expect(existsSync(path.join(unpacked, '.cloudward-build.lock'))).toBe(false);

  const controls = run(['controls', 'list', '--framework', 'cis-aws-7.0.0']);
  expect(controls.code).toBe(0);
  expect(controls.stdout).toMatch(/\n\d+ control\(s\)\n$/);
});

it('scans the demo into a data directory through the packaged migrations', () => {
  const scan = run([
    'scan',
    '--demo',
    '--format',
    'json',
    '--output',
    path.join(work, 'report.json'),
    '--data',
    path.join(work, 'data'),
  ]);
  expect(scan.stderr).not.toMatch(/migrations not found/);
  expect(scan.code).toBe(0);
  const report = JSON.parse(readFileSync(path.join(work, 'report.json'), 'utf8'));
  expect(report.findings.length).toBeGreaterThan(100);
});
