import { addDuration, type Duration } from '../domain/duration.ts';
import { fnv64 } from '../domain/hash.ts';
import { countHistory } from './history.ts';
import { knownAtOf, type LedgerRecord } from './ledger.model.ts';
import type { ListDef, ListKind, Rulebook } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';

/** Why a subject is on a list: the records, the condition and its values, or an escalation. */
export type Grounds =
  | { readonly kind: 'records'; readonly records: readonly string[] }
  | { readonly kind: 'condition'; readonly condition: string; readonly score: number; readonly grade: string }
  | { readonly kind: 'escalation'; readonly from: string; readonly list: string };

export type ExitReason = 'max' | 'repair' | 'annulled' | 'suspended' | 'condition' | 'escalated' | 'open';

/**
 * A list entry — a decision (DESIGN §5). Membership at t is `since <= t < until` of a non-lapsed entry,
 * derived from the ledger and dates; a lapsed entry is a warning whose cause was gone when the notice ended.
 */
export interface ListEntry {
  readonly decision: string;
  readonly list: string;
  readonly kind: ListKind;
  readonly title: string;
  readonly grounds: Grounds;
  readonly rulebook: { readonly name: string; readonly version: string; readonly hash: string };
  readonly legalBasis: string;
  readonly warnedAt: number;
  readonly since: number;
  readonly until: number;
  readonly exit: ExitReason;
  readonly earliestRepair?: number;
  readonly lapsed: boolean;
  readonly public: boolean;
  /**
   * The decision this entry continues after its grounds were suspended (a dispute, an overdue review) and the
   * suspension ended: the subject was warned for the first one, so no new warning is given.
   */
  readonly resumes?: string;
  /** Why the entry ended early when its grounds stopped counting for a while (`exit: 'suspended'`). */
  readonly suspendedWhy?: string;
}

/** Black and warning lists are adverse: no entry before its notice, counted from when the registry knew. */
export function isAdverse(kind: ListKind): boolean {
  return kind !== 'red';
}

const INF = Number.POSITIVE_INFINITY;

function plus(t: number, d: Duration | undefined): number {
  return d ? addDuration(t, d) : t;
}

function decisionId(subject: string, list: string, since: number, grounds: Grounds): string {
  const g =
    grounds.kind === 'records'
      ? grounds.records.join(',')
      : grounds.kind === 'escalation'
        ? grounds.from
        : 'condition';
  return `D-${fnv64(`${subject}|${list}|${since}|${g}`)}`;
}

function legalBasisOf(
  l: ListDef,
  rb: Rulebook,
  grounds: Grounds,
  records: ReadonlyMap<string, LedgerRecord>,
): string {
  if (l.legalBasis) return l.legalBasis;
  if (grounds.kind === 'records')
    return grounds.records
      .map((k) => records.get(k)?.legalBasis ?? '')
      .filter(Boolean)
      .join('; ');
  return `${rb.name} ${rb.version}, lists.${l.name}`;
}

