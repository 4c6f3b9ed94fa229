import { addDuration } from '../domain/duration.ts';
import { activeAt, deriveEntries, type ListEntry, pendingAt } from './lists.ts';
import { deriveMeasureSpans, type MeasureSpan } from './measures.ts';
import type { Rulebook } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';
import { ascendingUnique } from './times.ts';

/** One line of an explanation: a record (or a rule applied to it), its points here, how it reached here. */
export interface ExplainedContribution {
  readonly record: string;
  readonly source: string;
  readonly type: string;
  /** null for the record type's own points; the rule id for a rule's points. */
  readonly rule: string | null;
  readonly reason: string;
  readonly points: number;
  readonly path: string;
  readonly until: number;
  readonly version: string;
}

export interface GradeChange {
  readonly from: string;
  readonly to: string;
  readonly at: number;
  readonly score: number;
  readonly because: readonly string[];
}

export interface Repairable {
  readonly record: string;
  readonly type: string;
  readonly from: number;
  readonly requires: readonly string[];
}

export interface Explanation {
  readonly at: number;
  readonly score: number;
  readonly grade: string;
  readonly base: number;
  readonly raw: number;
  readonly clamped: { readonly from: number; readonly to: number } | null;
  readonly rulebook: Rulebook;
  readonly contributions: readonly ExplainedContribution[];
  readonly lists: readonly ListEntry[];
  readonly warnings: readonly ListEntry[];
  readonly nextChangeAt: number | null;
  readonly nextGradeChange: GradeChange | null;
  readonly repairable: readonly Repairable[];
  /** Records that would count but are suspended at `at` (a dispute, an overdue review), and since when. */
  readonly suspended: readonly Suspended[];
}

/** "suspended since 2026-04-14: review overdue": the record grounds neither points nor lists meanwhile. */
export interface Suspended {
  readonly record: string;
  readonly source: string;
  readonly type: string;
  readonly since: number;
  readonly until: number;
  readonly why: string;
}

/** Everything derived about a subject from its file: list entries, measure spans, and the state at `at`. */
export interface Derivation {
  readonly entries: readonly ListEntry[];
  readonly spans: readonly MeasureSpan[];
  /** What the projection stores: cheap to compute. */
  readonly summary: {
    readonly score: number;
    readonly grade: string;
    readonly nextChangeAt: number | null;
    readonly rulebook: Rulebook;
  };
  /** The full explanation (contributions, forecast), computed on first use. */
  readonly explanation: Explanation;
}

/**
 * `known` are the entries already derived from the same file and versions (a stored projection that is
 * current): list entries do not depend on `at`, so they need not be derived again.
 */
export function derive(tl: Timeline, at: number, known?: readonly ListEntry[]): Derivation {
  const entries = known ?? deriveEntries(tl);
  const now = tl.scoreAt(at);
  const upcoming = upcomingTimes(tl, at, entries);
  let explanation: Explanation | undefined;
  let spans: readonly MeasureSpan[] | undefined;
  return {
    entries,
    // measures are only needed where they are stored or checked: computed on first use
    get spans() {
      spans ??= deriveMeasureSpans(tl, entries);
      return spans;
    },
    summary: { score: now.score, grade: now.grade, nextChangeAt: upcoming[0] ?? null, rulebook: now.version },
    get explanation() {
      explanation ??= explain(tl, at, entries, upcoming);
      return explanation;
    },
  };
}

/**
 * Every later moment at which the score or a list can change, in order. Measures follow from these (a measure's
 * own cap at `max` needs no recomputation: its span is stored with its end).
 */
function upcomingTimes(tl: Timeline, at: number, entries: readonly ListEntry[]): number[] {
  const future = tl.changeTimes().filter((t) => t > at);
  for (const e of entries) {
    if (e.warnedAt > at) future.push(e.warnedAt);
    if (e.since > at) future.push(e.since);
    if (e.until > at && Number.isFinite(e.until)) future.push(e.until);
  }
  return ascendingUnique(future);
}

function explain(
  tl: Timeline,
  at: number,
  entries: readonly ListEntry[],
  upcoming: readonly number[],
): Explanation {
  const now = tl.scoreAt(at);
  const contributions: ExplainedContribution[] = [];
  const repairable: Repairable[] = [];
  for (const c of tl.contributions(at)) {
    const { rec } = c.item;
    const base = {
      record: rec.id,
      source: rec.source,
      type: rec.type,
      path: c.item.path,
      until: c.scored.countsUntil,
      version: c.scored.version.version,
    };
    const title = c.scored.version.recordTypes.get(rec.type)?.title ?? rec.type;
    contributions.push({ ...base, rule: null, reason: title, points: c.scored.base * c.factor });
    for (const r of c.scored.rules)
      contributions.push({ ...base, rule: r.rule, reason: r.reason, points: r.points * c.factor });
    const terms = c.scored.version.recordTypes.get(rec.type)?.repair;
    if (c.item.via === 'own' && c.scored.total < 0 && terms) {
      repairable.push({
        record: rec.id,
        type: rec.type,
        from: addDuration(rec.occurredAt, terms.after),
        requires: terms.requires,
      });
    }
  }
  const suspended: Suspended[] = [];
  for (const item of tl.items) {
    if (item.via !== 'own') continue;
    const s = item.rec.suspended.find((x) => x.from <= at && at < x.to);
    if (s && item.rec.occurredAt <= at && item.rec.annulledAt === undefined)
      suspended.push({
        record: item.rec.id,
        source: item.rec.source,
        type: item.rec.type,
        since: s.from,
        until: s.to,
        why: s.why ?? 'disputed',
      });
  }
  // the first later moment at which the grade changes
  let nextGradeChange: GradeChange | null = null;
  for (const t of upcoming) {
    const s = tl.scoreAt(t);
    if (s.grade !== now.grade) {
      nextGradeChange = { from: now.grade, to: s.grade, at: t, score: s.score, because: causesAt(tl, t) };
      break;
    }
  }
  return {
    at,
    score: now.score,
    grade: now.grade,
    base: now.version.scale.base,
    raw: now.raw,
    clamped: now.unclamped !== now.score ? { from: now.unclamped, to: now.score } : null,
    rulebook: now.version,
    contributions,
    lists: activeAt(entries, at),
    warnings: pendingAt(entries, at),
    nextChangeAt: upcoming[0] ?? null,
    nextGradeChange,
    repairable,
    suspended,
  };
}

/** What happens at t, in words: records that start or stop counting, versions that take effect. */
function causesAt(tl: Timeline, t: number): string[] {
  const out: string[] = [];
  for (const item of tl.items) {
    const r = item.rec;
    const before = tl.contribution(item, t - 1);
    const after = tl.contribution(item, t);
    if (before && !after) {
      if (r.repairedAt === t) out.push(`record ${r.id} (${r.type}) is repaired`);
      else out.push(`record ${r.id} (${r.type}) stops counting`);
    } else if (!before && after) out.push(`record ${r.id} (${r.type}) starts counting`);
    else if (before && after && before.points !== after.points)
      out.push(`record ${r.id} (${r.type}) changes from ${before.points} to ${after.points} points`);
  }
  for (const v of tl.versions.versions)
    if (v.effectiveFrom === t) out.push(`rulebook ${v.name} ${v.version} takes effect`);
  return out;
}
