import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The most statements one connection keeps prepared; texts met after that run unnamed, as before. */
export const STATEMENTS_PER_CONNECTION = 200;

/**
 * Whether a statement's text stays the same whatever the size of its input, so that preparing it once pays: a
 * query or a write, without an IN list of several values or several VALUES rows (those have a text per count;
 * the hot paths use `= any($1)` and `unnest` instead, see postgres.tx.ts).
 */
export function stableStatement(text: string): boolean {
  return (
    /^\s*(select|insert|update|delete|with)\b/i.test(text) &&
    !/\bin \(\$\d+, \$/i.test(text) &&
    !/\), \(\$\d+/.test(text)
  );
}

/**
 * Whether a statement is prepared: a stable text whose parameters are single values. Once prepared, PostgreSQL
 * may plan a statement once for any values (a generic plan): right for look-ups by key, not for a batch's array
 * of ids, whose plan should follow its size and the table as it is now (a generic plan made while a table was
 * empty, before any ANALYZE, stays a sequential scan as the table grows). Batches are few; they plan each time.
 */
export function preparable(text: string, values: readonly unknown[]): boolean {
  return stableStatement(text) && !values.some((v) => Array.isArray(v));
}

/** A statement's name on every connection: derived from its text, so one text never has two names. */
export const statementName = (text: string): string =>
  `c_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

/** What a pool's connections have prepared, for tests and figures. */
export interface PreparedStatements {
  /** Named statements per connection, by the server's process id. */
  readonly perConnection: ReadonlyMap<number, number>;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Keeps the pool's preparable statements prepared, on each connection: the first time a connection runs one it
 * is parsed under a name, later runs bind and execute it (PostgreSQL plans it anew for its values the first five
 * times, then keeps one generic plan if that costs no more). At most `limit` a connection. Kysely sends
 * `client.query(text, values)`; that call gets a name here and nothing else changes (COPY streams and query
 * objects pass through untouched).
 *
 * Activate it once the schema is migrated: a prepared `select *` fails if a later migration changes its table's
 * columns on the same connection.
 */
export function prepareStatements(
  pool: pg.Pool,
  limit = STATEMENTS_PER_CONNECTION,
): PreparedStatements & { activate(): void } {
  let active = false;
  const perConnection = new Map<number, number>();
  pool.on('connect', (client) => {
    const pid = (client as unknown as { processID: number }).processID;
    const named = new Set<string>();
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (config, values, callback) => {
      if (active && typeof config === 'string' && Array.isArray(values) && preparable(config, values)) {
        const name = statementName(config);
        if (named.has(name) || named.size < limit) {
          named.add(name);
          perConnection.set(pid, named.size);
          return query({ name, text: config, values }, callback);
        }
      }
      return query(config, values, callback);
    };
  });
  pool.on('remove', (client) => {
    perConnection.delete((client as unknown as { processID: number }).processID);
  });
  return {
    perConnection,
    activate() {
      active = true;
    },
  };
}
