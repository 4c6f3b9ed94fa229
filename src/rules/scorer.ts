import { addDuration, type Duration } from '../domain/duration.ts';
import { RecordHistory, windowLeaves } from './history.ts';
import type { Interval, LedgerRecord, SubjectFile } from './ledger.model.ts';
import { gradeOf, type RecordFacts, type Rule, type Rulebook, type SubjectFacts } from './rulebook.model.ts';
import { ascendingUnique, mergeAscendingUnique, runningSums, stableSort } from './times.ts';
import type { RulebookSet } from './versions.ts';

/** One record as it reaches a subject: its own, a branch's, or an agent's acting on its behalf. */
export interface Item {
  readonly rec: LedgerRecord;
  readonly facts: SubjectFacts;
  /** The records of the subject that owns `rec`: its history for rules. */
  readonly history: readonly LedgerRecord[];
  readonly via: 'own' | 'branch' | 'on_behalf_of';
  readonly depth: number;
  /** `self`, `branch:<ref>[>…]` or `on_behalf_of:<ref>`. */
  readonly path: string;
  /** Its place in the timeline's canonical order (`Timeline.items`). */
  readonly slot: number;
}

export interface RulePoints {
  readonly rule: string;
  readonly points: number;
  readonly reason: string;
}

/** Points of one record under one version: the type's points and each rule that held. */
export interface VersionPoints {
  readonly version: Rulebook;
  readonly base: number;
  readonly rules: readonly RulePoints[];
  readonly total: number;
  readonly countsUntil: number;
}

export interface Contribution {
  readonly item: Item;
  readonly scored: VersionPoints;
  readonly factor: number;
  /** total × factor */
  readonly points: number;
}

const byType = new WeakMap<Rulebook, Map<string, readonly Rule[]>>();

/** The rules of a version that can hold for a record type (the others are skipped without running them). */
function rulesFor(v: Rulebook, type: string): readonly Rule[] {
  let m = byType.get(v);
  if (!m) {
    m = new Map();
    byType.set(v, m);
  }
  let rs = m.get(type);
  if (!rs) {
    rs = v.rules.filter((r) => r.onlyType === undefined || r.onlyType === type);
    m.set(type, rs);
  }
  return rs;
}

/** A step function: raws[i] holds from times[i] until times[i + 1]. */
class Sweep {
  constructor(
    private readonly times: readonly number[],
    private readonly raws: readonly number[],
  ) {}
  rawAt(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] ?? 0) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : (this.raws[found] ?? 0);
  }
}

const NO_WINDOWS: readonly Duration[] = [];
/** changeTimes' cache key of a list of windows: a list asked for again is not keyed again. */
const windowKeys = new WeakMap<readonly Duration[], string>();

function within(t: number, intervals: readonly Interval[]): boolean {
  for (const i of intervals) if (i.from <= t && t < i.to) return true;
  return false;
}

/**
 * A subject's records laid out in time under a set of rulebook versions. Pure: the same file and versions
 * always give the same answers, whatever order the records came in.
 */
export class Timeline {
  readonly items: readonly Item[];
  /** pointsUnder's answers by version, each an array by item slot (a file is scored under one or two versions). */
  private readonly cache = new Map<Rulebook, (VersionPoints | null | undefined)[]>();
  /** changeTimes by its extra windows: lists, measures and the explanation each ask for them. */
  private readonly times = new Map<string, readonly number[]>();

