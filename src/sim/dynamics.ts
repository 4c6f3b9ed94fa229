import { addDuration, parseDuration } from '../domain/duration.ts';
import type { SubjectFile } from '../rules/ledger.model.ts';
import { deriveEntries } from '../rules/lists.ts';
import { Timeline } from '../rules/scorer.ts';
import type { RulebookSet } from '../rules/versions.ts';

/** What the critics worry about, measured on a population: lasting black lists, spirals, concentration. */
export interface Dynamics {
  subjects: number;
  /** Quarterly checkpoints: mean score and the share of subjects on a black list. */
  timeline: { at: number; meanScore: number; blackListed: number; lowGrade: number }[];
  /** Subjects on a black list at the end, and of those listed in the first year, still listed at the end. */
  blackListedAtEnd: number;
  listedInFirstYear: number;
  stillListedFromFirstYear: number;
  /** Entries of black lists: how long they lasted in practice (days), and how they ended. */
  entryDays: number[];
  exits: Record<string, number>;
  /** Subjects listed more than once on black lists (repeat listings: a spiral). */
  repeatListed: number;
  /** Subjects in the two lowest grades at every yearly checkpoint. */
  persistentlyLow: number;
  /** Share of subjects in the two lowest grades at the end, by sector and by region, beside the overall share. */
  lowBySector: Record<string, { subjects: number; low: number }>;
  lowByRegion: Record<string, { subjects: number; low: number }>;
  lowOverall: number;
}

export function emptyDynamics(from: number, to: number): Dynamics {
  const timeline: Dynamics['timeline'] = [];
  const quarter = parseDuration('P3M').value!;
  for (let t = from; t <= to; t = addDuration(t, quarter))
    timeline.push({ at: t, meanScore: 0, blackListed: 0, lowGrade: 0 });
  return {
    subjects: 0,
    timeline,
    blackListedAtEnd: 0,
    listedInFirstYear: 0,
    stillListedFromFirstYear: 0,
    entryDays: [],
    exits: {},
    repeatListed: 0,
    persistentlyLow: 0,
    lowBySector: {},
    lowByRegion: {},
    lowOverall: 0,
  };
}

/** Adds a batch of subjects to the measurements (sums; means are finished in `finish`). */
export function measure(
  d: Dynamics,
  files: Iterable<SubjectFile>,
  versions: RulebookSet,
  from: number,
  to: number,
): void {
  const firstYearEnd = addDuration(from, parseDuration('P1Y').value!);
  for (const file of files) {
    d.subjects++;
    const tl = new Timeline(file, versions);
    const black = deriveEntries(tl).filter((e) => e.kind === 'black' && !e.lapsed && e.since <= to);
    const lowGrades = (t: number) => {
      const g = versions.at(t).grades.map((x) => x.grade);
      return g.slice(-2);
    };
    let lowEverywhere = true;
    for (const [i, cp] of d.timeline.entries()) {
      const s = tl.scoreAt(cp.at);
      cp.meanScore += s.score;
      if (black.some((e) => e.since <= cp.at && cp.at < e.until)) cp.blackListed++;
      const low = lowGrades(cp.at).includes(s.grade);
      if (low) cp.lowGrade++;
      if (i % 4 === 0 && !low) lowEverywhere = false;
    }
    if (lowEverywhere) d.persistentlyLow++;
    const atEnd = black.some((e) => e.since <= to && to < e.until);
    if (atEnd) d.blackListedAtEnd++;
    const early = black.filter((e) => e.since < firstYearEnd);
    if (early.length > 0) {
      d.listedInFirstYear++;
      if (early.some((e) => e.until > to)) d.stillListedFromFirstYear++;
    }
    if (black.length > 1) d.repeatListed++;
    for (const e of black) {
      const end = Math.min(e.until, to);
      d.entryDays.push(Math.round((end - e.since) / 86_400_000));
      const how = e.until > to ? 'still listed' : e.exit;
      d.exits[how] = (d.exits[how] ?? 0) + 1;
    }
    const endScore = tl.scoreAt(to);
    const low = lowGrades(to).includes(endScore.grade);
    if (low) d.lowOverall++;
    const sector = file.subject.facts.sector;
    const region = file.subject.facts.region || '—';
    d.lowBySector[sector] ??= { subjects: 0, low: 0 };
    d.lowBySector[sector].subjects++;
    if (low) d.lowBySector[sector].low++;
    d.lowByRegion[region] ??= { subjects: 0, low: 0 };
    d.lowByRegion[region].subjects++;
    if (low) d.lowByRegion[region].low++;
  }
}

export function finish(d: Dynamics): Dynamics {
  for (const cp of d.timeline) cp.meanScore = d.subjects ? cp.meanScore / d.subjects : 0;
  d.entryDays.sort((a, b) => a - b);
  return d;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  return xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
}

/** The findings in words. */
export function dynamicsText(d: Dynamics, years: number): string {
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '—');
  const overall = d.subjects ? d.lowOverall / d.subjects : 0;
  const concentration = (m: Record<string, { subjects: number; low: number }>) =>
    Object.entries(m)
      .filter(([, v]) => v.subjects >= 10)
      .map(([k, v]) => ({ k, share: v.low / v.subjects, n: v.subjects }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 5)
      .map(
        (x) =>
          `  ${x.k.padEnd(22)} ${pct(x.share * x.n, x.n).padStart(6)} of ${x.n} (×${overall ? (x.share / overall).toFixed(2) : '—'} the overall share)`,
      );
  return [
    `dynamics over ${years} year(s), ${d.subjects} subjects:`,
    `  on a black list at the end: ${d.blackListedAtEnd} (${pct(d.blackListedAtEnd, d.subjects)})`,
    `  listed in the first year: ${d.listedInFirstYear}; of them still listed at the end: ${d.stillListedFromFirstYear} (${pct(d.stillListedFromFirstYear, d.listedInFirstYear)})`,
    `  black-list entries: ${d.entryDays.length}; days listed in practice: median ${percentile(d.entryDays, 50)}, p90 ${percentile(d.entryDays, 90)}, max ${percentile(d.entryDays, 100)}`,
    `  how entries ended: ${
      Object.entries(d.exits)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
    `  listed more than once (repeat listings): ${d.repeatListed} (${pct(d.repeatListed, d.subjects)})`,
    `  in the two lowest grades at every yearly checkpoint ("second-class" for the whole period): ${d.persistentlyLow} (${pct(d.persistentlyLow, d.subjects)})`,
    `  in the two lowest grades at the end: ${pct(d.lowOverall, d.subjects)} overall; highest shares by sector:`,
    ...concentration(d.lowBySector),
    '  highest shares by region (province code):',
    ...concentration(d.lowByRegion),
  ].join('\n');
}
