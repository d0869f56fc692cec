import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirLockedError, openStore } from '../../store';
import { lockDataDir } from '../../store/data-dir-lock';
import { restrictToOwner } from '../../store/owner-only';
import { newAccountInput } from './engines';

describe('embedded PGlite on disk', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cloudward-store-')), 'data');
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  test('creates <dataDir>/pglite and keeps data across restarts', async () => {
    const first = await openStore({ dataDir });
    expect(first.engine).toBe('pglite');
    const account = await first.createAccount(newAccountInput());
    await first.close();
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    const second = await openStore({ dataDir });
    try {
      expect(await second.getAccount(account.id)).toEqual(account);
    } finally {
      await second.close();
    }
  }, 120_000);

  test('a second opener of the same directory is refused while the first runs, and nothing is changed', async () => {
    const first = await openStore({ dataDir });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(readFileSync(path.join(dataDir, 'cloudward.lock'), 'utf8').trim()).toBe(String(process.pid));
      await expect(openStore({ dataDir })).rejects.toThrow(DataDirLockedError);
      await expect(openStore({ dataDir })).rejects.toThrow(
        `data directory ${dataDir} is in use by another Cloudward process (pid ${process.pid})`,
      );
      // The refused opener left the holder's lock in place.
      expect(readFileSync(path.join(dataDir, 'cloudward.lock'), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, 'cloudward.lock'))).toBe(false);
  }, 120_000);
});

/** Every path under `dir` whose mode is not 0700 (directories) or 0600 (files), with its mode. */
function looserThanOwner(dir: string): string[] {
  const loose: string[] = [];
  const visit = (target: string) => {
    const stat = lstatSync(target);
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) loose.push(`${(stat.mode & 0o777).toString(8)} ${target}`);
    if (stat.isDirectory()) for (const entry of readdirSync(target)) visit(path.join(target, entry));
  };
  visit(dir);
  return loose;
}

describe('data directory modes', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudward-modes-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the embedded database is readable by its owner only: after open and migrations, and after close', async () => {
    const dataDir = path.join(root, 'data');
    const store = await openStore({ dataDir });
    try {
      // PGlite unpacks its database 0666; nothing may stay that way.
      expect(looserThanOwner(dataDir)).toEqual([]);
      await store.createAccount(newAccountInput());
    } finally {
      await store.close();
    }
    expect(looserThanOwner(dataDir)).toEqual([]);
  }, 120_000);

  test('restrictToOwner tightens files and directories and leaves symbolic links alone', () => {
    const dir = path.join(root, 'loose');
    mkdirSync(path.join(dir, 'sub'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'sub', 'table'), 'x');
    chmodSync(path.join(dir, 'sub', 'table'), 0o666);
    chmodSync(path.join(dir, 'sub'), 0o777);
    chmodSync(dir, 0o755);
    const outside = path.join(root, 'outside');
    writeFileSync(outside, 'y');
    chmodSync(outside, 0o644);
    symlinkSync(outside, path.join(dir, 'link'));
    expect(restrictToOwner(dir)).toBe(3);
    expect(statSync(path.join(dir, 'sub', 'table')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'sub')).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(restrictToOwner(dir)).toBe(0);
  });
});

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'cloudward-lock-')), 'data');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  test('takes over a lock left by a process that no longer runs (kill -9)', () => {
    mkdirSync(dir, { recursive: true });
    // pid 2^22 + 1 is above Linux's pid_max default range, so no process holds it.
    writeFileSync(path.join(dir, 'cloudward.lock'), '4194305\n');
    const lock = lockDataDir(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  test('refuses a lock held by a live process', () => {
    mkdirSync(dir, { recursive: true });
    // pid 1 always runs.
    writeFileSync(path.join(dir, 'cloudward.lock'), '1\n');
    expect(() => lockDataDir(dir)).toThrow('is in use by another Cloudward process (pid 1)');
  });
});
