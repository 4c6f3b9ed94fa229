import { addDuration, type Duration } from '../domain/duration.ts';
import { activeAt, type ListEntry } from './lists.ts';
import type { Bearer, ConditionReads, MeasureDef, Rulebook } from './rulebook.model.ts';
import type { Timeline } from './scorer.ts';
import { ascendingUnique, stableSort } from './times.ts';

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

/**
 * A number for each order of lists (a rulebook set's `listOrder`): the memberships in a memo's key are bits in
 * that order, and the same bits in another order are other memberships.
 */
const listOrders = new WeakMap<readonly string[], number>();
let listOrdersSeen = 0;
function listOrderId(order: readonly string[]): number {
  let id = listOrders.get(order);
  if (id === undefined) {
    id = ++listOrdersSeen;
    listOrders.set(order, id);
  }
  return id;
}

function answersOf(def: MeasureDef): Map<string, boolean> {
  let m = answers.get(def);
  if (!m || m.size >= MAX_ANSWERS) {
    m = new Map();
    answers.set(def, m);
  }
  return m;
}

interface Definitions {
  readonly defs: readonly (MeasureDef | undefined)[];
  readonly uses: readonly boolean[];
  readonly stateMeasures: readonly number[];
  /** Every measure's index. */
  readonly all: readonly number[];
}
/** A version's measure definitions in the order of a set's measure names, and which read the score or grade. */
const definitions = new WeakMap<readonly string[], WeakMap<Rulebook, Definitions>>();
function definitionsOf(names: readonly string[], rb: Rulebook): Definitions {
  let byVersion = definitions.get(names);
  if (!byVersion) {
    byVersion = new WeakMap();
    definitions.set(names, byVersion);
  }
  let d = byVersion.get(rb);
  if (!d) {
    const defs = names.map((m) => rb.measures.get(m));
    const uses = defs.map((x) => x?.appliesWhen.usesState === true);
    const all = names.map((_, i) => i);
    d = { defs, uses, stateMeasures: all.filter((i) => uses[i]), all };
    byVersion.set(rb, d);
  }
  return d;
}

/**
 * When each measure's `applies_when` holds for this subject, from the score, grade and list memberships at
 * every moment they can change. A sanction's episode lasts at most its `max`; it can start again only after
 * the condition has been false.
 */
