import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Store } from '../../app/ports/ports.store.ts';
import { KyselyStore, migrate } from '../kysely-store.ts';
import { migrations } from '../migrations.ts';
import type { Database } from '../schema.ts';
import { PostgresBulk } from './postgres.bulk.ts';

// int8 (bigint, count(*), sum) arrives as a string: parse it, refusing values JS cannot hold exactly
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${v} is beyond JavaScript's exact range`);
  return n;
});

/**
 * Opens (and migrates) a PostgreSQL registry. A small pool: sized for the cores, not the clients. Large batches
 * of records are appended with COPY (postgres.bulk.ts).
 */
export async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const bulk = new PostgresBulk(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, migrations('postgres'));
  return new KyselyStore(db, 'postgres', bulk);
}
