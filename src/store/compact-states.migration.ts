import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Projection states stored compactly (list entries naming their rulebook version by hash, without the texts the
 * version holds). States written whole before still read as they are; this marks them for recomputation, so that
 * the next `credence rebuild` (or a read or `tick` that finds them due) rewrites them compactly. Decisions are not
 * rewritten: they are audit-ledger rows, committed by content hash, and keep the form they were written in.
 */
export const compactStatesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`update derived set marks = null where state like ${'%"title":%'}`.execute(db);
  },
};