export function deriveMeasureSpans(tl: Timeline, entries: readonly ListEntry[]): MeasureSpan[] {
  const times = [...tl.changeTimes()];
  // list membership as a step function: +1 at since, −1 at until, walked with the times
  const steps: [number, number, number][] = [];
  const listNames = tl.versions.listOrder;
  const listIndex = listIndexOf(listNames);
  for (const e of entries) {
    if (e.lapsed || e.until <= e.since) continue;
    // a list no version orders is walked as a time, and counted nowhere
    const li = listIndex.get(e.list) ?? -1;
    times.push(e.since);
    if (li >= 0) steps.push([e.since, li, 1]);
    if (Number.isFinite(e.until)) {
      times.push(e.until);
      if (li >= 0) steps.push([e.until, li, -1]);
    }
  }
  stableSort(steps, (a, b) => a[0] - b[0]);
  const sorted = ascendingUnique(times);
  const names = tl.versions.measureNames;
  const M = names.length;
  const count: number[] = listNames.map(() => 0);
  const out: MeasureSpan[] = [];
  const w = workspace(M);
  const facts = tl.file.subject.facts;
  const subjectKey = `${facts.kind}|${facts.sector}|${facts.region}`;
  let step = 0;
  // the version's definitions, and the lists as the conditions see them: rebuilt only when they can change
  let rb: Rulebook | undefined;
  let d: Definitions | undefined;
  let lists: Record<string, boolean> = {};
  // the lists' epoch goes up when the memberships or the version change; their bits in the set's order of lists
  // are a memo's key (its definition is of one version already)
  const order = listOrderId(listNames);
  let epoch = 0;
  let bitsNow = '';
  let listBits = '';
  let opened = 0;
  // what the conditions reading the state saw at the previous time (no state read: anyState false)
  let anyState = false;
  let lastAny = false;
  let lastScore = Number.NaN;
  let lastGrade = '';
  // the earliest cap of an open episode
  let nextCap = INF;
  for (const t of sorted) {
    let stepped = false;
    while (step < steps.length && steps[step]![0] <= t) {
      const st = steps[step]!;
      count[st[1]]! += st[2];
      step++;
      stepped = true;
    }
    const at = tl.versions.at(t);
    let listsChanged = false;
    if (stepped || at !== rb) {
      const versionChanged = at !== rb;
      if (versionChanged) {
        rb = at;
        d = definitionsOf(names, at);
        anyState = d.stateMeasures.length > 0;
      }
      let bits = '';
      for (let l = 0; l < listNames.length; l++) bits += count[l]! > 0 ? '1' : '0';
      if (versionChanged || bits !== bitsNow) {
        listsChanged = true;
        epoch++;
        bitsNow = bits;
        listBits = `${order}|${bits}`;
        const next: Record<string, boolean> = {};
        for (let l = 0; l < listNames.length; l++) next[listNames[l]!] = count[l]! > 0;
        lists = next;
      }
    }
    // the score only when a condition needs it at this time
    let state: { score: number; grade: string } | undefined;
    let stateSame = !anyState && !lastAny;
    if (anyState) {
      state = tl.scoreAt(t);
      stateSame = lastAny && state.score === lastScore && state.grade === lastGrade;
      lastScore = state.score;
      lastGrade = state.grade;
    }
    lastAny = anyState;
    const capDue = t >= nextCap;
    // nothing any condition sees has changed and no cap falls due: every answer and span stays as it is
    if (!listsChanged && stateSame && !capDue) continue;
    const { defs, uses, stateMeasures, all } = d!;
    // a condition on lists alone can only change when the lists (or the version) do, or its cap falls due
    const asking = listsChanged || capDue ? all : stateMeasures;
    for (const i of asking) {
      const def = defs[i];
      const usesState = uses[i]!;
      const due = !Number.isNaN(w.openFrom[i]!) && t >= w.openCapped[i]!;
      if (!usesState && !listsChanged && !due) continue;
      // what of the state a condition reads: an answer on the grade alone holds while the grade does
      const r = def?.appliesWhen.reads ?? NOTHING;
      const score = usesState && r.score ? state!.score : Number.NaN;
      const grade = usesState && r.grade ? state!.grade : '';
      // the inputs this condition reads are unchanged since it was last asked, and no cap falls due: the answer
      // and the spans stay as they are
      const same =
        w.askedEpoch[i] === epoch &&
        (Number.isNaN(score) ? Number.isNaN(w.askedScore[i]!) : w.askedScore[i] === score) &&
        w.askedGrade[i] === grade;
      if (same && !due) continue;
      w.askedEpoch[i] = epoch;
      w.askedScore[i] = score;
      w.askedGrade[i] = grade;
      const key = usesState ? `${listBits}|${Number.isNaN(score) ? '' : score}|${grade}` : listBits;
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
      if (due) {
        out.push({ measure: names[i]!, from: w.openFrom[i]!, until: w.openCapped[i]! });
        w.openFrom[i] = Number.NaN;
        opened--;
        if (holds) w.cappedOut[i] = 1;
      }
      const still = !Number.isNaN(w.openFrom[i]!);
      if (holds && !still && !w.cappedOut[i]) {
        w.openFrom[i] = t;
        w.openCapped[i] = def?.max ? addDuration(t, def.max) : INF;
        opened++;
      } else if (!holds) {
        w.cappedOut[i] = 0;
        if (still) {
          out.push({ measure: names[i]!, from: w.openFrom[i]!, until: t });
          w.openFrom[i] = Number.NaN;
          opened--;
        }
      }
    }
    nextCap = INF;
    if (opened > 0)
      for (let i = 0; i < M; i++)
        if (!Number.isNaN(w.openFrom[i]!) && w.openCapped[i]! < nextCap) nextCap = w.openCapped[i]!;
  }
  for (let i = 0; i < M; i++)
    if (!Number.isNaN(w.openFrom[i]!))
      out.push({ measure: names[i]!, from: w.openFrom[i]!, until: w.openCapped[i]! });
  return stableSort(out, (a, b) => a.from - b.from || a.measure.localeCompare(b.measure));
}

/**
 * deriveMeasureSpans' state of each measure, reused from one subject to the next (the walk is synchronous, and a
 * condition cannot start another): its open episode (from, capped; NaN: none), whether its last episode ran out at
 * its cap, and the inputs it was last asked with (the lists' epoch, the score and grade it reads).
 */
interface Workspace {
  openFrom: Float64Array;
  openCapped: Float64Array;
  cappedOut: Uint8Array;
  askedEpoch: Float64Array;
  askedScore: Float64Array;
  askedGrade: string[];
}
let spare: Workspace | undefined;
function workspace(m: number): Workspace {
  if (!spare || spare.openFrom.length < m)
    spare = {
      openFrom: new Float64Array(m),
      openCapped: new Float64Array(m),
      cappedOut: new Uint8Array(m),
      askedEpoch: new Float64Array(m),
      askedScore: new Float64Array(m),
      askedGrade: new Array<string>(m),
    };
  const w = spare;
  w.openFrom.fill(Number.NaN, 0, m);
  w.openCapped.fill(INF, 0, m);
  w.cappedOut.fill(0, 0, m);
  w.askedEpoch.fill(-1, 0, m);
  w.askedScore.fill(Number.NaN, 0, m);
  w.askedGrade.fill('', 0, m);
  return w;
}

const listIndexes = new WeakMap<readonly string[], ReadonlyMap<string, number>>();
function listIndexOf(order: readonly string[]): ReadonlyMap<string, number> {
  let m = listIndexes.get(order);
  if (!m) {
    m = new Map(order.map((n, i) => [n, i]));
    listIndexes.set(order, m);
  }
  return m;
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
