import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from '../../app/ports/ports.store.ts';
import { ROWS_AS_ARRAYS, runsDirectly } from '../compiled.ts';
import { KyselyStore, migrate } from '../kysely-store.ts';
import { migrations } from '../migrations.ts';
import type { Database } from '../schema.ts';

/**
 * Kysely prepares every statement anew; with better-sqlite3 a prepared statement can be reused, which halves
 * the cost of the many small queries of an import. The cache is bounded (300 statements), and Kysely's connection
 * and the statements run directly in a transaction (compiled.ts, runsDirectly) share it. A read marked
 * ROWS_AS_ARRAYS returns its rows as arrays (compiled.ts).
 */
function statementCache(db: SQLite.Database): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      if (cache.size > 300) cache.clear();
      st = prepared(db, sql);
      cache.set(sql, st);
    }
    return st;
  };
}

/** The database as Kysely's SQLite dialect sees it, its statements prepared through `prepare`. */
function withStatementCache(
  db: SQLite.Database,
  prepare: (sql: string) => SQLite.Statement,
): SQLite.Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A statement prepared as the store runs it: in raw mode when its text says ROWS_AS_ARRAYS. */
function prepared(db: SQLite.Database, sql: string): SQLite.Statement {
  const st = db.prepare(sql);
  if (sql.startsWith(ROWS_AS_ARRAYS)) st.raw(true);
  return st;
}

/** How much of a registry file SQLite maps into memory to read it (when mapped). */
export const MAP_BYTES = 256 * 2 ** 20;

/**
 * Opens (and migrates) a SQLite registry file: WAL journal, a 16 MB page cache, reads through a memory map of up to
 * 256 MB unless `mapped` is false, and a checkpoint every `checkpointPages` pages of WAL (StoreLocation). Once
 * migrated, temporary files stay in memory: a statement that inserts many rows inside a transaction keeps a journal
 * of the pages it changes, which SQLite spills to a file past 64 KB; an import's statements of 200 notices each did,
 * some thousands of writes to temporary files a batch.
 */
export async function openSqlite(
  path: string,
  opts: { mapped?: boolean; checkpointPages?: number } = {},
): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -16384');
  if (opts.mapped !== false) sqlite.pragma(`mmap_size = ${MAP_BYTES}`);
  sqlite.pragma('busy_timeout = 5000');
  if (opts.checkpointPages !== undefined)
    sqlite.pragma(`wal_autocheckpoint = ${Math.max(1, Math.trunc(opts.checkpointPages))}`);
  sqlite.defaultSafeIntegers(false);
  const prepare = statementCache(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, prepare) }),
  });
  // a transaction holds the only connection: its statements compiled once run without Kysely's executor
  runsDirectly(db, prepare);
  await migrate(db, migrations('sqlite'));
  // after the migrations: an index built on a large table sorts its keys in temporary files, which in memory would
  // hold them all at once
  sqlite.pragma('temp_store = MEMORY');
  return new KyselyStore(db, 'sqlite');
}
