// SqlClient over embedded PGlite (Postgres compiled to WASM): one connection, so transactions serialise.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Queryable, SqlClient } from './sql';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
      const result = await target.query<Row>(sql, params);
      return result.rows;
    },
    async execute(sql: string, params: unknown[] = []): Promise<number> {
      const result = await target.query(sql, params);
      return result.affectedRows ?? 0;
    },
    async script(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

export function pgliteClient(db: PGlite): SqlClient {
  const base = wrap(db);
  return {
    engine: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
