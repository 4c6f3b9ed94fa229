import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Store } from '../../app/ports/ports.store.ts';
import { KyselyStore, migrate } from '../kysely-store.ts';
import { migrations } from '../migrations.ts';
import type { Database } from '../schema.ts';
import { PostgresBulk } from './postgres.bulk.ts';
import { prepareStatements } from './postgres.statements.ts';
import { analyzeOutgrown } from './postgres.statistics.ts';
import { PostgresTx } from './postgres.tx.ts';

// int8 (bigint, count(*), sum) arrives as a string: parse it, refusing values JS cannot hold exactly
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${v} is beyond JavaScript's exact range`);
  return n;
});

/** The store on PostgreSQL: the shared one, and statistics refreshed after bulk writes (postgres.statistics.ts). */
class PostgresStore extends KyselyStore {
  override async refreshStatistics(share?: number): Promise<readonly string[]> {
    return analyzeOutgrown(this.kdb, share);
  }
}

/**
 * Opens (and migrates) a PostgreSQL registry. A small pool: sized for the cores, not the clients. Transactions
 * run set-based statements (postgres.tx.ts), each connection keeps the repeated ones prepared
 * (postgres.statements.ts), and large batches of records are appended with COPY (postgres.bulk.ts).
 */
export async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const bulk = new PostgresBulk(pool);
  const prepared = prepareStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, migrations('postgres'));
  prepared.activate();
  return new PostgresStore(db, 'postgres', bulk, (trx, _engine, b) => new PostgresTx(trx, b));
}
