import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import { activeAt, deriveEntries } from '../../rules/lists.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { Timeline } from '../../rules/scorer.ts';
import { RulebookSet } from '../../rules/versions.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { loadedCounts, marksString, versionsKey } from '../derive/derive.marks.ts';
import { decodeState } from '../derive/derive.state.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { DerivedRow, Tx } from '../ports/ports.store.ts';
import { workerScript } from '../ports/ports.workers.ts';
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

/** A subject's side under the current versions at the what-if date: its score, grade and the lists it is on. */
export interface CurrentSide {
  readonly score: number;
  readonly grade: string;
  readonly lists: ReadonlySet<string>;
}

function sideOf(tl: Timeline, when: number): CurrentSide {
  const s = tl.scoreAt(when);
  return {
    score: s.score,
    grade: s.grade,
    lists: new Set(activeAt(deriveEntries(tl), when).map((e) => e.list)),
  };
}

/**
 * The current side read from a stored projection, when the projection says exactly what deriving it again would:
 * derived from this very ledger, under this rulebook set and engine (its marks are those a derivation of the
 * loaded files would store), and `when` inside its validity [computed_at, next_change_at) under the version then
 * in force. Otherwise undefined: the side is derived from the ledger.
 */
export function storedSide(
  row: DerivedRow | undefined,
  marks: string,
  current: RulebookSet,
  when: number,
): CurrentSide | undefined {
  if (!row || row.marks !== marks) return undefined;
  if (row.rulebook_hash !== current.at(when).hash) return undefined;
  if (Number(row.computed_at) > when) return undefined;
  if (row.next_change_at !== null && Number(row.next_change_at) <= when) return undefined;
  // list entries do not depend on the date: those stored hold for `when` as they held when derived
  const lists = new Set(activeAt(decodeState(row.state, current.byHash).entries, when).map((e) => e.list));
  return { score: Number(row.score), grade: row.grade, lists };
}

/**
 * The pure part: one batch of subject files under the current and the proposed versions. The current side of a
 * subject found in `stored` is taken from there; the others are derived, as the proposed side always is.
 */
export function evaluateFiles(
  files: ReadonlyMap<number, SubjectFile>,
  current: RulebookSet,
  proposed: RulebookSet,
  when: number,
  stored: ReadonlyMap<number, CurrentSide> = new Map(),
): WhatIfPart {
  const p = emptyPart();
  for (const [id, file] of files) {
    p.subjects++;
    const a = stored.get(id) ?? sideOf(new Timeline(file, current), when);
    const b = sideOf(new Timeline(file, proposed), when);
    bump(p.matrix, `${a.grade}→${b.grade}`);
    if (a.score !== b.score)
      p.affected.push({
        subject: file.subject.ref,
        from: a.score,
        to: b.score,
        delta: b.score - a.score,
      });
    const la = a.lists;
    const lb = b.lists;
    for (const l of lb) if (!la.has(l)) bump(p.entered, l);
    for (const l of la) if (!lb.has(l)) bump(p.exited, l);
    const listChanged = la.size !== lb.size || [...la].some((l) => !lb.has(l));
    if (listChanged) p.changedList++;
    const region = file.subject.facts.region || '—';
    for (const t of [
      tally(p.byGrade, a.grade),
      tally(p.bySector, file.subject.facts.sector),
      tally(p.byRegion, region),
    ]) {
      t.subjects++;
      if (a.grade !== b.grade) t.changed_grade++;
      if (listChanged) t.changed_list++;
    }
  }
  p.affected.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.subject.localeCompare(y.subject));
  p.affected.length = Math.min(p.affected.length, KEEP);
  return p;
}

/**
 * One batch of subjects read and evaluated in one transaction: every file is loaded (the proposed side needs it),
 * and with `fromProjection` the current side comes from each stored projection that is current for `when`. A
 * projection written after the files were read names another ledger in its marks: it is not used.
 */
export async function evaluateBatch(
  tx: Tx,
  current: RulebookSet,
  proposed: RulebookSet,
  when: number,
  ids: readonly number[],
  fromProjection: boolean,
): Promise<WhatIfPart> {
  const loaded = await loadFiles(tx, current, ids);
  const stored = new Map<number, CurrentSide>();
  if (fromProjection) {
    const rows = new Map((await tx.derivedOf(ids)).map((r) => [Number(r.subject_id), r]));
    const vkey = versionsKey(current);
    const counts = loadedCounts(loaded);
    for (const id of loaded.files.keys()) {
      const side = storedSide(
        rows.get(id),
        marksString(vkey, loaded.involved.get(id) ?? [id], counts),
        current,
        when,
      );
      if (side) stored.set(id, side);
    }
  }
  return evaluateFiles(loaded.files, current, proposed, when, stored);
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
  /**
   * Take the current side from the stored projections where they are current for the date (default), deriving it
   * only where they are not; false: derive both sides of every subject from the ledger.
   */
  readonly fromProjection?: boolean;
}

/**
 * Evaluates a draft against the whole population without writing anything: grade transitions, list entries and
 * exits, the subjects most affected, and the change by grade, sector and region. The current side of a subject is
 * read from its stored projection when that is current for the date, else derived; the draft's side is derived.
 * Runs on all cores when the population is large (each worker reads its own batches of subjects).
 */
export async function whatIf(ctx: AppContext, draft: Rulebook, opts: WhatIfOptions | number = {}) {
  const o: WhatIfOptions = typeof opts === 'number' ? { at: opts } : opts;
  const current = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const when = o.at ?? Math.max(ctx.clock.now(), draft.effectiveFrom);
  const proposed = new RulebookSet([...current.versions.filter((v) => v.hash !== draft.hash), draft]);
  const total = await ctx.store.subjectCount();
  // a worker costs about a second to start (modules, rulebooks): worth it only for large populations
  const workers = o.workers ?? (total >= 50_000 && ctx.storeFactory ? availableParallelism() : 1);
  const fromProjection = o.fromProjection ?? true;
  const part =
    workers > 1 && ctx.storeFactory
      ? await inWorkers(ctx, current, draft, when, fromProjection, workers, total, o.onProgress)
      : await inProcess(ctx, current, proposed, when, fromProjection, total, o.onProgress);
  return report(draft, when, part);
}

async function inProcess(
  ctx: AppContext,
  current: RulebookSet,
  proposed: RulebookSet,
  when: number,
  fromProjection: boolean,
  total: number,
  onProgress?: (d: number, t: number) => void,
) {
  const all = emptyPart();
  let after = 0;
  for (;;) {
    const ids = await ctx.store.subjectIdsAfter(after, BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const part = await ctx.store.transaction((tx) =>
      evaluateBatch(tx, current, proposed, when, ids, fromProjection),
    );
    mergeParts(all, part);
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
  fromProjection: boolean,
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
  const { script: url, entry } = workerScript(import.meta.url, 'governance.whatif.worker');
  const workerData = {
    entry: entry.href,
    factory: ctx.storeFactory,
    current: current.versions.map((v) => v.source),
    draft: draft.source,
    when,
    fromProjection,
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
              w.off('exit', stopped);
              resolve(p);
            };
            const fail = (e: Error) => {
              w.off('message', done);
              w.off('exit', stopped);
              reject(e);
            };
            // a worker that stops without a word (out of memory, process.exit) fails the run instead of hanging it
            const stopped = (code: number) => {
              w.off('message', done);
              w.off('error', fail);
              reject(new Error(`a what-if worker stopped (exit code ${code})`));
            };
            w.once('message', done);
            w.once('error', fail);
            w.once('exit', stopped);
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