/** Every list entry of the subject, past, current and scheduled, given what the ledger holds now. */
export function deriveEntries(tl: Timeline): ListEntry[] {
  const subject = tl.file.subject;
  const byKey = new Map(tl.file.records.map((r) => [r.key, r]));
  const entries: ListEntry[] = [];

  const make = (
    l: ListDef,
    rb: Rulebook,
    grounds: Grounds,
    warnedAt: number,
    since: number,
    until: number,
    exit: ExitReason,
    lapsed: boolean,
    extra: Pick<ListEntry, 'resumes' | 'suspendedWhy'> = {},
  ): ListEntry => {
    const earliest = l.min ? plus(since, l.min) : undefined;
    return {
      ...extra,
      decision: decisionId(subject.ref, l.name, since, grounds),
      list: l.name,
      kind: l.kind,
      title: l.title,
      grounds,
      rulebook: { name: rb.name, version: rb.version, hash: rb.hash },
      legalBasis: legalBasisOf(l, rb, grounds, byKey),
      warnedAt,
      since,
      until,
      exit,
      ...(earliest !== undefined ? { earliestRepair: earliest } : {}),
      lapsed,
      public: subject.kind === 'organization' ? l.public.organization : l.public.person,
    };
  };

  // An entry grounded on records ends at max, at an approved repair (not before min) or at annulment.
  const recordExit = (
    l: ListDef,
    since: number,
    grounds: readonly LedgerRecord[],
  ): { until: number; exit: ExitReason } => {
    let until = l.max ? plus(since, l.max) : INF;
    let exit: ExitReason = l.max ? 'max' : 'open';
    for (const r of grounds) {
      if (r.annulledAt !== undefined && r.annulledAt < until) {
        until = Math.max(r.annulledAt, since);
        exit = 'annulled';
      }
      if (r.repairedAt !== undefined) {
        const t = Math.max(r.repairedAt, plus(since, l.min));
        if (t < until) {
          until = t;
          exit = 'repair';
        }
      }
    }
    return { until, exit };
  };

  const conditionLists = new Set<string>();
  for (const name of tl.versions.listOrder) {
    // enter_on: each record of a listed type lists its subject, after the notice, under the version of its date
    for (const rec of tl.file.records) {
      const rb = tl.versions.at(rec.occurredAt);
      const l = rb.lists.get(name);
      if (!l?.enterOn.includes(rec.type)) continue;
      // no sanction before notice: the warning is given when the registry could first give it (DESIGN §5)
      const warnedAt = isAdverse(l.kind) ? knownAtOf(rec) : rec.occurredAt;
      if (rec.annulledAt !== undefined && rec.annulledAt <= warnedAt) continue;
      const since = plus(warnedAt, l.notice);
      const grounds: Grounds = { kind: 'records', records: [rec.key] };
      const gone = Math.min(rec.annulledAt ?? INF, rec.repairedAt ?? INF);
      if (gone <= since) {
        entries.push(
          make(l, rb, grounds, warnedAt, since, gone, rec.annulledAt === gone ? 'annulled' : 'repair', true),
        );
        continue;
      }
      const { until, exit } = recordExit(l, since, [rec]);
      entries.push(...segments(l, rb, grounds, warnedAt, since, until, exit, [rec], make));
    }
    // escalations into this list from entries already derived (sources come first in listOrder)
    for (const src of [...entries]) {
      if (src.lapsed) continue;
      const srcDef = tl.versions.at(src.since).lists.get(src.list);
      if (!srcDef?.escalate || srcDef.escalate.to !== name) continue;
      const at = plus(src.since, srcDef.escalate.after);
      if (src.until < at) continue; // cured in time
      const rb = tl.versions.at(at);
      const l = rb.lists.get(name);
      if (!l) continue;
      const warnedAt = srcDef.escalate.notice ? addDuration(at, srcDef.escalate.notice, -1) : at;
      const grounds: Grounds = { kind: 'escalation', from: src.decision, list: src.list };
      const groundRecords = groundRecordsOf(src, entries, byKey);
      const { until, exit } = recordExit(l, at, groundRecords);
      entries.push(...segments(l, rb, grounds, warnedAt, at, until, exit, groundRecords, make));
    }
    if (tl.versions.versions.some((v) => v.lists.get(name)?.enterWhen)) conditionLists.add(name);
  }
  for (const name of conditionLists) entries.push(...conditionEntries(tl, name, make));
  return entries.sort(
    (a, b) =>
      a.since - b.since ||
      a.list.localeCompare(b.list) ||
      (a.decision < b.decision ? -1 : a.decision > b.decision ? 1 : 0),
  );
}

/**
 * One fact stops a record (DESIGN §5): while a ground record is suspended (a dispute of a type that suspends,
 * an overdue review) it grounds nothing, so the entry stops for exactly that span and resumes after it — under
 * the same decision's warning and never past the original end.
 */
