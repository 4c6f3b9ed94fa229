import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { LedgerCount, MarksExpected, MarksWindow } from '../app/ports/ports.store.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** `compare`'s verdicts: the marks also name other subjects (compared by the caller); the projection is stale. */
const INVOLVING = 1;
const STALE = 2;

/**
 * The subjects in [lo, hi] whose marks can name others: parents of branches and subjects named by another's
 * record as on behalf of. A superset of what the derivation involves (it walks branches of organizations only):
 * the caller builds their marks from `involved` below, which follows the derivation exactly.
 */
const involvingIn = (lo: unknown, hi: unknown) =>
  sql`(select parent_id as id from subjects where parent_id between ${lo} and ${hi}
    union select on_behalf_of from records
      where on_behalf_of between ${lo} and ${hi} and subject_id <> on_behalf_of)`;

/**
 * How a statement counts each subject's records and events: `probe` looks them up subject by subject in their
 * (subject_id, seq) keys — cheapest on SQLite, whose joins are nested loops (an aggregate joined would be
 * materialized and indexed first); `join` aggregates the range once and joins it — cheapest on PostgreSQL, which
 * hashes it (a look-up per subject costs it more).
 */
export type CountBy = 'probe' | 'join';

/** `id:records_upto:records` then `:events_upto:events` of subject `id`, counted in the (subject_id, seq) keys. */
const probed = (id: RawBuilder<unknown>) =>
  sql`${id} || ':' || (select coalesce(max(seq), 0) || ':' || count(*) from records x where x.subject_id = ${id})
    || ':' || (select coalesce(max(seq), 0) || ':' || count(*) from record_events x where x.subject_id = ${id})`;

/**
 * The subjects with ids in [lo, hi] whose projection is stale, or whose marks can name other subjects, in one
 * statement: each subject's own records and events counted, its expected marks built as `head` followed by
 * `id:records_upto:records:events_upto:events` (just `head` without records or events: the single-subject form of
 * marksString) and compared with the stored ones, so that only mismatches leave the database. Subjects whose
 * marks can name others are returned as INVOLVING unless stale for another reason.
 */
function compare(
  countBy: CountBy,
  lo: unknown,
  hi: unknown,
  head: unknown,
  rulebookHash: unknown,
  now: unknown,
) {
  const h = sql`cast(${head} as text)`;
  const id = sql`s.id`;
  let differs: RawBuilder<unknown>;
  let joins = sql``;
  if (countBy === 'probe') {
    // the counts are probed once a row: marks of `head` alone say there is nothing, and nothing is written
    // `id:0:0:0:0`, which is never a subject's marks
    const nothing = sql`${h} || ${id} || ':0:0:0:0'`;
    differs = sql`case when d.marks = ${h} then ${h} || ${probed(id)} <> ${nothing}
      else d.marks = ${nothing} or d.marks <> ${h} || ${probed(id)} end`;
  } else {
    const counted = (table: 'records' | 'record_events') =>
      sql`(select subject_id, max(seq) as upto, count(*) as n from ${sql.table(table)}
        where subject_id between ${lo} and ${hi} group by subject_id)`;
    joins = sql`left join ${counted('records')} r on r.subject_id = s.id
      left join ${counted('record_events')} e on e.subject_id = s.id`;
    differs = sql`d.marks <> (case when r.n is null and e.n is null then ${h}
      else ${h} || s.id || ':' || coalesce(r.upto, 0) || ':' || coalesce(r.n, 0)
        || ':' || coalesce(e.upto, 0) || ':' || coalesce(e.n, 0) end)`;
  }
  return sql<{ id: number | string; marks: string | null; verdict: number }>`select id, marks, verdict from (
      select s.id, d.marks, case
        when d.subject_id is null or d.marks is null or d.rulebook_hash <> ${rulebookHash}
          or d.next_change_at <= ${now} then ${sql.lit(STALE)}
        when s.id in ${involvingIn(lo, hi)} then ${sql.lit(INVOLVING)}
        when ${differs} then ${sql.lit(STALE)}
        else 0
      end as verdict
      from subjects s
      left join derived d on d.subject_id = s.id
      ${joins}
      where s.id between ${lo} and ${hi}
    ) w where verdict > 0`;
}

/**
 * For each subject in [lo, hi] whose marks can name others, every subject its derivation involves, as `loadFiles`
 * finds them — itself and, for an organization, its branches (transitively: the parent links walked down from
 * it) and the subjects whose records name it as on behalf of — with their ledger counts (null: none). The roots
 * are materialized: a filter on their kind must not become a scan of every organization by the kind index.
 */
