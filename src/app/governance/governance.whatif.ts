import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import { activeAt, deriveEntries } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { Timeline } from '../../rules/scorer.ts';
import { RulebookSet } from '../../rules/versions.ts';
import { loadFiles } from '../derive/derive.files.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { activeRulebooks } from './governance.rulebooks.ts';

/** Counts that add up across batches and workers. */
export interface WhatIfPart {
  subjects: number;
  changedList: number;
  matrix: Record<string, number>;
  entered: Record<string, number>;
  exited: Record<string, number>;
  affected: { subject: string; from: number; to: number; delta: number }[];
  byGrade: Record<string, Tally>;
  bySector: Record<string, Tally>;
  byRegion: Record<string, Tally>;
}

export interface Tally {
  subjects: number;
  changed_grade: number;
  changed_list: number;
}

const KEEP = 50;

export function emptyPart(): WhatIfPart {
  return {
    subjects: 0,
    changedList: 0,
    matrix: {},
    entered: {},
    exited: {},
    affected: [],
    byGrade: {},
    bySector: {},
    byRegion: {},
  };
}

const bump = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

function tally(m: Record<string, Tally>, k: string): Tally {
  m[k] ??= { subjects: 0, changed_grade: 0, changed_list: 0 };
  return m[k];
}

/** The pure part: one batch of subject files under the current and the proposed versions. */
export function evaluateFiles(
  files: Iterable<SubjectFile>,
  current: RulebookSet,
  proposed: RulebookSet,
  when: number,
): WhatIfPart {
  const p = emptyPart();
  for (const file of files) {
    p.subjects++;
    const a = new Timeline(file, current);
    const b = new Timeline(file, proposed);
    const sa = a.scoreAt(when);
    const sb = b.scoreAt(when);
    bump(p.matrix, `${sa.grade}→${sb.grade}`);
    if (sa.score !== sb.score)
      p.affected.push({
        subject: file.subject.ref,
        from: sa.score,
        to: sb.score,
        delta: sb.score - sa.score,
      });
    const la = new Set(activeAt(deriveEntries(a), when).map((e) => e.list));
    const lb = new Set(activeAt(deriveEntries(b), when).map((e) => e.list));
    for (const l of lb) if (!la.has(l)) bump(p.entered, l);
    for (const l of la) if (!lb.has(l)) bump(p.exited, l);
    const listChanged = la.size !== lb.size || [...la].some((l) => !lb.has(l));
    if (listChanged) p.changedList++;
    const region = file.subject.facts.region || '—';
    for (const t of [
      tally(p.byGrade, sa.grade),
      tally(p.bySector, file.subject.facts.sector),
      tally(p.byRegion, region),
    ]) {
      t.subjects++;
      if (sa.grade !== sb.grade) t.changed_grade++;
      if (listChanged) t.changed_list++;
    }
  }
  p.affected.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.subject.localeCompare(y.subject));
  p.affected.length = Math.min(p.affected.length, KEEP);
  return p;
}

export function mergeParts(into: WhatIfPart, p: WhatIfPart): WhatIfPart {
  into.subjects += p.subjects;
  into.changedList += p.changedList;
  for (const [k, v] of Object.entries(p.matrix)) bump(into.matrix, k, v);
  for (const [k, v] of Object.entries(p.entered)) bump(into.entered, k, v);
  for (const [k, v] of Object.entries(p.exited)) bump(into.exited, k, v);
  for (const [key, src] of [
    ['byGrade', p.byGrade],
    ['bySector', p.bySector],
    ['byRegion', p.byRegion],
  ] as const) {
    for (const [k, t] of Object.entries(src)) {
      const d = tally(into[key], k);
      d.subjects += t.subjects;
      d.changed_grade += t.changed_grade;
      d.changed_list += t.changed_list;
    }
  }
  into.affected = [...into.affected, ...p.affected]
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.subject.localeCompare(y.subject))
    .slice(0, KEEP);
  return into;
}

const BATCH = 1000;

export interface WhatIfOptions {
  readonly at?: number;
  /** Worker threads; default: all cores for populations above a few thousand subjects. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Evaluates a draft against the whole population without writing anything: grade transitions, list entries and
 * exits, the subjects most affected, and the change by grade, sector and region. Runs on all cores when the
 * population is large (each worker reads its own batches of subjects).
 */
export async function whatIf(ctx: AppContext, draft: Rulebook, opts: WhatIfOptions | number = {}) {
  const o: WhatIfOptions = typeof opts === 'number' ? { at: opts } : opts;
  const current = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const when = o.at ?? Math.max(ctx.clock.now(), draft.effectiveFrom);
  const proposed = new RulebookSet([...current.versions.filter((v) => v.hash !== draft.hash), draft]);
  const total = await ctx.store.subjectCount();
  // a worker costs about a second to start (modules, rulebooks): worth it only for large populations
  const workers = o.workers ?? (total >= 50_000 && ctx.storeFactory ? availableParallelism() : 1);
  const part =
    workers > 1 && ctx.storeFactory
      ? await inWorkers(ctx, current, draft, when, workers, total, o.onProgress)
      : await inProcess(ctx, current, proposed, when, total, o.onProgress);
  return report(draft, when, part);
}

async function inProcess(
  ctx: AppContext,
  current: RulebookSet,
  proposed: RulebookSet,
  when: number,
  total: number,
  onProgress?: (d: number, t: number) => void,
) {
  const all = emptyPart();
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const { files } = await ctx.store.transaction((tx) => loadFiles(tx, current, ids));
    mergeParts(all, evaluateFiles(files.values(), current, proposed, when));
    onProgress?.(all.subjects, total);
  }
  return all;
}

