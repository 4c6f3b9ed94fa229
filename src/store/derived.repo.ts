import type { DerivedRow, LedgerCount } from '../app/ports/ports.store.ts';
import { chunks, RegistryRepo } from './registry.repo.ts';

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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The projection of each subject (table `derived`): its state, its explained view and the marks it was derived from. */
export class DerivedRepo extends RegistryRepo {
  async derivedOf(subjectIds: readonly number[]) {
    if (subjectIds.length === 0) return [];
    const out: DerivedRow[] = [];
    for (const c of chunks(subjectIds))
      out.push(
        ...(await this.db.selectFrom('derived').select(DERIVED_STATE).where('subject_id', 'in', c).execute()),
      );
    return out;
  }
  async derivedViewOf(subjectId: number) {
    return this.db.selectFrom('derived').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
  }
  async upsertDerived(rows: readonly DerivedRow[]) {
    for (const c of chunks(rows, 200)) {
      await this.db
        .insertInto('derived')
        .values(c.map((r) => ({ ...r, explained: r.explained ?? null, marks: r.marks ?? null })))
        .onConflict((oc) =>
          oc.column('subject_id').doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            grade: eb.ref('excluded.grade'),
            next_change_at: eb.ref('excluded.next_change_at'),
            computed_at: eb.ref('excluded.computed_at'),
            rulebook_hash: eb.ref('excluded.rulebook_hash'),
            state: eb.ref('excluded.state'),
            explained: eb.ref('excluded.explained'),
            marks: eb.ref('excluded.marks'),
          })),
        )
        .execute();
    }
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
    for (const c of chunks(subjectIds)) await this.countLedger(counts, { ids: c });
    return [...counts.values()];
  }
  /** Adds the records' and events' last sequence numbers and counts of the subjects asked for (by ids or range). */
  private async countLedger(
    into: Map<number, Mutable<LedgerCount>>,
    which: { readonly ids: readonly number[] } | { readonly lo: number; readonly hi: number },
  ) {
    for (const [table, upto, n] of [
      ['records', 'records_upto', 'records'],
      ['record_events', 'events_upto', 'events'],
    ] as const) {
      let q = this.db
        .selectFrom(table)
        .select(['subject_id', (eb) => eb.fn.max('seq').as('upto'), (eb) => eb.fn.countAll().as('n')])
        .groupBy('subject_id');
      q =
        'ids' in which
          ? q.where('subject_id', 'in', which.ids)
          : q.where('subject_id', '>=', which.lo).where('subject_id', '<=', which.hi);
      for (const r of await q.execute()) {
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
  async ledgerWindow(lo: number, hi: number) {
    const subjects = (
      await this.db
        .selectFrom('subjects')
        .select(['id', 'kind'])
        .where('id', '>=', lo)
        .where('id', '<=', hi)
        .execute()
    ).map((r) => ({ id: Number(r.id), kind: r.kind }));
    const derived = await this.db
      .selectFrom('derived')
      .select(['subject_id', 'next_change_at', 'rulebook_hash', 'marks'])
      .where('subject_id', '>=', lo)
      .where('subject_id', '<=', hi)
      .execute();
    const children = await this.db
      .selectFrom('subjects')
      .select(['id', 'parent_id'])
      .where('parent_id', '>=', lo)
      .where('parent_id', '<=', hi)
      .execute();
    const agents = await this.db
      .selectFrom('records')
      .select(['on_behalf_of', 'subject_id'])
      .distinct()
      .where('on_behalf_of', '>=', lo)
      .where('on_behalf_of', '<=', hi)
      .execute();
    const counts = new Map<number, Mutable<LedgerCount>>();
    await this.countLedger(counts, { lo, hi });
    return {
      subjects,
      derived,
      children: children.map((r) => ({ id: Number(r.id), parent: Number(r.parent_id) })),
      agents: agents.map((r) => ({ org: Number(r.on_behalf_of), agent: Number(r.subject_id) })),
      counts: [...counts.values()],
    };
  }
  async markDue(subjectIds: readonly number[], at: number) {
    for (const c of chunks(subjectIds))
      await this.db
        .updateTable('derived')
        .set({ next_change_at: at })
        .where('subject_id', 'in', c)
        .where((eb) => eb.or([eb('next_change_at', 'is', null), eb('next_change_at', '>', at)]))
        .execute();
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
