import { addDuration, type Duration } from '../domain/duration.ts';
import { activeAt, type ListEntry } from './lists.ts';
import type { Bearer, ConditionReads, MeasureDef, Rulebook } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';

/** A period in which a measure's condition holds for a subject, capped at the measure's max. */
export interface MeasureSpan {
  readonly measure: string;
  readonly from: number;
  readonly until: number;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * Each condition's answers by what it reads (its version's lists, the score and the grade if it reads them, the
 * subject's facts if it reads them): the same inputs give the same answer for every subject, so a population asks
 * each condition a few times instead of once a subject. Bounded: cleared when full.
 */
const answers = new WeakMap<MeasureDef, Map<string, boolean>>();
const MAX_ANSWERS = 50_000;
const NOTHING: ConditionReads = { score: false, grade: false, subject: false };

function answersOf(def: MeasureDef): Map<string, boolean> {
  let m = answers.get(def);
  if (!m || m.size >= MAX_ANSWERS) {
    m = new Map();
    answers.set(def, m);
  }
  return m;
}

/**
 * When each measure's `applies_when` holds for this subject, from the score, grade and list memberships at
 * every moment they can change. A sanction's episode lasts at most its `max`; it can start again only after
 * the condition has been false.
 */
export function deriveMeasureSpans(tl: Timeline, entries: readonly ListEntry[]): MeasureSpan[] {
  const times = new Set(tl.changeTimes());
  // list membership as a step function: +1 at since, −1 at until, walked with the times
  const steps: [number, string, number][] = [];
  for (const e of entries) {
    if (e.lapsed || e.until <= e.since) continue;
    times.add(e.since);
    steps.push([e.since, e.list, 1]);
    if (Number.isFinite(e.until)) {
      times.add(e.until);
      steps.push([e.until, e.list, -1]);
    }
  }
  steps.sort((a, b) => a[0] - b[0]);
  const sorted = [...times].sort((a, b) => a - b);
  const names = tl.versions.measureNames;
  const listNames = tl.versions.listOrder;
  const count = new Map<string, number>(listNames.map((n) => [n, 0]));
  const out: MeasureSpan[] = [];
  const open = new Map<string, { from: number; capped: number }>();
  const cappedOut = new Set<string>();
  const facts = tl.file.subject.facts;
  const subjectKey = `${facts.kind}|${facts.sector}|${facts.region}`;
  let step = 0;
  // the version's definitions, and the lists as the conditions see them: rebuilt only when they can change
  let rb: Rulebook | undefined;
  let defs: (MeasureDef | undefined)[] = [];
  let uses: boolean[] = [];
  let lists: Record<string, boolean> = {};
  let listKey = '';
  let lastStateKey = '';
  let anyState = false;
  // the inputs each condition was last asked with
  const lastKey: string[] = names.map(() => '');
  // the earliest cap of an open episode
  let nextCap = INF;
  for (const t of sorted) {
    let stepped = false;
    while (step < steps.length && steps[step]![0] <= t) {
      const [, list, d] = steps[step]!;
      count.set(list, (count.get(list) ?? 0) + d);
      step++;
      stepped = true;
    }
    const at = tl.versions.at(t);
    let listsChanged = false;
    if (stepped || at !== rb) {
      if (at !== rb) {
        rb = at;
        defs = names.map((m) => at.measures.get(m));
        uses = defs.map((d) => d?.appliesWhen.usesState === true);
        anyState = uses.includes(true);
      }
      const next: Record<string, boolean> = {};
      let bits = '';
      for (const n of listNames) {
        const member = (count.get(n) ?? 0) > 0;
        next[n] = member;
        bits += member ? '1' : '0';
      }
      const key = `${at.hash}|${bits}`;
      listsChanged = key !== listKey;
      listKey = key;
      lists = next;
    }
    // the score and the state's key only when a condition needs them at this time
    let state: { score: number; grade: string } | undefined;
    let stateKey = '';
    const prevStateKey = lastStateKey;
    if (anyState) {
      state = tl.scoreAt(t);
      stateKey = `${listKey}|${state.score}|${state.grade}`;
      lastStateKey = stateKey;
    }
    // nothing any condition sees has changed and no cap falls due: every answer and span stays as it is
    if (!listsChanged && stateKey === prevStateKey && t < nextCap) continue;
    for (let i = 0; i < names.length; i++) {
      const m = names[i]!;
      const def = defs[i];
      const usesState = uses[i]!;
      const cur = open.get(m);
      // a condition on lists alone can only change when the lists (or the version) do, or its cap falls due
      if (!usesState && !listsChanged && !(cur && t >= cur.capped)) continue;
      // what of the state a condition reads: an answer on the grade alone holds while the grade does
      const r = def?.appliesWhen.reads ?? NOTHING;
      const key = usesState
        ? `${listKey}|${r.score ? state!.score : ''}|${r.grade ? state!.grade : ''}`
        : listKey;
      // the inputs this condition reads are unchanged since it was last asked, and no cap falls due: the answer
      // and the spans stay as they are
      if (key === lastKey[i] && !(cur && t >= cur.capped)) continue;
      lastKey[i] = key;
      const memo = def ? answersOf(def) : undefined;
      const asked = r.subject ? `${key}|${subjectKey}` : key;
      let holds = memo?.get(asked);
      if (holds === undefined) {
        state ??= tl.scoreAt(t);
        holds = def
          ? def.appliesWhen.test({ score: state.score, grade: state.grade, subject: facts, lists })
          : false;
        memo?.set(asked, holds);
      }
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
    nextCap = INF;
    for (const o of open.values()) if (o.capped < nextCap) nextCap = o.capped;
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

/** A person's hold on a role in an organization over [from, to) (`to` Infinity while it lasts). */
export interface RoleSpan {
  readonly role: string;
  readonly from: number;
  readonly to: number;
}

/** The lists whose entries can bring a measure to a person through `role` (legal representative, controller). */
export function listsReachingRole(rb: Rulebook, role: string): Set<string> {
  const out = new Set<string>();
  for (const m of rb.measures.values())
    if (m.appliesTo.includes(role as Bearer)) for (const l of m.appliesWhen.lists) out.add(l);
  return out;
}

/**
 * When an organization's list entry reaches a person through a role (DESIGN §5, every bearer is a party): from
 * the entry's effective date if the person held the role when the organization was warned, else only after the
 * person's own notice, counted from the appointment; never after the person left the role. Undefined when the
 * person never bears it.
 */
export function bearerSpan(
  e: ListEntry,
  role: RoleSpan,
  notice: Duration | undefined,
): { warnedAt: number; from: number; until: number } | undefined {
  if (e.lapsed || role.to <= e.warnedAt || role.from >= e.until) return undefined;
  const appointedLate = role.from > e.warnedAt;
  const warnedAt = appointedLate ? role.from : e.warnedAt;
  const from = appointedLate
    ? Math.max(e.since, notice ? addDuration(role.from, notice) : role.from)
    : e.since;
  const until = Math.min(e.until, role.to);
  if (from >= until) return { warnedAt, from: until, until };
  return { warnedAt, from, until };
}

/**
 * The check for a person bearing an organization's measure through a role: the organization's answer, kept
 * only for the entries that reach the person at `at` (see bearerSpan), and ending when the role does.
 */
export function bearerAnswer(
  orgAnswer: CheckAnswer,
  entries: readonly ListEntry[],
  role: RoleSpan,
  noticeOf: (e: ListEntry) => Duration | undefined,
  at: number,
): CheckAnswer {
  if (!orgAnswer.applies || at < role.from || at >= role.to)
    return { ...orgAnswer, applies: false, until: null, decisions: [] };
  const reaching = orgAnswer.decisions.filter((d) => {
    const e = entries.find((x) => x.decision === d);
    const span = e ? bearerSpan(e, role, noticeOf(e)) : undefined;
    return span !== undefined && span.from <= at && at < span.until;
  });
  if (reaching.length === 0) return { ...orgAnswer, applies: false, until: null, decisions: [] };
  const until = Math.min(orgAnswer.until ?? INF, role.to);
  return { ...orgAnswer, decisions: reaching, until: Number.isFinite(until) ? until : null };
}

/** One way an organization's entry reaches a person: through which role, and over which dates. */
export interface Borne {
  readonly person: number;
  readonly role: string;
  readonly entry: ListEntry;
  /** The measures the entry brings to the person through that role. */
  readonly measures: readonly string[];
  readonly warnedAt: number;
  readonly from: number;
  readonly until: number;
}

/**
 * Every person an organization's adverse entries reach through a role, with the person's own dates
 * (see bearerSpan). `roles` are the organization's dated role spans; `versions.at` gives the rulebook of a date.
 */
export function borneBy(
  entries: readonly ListEntry[],
  roles: readonly (RoleSpan & { readonly person: number })[],
  rulebookAt: (t: number) => Rulebook,
): Borne[] {
  const out: Borne[] = [];
  for (const e of entries) {
    if (e.lapsed || e.kind === 'red') continue;
    const rb = rulebookAt(e.since);
    for (const r of roles) {
      const measures = [...rb.measures.values()]
        .filter((m) => m.appliesTo.includes(r.role as Bearer) && m.appliesWhen.lists.includes(e.list))
        .map((m) => m.name);
      if (measures.length === 0) continue;
      const span = bearerSpan(e, r, rb.lists.get(e.list)?.notice);
      if (span) out.push({ person: r.person, role: r.role, entry: e, measures, ...span });
    }
  }
  return out;
}
