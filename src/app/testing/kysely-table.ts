import type { Kysely } from 'kysely';

/** A table `t` of four rows, for tests of how statements are compiled and run (src/store/compiled*.test.ts). */
export interface T {
  t: { k: string; n: number; status: string };
}

/** Creates `t` and fills it: a, b (a draft), c twice. */
export async function fill(db: Kysely<T>): Promise<void> {
  await db.schema
    .createTable('t')
    .addColumn('k', 'text')
    .addColumn('n', 'integer')
    .addColumn('status', 'text')
    .execute();
  await db
    .insertInto('t')
    .values([
      { k: 'a', n: 1, status: 'published' },
      { k: 'b', n: 2, status: 'draft' },
      { k: 'c', n: 3, status: 'published' },
      { k: 'c', n: 4, status: 'published' },
    ])
    .execute();
}
