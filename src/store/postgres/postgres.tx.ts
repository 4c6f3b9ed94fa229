import { type RawBuilder, sql, type Transaction } from 'kysely';
import type {
  AuditRow,
  LedgerCount,
  MarksExpected,
  RegistryFactRow,
  RelationRow,
  SubjectRow,
} from '../../app/ports/ports.store.ts';
import { searchEntry } from '../../app/search/search.normalize.ts';
import { DERIVED_STATE } from '../derived.repo.ts';
import { type BulkWriter, KyselyTx } from '../kysely-store.ts';
import { marksWindow } from '../marks-window.ts';
import { LEDGER_COLUMNS } from '../records.rows.ts';
import { numericFact } from '../registry-facts.ts';
import type { Database } from '../schema.ts';
import { maxRecordSeqSql, recordsByKeysSql } from './postgres.lookups.ts';

/**
 * `col = any($1::type[])`: one statement text whatever the number of values (an IN list has one per count). One
 * value is asked as `col = $1`, the look-up of a single request (a check, a score): a single value lets the
 * connection keep the statement prepared (postgres.statements.ts), and a look-up by key plans alike for any key.
 */
function anyOf(col: string, values: readonly unknown[], type: 'bigint' | 'text' = 'bigint') {
  if (values.length === 1) return sql<boolean>`${sql.ref(col)} = ${values[0]}`;
  return sql<boolean>`${sql.ref(col)} = any(${[...values]}::${sql.raw(type)}[])`;
}

type Column = readonly [name: string, type: string];

/** `select * from unnest($1::t1[], $2::t2[], …)`: rows travel as one array a column (absent values as null). */
function unnestOf(columns: readonly Column[], rows: readonly object[]): RawBuilder<unknown> {
  const get = (r: object, c: string) => (r as Record<string, unknown>)[c] ?? null;
  return sql`select * from unnest(${sql.join(
    columns.map(([c, t]) => sql`${rows.map((r) => get(r, c))}::${sql.raw(t)}[]`),
  )})`;
}

const names = (columns: readonly Column[]) => sql.join(columns.map(([c]) => sql.ref(c)));

const SUBJECT: readonly Column[] = [
  ['id', 'bigint'],
  ['kind', 'text'],
  ['usci', 'text'],
  ['id_hash', 'text'],
  ['name', 'text'],
  ['parent_id', 'bigint'],
  ['created_at', 'bigint'],
];
const SEARCH: readonly Column[] = [
  ['subject_id', 'bigint'],
  ['usci', 'text'],
  ['name', 'text'],
  ['key', 'text'],
  ['pinyin', 'text'],
  ['initials', 'text'],
  ['former', 'text'],
  ['doc', 'text'],
  ['len', 'integer'],
];
const FACT: readonly Column[] = [
  ['subject_id', 'bigint'],
  ['seq', 'integer'],
  ['fact', 'text'],
  ['value', 'text'],
  ['related_id', 'bigint'],
  ['effective_at', 'bigint'],
  ['recorded_at', 'bigint'],
  ['actor', 'text'],
  ['source', 'text'],
];
const RELATION: readonly Column[] = [
  ['org_id', 'bigint'],
  ['role', 'text'],
  ['person_id', 'bigint'],
];

/** The last row for each key: what applying the rows one after another would leave. */
function lastByKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

/**
 * The Store port's transaction on PostgreSQL: what an import, a registration and a derivation ask for a batch of
 * subjects is one set-based statement, with one text whatever the size of the batch (`= any($1::bigint[])`
 * rather than IN lists in chunks, an `unnest` join for (source, id) look-ups, inserts of narrow rows from
 * `unnest`), so that a batch costs a few round trips. Wide rows (projections, decisions, notices: kilobytes of
 * JSON each) keep the multi-row VALUES inserts of KyselyTx: a text array of them is slower to send (pg builds
 * the array literal in JavaScript, the server parses it again; twice the time of VALUES for 5,000 notices).
 *
 * One instance serves one transaction, or one savepoint of a group commit: the locks and the audit head it
 * remembers hold until that ends, and a rolled-back savepoint discards its Tx with them.
 */
export class PostgresTx extends KyselyTx {
  /** Subjects locked by this transaction (row locks are held until it ends). */
  private readonly locked = new Set<number>();
  /** Whether this transaction holds the audit chain's advisory lock (held until it ends). */
  private auditLocked = false;
  /** The newest audit entry, once this transaction appended one under that lock: no other writer can follow it. */
  private auditHead: AuditRow | undefined;

  constructor(trx: Transaction<Database>, bulk?: BulkWriter) {
    super(trx, 'postgres', bulk);
  }