function segments(
  l: ListDef,
  rb: Rulebook,
  grounds: Grounds,
  warnedAt: number,
  since: number,
  until: number,
  exit: ExitReason,
  records: readonly LedgerRecord[],
  make: Make,
): ListEntry[] {
  const gaps = records
    .flatMap((r) => r.suspended)
    .filter((s) => s.to > since && s.from < until)
    .sort((a, b) => a.from - b.from);
  if (gaps.length === 0) return [make(l, rb, grounds, warnedAt, since, until, exit, false)];
  const out: ListEntry[] = [];
  let from = since;
  let first: string | undefined;
  for (const g of gaps) {
    if (g.from > from) {
      const e = make(l, rb, grounds, warnedAt, from, g.from, 'suspended', false, {
        ...(first ? { resumes: first } : {}),
        suspendedWhy: g.why ?? 'disputed',
      });
      first ??= e.decision;
      out.push(e);
    }
    from = Math.max(from, g.to);
    if (from >= until) break;
  }
  if (from < until)
    out.push(make(l, rb, grounds, warnedAt, from, until, exit, false, first ? { resumes: first } : {}));
  return out;
}

function groundRecordsOf(
  e: ListEntry,
  all: readonly ListEntry[],
  byKey: ReadonlyMap<string, LedgerRecord>,
): LedgerRecord[] {
  if (e.grounds.kind === 'records')
    return e.grounds.records.map((k) => byKey.get(k)).filter((r): r is LedgerRecord => r !== undefined);
  if (e.grounds.kind === 'escalation') {
    const from = e.grounds.from;
    const src = all.find((x) => x.decision === from);
    return src ? groundRecordsOf(src, all, byKey) : [];
  }
  return [];
}

type InState = {
  s: 'in';
  since: number;
  warnedAt: number;
  falseSince?: number;
  /** When the entry ends if the condition stays false, and why. */
  exitAt?: number;
  exitWhy?: ExitReason;
  max: number;
  score: number;
  grade: string;
  l: ListDef;
  rb: Rulebook;
};
type State =
  | { s: 'out' }
  | { s: 'cooldown' }
  | { s: 'warned'; at: number; effective: number; score: number; grade: string; l: ListDef; rb: Rulebook }
  | InState;

type Make = (
  l: ListDef,
  rb: Rulebook,
  g: Grounds,
  warnedAt: number,
  since: number,
  until: number,
  exit: ExitReason,
  lapsed: boolean,
  extra?: Pick<ListEntry, 'resumes' | 'suspendedWhy'>,
) => ListEntry;

/**
 * enter_when lists: a walk through every moment the condition can change. Warn when it becomes true;
 * enter when the notice ends if it is still true; leave at max, or once it has been false for the whole hold.
 * After an exit at max the condition must turn false before the subject can be listed again.
 */
