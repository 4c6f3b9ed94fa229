// enter_when lists: the condition walked through time, as the registry knew the ledger at each moment.

import type { Duration } from '../domain/duration.ts';
import { countHistory } from './history.ts';
import { type ExitReason, type Grounds, type ListEntry, type Make, plus } from './lists.model.ts';
import type { HistoryView, ListDef, Rulebook, Sign, SubjectFacts } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';
import type { RulebookSet } from './versions.ts';

const INF = Number.POSITIVE_INFINITY;

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

/** The windows of a list's condition in every version: the moments records leave them can change it. */
const windows = new WeakMap<RulebookSet, Map<string, readonly Duration[]>>();
function windowsOf(set: RulebookSet, name: string): readonly Duration[] {
  let m = windows.get(set);
  if (!m) {
    m = new Map();
    windows.set(set, m);
  }
  let ws = m.get(name);
  if (!ws) {
    ws = set.versions.flatMap((v) => v.lists.get(name)?.enterWhen?.windows ?? []);
    m.set(name, ws);
  }
  return ws;
}

/** When the walk must look again whatever the records do: the end of a notice, a maximum, a hold. */
function timerOf(state: State): number {
  if (state.s === 'warned') return state.effective;
  if (state.s === 'in') return Math.min(state.max, state.exitAt ?? INF);
  return INF;
}

/**
 * A list's condition at one moment (`at`), as the registry knew the ledger then: the version in force, the score
 * and grade, and whether the condition holds. One object for the whole walk, its history view included (no closure
 * a moment: a derivation walks every subject).
 */
class ConditionAt implements HistoryView {
  holds = false;
  score = 0;
  grade = '';
  l?: ListDef;
  rb: Rulebook;
  private t = 0;
  private readonly ctx: { score: number; grade: string; subject: SubjectFacts; history: HistoryView };
  constructor(
    private readonly tl: Timeline,
    private readonly name: string,
  ) {
    this.rb = tl.versions.at(0);
    this.ctx = { score: 0, grade: '', subject: tl.file.subject.facts, history: this };
  }
  count(pattern: string, window: string, sign?: Sign): number {
    const t = this.t;
    return countHistory(this.rb, this.tl.file.records, undefined, t, true, pattern, window, sign, t);
  }
  at(t: number): void {
    const rb = this.tl.versions.at(t);
    const l = rb.lists.get(this.name);
    const { score, grade } = this.tl.scoreAt(t, t);
    this.score = score;
    this.grade = grade;
    this.l = l;
    this.rb = rb;
    if (!l?.enterWhen) this.holds = false;
    else {
      this.t = t;
      this.ctx.score = score;
      this.ctx.grade = grade;
      this.holds = l.enterWhen.test(this.ctx);
    }
  }
}

/**
 * enter_when lists: a walk through every moment the condition can change. Warn when it becomes true;
 * enter when the notice ends if it is still true; leave at max, or once it has been false for the whole hold.
 * After an exit at max the condition must turn false before the subject can be listed again.
 */
export function conditionEntries(tl: Timeline, name: string, make: Make): ListEntry[] {
  const statics = tl.changeTimes(windowsOf(tl.versions, name));
  const out: ListEntry[] = [];
  let state: State = { s: 'out' };
  // the condition at one moment, asked through one context and one history view made for the whole walk
  const c = new ConditionAt(tl, name);
  let i = 0;
  for (;;) {
    const nextStatic = statics[i] ?? INF;
    const nextTimer = timerOf(state);
    const t = Math.min(nextStatic, nextTimer);
    if (t === INF) break;
    if (nextStatic === t) i++;
    c.at(t);
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
            out.push(make.make(state.l, state.rb, g, state.at, state.effective, t, 'condition', true));
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
          out.push(make.make(cur.l, cur.rb, g, cur.warnedAt, cur.since, cur.max, 'max', false));
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
              make.make(
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
            make.make(
              cur.l,
              cur.rb,
              g,
              cur.warnedAt,
              cur.since,
              cur.exitAt,
              cur.exitWhy ?? 'condition',
              false,
            ),
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
    out.push(make.make(state.l, state.rb, g, state.warnedAt, state.since, INF, 'open', false));
  } else if (state.s === 'warned') {
    const g: Grounds = {
      kind: 'condition',
      condition: state.l.enterWhen?.source ?? '',
      score: state.score,
      grade: state.grade,
    };
    out.push(make.make(state.l, state.rb, g, state.at, state.effective, state.effective, 'condition', true));
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
