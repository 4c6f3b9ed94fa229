import { addDuration } from '../../domain/duration.ts';
import { fnv64 } from '../../domain/hash.ts';
import type { ListEntry } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { decodeState } from '../derive/derive.state.ts';
import type { DueProcessTx, NoticeRow, OutboxRow } from '../ports/ports.due-process.ts';
import type { DecisionRow, RecordRow } from '../ports/ports.store.ts';
import type { CompactV1, Stored, StoredGrounds, WatchedAnswer } from './due-process.notice-forms.ts';

export type { NoticeBody, WatchedAnswer } from './due-process.notice-forms.ts';

// Notices are stored compactly (format 1, due-process.notice-v1.ts): what only the moment of writing knows — the
// cause, its dates and numbers, the rulebook version by hash — and none of the texts, which are rendered when the
// notice is read or delivered (due-process.notice-render.ts). Ids are derived exactly as before.

/** JSON has no infinity: an open end is stored as null, as the rendered body showed it. */
const stored = (t: number): Stored => (Number.isFinite(t) ? t : null);

/**
 * A notice's id, derived from everything that makes it distinct: whose file it is in, what kind, its cause and
 * instant (in `key`), and who receives it. Subscribers use it to deduplicate, so two subjects' notices must never
 * share one (a grade drop at the same instant used to).
 */
export function noticeId(subjectId: number, kind: string, key: string, recipient = 'subject'): string {
  return `N-${fnv64(`${subjectId}|${kind}|${key}|${recipient}`)}`;
}

/** A notice row in the current format; the format column repeats the body's own (see renderNotice). */
export function noticeRow(
  subjectId: number,
  kind: string,
  key: string,
  now: number,
  body: CompactV1,
  recipient = 'subject',
): NoticeRow {
  return {
    subject_id: subjectId,
    id: noticeId(subjectId, kind, key, recipient),
    recipient,
    kind,
    created_at: now,
    format: body.v,
    body: JSON.stringify(body),
  };
}

/** A record that costs points: the subject is told what, why, and that it can object (and later repair). */
export function recordNotice(r: RecordRow, rb: Rulebook, now: number): NoticeRow | undefined {
  const type = rb.recordTypes.get(r.type);
  if (!type || type.points >= 0) return undefined;
  const occurred = Number(r.occurred_at);
  return noticeRow(Number(r.subject_id), 'record.adverse', `${r.source}/${r.record_id}`, now, {
    v: 1,
    t: 'record',
    rb: rb.hash,
    s: r.source,
    r: r.record_id,
    ty: r.type,
    o: stored(occurred),
    lb: r.legal_basis,
    p: type.points,
    cu: stored(addDuration(occurred, type.countsFor)),
    ou: stored(addDuration(now, rb.objectionWindow)),
    ...(type.repair ? { rf: stored(addDuration(occurred, type.repair.after)) } : {}),
  });
}

/** Grounds as stored: a records list as its keys. */
export function storedGrounds(g: ListEntry['grounds']): StoredGrounds {
  return g.kind === 'records' ? g.records : g;
}

/**
 * The list's title and legal basis as a decision states them, stored only where they differ from the rulebook
 * version the notice names (the common case stores neither).
 */
export function statedListTexts(e: Pick<ListEntry, 'list' | 'title' | 'legalBasis'>, rb: Rulebook) {
  const def = rb.lists.get(e.list);
  return {
    ...(e.title === def?.title ? {} : { ti: e.title }),
    ...(e.legalBasis === def?.legalBasis ? {} : { lb: e.legalBasis }),
  };
}

/** Warnings before a list entry, entries and exits, as they fall due. */
export function decisionNotice(
  d: DecisionRow,
  now: number,
  rb: Rulebook,
  entry: ListEntry = decodeState(d.data, (h) => (h === rb.hash ? rb : undefined)).entries[0]!,
): NoticeRow {
  const e = entry;
  return noticeRow(Number(d.subject_id), `list.${d.event}`, d.id, now, {
    v: 1,
    t: 'list',
    rb: rb.hash,
    d: e.decision,
    l: e.list,
    ...statedListTexts(e, rb),
    g: storedGrounds(e.grounds),
    s: e.since,
    u: e.until === Number.POSITIVE_INFINITY ? null : e.until,
    ...(e.earliestRepair !== undefined ? { er: e.earliestRepair } : {}),
    ...(d.event === 'exit' ? {} : { ou: stored(addDuration(now, rb.objectionWindow)) }),
  });
}

export function gradeDropNotice(
  subjectId: number,
  from: string,
  to: string,
  score: number,
  now: number,
  rb: Rulebook,
): NoticeRow {
  return noticeRow(subjectId, 'grade.drop', `${from}>${to}@${now}`, now, {
    v: 1,
    t: 'grade',
    rb: rb.hash,
    f: from,
    to,
    sc: score,
    ou: stored(addDuration(now, rb.objectionWindow)),
  });
}

export function caseNotice(
  subjectId: number,
  caseId: string,
  kind: string,
  title: string,
  reasons: string,
  now: number,
  refs: Record<string, unknown>,
): NoticeRow {
  return noticeRow(subjectId, kind, caseId, now, { v: 1, t: 'case', ti: title, re: reasons, rf: refs });
}

/**
 * A correction to a consumer that was told a measure applied while an entry now cut short stood: the decision, its
 * new end, and the decisions on which the measure still applies from then on (none: it no longer applies).
 */
export function correctionNotice(
  subjectId: number,
  consumer: string,
  decision: string,
  measure: string,
  ended: number,
  now: number,
  keeps: readonly string[] = [],
): NoticeRow {
  return noticeRow(
    subjectId,
    'check.correction',
    `${decision}|${measure}`,
    now,
    { v: 1, t: 'correction', d: decision, m: measure, e: stored(ended), k: [...keeps] },
    consumer,
  );
}

/**
 * A watched answer changed (monitoring): to the watcher, in the watched subject's file. The answer is the minimal
 * one of a check (applies, until when, the decisions behind it), and it is recorded as a check the subject sees.
 */
export function watchNotice(w: {
  subjectId: number;
  subject: string;
  name: string;
  watch: string;
  recipient: string;
  measure: string;
  before: WatchedAnswer;
  after: WatchedAnswer;
  check: string;
  now: number;
}): NoticeRow {
  return noticeRow(
    w.subjectId,
    'watch.change',
    `${w.watch}|${w.measure}|${w.now}`,
    w.now,
    {
      v: 1,
      t: 'watch',
      s: w.subject,
      n: w.name,
      w: w.watch,
      m: w.measure,
      b: w.before,
      a: w.after,
      c: w.check,
    },
    w.recipient,
  );
}

/** Stores notices once (ids are derived) and queues a delivery per matching subscriber. */
export async function emitNotices(
  tx: DueProcessTx,
  rows: readonly NoticeRow[],
  now: number,
): Promise<NoticeRow[]> {
  if (rows.length === 0) return [];
  const fresh = await tx.insertNotices(rows);
  if (fresh.length === 0) return fresh;
  const subs = await tx.subscribers();
  const out: OutboxRow[] = [];
  for (const n of fresh) {
    for (const s of subs) {
      if (s.recipients !== '*' && s.recipients !== n.recipient) continue;
      out.push({
        id: `${n.id}:${s.id}`,
        notice_id: n.id,
        subject_id: n.subject_id,
        subscriber: s.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        delivered_at: null,
      });
    }
  }
  await tx.insertOutbox(out);
  return fresh;
}
