import type { Kysely, Migration } from 'kysely';

/**
 * Notices stored compactly (format 1, rendered when read) beside the rows written before, which keep their
 * rendered body as it is and are marked format 0 by the column's default: they render as stored. No row is
 * rewritten: notices are audit-ledger rows, committed by content hash, and a rewritten body would no longer be
 * the one the chain committed (`credence audit verify` would report every old notice as edited).
 */
export const compactNoticesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('notices')
      .addColumn('format', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
