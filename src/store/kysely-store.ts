import { type Kysely, Migrator, sql, type Transaction } from 'kysely';
import type { LedgerTable } from '../app/audit/audit.ledger.ts';
import { sealLedger } from '../app/audit/audit.log.ts';
import type {
  AuditRow,
  CheckRow,
  DecisionRow,
  RecordEventRow,
  RecordRow,
  RelationRow,
  SearchCursor,
  Store,
  SubjectRow,
  Tx,
} from '../app/ports/ports.store.ts';
import type { IndexQuery } from '../app/search/search.normalize.ts';
import { compiledOnce, insertRows, readIn, rowsIn } from './compiled.ts';
import { DerivedRepo } from './derived.repo.ts';
import { GroupCommit } from './group-commit.ts';
import { insertAuditRow, insertCheckRow, lastAuditRow } from './hot.statements.ts';
import { LEDGER_COLUMNS, ledgerRowFromArray, RECORD_COLUMNS, recordFromArray } from './records.rows.ts';
import { CHUNK, chunks } from './registry.repo.ts';
import type { Database } from './schema.ts';
import { searchPieces, searchRanked } from './search.repo.ts';

/** An engine's bulk path for appending records (PostgreSQL: COPY or one unnest statement; see postgres/postgres.bulk.ts). */
export interface BulkWriter {
  insertRecords(db: Kysely<Database> | Transaction<Database>, rows: readonly RecordRow[]): Promise<void>;
}

/** The Store port over Kysely; the SQLite and PostgreSQL adapters differ only in dialect and bulk paths. */
export class KyselyTx extends DerivedRepo implements Tx {
  /** Subjects this transaction has locked already (row locks are held until it ends). */
  private readonly held = new Set<number>();

  constructor(
    db: Kysely<Database> | Transaction<Database>,
    protected readonly dialect: 'sqlite' | 'postgres' = 'sqlite',
    protected readonly bulk?: BulkWriter,
  ) {
    super(db);
  }

