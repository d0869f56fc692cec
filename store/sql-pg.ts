// SqlClient over a node-postgres Pool (DATABASE_URL).
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { Queryable, SqlClient } from './sql';

function wrap(target: Pool | PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
      const result = await target.query(sql, params);
      return result.rows as Row[];
    },
    async execute(sql: string, params: unknown[] = []): Promise<number> {
      const result = await target.query(sql, params);
      return result.rowCount ?? 0;
    },
    async script(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

export interface PgClientOptions {
  connectionString: string;
  /** Sets search_path on every connection (tests isolate themselves in a schema of their own). */
  schema?: string;
  max?: number;
}

export function pgClient(options: PgClientOptions): SqlClient {
  const config: PoolConfig = { connectionString: options.connectionString, max: options.max ?? 10 };
  if (options.schema) config.options = `-c search_path=${options.schema}`;
  const pool = new Pool(config);
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    engine: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