/** Hands out batches of subject ids to worker threads as they become free; merges what they send back. */
async function inWorkers(
  ctx: AppContext,
  current: RulebookSet,
  draft: Rulebook,
  when: number,
  n: number,
  total: number,
  onProgress?: (d: number, t: number) => void,
) {
  const all = emptyPart();
  let after = 0;
  let exhausted = false;
  // batches are handed out one at a time: workers asking together must not get the same ids
  let queue: Promise<unknown> = Promise.resolve();
  const nextBatch = (): Promise<number[] | null> => {
    const next = queue.then(async () => {
      if (exhausted) return null;
      const ids = await ctx.store.subjectIdsAfter(after, BATCH);
      if (ids.length === 0) {
        exhausted = true;
        return null;
      }
      after = ids[ids.length - 1]!;
      return ids;
    });
    queue = next;
    return next;
  };
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSource ? './governance.whatif.worker.ts' : './governance.whatif.worker.js',
    import.meta.url,
  );
  const url = fromSource ? new URL('./ts-worker.mjs', import.meta.url) : entry;
  const workerData = {
    entry: entry.href,
    factory: ctx.storeFactory,
    current: current.versions.map((v) => v.source),
    draft: draft.source,
    when,
  };
  await Promise.all(
    Array.from({ length: n }, async () => {
      const w = new Worker(url, { workerData });
      try {
        for (;;) {
          const ids = await nextBatch();
          if (!ids) break;
          const part = await new Promise<WhatIfPart>((resolve, reject) => {
            const done = (p: WhatIfPart) => {
              w.off('error', fail);
              resolve(p);
            };
            const fail = (e: Error) => {
              w.off('message', done);
              reject(e);
            };
            w.once('message', done);
            w.once('error', fail);
            w.postMessage(ids);
          });
          mergeParts(all, part);
          onProgress?.(all.subjects, total);
        }
      } finally {
        await w.terminate();
      }
    }),
  );
  return all;
}

function report(draft: Rulebook, when: number, p: WhatIfPart) {
  const transitions = Object.entries(p.matrix).map(([k, count]) => {
    const [from, to] = k.split('→');
    return { from: from!, to: to!, count };
  });
  const changed = transitions.filter((t) => t.from !== t.to).reduce((s, t) => s + t.count, 0);
  const lines = [
    `what-if: ${draft.name} ${draft.version} against the active rulebook, as of ${new Date(when).toISOString().slice(0, 10)}`,
    `${p.subjects} subjects; ${changed} change grade; ${p.changedList} change list; ${p.affected.length === KEEP ? `at least ${KEEP}` : p.affected.length} change score`,
    'grade transitions (from → to: count):',
    ...transitions
      .sort((x, y) => y.count - x.count)
      .map((t) => `  ${t.from.padEnd(4)} → ${t.to.padEnd(4)} ${t.count}`),
    `list entries caused: ${
      Object.entries(p.entered)
        .map(([l, n]) => `${l} +${n}`)
        .join(', ') || 'none'
    }`,
    `list exits caused: ${
      Object.entries(p.exited)
        .map(([l, n]) => `${l} −${n}`)
        .join(', ') || 'none'
    }`,
    'by sector (subjects, changing grade, changing list):',
    ...Object.entries(p.bySector).map(
      ([k, t]) =>
        `  ${k.padEnd(22)} ${String(t.subjects).padStart(7)} ${String(t.changed_grade).padStart(7)} ${String(t.changed_list).padStart(7)}`,
    ),
    'most affected:',
    ...p.affected
      .slice(0, 10)
      .map((x) => `  ${x.subject}: ${x.from} → ${x.to} (${x.delta > 0 ? '+' : ''}${x.delta})`),
  ];
  return {
    draft: { name: draft.name, version: draft.version, hash: draft.hash },
    at: new Date(when).toISOString(),
    subjects: p.subjects,
    changed_grade: changed,
    transitions,
    list_entries: p.entered,
    list_exits: p.exited,
    most_affected: p.affected,
    changed_list: p.changedList,
    by_grade: p.byGrade,
    by_sector: p.bySector,
    by_region: p.byRegion,
    text: lines.join('\n'),
  };
}

export type WhatIfReport = ReturnType<typeof report>;
