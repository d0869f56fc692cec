// One clock for everything that compares or stamps time. The store's SQL writes `now()`; the client binds it to
// this clock (see clockedClient), so a test that fixes the clock fixes the database's notion of "now" too, and no
// verdict, expiry or history date depends on the day the tests run.
import type { Queryable, SqlClient } from './sql';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at `at` (tests, replays). */
export function fixedClock(at: Date | string): Clock {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) throw new Error(`invalid clock time ${String(at)}`);
  return () => new Date(time);
}

/** A clock that starts at `at` and then runs at real speed: a fixed day for tests whose events need an order. */
export function clockStartingAt(at: Date | string): Clock {
  const start = fixedClock(at)().getTime();
  const origin = performance.now();
  return () => new Date(start + Math.round(performance.now() - origin));
}

const NOW_CALL = /\bnow\(\)/gi;

/** `now()` in a statement -> a parameter holding the clock's time (one parameter however many calls). */
export function bindNow(
  sql: string,
  params: unknown[] | undefined,
  clock: Clock,
): [string, unknown[] | undefined] {
  if (!/now\(\)/i.test(sql)) return [sql, params];
  const list = params ? [...params] : [];
  list.push(clock().toISOString());
  const placeholder = `$${list.length}::timestamptz`;
  return [sql.replace(NOW_CALL, placeholder), list];
}

function clockedQueryable(target: Queryable, clock: Clock): Queryable {
  return {
    query<Row>(sql: string, params?: unknown[]) {
      return target.query<Row>(...bindNow(sql, params, clock));
    },
    execute(sql: string, params?: unknown[]) {
      return target.execute(...bindNow(sql, params, clock));
    },
    // Scripts (migrations) take no parameters; their column defaults are bookkeeping, never compared.
    script: (sql) => target.script(sql),
  };
}

export function clockedClient(client: SqlClient, clock: Clock): SqlClient {
  return {
    engine: client.engine,
    ...clockedQueryable(client, clock),
    transaction: (fn) => client.transaction((tx) => fn(clockedQueryable(tx, clock))),
    close: () => client.close(),
  };
}