  constructor(
    readonly file: SubjectFile,
    readonly versions: RulebookSet,
  ) {
    const items: Item[] = file.records.map((rec) => ({
      rec,
      facts: file.subject.facts,
      history: file.records,
      via: 'own',
      depth: 0,
      path: 'self',
      slot: 0,
    }));
    for (const b of file.branches) {
      for (const rec of b.records)
        items.push({
          rec,
          facts: b.subject.facts,
          history: b.records,
          via: 'branch',
          depth: b.depth,
          path: `branch:${b.path.join('>')}`,
          slot: 0,
        });
    }
    for (const a of file.agents) {
      for (const rec of a.records) {
        if (a.subject.kind === 'person' && rec.onBehalfOf === file.subject.ref && rec.culpability) {
          items.push({
            rec,
            facts: a.subject.facts,
            history: a.records,
            via: 'on_behalf_of',
            depth: 1,
            path: `on_behalf_of:${a.subject.ref}`,
            slot: 0,
          });
        }
      }
    }
    // one canonical order, so that nothing downstream (list entries, explanation lines) depends on arrival order
    stableSort(
      items,
      (a, b) =>
        a.rec.occurredAt - b.rec.occurredAt ||
        (a.rec.key < b.rec.key ? -1 : a.rec.key > b.rec.key ? 1 : 0) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    for (let i = 0; i < items.length; i++) (items[i] as { slot: number }).slot = i;
    this.items = items;
  }

  /** The record's points under version v, or null when v has no such type (or not for that subject kind). */
  pointsUnder(item: Item, v: Rulebook): VersionPoints | null {
    let perItem = this.cache.get(v);
    if (!perItem) {
      perItem = new Array(this.items.length).fill(undefined);
      this.cache.set(v, perItem);
    }
    const own = this.items[item.slot] === item; // another timeline's item is scored, not remembered
    const cached = own ? perItem[item.slot] : undefined;
    if (cached !== undefined) return cached;
    const t = v.recordTypes.get(item.rec.type);
    let result: VersionPoints | null = null;
    if (t?.subjects.includes(item.facts.kind)) {
      const rec = item.rec;
      const applicable = rulesFor(v, rec.type);
      const rules: RulePoints[] = [];
      if (applicable.length > 0) {
        const facts: RecordFacts = {
          type: rec.type,
          domain: t.domain,
          severity: t.severity,
          amount: rec.amount ?? 0,
          has_amount: rec.amount !== undefined,
          source: rec.source,
          culpability: rec.culpability ?? '',
        };
        // one context for the record's rules (they read it, never change it)
        const ctx = { record: facts, subject: item.facts, history: new RecordHistory(v, item.history, rec) };
        for (const r of applicable)
          if (r.test(ctx)) rules.push({ rule: r.id, points: r.points, reason: r.reason });
      }
      const total = t.points + rules.reduce((s, r) => s + r.points, 0);
      result = {
        version: v,
        base: t.points,
        rules,
        total,
        countsUntil: addDuration(rec.occurredAt, t.countsFor),
      };
    }
    if (own) perItem[item.slot] = result;
    return result;
  }

  /**
   * How one record counts at t (DESIGN §3): inside its window, not annulled (as known at `knownAt`), not
   * repaired, not suspended; under the version of its date unless the version in force at t is kinder.
   */
  contribution(item: Item, t: number, knownAt = Number.POSITIVE_INFINITY): Contribution | null {
    const chosen = this.counted(item, t, knownAt);
    const factor = chosen ? this.factor(item, this.versions.at(t)) : 0;
    return chosen ? { item, scored: chosen, factor, points: chosen.total * factor } : null;
  }

  /** contribution's points alone (0: it does not count), without building the contribution. */
  private pointsAt(item: Item, t: number, knownAt: number): number {
    const chosen = this.counted(item, t, knownAt);
    return chosen ? chosen.total * this.factor(item, this.versions.at(t)) : 0;
  }

  /** The version's points a record counts with at t (see contribution), or null when it does not count. */
  private counted(item: Item, t: number, knownAt: number): VersionPoints | null {
    const rec = item.rec;
    if (rec.occurredAt > t) return null;
    if (rec.annulledAt !== undefined && rec.annulledAt <= knownAt) return null;
    // as the registry knew it then: a backdated record is unknown before it was recorded (lists, not scores)
    if (rec.knownAt !== undefined && rec.knownAt > knownAt) return null;
    if (rec.repairedAt !== undefined && rec.repairedAt <= t) return null;
    if (rec.suspended.length > 0 && within(t, rec.suspended)) return null;
    const vT = this.versions.at(t);
    const factor = this.factor(item, vT);
    if (factor === 0) return null;
    const vO = this.versions.at(rec.occurredAt);
    const atO = this.pointsUnder(item, vO);
    const candO = atO && t < atO.countsUntil ? atO : null;
    let chosen = candO;
    if (vT !== vO) {
      const atT = this.pointsUnder(item, vT);
      const candT = atT && t < atT.countsUntil ? atT : null;
      // lex mitior: the kinder of the two, where "not counting" (0) is a candidate too
      const pO = candO?.total ?? 0;
      const pT = candT?.total ?? 0;
      if (pT > pO) chosen = candT;
      else if (pT === pO && candT === null) chosen = pO === 0 ? null : candO;
      if (!candT && atO && pO < 0) chosen = null; // decriminalised in the version now in force
    }
    return chosen;
  }

  private factor(item: Item, vT: Rulebook): number {
    if (item.via === 'own') return 1;
    if (!vT.propagation) return 0;
    return item.via === 'branch' ? vT.propagation.branchToParent ** item.depth : vT.propagation.onBehalfOf;
  }

  contributions(t: number, knownAt = Number.POSITIVE_INFINITY): Contribution[] {
    const out: Contribution[] = [];
    for (const item of this.items) {
      const c = this.contribution(item, t, knownAt);
      if (c) out.push(c);
    }
    return out;
  }

  /** score = clamp(base + round(Σ points)); clamping once, at the end. */
  scoreAt(
    t: number,
    knownAt = Number.POSITIVE_INFINITY,
  ): { score: number; grade: string; raw: number; unclamped: number; version: Rulebook } {
    let raw: number;
    // one or two look-ups are cheaper summed directly; many (lists, measures, forecasts) use the step function
    this.lookups++;
    if (this.lookups > 2 && knownAt === Number.POSITIVE_INFINITY) raw = this.sweep('corrected').rawAt(t);
    else if (this.lookups > 2 && knownAt === t) raw = this.sweep('known').rawAt(t);
    else {
      raw = 0;
      for (const item of this.items) raw += this.pointsAt(item, t, knownAt);
    }
    const v = this.versions.at(t);
    const unclamped = v.scale.base + Math.round(raw);
    const score = Math.min(v.scale.max, Math.max(v.scale.min, unclamped));
    return { score, grade: gradeOf(v, score), raw, unclamped, version: v };
  }

  private sweeps = new Map<'corrected' | 'known', Sweep>();
  private lookups = 0;

  /**
   * The raw score as a step function of time, built once: each record's contribution only changes at its own
   * moments (start, window ends under each version, repair, suspensions, annulment) and at version changes,
   * so scoring at any moment is a binary search instead of a walk over every record.
   * `known` sees annulments only from the moment they were made (for list decisions taken at the time).
   */
  private sweep(mode: 'corrected' | 'known'): Sweep {
    let sw = this.sweeps.get(mode);
    if (sw) return sw;
    // each change as two numbers in flat arrays, not a pair each: a rebuild makes a few for every record
    const at: number[] = [];
    const by: number[] = [];
    const versionTimes = this.versions.changeTimes;
    // one record's moments at a time, in one array for them all (emptied for each)
    const times: number[] = [];
    for (const item of this.items) {
      const rec = item.rec;
      times.length = 0;
      times.push(rec.occurredAt);
      for (const v of this.versions.versions) {
        const pts = this.pointsUnder(item, v);
        if (pts) times.push(pts.countsUntil);
      }
      for (const vt of versionTimes) if (vt > rec.occurredAt) times.push(vt);
      if (rec.repairedAt !== undefined) times.push(rec.repairedAt);
      if (mode === 'known' && rec.annulledAt !== undefined) times.push(rec.annulledAt);
      if (mode === 'known' && rec.knownAt !== undefined) times.push(rec.knownAt);
      for (const i of rec.suspended) {
        times.push(i.from);
        if (Number.isFinite(i.to)) times.push(i.to);
      }
      let prev = 0;
      for (const t of ascendingUnique(times)) {
        if (t < rec.occurredAt) continue;
        const value = this.pointsAt(item, t, mode === 'known' ? t : Number.POSITIVE_INFINITY);
        if (value !== prev) {
          at.push(t);
          by.push(value - prev);
          prev = value;
        }
      }
    }
    const steps = runningSums(at, by);
    sw = new Sweep(steps.times, steps.sums);
    this.sweeps.set(mode, sw);
    return sw;
  }

  /**
   * Every moment at which a score can change: records starting and ending, status changes, new versions; with
   * the moments each of the own records leaves each extra window. Computed once per set of windows.
   */
  changeTimes(extraWindows: readonly Duration[] = NO_WINDOWS): readonly number[] {
    let key = windowKeys.get(extraWindows);
    if (key === undefined) {
      key = extraWindows
        .map((w) => `${w.years},${w.months},${w.weeks},${w.days},${w.hours},${w.minutes},${w.seconds}`)
        .join(';');
      windowKeys.set(extraWindows, key);
    }
    let out = this.times.get(key);
    if (!out) {
      out = this.computeChangeTimes(extraWindows);
      this.times.set(key, out);
    }
    return out;
  }

  private computeChangeTimes(extraWindows: readonly Duration[]): readonly number[] {
    // the moments with extra windows are those without, and the moments the own records leave each window
    if (extraWindows.length > 0) {
      const leaves: number[] = [];
      for (const item of this.items)
        if (item.via === 'own')
          for (const w of extraWindows) leaves.push(windowLeaves(item.rec.occurredAt, w));
      return mergeAscendingUnique(this.changeTimes(), ascendingUnique(leaves));
    }
    const times: number[] = [...this.versions.changeTimes];
    for (const item of this.items) {
      const rec = item.rec;
      times.push(rec.occurredAt);
      // a record repaired or annulled before its window ends changes nothing then: no stale "next change"
      const stopped = Math.min(
        rec.repairedAt ?? Number.POSITIVE_INFINITY,
        rec.annulledAt ?? Number.POSITIVE_INFINITY,
      );
      for (const v of this.versions.versions) {
        const p = this.pointsUnder(item, v);
        if (p && p.countsUntil < stopped) times.push(p.countsUntil);
      }
      if (rec.annulledAt !== undefined) times.push(rec.annulledAt);
      if (rec.repairedAt !== undefined) times.push(rec.repairedAt);
      if (rec.knownAt !== undefined && rec.knownAt > rec.occurredAt) times.push(rec.knownAt);
      for (const s of rec.suspended) {
        times.push(s.from);
        if (Number.isFinite(s.to)) times.push(s.to);
      }
    }
    return ascendingUnique(times);
  }
}
