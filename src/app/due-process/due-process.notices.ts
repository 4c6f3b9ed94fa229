import { addDuration } from '../../domain/duration.ts';
import { fnv64 } from '../../domain/hash.ts';
import { formatInstant } from '../../domain/time.ts';
import type { ListEntry } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { DueProcessTx, NoticeRow, OutboxRow } from '../ports/ports.due-process.ts';
import type { DecisionRow, RecordRow } from '../ports/ports.store.ts';

/** What a notice says: what happened, why, on what legal basis, what the recipient can do and by when. */
export interface NoticeBody {
  readonly title: string;
  /** The title in Chinese, when the rulebook gives the texts it names in Chinese. */
  readonly title_zh?: string;
  readonly legal_basis_zh?: string;
  readonly reasons: readonly string[];
  readonly legal_basis: string;
  readonly options: readonly {
    readonly action: string;
    readonly until?: string | null;
    readonly from?: string | null;
  }[];
  readonly refs: Readonly<Record<string, unknown>>;
}

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

/**
 * A notice's id, derived from everything that makes it distinct: whose file it is in, what kind, its cause and
 * instant (in `key`), and who receives it. Subscribers use it to deduplicate, so two subjects' notices must never
 * share one (a grade drop at the same instant used to).
 */
export function noticeId(subjectId: number, kind: string, key: string, recipient = 'subject'): string {
  return `N-${fnv64(`${subjectId}|${kind}|${key}|${recipient}`)}`;
}

function row(
  subjectId: number,
  kind: string,
  key: string,
  now: number,
  body: NoticeBody,
  recipient = 'subject',
): NoticeRow {
  return {
    subject_id: subjectId,
    id: noticeId(subjectId, kind, key, recipient),
    recipient,
    kind,
    created_at: now,
    format: 0,
    body: JSON.stringify(body),
  };
}

/** A record that costs points: the subject is told what, why, and that it can object (and later repair). */
export function recordNotice(r: RecordRow, rb: Rulebook, now: number): NoticeRow | undefined {
  const type = rb.recordTypes.get(r.type);
  if (!type || type.points >= 0) return undefined;
  const objectUntil = addDuration(now, rb.objectionWindow);
  const options: NoticeBody['options'][number][] = [
    { action: 'object to the record', until: iso(objectUntil) },
  ];
  if (type.repair)
    options.push({
      action: `apply for credit repair with ${type.repair.requires.join(', ') || 'an application'}`,
      from: iso(addDuration(Number(r.occurred_at), type.repair.after)),
    });
  return row(Number(r.subject_id), 'record.adverse', `${r.source}/${r.record_id}`, now, {
    title: `A record lowers your score: ${type.title} (${type.points} points)`,
    title_zh: `一条记录降低了您的信用分：${type.zh?.title ?? type.title}（${type.points}分）`,
    reasons: [
      `${r.source} recorded ${type.title} on ${iso(Number(r.occurred_at))?.slice(0, 10)}; it counts until ${iso(addDuration(Number(r.occurred_at), type.countsFor))?.slice(0, 10)}`,
    ],
    legal_basis: r.legal_basis,
    options,
    refs: { record: r.record_id, source: r.source, type: r.type },
  });
}

