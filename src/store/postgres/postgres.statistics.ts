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

/** Rows changed since the last ANALYZE below which a table is never analyzed here. */
export const ANALYZE_AFTER_ROWS = 1000;

/**
 * ANALYZEs the growing tables whose rows changed since their last ANALYZE number at least ANALYZE_AFTER_ROWS and
 * `share` of the rows they had then. With a tenth (the default) that is what autovacuum would analyze at its next
 * round, which may be a minute away: until then the planner takes a table filled by one import for the few rows
 * it had, and scans it whole where an index would serve. With 1, a table is analyzed each time it has doubled. A
 * few lines written into a large registry analyze nothing. Answers the tables analyzed.
 */
export async function analyzeOutgrown(db: Kysely<Database>, share = 0.1): Promise<string[]> {
  // reltuples: the rows the table had at its last ANALYZE or VACUUM (-1 before any), as autovacuum counts them
  const { rows } = await sql<{ relname: string }>`select s.relname from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema() and s.relname = any(${[...GROWING_TABLES]}::text[])
      and s.n_mod_since_analyze >= greatest(${ANALYZE_AFTER_ROWS}, ${share}::float8 * c.reltuples)
    order by s.relname`.execute(db);
  const tables = rows.map((r) => r.relname).filter((t) => (GROWING_TABLES as readonly string[]).includes(t));
  // the names come from the list above, never from input
  if (tables.length > 0) await sql.raw(`analyze ${tables.join(', ')}`).execute(db);
  return tables;
}
