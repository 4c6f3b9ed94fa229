import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditRow, CheckRow } from '../app/ports/ports.store.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The statements every check and every audit entry runs, compiled once (compiled.ts): a check is one insert, and
 * each transaction that writes the ledger appends one audit entry after reading the chain's head.
 */

/** One statement: the next sequence number of the subject's checks and the row. Returns that number. */
export async function insertCheckRow(db: Db, row: Omit<CheckRow, 'seq'>): Promise<number> {
  const { subject_id, measure, asked_by, asked_at, at, applies, until, decisions, inputs } = row;
  const values = [subject_id, measure, asked_by, asked_at, at, applies, until, decisions, inputs];
  const r = await compiledOnce(
    db,
    'insertCheck',
    values,
    (v) => sql<{
      seq: number | string;
    }>`insert into checks (subject_id, seq, measure, asked_by, asked_at, at, applies, until, decisions, inputs)
      select ${v(0)}, coalesce(max(seq), 0) + 1, ${v(1)}, ${v(2)}, ${v(3)}, ${v(4)}, ${v(5)}, ${v(6)}, ${v(7)}, ${v(8)}
      from checks where subject_id = ${v(0)}
      returning seq`,
  );
  return Number(r.rows[0]?.seq);
}

/** The newest audit entry, without the ledger rows it committed (an import's entry can list thousands). */
export async function lastAuditRow(db: Db): Promise<AuditRow | undefined> {
  // `limit 1` in the text: SQLite reads the newest entry through the index either way, but a bound limit made the
  // statement twice as slow (18 µs against 8 µs in a loop)
  const r = await compiledOnce(
    db,
    'lastAudit',
    [],
    () =>
      sql<AuditRow>`select "seq", "at", "actor", "action", "subject_id", "detail", "prev_hash", "hash"
        from "audit" order by "seq" desc limit 1`,
  );
  return r.rows[0];
}

const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'subject_id',
  'detail',
  'prev_hash',
  'hash',
  'rows',
] as const;

export async function insertAuditRow(db: Db, row: AuditRow): Promise<void> {
  await compiledOnce(
    db,
    'insertAudit',
    AUDIT_COLUMNS.map((c) => row[c] ?? null),
    (v) => db.insertInto('audit').values(Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, v(i)])) as never),
  );
}
