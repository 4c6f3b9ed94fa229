// Monitoring at derivation time: when a subject's projection is recomputed, every standing watch on it (and on the
// persons who bear a derived organization's measures through a role) is compared with the answer last notified.
import { formatInstant } from '../../domain/time.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { emitNotices, watchNotice } from '../due-process/due-process.notices.ts';
import { personRef } from '../ports/ports.context.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { DerivedRow, SubjectRow, Tx } from '../ports/ports.store.ts';
import type { WatchChangeRow, WatchRow, WatchSubjectRow } from '../ports/ports.watches.ts';
import { type AnswerState, combineAnswers, type Holder, holdersFor } from '../queries/queries.answers.ts';

/** An answer as a watch records it and the feed shows it. */
export interface WatchAnswer {
  readonly applies: boolean;
  readonly until: number | null;
  readonly decisions: readonly string[];
}

/** A stored projection with the ledger marks a check records (see derive.usecases.ts StoredState). */
export type WatchedState = AnswerState & { readonly ledger?: readonly unknown[] };

const sameAnswer = (a: WatchAnswer, b: WatchSubjectRow): boolean =>
  a.applies === (b.applies === 1) &&
  (a.until ?? null) === (b.until === null ? null : Number(b.until)) &&
  JSON.stringify([...a.decisions].sort()) ===
    JSON.stringify([...(JSON.parse(b.decisions) as string[])].sort());

export const answerView = (a: WatchAnswer) => ({
  applies: a.applies,
  until: a.until === null || !Number.isFinite(a.until) ? null : formatInstant(a.until),
  decisions: [...a.decisions],
});

const ref = (s: Pick<SubjectRow, 'id' | 'kind' | 'usci'>) =>
  s.kind === 'organization' && s.usci ? s.usci : personRef(Number(s.id));

/**
 * The answers of `check(subject, measure, now)` for watched pairs, from the holders' stored projections: the same
 * holders and combination as a recorded check (queries.answers.ts). `states` holds the projections known already;
 * the others are read (not derived: a stored projection is valid for any date until its ledger changes, and a
 * change to that ledger derives it, which runs this again).
 */
export async function watchedAnswers(
  tx: Tx,
  versions: RulebookSet,
  pairs: readonly { subject: SubjectRow; measure: string }[],
  states: ReadonlyMap<number, WatchedState>,
  decode: (state: string) => WatchedState,
  now: number,
): Promise<({ answer: WatchAnswer; holders: Holder[]; states: Map<number, WatchedState> } | undefined)[]> {
  const persons = [
    ...new Set(pairs.filter((p) => p.subject.kind === 'person').map((p) => Number(p.subject.id))),
  ];
  const roles = persons.length > 0 ? await tx.rolesAt(persons, now) : [];
  const rb = versions.at(now);
  const holdersOf = pairs.map(({ subject, measure }) => {
    const def = rb.measures.get(measure);
    return def ? holdersFor(def, subject, roles) : undefined;
  });
  const all = new Map(states);
  const missing = [...new Set(holdersOf.flatMap((h) => h ?? []).map((h) => h.id))].filter(
    (id) => !all.has(id),
  );
  if (missing.length > 0)
    for (const r of await tx.derivedOf(missing)) all.set(Number(r.subject_id), decode(r.state));
  return pairs.map(({ measure }, i) => {
    const holders = holdersOf[i];
    const def = rb.measures.get(measure);
    // a measure the rulebook in force no longer has answers nothing (its watch keeps the last answer)
    if (!holders || !def) return undefined;
    const answer = combineAnswers(holders, all, measure, def.appliesWhen.lists, now, versions);
    return { answer, holders, states: all };
  });
}

/**
 * After a derivation: for each standing watch on a derived subject, or on a person related to a derived
 * organization that is (or was) on a list, the answer now is compared with the one last notified; a different one
 * is a change: recorded as a check the subject sees, a notice to the watcher through the outbox, and an item of
 * the watcher's feed. Costs one indexed query per batch when nothing is watched (two when a derived organization
 * is on a list: its relations are read to reach its representatives and controllers).
 */
