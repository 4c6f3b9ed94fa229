import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `0006_audit_ledger`: an audit entry lists the ledger rows it commits (table, key, content hash). Entries
 * written before keep no list and keep their hashes. A registry with no entry yet commits every row from the
 * start and is marked so; an older one adopts the rows it holds when the `credence` command next opens it
 * (app/audit/audit.adopt.ts).
 */
export const auditLedgerMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit').addColumn('rows', 'text').execute();
    await sql`insert into meta (key, value) select 'audit_ledger', 'since creation'
      where not exists (select 1 from audit)`.execute(db);
  },
};
