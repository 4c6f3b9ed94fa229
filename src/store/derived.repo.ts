import type { DerivedRow, LedgerCount, MarksExpected } from '../app/ports/ports.store.ts';
import { compiledOnce, insertRows, readIn, rowsIn } from './compiled.ts';
import { marksWindow } from './marks-window.ts';
import { CHUNK, chunks, RegistryRepo } from './registry.repo.ts';

/** The projection without its explained view (which only a score for now reads: see derivedViewOf). */
export const DERIVED_STATE = [
  'subject_id',
  'score',
  'grade',
  'next_change_at',
  'computed_at',
  'rulebook_hash',
  'state',
  'marks',
] as const;

/** Every column of a projection, its key first: what a derivation writes. */
const DERIVED_COLUMNS = [...DERIVED_STATE, 'explained'] as const satisfies readonly (keyof DerivedRow)[];

/** A projection read as an array, in DERIVED_STATE's order. */
function derivedFromArray(a: readonly unknown[]): DerivedRow {
  return {
    subject_id: a[0] as number,
    score: a[1] as number,
    grade: a[2] as string,
    next_change_at: a[3] as number | null,
    computed_at: a[4] as number,
    rulebook_hash: a[5] as string,
    state: a[6] as string,
    marks: a[7] as string | null,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The projection of each subject (table `derived`): its state, its explained view and the marks it was derived from. */
export class DerivedRepo extends RegistryRepo {
  async derivedOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    if (subjectIds.length === 1) {
      // the holder of a check: a statement compiled once
      const r = await compiledOnce(this.db, 'derivedOf', subjectIds, (v) =>
        this.db.selectFrom('derived').select(DERIVED_STATE).where('subject_id', '=', v(0)),
      );
      return r.rows;
    }
    // a derivation's slice (compiled.ts)
    return rowsIn(this.db, 'derived', DERIVED_STATE, 'subject_id', subjectIds, derivedFromArray, {
      size: CHUNK,
    });
  }
  async derivedViewOf(subjectId: number) {
    // a score for now: a statement compiled once
    const r = await compiledOnce(this.db, 'derivedViewOf', [subjectId], (v) =>
      this.db.selectFrom('derived').selectAll().where('subject_id', '=', v(0)),
    );
    return r.rows[0];
  }
  async upsertDerived(rows: readonly DerivedRow[]) {
    // a rebuild writes thousands: compiled once a chunk size (compiled.ts), not built again for every chunk
    const [key, ...rest] = DERIVED_COLUMNS;
    await insertRows(this.db, 'derived', DERIVED_COLUMNS, rows, { conflict: [key], update: rest });
  }
  async clearExplained(subjectIds: readonly number[]) {
    // a rebuild's: compiled once a chunk size; only the rows that have one are written
    for (const c of chunks(subjectIds))
      await compiledOnce(this.db, 'clearExplained', c, (v) =>
        this.db
          .updateTable('derived')
          .set({ explained: null })
          .where(
            'subject_id',
            'in',
            c.map((_, i) => v(i)),
          )
          .where('explained', 'is not', null),
      );
  }
  async storeExplained(subjectId: number, computedAt: number, explained: string) {
    await this.db
      .updateTable('derived')
      .set({ explained })
      .where('subject_id', '=', subjectId)
      .where('computed_at', '=', computedAt)
      .execute();
  }
  async ledgerCounts(subjectIds: readonly number[]) {
    const counts = new Map<number, Mutable<LedgerCount>>();
    for (const c of chunks(subjectIds)) await this.countLedger(counts, c);
    return [...counts.values()];
  }
  async ledgerSize(subjectIds: readonly number[]) {
    let n = 0;
    for (const c of chunks([...new Set(subjectIds)]))
      for (const table of ['records', 'record_events'] as const) {
        const r = await compiledOnce(this.db, `ledgerSize|${table}`, c, (v) =>
          this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where(
              'subject_id',
              'in',
              c.map((_, i) => v(i)),
            ),
        );
        n += Number(r.rows[0]?.n ?? 0);
      }
    return n;
  }
  /** Adds the records' and events' last sequence numbers and counts of these subjects. */
  private async countLedger(into: Map<number, Mutable<LedgerCount>>, ids: readonly number[]) {
    for (const [table, upto, n] of [
      ['records', 'records_upto', 'records'],
      ['record_events', 'events_upto', 'events'],
    ] as const) {
      for (const r of await readIn(this.db, `countLedger|${table}`, ids, (list) =>
        this.db
          .selectFrom(table)
          .select(['subject_id', (eb) => eb.fn.max('seq').as('upto'), (eb) => eb.fn.countAll().as('n')])
          .where('subject_id', 'in', list)
          .groupBy('subject_id'),
      )) {
        const id = Number(r.subject_id);
        let x = into.get(id);
        if (!x) {
          x = { subject_id: id, records_upto: 0, records: 0, events_upto: 0, events: 0 };
          into.set(id, x);
        }
        x[upto] = Number(r.upto);
        x[n] = Number(r.n);
      }
    }
  }
  async marksWindow(after: number, size: number, expect: MarksExpected) {
    return marksWindow(this.db, after, size, expect, 'probe');
  }
  async markDue(subjectIds: readonly number[], at: number) {
    // an import's, for every batch: compiled once a chunk size (compiled.ts)
    for (const c of chunks(subjectIds))
      await compiledOnce(this.db, 'markDue', [at, ...c], (v) =>
        this.db
          .updateTable('derived')
          .set({ next_change_at: v(0) })
          .where(
            'subject_id',
            'in',
            c.map((_, i) => v(i + 1)),
          )
          .where((eb) => eb.or([eb('next_change_at', 'is', null), eb('next_change_at', '>', v(0))])),
      );
  }
  async dueSubjects(until: number, limit: number, after: number) {
    const rows = await this.db
      .selectFrom('derived')
      .select('subject_id')
      .where('next_change_at', '<=', until)
      .where('subject_id', '>', after)
      .orderBy('subject_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.subject_id));
  }
}