export async function watchChanges(
  tx: Tx,
  versions: RulebookSet,
  subjects: ReadonlyMap<number, SubjectRow>,
  states: ReadonlyMap<number, WatchedState>,
  before: ReadonlyMap<number, Pick<DerivedRow, 'state'>>,
  decode: (state: string) => WatchedState,
  now: number,
): Promise<void> {
  const ids = [...states.keys()];
  // an organization's answers reach persons only through its list entries, now or before this derivation
  const listed = ids.filter(
    (id) =>
      subjects.get(id)?.kind === 'organization' &&
      ((states.get(id)?.entries.length ?? 0) > 0 ||
        before.get(id)?.state.startsWith('{"entries":[]') === false),
  );
  const related =
    listed.length > 0
      ? [
          ...new Set(
            (await tx.relationSpansOfOrgs(listed))
              .filter((s) => s.role !== 'parent')
              .map((s) => Number(s.related_id))
              .filter((p) => !states.has(p)),
          ),
        ]
      : [];
  let watched = await tx.standingWatchesOn([...ids, ...related], now);
  if (watched.length === 0) return;
  // two derivations reaching the same watched person through different organizations notify a change once: lock
  // only the persons someone watches (taking locks beyond the batch's own is what can deadlock two imports)
  const watchedRelated = [...new Set(watched.map((w) => Number(w.row.subject_id)))].filter((id) =>
    related.includes(id),
  );
  if (watchedRelated.length > 0) {
    await tx.lockSubjects(watchedRelated);
    watched = await tx.standingWatchesOn([...ids, ...related], now);
  }
  const need = [...new Set(watched.map((w) => Number(w.row.subject_id)))].filter((id) => !subjects.has(id));
  const rows = new Map(subjects);
  for (const s of await tx.subjectsById(need)) rows.set(Number(s.id), s);
  const pairs = watched
    .map((w) => ({ w, subject: rows.get(Number(w.row.subject_id)) }))
    .filter((p): p is { w: (typeof watched)[number]; subject: SubjectRow } => p.subject !== undefined);
  const answers = await watchedAnswers(
    tx,
    versions,
    pairs.map((p) => ({ subject: p.subject, measure: p.w.row.measure })),
    states,
    decode,
    now,
  );
  const notices: NoticeRow[] = [];
  const changes: Omit<WatchChangeRow, 'seq'>[] = [];
  for (const [i, { w, subject }] of pairs.entries()) {
    const a = answers[i];
    if (!a || sameAnswer(a.answer, w.row)) continue;
    changes.push(await recordChange(tx, versions, w.watch, w.row, subject, a, notices, now));
  }
  if (changes.length === 0) return;
  await tx.appendWatchChanges(changes);
  await emitNotices(tx, notices, now);
}

/** One change: the check the subject sees, the watcher's notice, the new baseline, and the feed item. */
async function recordChange(
  tx: Tx,
  versions: RulebookSet,
  watch: WatchRow,
  row: WatchSubjectRow,
  subject: SubjectRow,
  a: { answer: WatchAnswer; holders: Holder[]; states: ReadonlyMap<number, WatchedState> },
  notices: NoticeRow[],
  now: number,
): Promise<Omit<WatchChangeRow, 'seq'>> {
  const id = Number(subject.id);
  const { answer, holders } = a;
  const seq = await tx.insertCheck({
    subject_id: id,
    measure: row.measure,
    asked_by: watch.owner,
    asked_at: now,
    at: now,
    applies: answer.applies ? 1 : 0,
    until: answer.until,
    decisions: JSON.stringify(answer.decisions),
    // as a check's: what the answer was computed from, so that `credence replay` recomputes it
    inputs: JSON.stringify({
      rulebooks: versions.versions.map((v) => v.hash),
      holders,
      at: now,
      ledger: holders.flatMap((h) => a.states.get(h.id)?.ledger ?? []),
      watch: watch.id,
    }),
  });
  const previous: WatchAnswer = {
    applies: row.applies === 1,
    until: row.until === null ? null : Number(row.until),
    decisions: JSON.parse(row.decisions) as string[],
  };
  const check = `CHK-${id}-${seq}`;
  const notice = watchNotice({
    subjectId: id,
    subject: ref(subject),
    name: subject.name,
    watch: watch.id,
    recipient: watch.owner,
    measure: row.measure,
    before: answerView(previous),
    after: answerView(answer),
    check,
    now,
  });
  notices.push(notice);
  await tx.updateWatchAnswer({
    ...row,
    applies: answer.applies ? 1 : 0,
    until: answer.until,
    decisions: JSON.stringify(answer.decisions),
    answered_at: now,
  });
  return {
    owner: watch.owner,
    watch_id: watch.id,
    subject_id: id,
    measure: row.measure,
    at: now,
    body: JSON.stringify({
      subject: ref(subject),
      name: subject.name,
      before: answerView(previous),
      after: answerView(answer),
      check,
      notice: notice.id,
    }),
  };
}
