import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** The tables that grow with the population and that an import writes or derives from. */
export const GROWING_TABLES = [
  'subjects',
  'relations',
  'registry_facts',
  'records',
  'record_events',
  'decisions',
  'notices',
  'derived',
  'checks',
  'audit',
] as const;

/** Rows changed since the last ANALYZE past which a table is analyzed: at least this many, and a tenth of it. */
export const ANALYZE_AFTER_ROWS = 1000;

/**
 * ANALYZEs the growing tables whose rows changed since their last ANALYZE number at least ANALYZE_AFTER_ROWS and a
 * tenth of the table: what autovacuum would analyze at its next round, which may be a minute away. Until then the
 * planner takes a table filled by one import for the few rows it had, and scans it whole where an index would
 * serve. A few lines written into a large registry analyze nothing. Answers the tables analyzed.
 */
export async function analyzeOutgrown(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`select relname from pg_stat_user_tables
    where schemaname = current_schema() and relname = any(${[...GROWING_TABLES]}::text[])
      and n_mod_since_analyze >= greatest(${ANALYZE_AFTER_ROWS}, 0.1 * n_live_tup)
    order by relname`.execute(db);
  const tables = rows.map((r) => r.relname).filter((t) => (GROWING_TABLES as readonly string[]).includes(t));
  // the names come from the list above, never from input
  if (tables.length > 0) await sql.raw(`analyze ${tables.join(', ')}`).execute(db);
  return tables;
}