function involved(countBy: CountBy, lo: unknown, hi: unknown) {
  const probe = (table: 'records' | 'record_events', of: 'max(seq)' | 'count(*)') =>
    sql`(select ${sql.raw(of)} from ${sql.table(table)} x where x.subject_id = i.id)`;
  const counted = (table: 'records' | 'record_events') =>
    sql`(select subject_id, max(seq) as upto, count(*) as n from ${sql.table(table)}
      where subject_id in (select id from involved) group by subject_id)`;
  const [counts, joins] =
    countBy === 'probe'
      ? [
          sql`${probe('records', 'max(seq)')} as records_upto, ${probe('records', 'count(*)')} as records,
            ${probe('record_events', 'max(seq)')} as events_upto, ${probe('record_events', 'count(*)')} as events`,
          sql``,
        ]
      : [
          sql`r.upto as records_upto, r.n as records, e.upto as events_upto, e.n as events`,
          sql`left join ${counted('records')} r on r.subject_id = i.id
            left join ${counted('record_events')} e on e.subject_id = i.id`,
        ];
  return sql<{
    root: number | string;
    id: number | string;
    records_upto: number | string | null;
    records: number | string | null;
    events_upto: number | string | null;
    events: number | string | null;
  }>`with recursive
    roots(id, kind) as materialized (
      select s.id, s.kind from ${involvingIn(lo, hi)} p join subjects s on s.id = p.id),
    tree(root, id) as (
      select id, id from roots where kind = 'organization'
      union select t.root, c.id from tree t join subjects c on c.parent_id = t.id),
    involved(root, id) as (
      select id, id from roots
      union select root, id from tree
      union select on_behalf_of, subject_id from records
        where on_behalf_of between ${lo} and ${hi} and subject_id <> on_behalf_of
          and on_behalf_of in (select id from roots where kind = 'organization'))
    select i.root, i.id, ${counts}
    from involved i ${joins}`;
}

/** See Tx.marksWindow. */
export async function marksWindow(
  db: Db,
  after: number,
  size: number,
  expect: MarksExpected,
  countBy: CountBy,
): Promise<MarksWindow> {
  // the window's last id, found by skipping (no row is read before it); a short last window is counted
  const end = await compiledOnce<{ id: number | string }>(
    db,
    'marksWindow.end',
    [after, size - 1],
    (v) => sql`select id from subjects where id > ${v(0)} order by id limit 1 offset ${v(1)}`,
  );
  let subjects = size;
  let last = Number(end.rows[0]?.id ?? Number.NaN);
  if (end.rows.length === 0) {
    const rest = await compiledOnce<{ n: number | string; last: number | string | null }>(
      db,
      'marksWindow.rest',
      [after],
      (v) => sql`select count(*) as n, max(id) as last from subjects where id > ${v(0)}`,
    );
    subjects = Number(rest.rows[0]?.n ?? 0);
    last = Number(rest.rows[0]?.last ?? after);
  }
  if (subjects === 0) return { subjects, last, stale: [], involving: [] };
  const { head, rulebookHash, now } = expect;
  const lo = after + 1;
  const verdicts = await compiledOnce(
    db,
    `marksWindow.compare.${countBy}`,
    [lo, last, head, rulebookHash, now],
    (v) => compare(countBy, v(0), v(1), v(2), v(3), v(4)),
  );
  const stale: number[] = [];
  const marks = new Map<number, string>();
  for (const x of verdicts.rows)
    if (Number(x.verdict) === STALE) stale.push(Number(x.id));
    else marks.set(Number(x.id), x.marks ?? '');
  stale.sort((a, b) => a - b);
  if (marks.size === 0) return { subjects, last, stale, involving: [] };
  const counts = new Map<number, LedgerCount[]>();
  for (const r of (
    await compiledOnce(db, `marksWindow.involved.${countBy}`, [lo, last], (v) =>
      involved(countBy, v(0), v(1)),
    )
  ).rows) {
    const root = Number(r.root);
    if (!marks.has(root)) continue;
    const c: LedgerCount = {
      subject_id: Number(r.id),
      records_upto: Number(r.records_upto ?? 0),
      records: Number(r.records ?? 0),
      events_upto: Number(r.events_upto ?? 0),
      events: Number(r.events ?? 0),
    };
    const at = counts.get(root);
    if (at) at.push(c);
    else counts.set(root, [c]);
  }
  const involving = [...marks]
    .sort(([a], [b]) => a - b)
    .map(([id, m]) => ({ id, marks: m, involved: counts.get(id) ?? [] }));
  return { subjects, last, stale, involving };
}
