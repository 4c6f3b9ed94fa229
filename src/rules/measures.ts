import { addDuration } from '../domain/duration.ts';
import { activeAt, type ListEntry } from './lists.ts';
import type { Bearer } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';

/** A period in which a measure's condition holds for a subject, capped at the measure's max. */
export interface MeasureSpan {
  readonly measure: string;
  readonly from: number;
  readonly until: number;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * When each measure's `applies_when` holds for this subject, from the score, grade and list memberships at
 * every moment they can change. A sanction's episode lasts at most its `max`; it can start again only after
 * the condition has been false.
 */
export function deriveMeasureSpans(tl: Timeline, entries: readonly ListEntry[]): MeasureSpan[] {
  const times = new Set(tl.changeTimes());
  for (const e of entries) {
    if (e.lapsed) continue;
    times.add(e.since);
    if (Number.isFinite(e.until)) times.add(e.until);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const latest = tl.versions.latest;
  const out: MeasureSpan[] = [];
  const open = new Map<string, { from: number; capped: number }>();
  const cappedOut = new Set<string>();
  for (const t of sorted) {
    const rb = tl.versions.at(t);
    const { score, grade } = tl.scoreAt(t);
    const lists: Record<string, boolean> = {};
    for (const name of latest.lists.keys()) lists[name] = false;
    for (const e of activeAt(entries, t)) lists[e.list] = true;
    for (const m of latest.measures.keys()) {
      const def = rb.measures.get(m);
      const holds = def
        ? def.appliesWhen.test({ score, grade, subject: tl.file.subject.facts, lists })
        : false;
      const cur = open.get(m);
      if (cur && t >= cur.capped) {
        out.push({ measure: m, from: cur.from, until: cur.capped });
        open.delete(m);
        if (holds) cappedOut.add(m);
      }
      const still = open.get(m);
      if (holds && !still && !cappedOut.has(m)) {
        open.set(m, { from: t, capped: def?.max ? addDuration(t, def.max) : INF });
      } else if (!holds) {
        cappedOut.delete(m);
        if (still) {
          out.push({ measure: m, from: still.from, until: t });
          open.delete(m);
        }
      }
    }
  }
  for (const [m, cur] of open) out.push({ measure: m, from: cur.from, until: cur.capped });
  return out.sort((a, b) => a.from - b.from || a.measure.localeCompare(b.measure));
}

export interface CheckAnswer {
  readonly applies: boolean;
  readonly until: number | null;
  readonly decisions: readonly string[];
  /** `self`, or the role through which a related organization's measure reaches this person. */
  readonly via: string;
}

/** The check for one bearer relation: does measure m apply at `at`, until when, and on which decisions. */
export function answerFromSpans(
  spans: readonly MeasureSpan[],
  entries: readonly ListEntry[],
  measure: string,
  listsReferenced: readonly string[],
  at: number,
  via: string,
): CheckAnswer {
  const span = spans.find((s) => s.measure === measure && s.from <= at && at < s.until);
  if (!span) return { applies: false, until: null, decisions: [], via };
  const decisions = activeAt(entries, at)
    .filter((e) => listsReferenced.includes(e.list))
    .map((e) => e.decision);
  return { applies: true, until: Number.isFinite(span.until) ? span.until : null, decisions, via };
}

export function bears(appliesTo: readonly Bearer[], kind: 'person' | 'organization'): boolean {
  return appliesTo.includes(kind);
}
