// Opening a store: PostgreSQL when a database URL is given, else embedded PGlite under the data dir.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type * as PGliteModule from '@electric-sql/pglite';
import { clockedClient, systemClock, type Clock } from './clock';
import { lockDataDir } from './data-dir-lock';
import { restrictToOwner } from './owner-only';
import { openMemoryDatabase } from './pglite-memory';
import { pgClient } from './sql-pg';
import { pgliteClient } from './sql-pglite';
import { SqlStore } from './sql-store';
import type { Store } from './store';

export interface OpenStoreOptions {
  /** PostgreSQL connection string (DATABASE_URL). Wins over dataDir and memory. */
  databaseUrl?: string;
  /** Embedded PGlite lives in `<dataDir>/pglite`; default `./data`. */
  dataDir?: string;
  /** Embedded PGlite in memory, nothing on disk (tests, `scan`). */
  memory?: boolean;
  /** PostgreSQL only: the schema to use (search_path); created when missing. Lets test runs isolate themselves. */
  schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** What `now()` means in every query (expiry, first/last seen, history); default the system clock. */
  clock?: Clock;
}

/**
 * PGlite's CommonJS build loads Node built-ins with `await import()`, which jest's module sandbox refuses
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG) in every test that opens a store. Node's own loader
 * (Module._load, which jest does not wrap) runs it outside the sandbox; outside jest it is plain `require`.
 */
function loadPGlite(): typeof PGliteModule {
  const nodeModule = require('node:module') as {
    _load?: (request: string, parent: null, isMain: boolean) => unknown;
  };
  const entry = require.resolve('@electric-sql/pglite');
  if (typeof nodeModule._load === 'function')
    return nodeModule._load(entry, null, false) as typeof PGliteModule;
  return require('@electric-sql/pglite') as typeof PGliteModule;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  let store: SqlStore;
  let pgliteDir: string | undefined;
  if (options.databaseUrl) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`invalid schema name ${options.schema}`);
    }
    if (options.schema) {
      const admin = pgClient({ connectionString: options.databaseUrl, max: 1 });
      try {
        await admin.script(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      } finally {
        await admin.close();
      }
    }
    store = new SqlStore(
      clockedClient(
        pgClient({ connectionString: options.databaseUrl, schema: options.schema, max: options.poolSize }),
        clock,
      ),
      undefined,
      clock,
    );
  } else if (options.memory) {
    const database = await openMemoryDatabase(loadPGlite().PGlite);
    store = new SqlStore(clockedClient(pgliteClient(database), clock), undefined, clock);
  } else {
    const dataDir = path.resolve(options.dataDir ?? './data');
    // Only this process may open the directory, and only its owner may read it (external IDs, tokens' hashes).
    const lock = lockDataDir(dataDir);
    try {
      chmodSync(dataDir, 0o700);
      const dir = path.join(dataDir, 'pglite');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const database = await loadPGlite().PGlite.create({ dataDir: dir });
      restrictToOwner(dir);
      // On close too: files PGlite made while running are tightened before the next process (or a backup) sees them.
      store = new SqlStore(
        clockedClient(pgliteClient(database), clock),
        async () => {
          restrictToOwner(dir);
          lock.release();
        },
        clock,
      );
      pgliteDir = dir;
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    if (pgliteDir) restrictToOwner(pgliteDir); // files the migrations created
  }
  return store;
}

export { SqlStore } from './sql-store';
export { DataDirLockedError } from './data-dir-lock';
export { clockStartingAt, fixedClock, systemClock, type Clock } from './clock';
export type { SqlClient, Queryable } from './sql';
export { migrate, loadMigrations } from './migrate';
export * from './store';