function conditionEntries(tl: Timeline, name: string, make: Make): ListEntry[] {
  const windows = tl.versions.versions.flatMap((v) => v.lists.get(name)?.enterWhen?.windows ?? []);
  const statics = tl.changeTimes(windows);
  const out: ListEntry[] = [];
  const own = tl.file.records;
  let state: State = { s: 'out' };
  const cond = (t: number): { holds: boolean; score: number; grade: string; l?: ListDef; rb: Rulebook } => {
    const rb = tl.versions.at(t);
    const l = rb.lists.get(name);
    const { score, grade } = tl.scoreAt(t, t);
    if (!l?.enterWhen) return { holds: false, score, grade, rb };
    const holds = l.enterWhen.test({
      score,
      grade,
      subject: tl.file.subject.facts,
      history: { count: (p, w, sign) => countHistory(rb, own, undefined, t, true, p, w, sign, t) },
    });
    return { holds, score, grade, l, rb };
  };
  const timer = (): number => {
    if (state.s === 'warned') return state.effective;
    if (state.s === 'in') return Math.min(state.max, state.exitAt ?? INF);
    return INF;
  };
  let i = 0;
  for (;;) {
    const nextStatic = statics[i] ?? INF;
    const nextTimer = timer();
    const t = Math.min(nextStatic, nextTimer);
    if (t === INF) break;
    if (nextStatic === t) i++;
    const c = cond(t);
    switch (state.s) {
      case 'out':
        if (c.holds && c.l) {
          const effective = plus(t, c.l.notice);
          state = { s: 'warned', at: t, effective, score: c.score, grade: c.grade, l: c.l, rb: c.rb };
          if (effective === t) state = enter(state, t);
        }
        break;
      case 'cooldown':
        if (!c.holds) state = { s: 'out' };
        break;
      case 'warned':
        if (t >= state.effective) {
          if (c.holds) state = enter(state, t);
          else {
            const g: Grounds = {
              kind: 'condition',
              condition: state.l.enterWhen?.source ?? '',
              score: state.score,
              grade: state.grade,
            };
            out.push(make(state.l, state.rb, g, state.at, state.effective, t, 'condition', true));
            state = { s: 'out' };
          }
        }
        break;
      case 'in': {
        const cur: InState = state;
        const g: Grounds = {
          kind: 'condition',
          condition: cur.l.enterWhen?.source ?? '',
          score: cur.score,
          grade: cur.grade,
        };
        if (t >= cur.max) {
          out.push(make(cur.l, cur.rb, g, cur.warnedAt, cur.since, cur.max, 'max', false));
          state = c.holds ? { s: 'cooldown' } : { s: 'out' };
        } else if (c.holds) {
          state = { ...cur, falseSince: undefined, exitAt: undefined, exitWhy: undefined };
        } else if (cur.exitAt === undefined) {
          // the grounds gone by annulment end the entry at once; by repair, not before min; otherwise after hold
          const annulled = tl.items.some((it) => it.rec.annulledAt === t);
          // a record suspended (dispute, overdue review) stops grounding the entry at once, as it stops counting
          const suspended = !annulled && tl.items.some((it) => it.rec.suspended.some((s) => s.from === t));
          const repaired = !annulled && !suspended && tl.items.some((it) => it.rec.repairedAt === t);
          const exitAt =
            annulled || suspended
              ? t
              : repaired
                ? Math.max(t, plus(cur.since, cur.l.min))
                : plus(t, cur.l.hold);
          const exitWhy: ExitReason = annulled
            ? 'annulled'
            : suspended
              ? 'suspended'
              : repaired
                ? 'repair'
                : 'condition';
          if (exitAt <= t) {
            const why = suspended ? suspensionWhy(tl, t) : undefined;
            out.push(
              make(
                cur.l,
                cur.rb,
                g,
                cur.warnedAt,
                cur.since,
                t,
                exitWhy,
                false,
                why ? { suspendedWhy: why } : {},
              ),
            );
            state = { s: 'out' };
          } else state = { ...cur, falseSince: t, exitAt, exitWhy };
        } else if (t >= cur.exitAt) {
          out.push(
            make(cur.l, cur.rb, g, cur.warnedAt, cur.since, cur.exitAt, cur.exitWhy ?? 'condition', false),
          );
          state = { s: 'out' };
        }
        break;
      }
    }
  }
  if (state.s === 'in') {
    const g: Grounds = {
      kind: 'condition',
      condition: state.l.enterWhen?.source ?? '',
      score: state.score,
      grade: state.grade,
    };
    out.push(make(state.l, state.rb, g, state.warnedAt, state.since, INF, 'open', false));
  } else if (state.s === 'warned') {
    const g: Grounds = {
      kind: 'condition',
      condition: state.l.enterWhen?.source ?? '',
      score: state.score,
      grade: state.grade,
    };
    out.push(make(state.l, state.rb, g, state.at, state.effective, state.effective, 'condition', true));
  }
  return out;
}

function suspensionWhy(tl: Timeline, t: number): string {
  for (const it of tl.items) for (const s of it.rec.suspended) if (s.from === t) return s.why ?? 'disputed';
  return 'disputed';
}

function enter(
  w: { at: number; score: number; grade: string; l: ListDef; rb: Rulebook },
  t: number,
): InState {
  return {
    s: 'in' as const,
    since: t,
    warnedAt: w.at,
    max: w.l.max ? plus(t, w.l.max) : INF,
    score: w.score,
    grade: w.grade,
    l: w.l,
    rb: w.rb,
  };
}

/** Entries in force at t. */
export function activeAt(entries: readonly ListEntry[], t: number): ListEntry[] {
  return entries.filter((e) => !e.lapsed && e.since <= t && t < e.until);
}

/** Warnings pending at t: notified, not yet in effect. */
export function pendingAt(entries: readonly ListEntry[], t: number): ListEntry[] {
  return entries.filter((e) => e.warnedAt <= t && t < e.since && (!e.lapsed || t < e.until));
}
