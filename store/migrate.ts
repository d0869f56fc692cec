// Versioned migrations: store/migrations/NNN_name.sql, applied in order, each recorded in schema_migrations.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlClient } from './sql';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Any constant shared by every Cloudward process; serialises concurrent start-ups on one database.
const MIGRATION_LOCK_KEY = 7_231_994_001;

/** The .sql files live beside the sources; `tsc` does not copy them, so dist/ looks back at store/migrations. */
export function migrationsDir(): string {
  const candidates = [
    path.join(__dirname, 'migrations'),
    path.join(__dirname, '..', '..', 'store', 'migrations'),
    path.join(process.cwd(), 'store', 'migrations'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`store migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }));
  // Two files with one number (branches merged) would skip the second silently: applied versions are numbers.
  for (let index = 1; index < migrations.length; index++) {
    if (migrations[index].version === migrations[index - 1].version)
      throw new Error(
        `store migrations ${migrations[index - 1].name} and ${migrations[index].name} share version ${migrations[index].version}: renumber one`,
      );
  }
  return migrations;
}

/**
 * Applies pending migrations in one transaction. The advisory lock makes a second process wait for the first
 * and then find nothing left to do, instead of both creating the same tables.
 */
export async function migrate(db: SqlClient, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.script(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.script(migration.sql);
      await tx.execute('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
