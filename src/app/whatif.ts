import { activeAt, deriveEntries } from '../rules/lists.ts';
import type { Rulebook } from '../rules/rulebook.model.ts';
import { Timeline } from '../rules/scorer.ts';
import { RulebookSet } from '../rules/versions.ts';
import type { AppContext } from './context.ts';
import { loadFiles } from './files.ts';
import { activeRulebooks } from './rulebooks.ts';

/** Evaluates a draft against the whole population without writing anything: grade transitions and list changes. */
export async function whatIf(ctx: AppContext, draft: Rulebook, at?: number) {
  const current = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const when = at ?? Math.max(ctx.clock.now(), draft.effectiveFrom);
  const proposed = new RulebookSet([...current.versions.filter((v) => v.hash !== draft.hash), draft]);
  const matrix = new Map<string, number>();
  const entered = new Map<string, number>();
  const exited = new Map<string, number>();
  const affected: { subject: string; from: number; to: number; delta: number }[] = [];
  // how many subjects change grade or list, by their current grade and by sector (organizations: from the USCI)
  type Tally = { subjects: number; changed_grade: number; changed_list: number };
  const byGrade = new Map<string, Tally>();
  const bySector = new Map<string, Tally>();
  const tally = (m: Map<string, Tally>, k: string) => {
    let t = m.get(k);
    if (!t) {
      t = { subjects: 0, changed_grade: 0, changed_list: 0 };
      m.set(k, t);
    }
    return t;
  };
  let changedList = 0;
  let subjects = 0;
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, 1000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const { files } = await ctx.store.transaction((tx) => loadFiles(tx, current, ids));
    for (const file of files.values()) {
      subjects++;
      const a = new Timeline(file, current);
      const b = new Timeline(file, proposed);
      const sa = a.scoreAt(when);
      const sb = b.scoreAt(when);
      const k = `${sa.grade}→${sb.grade}`;
      matrix.set(k, (matrix.get(k) ?? 0) + 1);
      if (sa.score !== sb.score)
        affected.push({
          subject: file.subject.ref,
          from: sa.score,
          to: sb.score,
          delta: sb.score - sa.score,
        });
      const la = new Set(activeAt(deriveEntries(a), when).map((e) => e.list));
      const lb = new Set(activeAt(deriveEntries(b), when).map((e) => e.list));
      for (const l of lb) if (!la.has(l)) entered.set(l, (entered.get(l) ?? 0) + 1);
      for (const l of la) if (!lb.has(l)) exited.set(l, (exited.get(l) ?? 0) + 1);
      const listChanged = la.size !== lb.size || [...la].some((l) => !lb.has(l));
      if (listChanged) changedList++;
      for (const t of [tally(byGrade, sa.grade), tally(bySector, file.subject.facts.sector)]) {
        t.subjects++;
        if (sa.grade !== sb.grade) t.changed_grade++;
        if (listChanged) t.changed_list++;
      }
    }
  }
  affected.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  const transitions = [...matrix].map(([k, count]) => {
    const [from, to] = k.split('→');
    return { from: from!, to: to!, count };
  });
  const changed = transitions.filter((t) => t.from !== t.to).reduce((s, t) => s + t.count, 0);
  const lines = [
    `what-if: ${draft.name} ${draft.version} against the active rulebook, as of ${new Date(when).toISOString().slice(0, 10)}`,
    `${subjects} subjects; ${changed} change grade; ${affected.length} change score`,
    'grade transitions (from → to: count):',
    ...transitions
      .sort((x, y) => y.count - x.count)
      .map((t) => `  ${t.from.padEnd(4)} → ${t.to.padEnd(4)} ${t.count}`),
    `list entries caused: ${[...entered].map(([l, n]) => `${l} +${n}`).join(', ') || 'none'}`,
    `list exits caused: ${[...exited].map(([l, n]) => `${l} −${n}`).join(', ') || 'none'}`,
    'most affected:',
    ...affected
      .slice(0, 10)
      .map((x) => `  ${x.subject}: ${x.from} → ${x.to} (${x.delta > 0 ? '+' : ''}${x.delta})`),
  ];
  return {
    draft: { name: draft.name, version: draft.version, hash: draft.hash },
    at: new Date(when).toISOString(),
    subjects,
    changed_grade: changed,
    transitions,
    list_entries: Object.fromEntries(entered),
    list_exits: Object.fromEntries(exited),
    most_affected: affected.slice(0, 50),
    changed_list: changedList,
    by_grade: Object.fromEntries(byGrade),
    by_sector: Object.fromEntries(bySector),
    text: lines.join('\n'),
  };
}