  /**
   * Row locks on the subjects a write touches, taken in id order so that concurrent writers cannot deadlock.
   * SQLite has a single writer already; PostgreSQL needs them (FOR UPDATE).
   */
  async lockSubjects(ids: readonly number[]) {
    if (this.dialect !== 'postgres' || ids.length === 0) return;
    const sorted = [...new Set(ids)].filter((id) => !this.held.has(id)).sort((a, b) => a - b);
    if (this.db.isTransaction) for (const id of sorted) this.held.add(id);
    for (const c of chunks(sorted))
      await this.db
        .selectFrom('subjects')
        .select('id')
        .where('id', 'in', c)
        .orderBy('id')
        .forUpdate()
        .execute();
  }
  async searchRanked(q: IndexQuery, after: SearchCursor | null, limit: number) {
    return searchRanked(this.db, this.dialect, q, after, limit);
  }
  async searchPieces(q: IndexQuery, pieces: readonly string[], limit: number) {
    return searchPieces(this.db, this.dialect, q, pieces, limit);
  }
  /** Serialises appends to the audit chain across processes (held until commit). */
  async lockAudit() {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7305201)`.execute(this.db);
  }
  async insertSubjects(rows: readonly Omit<SubjectRow, 'id'>[]) {
    const ids: number[] = [];
    for (const r of rows) ids.push(await this.insertSubject(r));
    return ids;
  }
  async setRelations(rows: readonly RelationRow[]) {
    for (const r of rows) await this.setRelation(r);
  }
  async recordsByKeys(keys: readonly { source: string; record_id: string }[]) {
    if (keys.length === 0) return [];
    const out: RecordRow[] = [];
    // an import's duplicate check, for every batch: compiled once a chunk size (compiled.ts)
    for (const c of chunks(keys, 250)) {
      const r = await compiledOnce(
        this.db,
        'recordsByKeys',
        c.flatMap((k) => [k.source, k.record_id]),
        (v) =>
          this.db
            .selectFrom('records')
            .selectAll()
            .where((eb) =>
              eb.or(
                c.map((_, j) => eb.and([eb('source', '=', v(2 * j)), eb('record_id', '=', v(2 * j + 1))])),
              ),
            ),
      );
      for (const row of r.rows) out.push(row);
    }
    return out;
  }
  async recordsOf(subjectIds: readonly number[]) {
    // a derivation reads thousands of rows at once (compiled.ts)
    return rowsIn(this.db, 'records', RECORD_COLUMNS, 'subject_id', subjectIds, recordFromArray, {
      orderBy: ['subject_id', 'seq'],
      size: CHUNK,
    });
  }
  async ledgerRowsOf(subjectIds: readonly number[]) {
    return rowsIn(this.db, 'records', LEDGER_COLUMNS, 'subject_id', subjectIds, ledgerRowFromArray, {
      orderBy: ['subject_id', 'seq'],
      size: CHUNK,
    });
  }
  async agentsOf(orgIds: readonly number[]) {
    const rows = await readIn(this.db, 'agentsOf', orgIds, (list) =>
      this.db
        .selectFrom('records')
        .select(['on_behalf_of', 'subject_id'])
        .distinct()
        .where('on_behalf_of', 'in', list),
    );
    return rows.map((r) => ({ org: Number(r.on_behalf_of), agent: Number(r.subject_id) }));
  }
  async maxRecordSeq(subjectIds: readonly number[]) {
    const rows = await readIn(this.db, 'maxRecordSeq', subjectIds, (list) =>
      this.db
        .selectFrom('records')
        .select(['subject_id', (eb) => eb.fn.max('seq').as('seq')])
        .where('subject_id', 'in', list)
        .groupBy('subject_id'),
    );
    return new Map(rows.map((r) => [Number(r.subject_id), Number(r.seq)]));
  }
  async insertRecords(rows: readonly RecordRow[]) {
    this.ledger.wrote('records', rows);
    if (this.bulk) return this.bulk.insertRecords(this.db, rows);
    await insertRows(this.db, 'records', RECORD_COLUMNS, rows);
  }
  async deleteRecord(subjectId: number, seq: number) {
    const gone = await this.db
      .deleteFrom('records')
      .where('subject_id', '=', subjectId)
      .where('seq', '=', seq)
      .returningAll()
      .execute();
    this.ledger.removed('records', gone);
  }
  async deleteEventsOf(subjectId: number, source: string, recordId: string) {
    const gone = await this.db
      .deleteFrom('record_events')
      .where('subject_id', '=', subjectId)
      .where('source', '=', source)
      .where('record_id', '=', recordId)
      .returningAll()
      .execute();
    this.ledger.removed('record_events', gone);
    return gone.length;
  }
  async eventsOf(subjectIds: readonly number[]) {
    return readIn(this.db, 'eventsOf', subjectIds, (list) =>
      this.db
        .selectFrom('record_events')
        .selectAll()
        .where('subject_id', 'in', list)
        .orderBy('subject_id')
        .orderBy('seq'),
    );
  }
  async insertEvent(row: Omit<RecordEventRow, 'seq'>) {
    const r = await this.db
      .selectFrom('record_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('subject_id', '=', row.subject_id)
      .executeTakeFirst();
    const event = { ...row, seq: Number(r?.seq ?? 0) + 1 };
    await this.db.insertInto('record_events').values(event).execute();
    this.ledger.wrote('record_events', [event]);
  }
  async insertDecisions(rows: readonly DecisionRow[]) {
    let n = 0;
    for (const c of chunks(rows, 200)) {
      const added = await insertRows(this.db, 'decisions', DECISION_COLUMNS, c, {
        conflict: ['subject_id', 'id'],
        returning: ['subject_id', 'id'],
      });
      const keys = new Set(added.map((k) => `${Number(k.subject_id)}\u0000${k.id}`));
      this.ledger.wrote(
        'decisions',
        c.filter((d) => keys.has(`${d.subject_id}\u0000${d.id}`)),
      );
      n += added.length;
    }
    return n;
  }
  async decisionsOf(subjectId: number) {
    return this.db
      .selectFrom('decisions')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('effective_at')
      .orderBy('id')
      .execute();
  }
  async decisionIdsOf(subjectIds: readonly number[]) {
    const rows = await readIn(this.db, 'decisionIdsOf', subjectIds, (list) =>
      this.db.selectFrom('decisions').select('id').where('subject_id', 'in', list),
    );
    return new Set(rows.map((r) => r.id));
  }
  async decisionById(id: string) {
    return this.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  }
  /** One statement: the next sequence number of the subject's checks and the row (a check is on the hot path). */
  async insertCheck(row: Omit<CheckRow, 'seq'>) {
    const seq = await insertCheckRow(this.db, row);
    this.ledger.wrote('checks', [{ ...row, seq }]);
    return seq;
  }
  async checkBySeq(subjectId: number, seq: number) {
    return this.db
      .selectFrom('checks')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('seq', '=', seq)
      .executeTakeFirst();
  }
  async checksOf(subjectId: number) {
    return this.db
      .selectFrom('checks')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();
  }
  async checksPage(subjectId: number, before: number | null, limit: number) {
    let q = this.db.selectFrom('checks').selectAll().where('subject_id', '=', subjectId);
    if (before !== null) q = q.where('seq', '<', before);
    return q.orderBy('seq', 'desc').limit(limit).execute();
  }
  async checkCount(subjectId: number) {
    const r = await this.db
      .selectFrom('checks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  async lastAudit() {
    return lastAuditRow(this.db);
  }
  async insertAudit(row: AuditRow) {
    await insertAuditRow(this.db, row);
  }
  async auditOfSubject(subjectId: number, actions: readonly string[], limit: number) {
    if (actions.length === 0) return [];
    return this.db
      .selectFrom('audit')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('action', 'in', [...actions])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }
  async auditRange(afterSeq: number, limit: number) {
    return this.db
      .selectFrom('audit')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }
  async ledgerPage(spec: LedgerTable, after: readonly unknown[] | null, limit: number) {
    const pk = sql.join(spec.pk.map((c) => sql.ref(c)));
    const where = after ? sql`where (${pk}) > (${sql.join(after)})` : sql``;
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(spec.table)} ${where}
      order by ${pk} limit ${limit}`.execute(this.db);
    return r.rows;
  }
}

