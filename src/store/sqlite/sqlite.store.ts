import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from '../../app/ports.ts';
import { KyselyStore, migrate } from '../kysely-store.ts';
import { migrations } from '../migrations.ts';
import type { Database } from '../schema.ts';

/** Opens (and migrates) a SQLite registry file: WAL journal, a generous page cache for bulk imports. */
export async function openSqlite(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.defaultSafeIntegers(false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, migrations('sqlite'));
  return new KyselyStore(db, 'sqlite');
}
