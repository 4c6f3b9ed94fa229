import { type Kysely, type Migration, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { WatchChangeRow, WatchesTx, WatchRow, WatchSubjectRow } from '../app/ports/ports.watches.ts';
import { readIn } from './compiled.ts';
import { DueProcessRepo } from './due-process.store.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Monitoring tables: the watched subjects keyed by subject first (the derivation looks them up by subject). */
export interface WatchesTables {
  watches: Mutable<WatchRow>;
  watch_subjects: Mutable<WatchSubjectRow>;
  watch_changes: Mutable<WatchChangeRow>;
}

type Db = Kysely<WatchesTables> | Transaction<WatchesTables>;

export const watchesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('watches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('measures', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('watches_owner').on('watches').columns(['owner', 'created_at']).execute();
    await db.schema
      .createTable('watch_subjects')
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('watch_id', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('applies', 'integer', (c) => c.notNull())
      .addColumn('until', 'bigint')
      .addColumn('decisions', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('watch_subjects_pk', ['subject_id', 'watch_id', 'measure'])
      .execute();
    await db.schema.createIndex('watch_subjects_watch').on('watch_subjects').column('watch_id').execute();
    await db.schema
      .createTable('watch_changes')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('watch_id', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('watch_changes_owner')
      .on('watch_changes')
      .columns(['owner', 'seq'])
      .execute();
  },
};

// PostgreSQL returns int8 columns as numbers through the store's parser; SQLite as numbers: Number() keeps both one
const n = (v: number | null) => (v === null ? null : Number(v));
const watch = (r: WatchRow): WatchRow => ({
  ...r,
  created_at: Number(r.created_at),
  expires_at: Number(r.expires_at),
  deleted_at: n(r.deleted_at),
});
const watched = (r: WatchSubjectRow): WatchSubjectRow => ({
  ...r,
  subject_id: Number(r.subject_id),
  applies: Number(r.applies),
  until: n(r.until),
  answered_at: Number(r.answered_at),
});
const change = (r: WatchChangeRow): WatchChangeRow => ({
  ...r,
  seq: Number(r.seq),
  subject_id: Number(r.subject_id),
  at: Number(r.at),
});

/** The WatchesTx operations over Kysely, shared by both engines. */
export class WatchesRepo extends DueProcessRepo implements WatchesTx {
  private readonly wdb: Db;
  constructor(db: Db) {
    super(db as unknown as ConstructorParameters<typeof DueProcessRepo>[0]);
    this.wdb = db;
  }

  async insertWatch(row: WatchRow, subjects: readonly WatchSubjectRow[]) {
    await this.wdb.insertInto('watches').values(row).execute();
    for (let i = 0; i < subjects.length; i += 200)
      await this.wdb
        .insertInto('watch_subjects')
        .values(subjects.slice(i, i + 200))
        .execute();
  }
  async watchesOf(owner: string) {
    const rows = await this.wdb
      .selectFrom('watches')
      .selectAll()
      .where('owner', '=', owner)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(watch);
  }
  async watchById(id: string) {
    const r = await this.wdb.selectFrom('watches').selectAll().where('id', '=', id).executeTakeFirst();
    return r && watch(r);
  }
  async endWatch(id: string, at: number) {
    await this.wdb.updateTable('watches').set({ deleted_at: at }).where('id', '=', id).execute();
  }
  async watchSubjectsOf(watchId: string) {
    const rows = await this.wdb
      .selectFrom('watch_subjects')
      .selectAll()
      .where('watch_id', '=', watchId)
      .orderBy('subject_id')
      .orderBy('measure')
      .execute();
    return rows.map(watched);
  }
  async standingWatchesOn(subjectIds: readonly number[], now: number) {
    if (subjectIds.length === 0) return [];
    // compiled once (compiled.ts), as the store's other many-subject reads
    const rows = await readIn(
      this.wdb as unknown as Parameters<typeof readIn>[0],
      'standingWatchesOn',
      subjectIds,
      (list, value) =>
        this.wdb
          .selectFrom('watch_subjects as s')
          .innerJoin('watches as w', 'w.id', 's.watch_id')
          .select([
            's.subject_id',
            's.watch_id',
            's.measure',
            's.applies',
            's.until',
            's.decisions',
            's.answered_at',
            'w.owner',
            'w.label',
            'w.purpose',
            'w.measures',
            'w.created_at',
            'w.expires_at',
            'w.deleted_at',
          ])
          .where('s.subject_id', 'in', list)
          .where('w.deleted_at', 'is', null)
          .where('w.expires_at', '>', value(0))
          .orderBy('s.subject_id')
          .orderBy('s.watch_id')
          .orderBy('s.measure'),
      { values: [now] },
    );
    return rows.map((r) => ({
      row: watched({
        subject_id: r.subject_id,
        watch_id: r.watch_id,
        measure: r.measure,
        applies: r.applies,
        until: r.until,
        decisions: r.decisions,
        answered_at: r.answered_at,
      }),
      watch: watch({
        id: r.watch_id,
        owner: r.owner,
        label: r.label,
        purpose: r.purpose,
        measures: r.measures,
        created_at: r.created_at,
        expires_at: r.expires_at,
        deleted_at: r.deleted_at,
      }),
    }));
  }
  async watchesOnSubject(subjectId: number) {
    const rows = await this.wdb
      .selectFrom('watch_subjects as s')
      .innerJoin('watches as w', 'w.id', 's.watch_id')
      .selectAll('w')
      .select('s.measure as watched_measure')
      .where('s.subject_id', '=', subjectId)
      .orderBy('w.created_at')
      .orderBy('w.id')
      .orderBy('s.measure')
      .execute();
    const out = new Map<string, { watch: WatchRow; measures: string[] }>();
    for (const { watched_measure, ...w } of rows) {
      const e = out.get(w.id) ?? { watch: watch(w), measures: [] };
      e.measures.push(watched_measure);
      out.set(w.id, e);
    }
    return [...out.values()];
  }
  async updateWatchAnswer(row: WatchSubjectRow) {
    await this.wdb
      .updateTable('watch_subjects')
      .set({
        applies: row.applies,
        until: row.until,
        decisions: row.decisions,
        answered_at: row.answered_at,
      })
      .where('subject_id', '=', row.subject_id)
      .where('watch_id', '=', row.watch_id)
      .where('measure', '=', row.measure)
      .execute();
  }
  async lockWatchChanges() {
    // SQLite has a single writer already
    if (this.wdb.getExecutor().adapter instanceof PostgresAdapter)
      await sql`select pg_advisory_xact_lock(7305214)`.execute(this.wdb);
  }
  async appendWatchChanges(rows: readonly Omit<WatchChangeRow, 'seq'>[]) {
    if (rows.length === 0) return [];
    // cursors are taken under the feed's lock, so a poller never sees a later cursor commit before an earlier one
    await this.lockWatchChanges();
    const last = await this.wdb
      .selectFrom('watch_changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    const out = rows.map((r) => ({ ...r, seq: ++seq }));
    for (let i = 0; i < out.length; i += 200)
      await this.wdb
        .insertInto('watch_changes')
        .values(out.slice(i, i + 200))
        .execute();
    return out;
  }
  async watchChangesAfter(owner: string, after: number, limit: number) {
    const rows = await this.wdb
      .selectFrom('watch_changes')
      .selectAll()
      .where('owner', '=', owner)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(change);
  }
}