  override async lockSubjects(ids: readonly number[]) {
    const fresh = [...new Set(ids.map(Number))].filter((id) => !this.locked.has(id)).sort((a, b) => a - b);
    if (fresh.length === 0) return;
    // FOR UPDATE locks the rows as the sort emits them: in id order, so that concurrent writers cannot deadlock
    await sql`select id from subjects where ${anyOf('id', fresh)} order by id for update`.execute(this.db);
    for (const id of fresh) this.locked.add(id);
  }
  override async lockAudit() {
    if (this.auditLocked) return;
    await super.lockAudit();
    this.auditLocked = true;
  }
  override async lastAudit() {
    return this.auditHead ?? super.lastAudit();
  }
  override async insertAudit(row: AuditRow) {
    await super.insertAudit(row);
    if (this.auditLocked) {
      const { rows: _committed, ...head } = row;
      this.auditHead = head;
    }
  }

  override async subjectsById(ids: readonly number[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('subjects').selectAll().where(anyOf('id', ids)).execute();
  }
  override async subjectsByUsci(uscis: readonly string[]) {
    if (uscis.length === 0) return [];
    return this.db
      .selectFrom('subjects')
      .selectAll()
      .where(anyOf('usci', uscis, 'text'))
      .execute();
  }
  override async subjectsByIdHash(hashes: readonly string[]) {
    if (hashes.length === 0) return [];
    return this.db
      .selectFrom('subjects')
      .selectAll()
      .where(anyOf('id_hash', hashes, 'text'))
      .execute();
  }
  override async childrenOf(parentIds: readonly number[]) {
    if (parentIds.length === 0) return [];
    return this.db.selectFrom('subjects').selectAll().where(anyOf('parent_id', parentIds)).execute();
  }
  /** New subjects in three statements: their ids from the identity sequence, the rows, their search entries. */
  override async insertSubjects(rows: readonly Omit<SubjectRow, 'id'>[]) {
    if (rows.length === 0) return [];
    const got = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('subjects', 'id')) as id
      from generate_series(1, ${rows.length}::integer)`.execute(this.db);
    // in ascending order, as one insert after another would have numbered them
    const ids = got.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    const full: SubjectRow[] = rows.map((r, i) => ({ ...r, id: ids[i]! }));
    await sql`insert into subjects (${names(SUBJECT)}) ${unnestOf(SUBJECT, full)}`.execute(this.db);
    this.ledger.wrote('subjects', full);
    const entries = full.flatMap((s) =>
      s.kind === 'organization' && s.usci ? [searchEntry(s.id, s.usci, s.name)] : [],
    );
    if (entries.length > 0)
      await sql`insert into org_search (${names(SEARCH)}) ${unnestOf(SEARCH, entries)}`.execute(this.db);
    return ids;
  }
  override async setRelations(rows: readonly RelationRow[]) {
    const last = lastByKey(rows, (r) => `${r.org_id}\u0000${r.role}`);
    if (last.length === 0) return;
    await sql`delete from relations r using unnest(${last.map((r) => r.org_id)}::bigint[],
      ${last.map((r) => r.role)}::text[]) as k(org_id, role) where r.org_id = k.org_id and r.role = k.role`.execute(
      this.db,
    );
    await sql`insert into relations (${names(RELATION)}) ${unnestOf(RELATION, last)}`.execute(this.db);
    this.ledger.wrote('relations', last);
  }
  override async relationsOfOrgs(orgIds: readonly number[]) {
    if (orgIds.length === 0) return [];
    return this.db.selectFrom('relations').selectAll().where(anyOf('org_id', orgIds)).execute();
  }
  override async relationsOfPersons(personIds: readonly number[]) {
    if (personIds.length === 0) return [];
    return this.db.selectFrom('relations').selectAll().where(anyOf('person_id', personIds)).execute();
  }
  override async appendRegistryFacts(rows: readonly Omit<RegistryFactRow, 'seq'>[]) {
    if (rows.length === 0) return;
    const ids = [...new Set(rows.map((r) => Number(r.subject_id)))];
    const got = await this.db
      .selectFrom('registry_facts')
      .select(['subject_id', (eb) => eb.fn.max('seq').as('seq')])
      .where(anyOf('subject_id', ids))
      .groupBy('subject_id')
      .execute();
    const last = new Map(got.map((r) => [Number(r.subject_id), Number(r.seq)]));
    const values = rows.map((r) => {
      const seq = (last.get(Number(r.subject_id)) ?? 0) + 1;
      last.set(Number(r.subject_id), seq);
      return { ...r, seq };
    });
    await sql`insert into registry_facts (${names(FACT)}) ${unnestOf(FACT, values)}`.execute(this.db);
    this.ledger.wrote('registry_facts', values);
  }
  override async registryFactsOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('registry_facts')
      .selectAll()
      .where(anyOf('subject_id', subjectIds))
      .orderBy('subject_id')
      .orderBy('seq')
      .execute();
    return rows.map(numericFact);
  }
  override async registryFactsNaming(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('registry_facts')
      .selectAll()
      .where(anyOf('related_id', subjectIds))
      .orderBy('subject_id')
      .orderBy('seq')
      .execute();
    return rows.map(numericFact);
  }

  /** The stored records with these (source, id) keys: each through the index (postgres.lookups.ts; one key: its own). */
  override async recordsByKeys(keys: readonly { source: string; record_id: string }[]) {
    const unique = lastByKey(keys, (k) => `${k.source}\u0000${k.record_id}`);
    if (unique.length === 0) return [];
    if (unique.length === 1)
      return this.db
        .selectFrom('records')
        .selectAll()
        .where('source', '=', unique[0]!.source)
        .where('record_id', '=', unique[0]!.record_id)
        .execute();
    const r = await recordsByKeysSql(
      unique.map((k) => k.source),
      unique.map((k) => k.record_id),
    ).execute(this.db);
    return r.rows;
  }
  /** The records of these subjects in one statement, in subject and sequence order, before their columns are chosen. */
  private recordsInOrder(subjectIds: readonly number[]) {
    return this.db
      .selectFrom('records')
      .where(anyOf('subject_id', subjectIds))
      .orderBy('subject_id')
      .orderBy('seq');
  }
  override async recordsOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    return this.recordsInOrder(subjectIds).selectAll().execute();
  }
  override async ledgerRowsOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    return this.recordsInOrder(subjectIds).select(LEDGER_COLUMNS).execute();
  }
  override async agentsOf(orgIds: readonly number[]) {
    if (orgIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('records')
      .select(['on_behalf_of', 'subject_id'])
      .distinct()
      .where(anyOf('on_behalf_of', orgIds))
      .execute();
    return rows.map((r) => ({ org: Number(r.on_behalf_of), agent: Number(r.subject_id) }));
  }
  override async maxRecordSeq(subjectIds: readonly number[]) {
    const m = new Map<number, number>();
    if (subjectIds.length === 0) return m;
    const { rows } = await maxRecordSeqSql([...new Set(subjectIds)]).execute(this.db);
    for (const r of rows) if (r.seq !== null) m.set(Number(r.subject_id), Number(r.seq));
    return m;
  }
  override async eventsOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    return this.db
      .selectFrom('record_events')
      .selectAll()
      .where(anyOf('subject_id', subjectIds))
      .orderBy('subject_id')
      .orderBy('seq')
      .execute();
  }

  override async derivedOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    return this.db
      .selectFrom('derived')
      .select(DERIVED_STATE)
      .where(anyOf('subject_id', subjectIds))
      .execute();
  }
  override async ledgerCounts(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    const r = await sql<{
      subject_id: number;
      records_upto: number | null;
      records: number | null;
      events_upto: number | null;
      events: number | null;
    }>`select coalesce(r.subject_id, e.subject_id) as subject_id, r.upto as records_upto, r.n as records,
        e.upto as events_upto, e.n as events
      from (select subject_id, max(seq) as upto, count(*) as n from records
            where ${anyOf('subject_id', subjectIds)} group by subject_id) r
      full join (select subject_id, max(seq) as upto, count(*) as n from record_events
            where ${anyOf('subject_id', subjectIds)} group by subject_id) e on e.subject_id = r.subject_id`.execute(
      this.db,
    );
    return r.rows.map(
      (x): LedgerCount => ({
        subject_id: Number(x.subject_id),
        records_upto: Number(x.records_upto ?? 0),
        records: Number(x.records ?? 0),
        events_upto: Number(x.events_upto ?? 0),
        events: Number(x.events ?? 0),
      }),
    );
  }
  /** `rebuild`'s comparison with the counts aggregated once a window and hash-joined (see CountBy). */
  override async marksWindow(after: number, size: number, expect: MarksExpected) {
    return marksWindow(this.db, after, size, expect, 'join');
  }
  override async markDue(subjectIds: readonly number[], at: number) {
    if (subjectIds.length === 0) return;
    await this.db
      .updateTable('derived')
      .set({ next_change_at: at })
      .where(anyOf('subject_id', subjectIds))
      .where((eb) => eb.or([eb('next_change_at', 'is', null), eb('next_change_at', '>', at)]))
      .execute();
  }

  override async decisionIdsOf(subjectIds: readonly number[]) {
    const out = new Set<string>();
    if (subjectIds.length === 0) return out;
    for (const r of await this.db
      .selectFrom('decisions')
      .select('id')
      .where(anyOf('subject_id', subjectIds))
      .execute())
      out.add(r.id);
    return out;
  }
}
