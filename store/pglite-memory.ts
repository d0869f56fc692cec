// In-memory PGlite databases for tests and `scan`, started from a migrated snapshot.
// initdb in WASM takes seconds per database; loading a snapshot takes a fraction of that. The snapshot is kept
// in this process and on disk (os.tmpdir(), keyed by the PGlite version and the migrations' text) so every jest
// worker and test file after the first starts fast.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as PGliteModule from '@electric-sql/pglite';
import { loadMigrations, migrate } from './migrate';
import { pgliteClient } from './sql-pglite';

type PGliteClass = typeof PGliteModule.PGlite;
type PGlite = PGliteModule.PGlite;

let snapshot: Blob | null = null;

function snapshotPath(): string {
  const hash = createHash('sha256');
  const packageJson = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  hash.update(existsSync(packageJson) ? readFileSync(packageJson) : 'unknown-pglite');
  for (const migration of loadMigrations()) hash.update(`${migration.version}:${migration.sql}`);
  return path.join(tmpdir(), `cloudward-pglite-${hash.digest('hex').slice(0, 20)}.tar`);
}

async function fromSnapshot(PGlite: PGliteClass, blob: Blob): Promise<PGlite> {
  return PGlite.create({ loadDataDir: blob });
}

/** Snapshots of older schemas are 40 MB each and never read again. */
function removeStaleSnapshots(current: string): void {
  for (const name of readdirSync(tmpdir())) {
    const stale = /^cloudward-pglite-[0-9a-f]{20}\.tar$/.test(name) && path.join(tmpdir(), name) !== current;
    if (stale) rmSync(path.join(tmpdir(), name), { force: true });
  }
}

export async function openMemoryDatabase(PGlite: PGliteClass): Promise<PGlite> {
  if (snapshot) return fromSnapshot(PGlite, snapshot);
  const file = snapshotPath();
  if (existsSync(file)) {
    try {
      const blob = new Blob([readFileSync(file)]);
      const db = await fromSnapshot(PGlite, blob);
      snapshot = blob;
      return db;
    } catch {
      rmSync(file, { force: true }); // a truncated or foreign file: rebuild it below
    }
  }
  const db = await PGlite.create();
  await migrate(pgliteClient(db));
  const dump = (await db.dumpDataDir('none')) as Blob;
  snapshot = dump;
  try {
    // Write then rename, so a concurrent reader never sees half a file.
    const partial = `${file}.${process.pid}.${Date.now()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    removeStaleSnapshots(file);
  } catch {
    // The disk cache is an optimisation only.
  }
  return db;
}