/** Makes the Tx of one transaction: an engine may bring a subclass with its own set-based statements. */
export type TxMaker = (
  trx: Transaction<Database>,
  engine: 'sqlite' | 'postgres',
  bulk?: BulkWriter,
) => KyselyTx;

export class KyselyStore extends KyselyTx implements Store {
  /** Made here, not on first use: a view of the store (Object.create) must share it. */
  private readonly groups: GroupCommit;

  constructor(
    protected readonly kdb: Kysely<Database>,
    readonly engine: 'sqlite' | 'postgres',
    bulk?: BulkWriter,
    private readonly makeTx: TxMaker = (trx, e, b) => new KyselyTx(trx, e, b),
  ) {
    super(kdb, engine, bulk);
    this.groups = new GroupCommit({
      transaction: (body) => this.kdb.transaction().execute(body),
      makeTx: (trx) => this.makeTx(trx, this.engine, this.bulk),
      lostRace: (e) => this.lostRace(e),
      alone: (fn) => this.transaction(fn),
    });
  }
  /** PostgreSQL: a serialization failure, a deadlock, or a unique key another writer took first. */
  private lostRace(e: unknown): boolean {
    const code = (e as { code?: string } | null)?.code;
    return this.engine === 'postgres' && (code === '40001' || code === '40P01' || code === '23505');
  }
  /**
   * One transaction: all or nothing. On PostgreSQL a transaction that lost a race (serialization failure,
   * deadlock, or a unique key another writer took first) is retried from the start, a few times.
   */
  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.kdb.transaction().execute(async (trx) => {
          const tx = this.makeTx(trx, this.engine, this.bulk);
          const out = await fn(tx);
          // ledger rows written without an audit entry of their own are committed before the transaction ends
          await sealLedger(tx);
          return out;
        });
      } catch (e) {
        if (!this.lostRace(e) || attempt >= 12) throw e;
        // exponential backoff with jitter: a long batch that lost a deadlock waits for the winner to commit
        // instead of colliding with it again (capped at 2 s a wait, about 10 s over all attempts)
        await new Promise((res) => setTimeout(res, Math.random() * Math.min(2000, 10 * 2 ** attempt)));
      }
    }
  }
  /**
   * `fn` in a transaction shared with the other calls of this event-loop turn (at most GROUP_LIMIT), each in
   * its own savepoint, answered only after the shared COMMIT (see group-commit.ts).
   */
  grouped<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.groups.submit(fn);
  }
  /** SQLite is planned without statistics (none are gathered): nothing to refresh. */
  async refreshStatistics(_share?: number): Promise<readonly string[]> {
    return [];
  }
  async close() {
    await this.kdb.destroy();
  }
}

export async function migrate(
  db: Kysely<Database>,
  provider: ConstructorParameters<typeof Migrator>[0]['provider'],
): Promise<void> {
  // migrations are independent additions: a registry that ran a later one before an earlier one was written
  // (numbers are reserved per change) still takes the earlier one, instead of refusing to open
  const { error, results } = await new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`, {
      cause: error,
    });
}

const DECISION_COLUMNS = [
  'subject_id',
  'id',
  'list',
  'event',
  'effective_at',
  'recorded_at',
  'data',
] as const satisfies readonly (keyof DecisionRow)[];
