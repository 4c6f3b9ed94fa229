import type { Kysely, Migration, Transaction } from 'kysely';
import { LedgerJournal } from '../app/audit/audit.ledger.ts';
import type {
  CaseKind,
  CasePageQuery,
  CaseRow,
  DueProcessTx,
  NoticeRow,
  OutboxRow,
  SubscriberRow,
} from '../app/ports/ports.due-process.ts';
import { insertRows } from './compiled.ts';
import type { DueProcessTables } from './schema.ts';

type Db = Kysely<DueProcessTables> | Transaction<DueProcessTables>;

const NOTICE_COLUMNS = [
  'subject_id',
  'id',
  'recipient',
  'kind',
  'created_at',
  'format',
  'body',
] as const satisfies readonly (keyof NoticeRow)[];

export const dueProcessMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cases')
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('deadline', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submission', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .addColumn('decided_by', 'text')
      .addColumn('reasons', 'text')
      .addPrimaryKeyConstraint('cases_pk', ['subject_id', 'id'])
      .execute();
    await db.schema.createIndex('cases_id').on('cases').column('id').execute();
    await db.schema.createIndex('cases_open').on('cases').columns(['status', 'deadline']).execute();
    await db.schema
      .createTable('notices')
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notices_pk', ['subject_id', 'id'])
      .execute();
    await db.schema.createIndex('notices_id').on('notices').column('id').execute();
    await db.schema
      .createTable('subscribers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('outbox')
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('notice_id', 'text', (c) => c.notNull())
      .addColumn('subscriber', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('delivered_at', 'bigint')
      .addPrimaryKeyConstraint('outbox_pk', ['subject_id', 'id'])
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_id').on('outbox').column('id').execute();
  },
};

/** The DueProcessTx operations over Kysely, shared by both engines. */
export class DueProcessRepo implements DueProcessTx {
  /** Ledger rows written and not yet committed by an audit entry (app/audit/audit.ledger.ts). */
  readonly ledger = new LedgerJournal();

  constructor(private readonly dp: Db) {}

  async insertCase(row: CaseRow) {
    await this.dp.insertInto('cases').values(row).execute();
    this.ledger.wrote('cases', [row]);
  }
  async updateCase(
    subjectId: number,
    id: string,
    patch: Partial<Pick<CaseRow, 'status' | 'decided_at' | 'decided_by' | 'reasons'>>,
  ) {
    const rows = await this.dp
      .updateTable('cases')
      .set(patch)
      .where('subject_id', '=', subjectId)
      .where('id', '=', id)
      .returningAll()
      .execute();
    this.ledger.wrote('cases', rows);
  }
  async caseById(id: string) {
    return this.dp.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  }
  async casesOf(subjectId: number) {
    return this.dp
      .selectFrom('cases')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('opened_at')
      .execute();
  }
  async openCases(kind: CaseKind | undefined, limit: number) {
    let q = this.dp.selectFrom('cases').selectAll().where('status', '=', 'open');
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('opened_at').orderBy('id').limit(limit).execute();
  }
  async casesPage(q: CasePageQuery) {
    let sel = this.dp.selectFrom('cases').selectAll();
    if (q.kind) sel = sel.where('kind', '=', q.kind);
    if (q.status) sel = sel.where('status', '=', q.status);
    if (q.overdue === true) sel = sel.where('status', '=', 'open').where('deadline', '<', q.now);
    if (q.overdue === false)
      sel = sel.where((eb) => eb.or([eb('status', '!=', 'open'), eb('deadline', '>=', q.now)]));
    const after = q.after;
    if (after)
      sel = sel.where((eb) =>
        eb.or([
          eb('deadline', '>', after.deadline),
          eb.and([eb('deadline', '=', after.deadline), eb('id', '>', after.id)]),
        ]),
      );
    return sel.orderBy('deadline').orderBy('id').limit(q.limit).execute();
  }
  async deleteCasesOf(subjectId: number, source: string, recordId: string) {
    const gone = await this.dp
      .deleteFrom('cases')
      .where('subject_id', '=', subjectId)
      .where('source', '=', source)
      .where('record_id', '=', recordId)
      .returningAll()
      .execute();
    this.ledger.removed('cases', gone);
    return gone;
  }
  async deleteNotices(subjectId: number, ids: readonly string[]) {
    if (ids.length === 0) return;
    const gone = await this.dp
      .deleteFrom('notices')
      .where('subject_id', '=', subjectId)
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    this.ledger.removed('notices', gone);
  }
  async insertNotices(rows: readonly NoticeRow[]) {
    const fresh: NoticeRow[] = [];
    const byKey = new Map(rows.map((r) => [`${r.subject_id}|${r.id}`, r]));
    const inserted = await insertRows(this.dp as never, 'notices', NOTICE_COLUMNS, rows, {
      conflict: ['subject_id', 'id'],
      returning: ['subject_id', 'id'],
    });
    for (const k of inserted) {
      const r = byKey.get(`${Number(k.subject_id)}|${k.id}`);
      if (r) fresh.push(r);
    }
    this.ledger.wrote('notices', fresh);
    return fresh;
  }
  async noticesOf(subjectId: number) {
    return this.dp
      .selectFrom('notices')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
  async noticeById(subjectId: number, id: string) {
    return this.dp
      .selectFrom('notices')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
  async insertSubscriber(row: SubscriberRow) {
    await this.dp
      .insertInto('subscribers')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ url: row.url, secret: row.secret, recipients: row.recipients }),
      )
      .execute();
  }
  async subscribers() {
    return this.dp.selectFrom('subscribers').selectAll().orderBy('id').execute();
  }
  async insertOutbox(rows: readonly OutboxRow[]) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.dp
        .insertInto('outbox')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['subject_id', 'id']).doNothing())
        .execute();
    }
  }
  async dueOutbox(now: number, limit: number) {
    return this.dp
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
  async updateOutbox(
    id: string,
    patch: Partial<
      Pick<OutboxRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'delivered_at'>
    >,
  ) {
    await this.dp.updateTable('outbox').set(patch).where('id', '=', id).execute();
  }
  async outbox(status: OutboxRow['status'] | undefined, limit: number) {
    let q = this.dp.selectFrom('outbox').selectAll();
    if (status) q = q.where('status', '=', status);
    return q.orderBy('next_attempt_at').limit(limit).execute();
  }
}
