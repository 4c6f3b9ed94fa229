import { sql } from 'kysely';
import type { RecordRow } from '../../app/ports/ports.store.ts';

/**
 * The look-ups every batch of an import makes in tables that the import itself is growing, written so that their
 * plans do not depend on the planner's statistics: each key or subject is looked up through its index, one at a
 * time, inside a subquery that `offset 0` keeps from being turned into a join.
 *
 * A table that has grown since it was last analyzed (any first import: autovacuum analyzes a minute later at the
 * earliest) is estimated to hold a few rows, or to match most of them. As joins and `= any(…)` filters these
 * statements were then planned as scans of the whole table for every batch, sorted on disk for the record keys:
 * 5,000 keys took 180 ms at 50,000 records against 28 ms through the index, and in an import of 200,000 records
 * 284 ms a batch against 30 ms. A count over many subjects is left to the planner: there a scan of the whole
 * table is the cheaper plan.
 */

/** The stored records with these (source, record_id) keys (`records_key`). */
export const recordsByKeysSql = (sources: readonly string[], recordIds: readonly string[]) =>
  sql<RecordRow>`select r.* from unnest(${sources}::text[], ${recordIds}::text[]) as k(source, record_id)
    cross join lateral (select * from records x
      where x.source = k.source and x.record_id = k.record_id offset 0) r`;

/** Each subject's last record sequence number, null for a subject without records (`records_pk`, from its end). */
export const maxRecordSeqSql = (subjectIds: readonly number[]) =>
  sql<{ subject_id: string; seq: number | null }>`select k.id as subject_id,
      (select max(seq) from records x where x.subject_id = k.id) as seq
    from unnest(${subjectIds}::bigint[]) as k(id)`;