/** Warnings before a list entry, entries and exits, as they fall due. */
export function decisionNotice(d: DecisionRow, now: number, rb: Rulebook): NoticeRow {
  const e = (JSON.parse(d.data) as { entries: ListEntry[] }).entries[0]!;
  const until = e.until === null ? null : e.until;
  const titles = {
    warning: `Warning: you will be placed on the list "${e.title}" on ${iso(e.since)?.slice(0, 10)} unless the cause is removed`,
    entry: `You have been placed on the list "${e.title}"`,
    exit: `You have left the list "${e.title}"`,
  } as const;
  const options: NoticeBody['options'][number][] =
    d.event === 'exit'
      ? []
      : [
          {
            action: 'object to the records behind this decision',
            until: iso(addDuration(now, rb.objectionWindow)),
          },
          ...(e.earliestRepair !== undefined
            ? [{ action: 'apply for credit repair', from: iso(e.earliestRepair) }]
            : []),
        ];
  // notices are stored when derived and the registry does not know a subject's language: English, with the
  // Chinese title and legal basis beside when the rulebook gives them
  const zh = rb.lists.get(e.list)?.zh;
  const listZh = zh?.title ?? e.title;
  const titlesZh = {
    warning: `警告：除非消除原因，您将于${iso(e.since)?.slice(0, 10)}被列入"${listZh}"`,
    entry: `您已被列入"${listZh}"`,
    exit: `您已移出"${listZh}"`,
  } as const;
  return row(Number(d.subject_id), `list.${d.event}`, d.id, now, {
    title: titles[d.event],
    title_zh: titlesZh[d.event],
    ...(zh?.legalBasis ? { legal_basis_zh: zh.legalBasis } : {}),
    reasons: [
      e.grounds.kind === 'records'
        ? `grounds: record(s) ${e.grounds.records.join(', ')}`
        : e.grounds.kind === 'condition'
          ? `grounds: ${e.grounds.condition} (score ${e.grounds.score}, grade ${e.grounds.grade})`
          : `grounds: escalation from list ${e.grounds.list} (decision ${e.grounds.from})`,
      `effective ${iso(e.since)?.slice(0, 10)}, ends ${until === null ? 'at no fixed date' : iso(until)?.slice(0, 10)}`,
    ],
    legal_basis: e.legalBasis,
    options,
    refs: { decision: e.decision, list: e.list, event: d.event },
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
  return row(subjectId, 'grade.drop', `${from}>${to}@${now}`, now, {
    title: `Your grade fell from ${from} to ${to} (score ${score})`,
    reasons: ['see the explanation of your score for every contribution'],
    legal_basis: `${rb.name} ${rb.version}`,
    options: [
      {
        action: 'read the explanation and object to any record you contest',
        until: iso(addDuration(now, rb.objectionWindow)),
      },
    ],
    refs: { from, to, score },
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
  return row(subjectId, kind, caseId, now, {
    title,
    reasons: [reasons],
    legal_basis: 'credit repair and objection procedure',
    options: [],
    refs,
  });
}

/** A correction to a consumer that was told a measure applied while an entry that has now ended stood. */
export function correctionNotice(
  subjectId: number,
  consumer: string,
  decision: string,
  measure: string,
  ended: number,
  now: number,
): NoticeRow {
  return row(
    subjectId,
    'check.correction',
    `${decision}|${measure}`,
    now,
    {
      title: `Correction: measure ${measure} no longer applies`,
      reasons: [
        `list decision ${decision} behind your earlier check ended on ${iso(ended)?.slice(0, 10)} after a repair or annulment`,
      ],
      legal_basis: 'credit repair and objection procedure',
      options: [],
      refs: { decision, measure },
    },
    consumer,
  );
}

/** An answer as a watch notice states it. */
export interface WatchedAnswer {
  readonly applies: boolean;
  readonly until: string | null;
  readonly decisions: readonly string[];
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
  const state = (a: WatchedAnswer) =>
    a.applies ? `applies${a.until ? ` until ${a.until.slice(0, 10)}` : ''}` : 'does not apply';
  return row(
    w.subjectId,
    'watch.change',
    `${w.watch}|${w.measure}|${w.now}`,
    w.now,
    {
      title: `Watched answer changed: measure ${w.measure} now ${state(w.after)} to ${w.name} (${w.subject})`,
      reasons: [
        `before: ${state(w.before)}${w.before.decisions.length ? ` (decisions ${w.before.decisions.join(', ')})` : ''}`,
        `now: ${state(w.after)}${w.after.decisions.length ? ` (decisions ${w.after.decisions.join(', ')})` : ''}`,
      ],
      legal_basis: 'monitoring under a stated purpose, shown to the watched subject',
      options: [],
      refs: {
        watch: w.watch,
        subject: w.subject,
        measure: w.measure,
        before: w.before,
        after: w.after,
        check: w.check,
      },
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
