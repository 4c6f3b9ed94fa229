import { type Derivation, derive } from '../rules/explain.ts';
import type { ListEntry } from '../rules/lists.ts';
import type { MeasureSpan } from '../rules/measures.ts';
import type { Rulebook } from '../rules/rulebook.model.ts';
import { Timeline } from '../rules/scorer.ts';
import type { RulebookSet } from '../rules/versions.ts';
import type { NoticeRow } from './due-process.ports.ts';
import { type LoadedFiles, loadFiles } from './files.ts';
import { decisionNotice, emitNotices, gradeDropNotice } from './notices.ts';
import type { DecisionRow, DerivedRow, Tx } from './ports.ts';

function gradeRank(rb: Rulebook, grade: string): number {
  const i = rb.grades.findIndex((g) => g.grade === grade);
  return i < 0 ? rb.grades.length : i;
}

/** The projection kept per subject: valid for any date until the subject's ledger or the rulebooks change. */
export interface StoredState {
  readonly entries: readonly ListEntry[];
  readonly spans: readonly MeasureSpan[];
}

const INF = Number.POSITIVE_INFINITY;

export function encodeState(s: StoredState): string {
  return JSON.stringify(s, (_k, v) => (v === INF ? null : v));
}

export function decodeState(text: string): StoredState {
  const raw = JSON.parse(text) as {
    entries: (Omit<ListEntry, 'until'> & { until: number | null })[];
    spans: (Omit<MeasureSpan, 'until'> & { until: number | null })[];
  };
  return {
    entries: raw.entries.map((e) => ({ ...e, until: e.until ?? INF })),
    spans: raw.spans.map((s) => ({ ...s, until: s.until ?? INF })),
  };
}

/** The list decisions that have happened by `now`: warnings, entries and exits, each appended once. */
export function decisionRows(subjectId: number, entries: readonly ListEntry[], now: number): DecisionRow[] {
  const rows: DecisionRow[] = [];
  for (const e of entries) {
    const data = encodeState({ entries: [e], spans: [] });
    if (e.warnedAt < e.since && e.warnedAt <= now) {
      rows.push({
        subject_id: subjectId,
        id: `${e.decision}:warning`,
        list: e.list,
        event: 'warning',
        effective_at: e.warnedAt,
        recorded_at: now,
        data,
      });
    }
    if (!e.lapsed && e.since <= now)
      rows.push({
        subject_id: subjectId,
        id: e.decision,
        list: e.list,
        event: 'entry',
        effective_at: e.since,
        recorded_at: now,
        data,
      });
    if (Number.isFinite(e.until) && e.until <= now && (!e.lapsed || e.warnedAt < e.since)) {
      rows.push({
        subject_id: subjectId,
        id: `${e.decision}:exit`,
        list: e.list,
        event: 'exit',
        effective_at: e.until,
        recorded_at: now,
        data,
      });
    }
  }
  return rows;
}

/**
 * Recomputes the projection of the given subjects from the ledger at `now` and stores it, with the list
 * decisions that have become due. Runs inside the caller's transaction.
 */
export async function recompute(
  tx: Tx,
  versions: RulebookSet,
  ids: readonly number[],
  now: number,
): Promise<{ loaded: LoadedFiles; derivations: Map<number, Derivation> }> {
  const loaded = await loadFiles(tx, versions, ids);
  const before = new Map((await tx.derivedOf(ids)).map((r) => [Number(r.subject_id), r]));
  const known = await tx.decisionIdsOf(ids);
  const derivations = new Map<number, Derivation>();
  const derived: DerivedRow[] = [];
  const decisions: DecisionRow[] = [];
  for (const [id, file] of loaded.files) {
    const d = derive(new Timeline(file, versions), now);
    derivations.set(id, d);
    derived.push({
      subject_id: id,
      score: d.summary.score,
      grade: d.summary.grade,
      next_change_at: d.summary.nextChangeAt,
      computed_at: now,
      rulebook_hash: d.summary.rulebook.hash,
      state: encodeState({ entries: d.entries, spans: d.spans }),
    });
    decisions.push(...decisionRows(id, d.entries, now));
  }
  await tx.upsertDerived(derived);
  const fresh = decisions.filter((d) => !known.has(d.id));
  await tx.insertDecisions(fresh);
  // adverse events become notices: warnings, entries and exits as they fall due, and grade drops
  const rb = versions.at(now);
  const notices: NoticeRow[] = fresh
    .filter((d) => !(d.event === 'exit' && JSON.parse(d.data).entries[0]?.lapsed))
    .map((d) => decisionNotice(d, now, rb));
  for (const d of derived) {
    const prev = before.get(d.subject_id);
    if (prev && gradeRank(rb, d.grade) > gradeRank(rb, prev.grade))
      notices.push(gradeDropNotice(d.subject_id, prev.grade, d.grade, d.score, now, rb));
  }
  await emitNotices(tx, notices, now);
  return { loaded, derivations };
}
