// SIGTERM to the server process (what `docker stop`, systemd and Kubernetes send): `serve` started the way the README
// says (`node bin/cloudward.js serve`) stops accepting requests, closes the store, releases the data-dir lock and
// exits 0, its files left 0600. Uses dist/ (bin builds it on a first run where it is missing).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'cloudward.js');

test('serve exits 0 on SIGTERM, after releasing its data directory', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-sigterm-'));
  const dataDir = path.join(root, 'data');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', dataDir], {
    // No REDIS_URL / DATABASE_URL: in-process jobs and the embedded store, as a first install runs.
    env: {
      PATH: process.env.PATH,
      HOME: root,
      CLOUDWARD_ADMIN_TOKEN: 'cw_sigterm_test_token_0123456789abcdef',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (match) {
          clearInterval(timer);
          resolve(Number(match[1]));
        }
      }, 50);
      void exited.then(({ code }) => {
        clearInterval(timer);
        reject(new Error(`serve exited early (${code}): ${stderr}`));
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(readFileSync(path.join(dataDir, 'cloudward.lock'), 'utf8').trim()).toBe(String(child.pid));

    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/SIGTERM: shutting down/);
    // the last log line (JSON) says it stopped: nothing runs after the store closed
    expect(JSON.parse(stdout.trimEnd().split('\n').pop()!)).toMatchObject({ msg: 'stopped' });
    expect(existsSync(path.join(dataDir, 'cloudward.lock'))).toBe(false);
    // Closing the store left every file readable by its owner only (PGlite writes some 0666/0644).
    const loose = execFileSync(
      'find',
      [
        dataDir,
        '(',
        '-type',
        'f',
        '-not',
        '-perm',
        '600',
        ')',
        '-o',
        '(',
        '-type',
        'd',
        '-not',
        '-perm',
        '700',
        ')',
      ],
      { encoding: 'utf8' },
    );
    expect(loose).toBe('');
    // Nothing listens any more.
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}, 240_000);
