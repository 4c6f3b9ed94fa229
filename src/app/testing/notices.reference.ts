// The notice builders as they were before notices were stored compactly (format 0: the rendered body stored as
// is), kept unchanged as the reference the compact form must render to byte for byte. Tests only.
import { addDuration } from '../../domain/duration.ts';
import { formatInstant } from '../../domain/time.ts';
import type { Borne } from '../../rules/measures.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import type { RulebookOf } from '../../rules/versions.ts';
import { decodeState } from '../derive/derive.state.ts';
import type { NoticeBody } from '../due-process/due-process.notice-forms.ts';
import { noticeId } from '../due-process/due-process.notices.ts';
import type { NoticeRow } from '../ports/ports.due-process.ts';
import type { DecisionRow, RecordRow } from '../ports/ports.store.ts';

/** A notice row as it was stored before format 1: the rendered body, format 0. */
export type FullNoticeRow = NoticeRow & { readonly format: 0 };

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : formatInstant(t);

function row(
  subjectId: number,
  kind: string,
  key: string,
  now: number,
  body: NoticeBody,
  recipient = 'subject',
): FullNoticeRow {
  return {
    format: 0,
    subject_id: subjectId,
    id: noticeId(subjectId, kind, key, recipient),
    recipient,
    kind,
    created_at: now,
    body: JSON.stringify(body),
  };
}

/** A record that costs points: the subject is told what, why, and that it can object (and later repair). */
export function recordNotice(r: RecordRow, rb: Rulebook, now: number): FullNoticeRow | undefined {
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
export function decisionNotice(
  d: DecisionRow,
  now: number,
  rb: Rulebook,
  rulebookOf: RulebookOf = (h) => (h === rb.hash ? rb : undefined),
): FullNoticeRow {
  const e = decodeState(d.data, rulebookOf).entries[0]!;
  const until = e.until === Number.POSITIVE_INFINITY ? null : e.until;
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
): FullNoticeRow {
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
): FullNoticeRow {
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
): FullNoticeRow {
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
}): FullNoticeRow {
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

const day = (t: number) => (Number.isFinite(t) ? formatInstant(t).slice(0, 10) : 'no fixed date');

/**
 * The notices a person receives because an organization's list entry reaches them through a role (DESIGN §5,
 * every bearer is a party): the warning, the entry and the exit, each when it has come due by `now`, each with
 * what, why, from and until when, how to contest and the earliest repair. Ids are derived, so deriving again
 * never sends one twice.
 */
export function bearerNotices(b: Borne, org: string, now: number, rb: Rulebook): FullNoticeRow[] {
  const e = b.entry;
  const role = b.role.replaceAll('_', ' ');
  const events: { event: 'warning' | 'entry' | 'exit'; at: number }[] = [];
  if (!e.resumes && b.warnedAt < b.from && b.warnedAt <= now)
    events.push({ event: 'warning', at: b.warnedAt });
  if (b.from < b.until && b.from <= now) events.push({ event: 'entry', at: b.from });
  if (b.from < b.until && Number.isFinite(b.until) && b.until <= now)
    events.push({ event: 'exit', at: b.until });
  const measures = b.measures.join(', ');
  const titles = {
    warning: `Warning: as ${role} of ${org} you will bear ${measures} from ${day(b.from)} unless the cause is removed`,
    entry: `As ${role} of ${org} you bear ${measures} while it is on the list "${e.title}"`,
    exit: `You no longer bear ${measures} as ${role} of ${org}`,
  } as const;
  return events.map(({ event, at }) => ({
    format: 0 as const,
    subject_id: b.person,
    id: noticeId(b.person, `bearer.${event}`, `${e.decision}|${b.role}|${b.from}`),
    recipient: 'subject',
    kind: `bearer.${event}`,
    created_at: now,
    body: JSON.stringify({
      title: titles[event],
      reasons: [
        `${org} is on the list "${e.title}" (decision ${e.decision}) from ${day(e.since)}`,
        `the measures reach its ${role}: you, from ${day(b.from)} until ${day(b.until)}`,
        e.grounds.kind === 'records'
          ? `grounds: record(s) ${e.grounds.records.join(', ')}`
          : e.grounds.kind === 'condition'
            ? `grounds: ${e.grounds.condition} (score ${e.grounds.score}, grade ${e.grounds.grade})`
            : `grounds: escalation from list ${e.grounds.list} (decision ${e.grounds.from})`,
      ],
      legal_basis: e.legalBasis,
      options:
        event === 'exit'
          ? []
          : [
              {
                action: 'object to the records behind this decision',
                until: formatInstant(addDuration(now, rb.objectionWindow)),
              },
              ...(e.earliestRepair !== undefined
                ? [{ action: `${org} may apply for credit repair`, from: formatInstant(e.earliestRepair) }]
                : []),
            ],
      refs: {
        decision: e.decision,
        list: e.list,
        organization: org,
        role: b.role,
        measures: b.measures,
        event,
        at: formatInstant(at),
        from: formatInstant(b.from),
        until: Number.isFinite(b.until) ? formatInstant(b.until) : null,
      },
    }),
  }));
}
