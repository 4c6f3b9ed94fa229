/**
 * `rebuildAll` over a simulated population (default 10,000 subjects, about 3 records each), beside
 * `SELECT subject_id, count(*), max(seq) FROM records GROUP BY subject_id` over the same rows through a second
 * better-sqlite3 connection (the median of five runs), interleaved repetition by repetition:
 *
 *   unchanged  `rebuildAll(ctx)` when nothing has changed since the last derivation (it checks before recomputing)
 *   full       `rebuildAll(ctx, { full: true })`: every subject recomputed; the projections come out as stored,
 *              so none is written again
 *   rewritten  the same after every stored projection's marks were altered through a second connection (untimed):
 *              every subject recomputed and every projection written again
 *
 * The full rebuild is also compared with the code before this work (REFERENCE below, measured once with this
 * program's predecessor at that commit on the same population): by its ratio to the GROUP BY, so that machines
 * of different speed compare fairly.
 *
 *   npx tsx bench/rebuild.bench.ts [--subjects 10000] [--reps 3]
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { rebuildAll } from '../src/app/maintenance/maintenance.tick.ts';
import { simulatePopulation } from '../src/sim/population.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  median,
  NOW,
  ratio,
  rejectCounter,
  report,
} from './_util.ts';

const S = arg('subjects', 10_000, 2000);
const REPS = arg('reps', 3);
const WORKERS = 2;

/**
 * The full rebuild before this work (commit 9b5ae14, where `rebuildAll(ctx)` recomputed every subject), measured
 * with that commit's rebuild.bench.ts, its GROUP BY made the one above (median of five a repetition), at
 * 10,000 subjects / 32,202 records, --reps 3, medians, on a quiet machine: 1,635 ms beside 6.1 ms (bench/README.md).
 */
export const REFERENCE = {
  commit: '9b5ae14',
  msPer10k: 1635,
  groupByMs: 6.1,
  ratioToGroupBy: 267,
} as const;
const SPEEDUP = 4;

const reg = await freshRegistry();
try {
  const rej = rejectCounter();
  const t0 = performance.now();
  const sum = await importLines(
    reg.ctx,
    asLines(simulatePopulation(reg.rb, { subjects: S, seed: 1, now: NOW })),
    rej.on,
  );
  if (rej.r.count > 0) throw new Error(`population lines rejected: ${rej.r.first}`);
  const db = new Database(join(reg.dir, 'registry.db'), { readonly: true });
  const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  console.log(
    `rebuild.bench: ${fmt(S)} subjects, ${fmt(records)} records (${fmt(sum.lines)} lines imported in ${fmt((performance.now() - t0) / 1000, 1)} s), ${REPS} rep(s); ${machine()}`,
  );
  const group = db.prepare('SELECT subject_id, count(*), max(seq) FROM records GROUP BY subject_id').raw();
  // the aggregate takes milliseconds: each repetition quotes the median of five, so one stall does not decide it
  const groupBy = () => {
    const ms: number[] = [];
    let n = 0;
    for (let k = 0; k < 5; k++) {
      const b0 = performance.now();
      n = group.all().length;
      ms.push(performance.now() - b0);
    }
    return { ms: median(ms), n };
  };
  // a first pass of each kind, untimed: both paths and the aggregate start warm
  await rebuildAll(reg.ctx, { full: true });
  await rebuildAll(reg.ctx);
  groupBy();

  const unchanged: number[] = [];
  const full: number[] = [];
  const onWorkers: number[] = [];
  const rewritten: number[] = [];
  const writer = new Database(join(reg.dir, 'registry.db'));
  const alter = writer.prepare("UPDATE derived SET marks = marks || '~'");
  const base: number[] = [];
  let recomputed = 0;
  for (let rep = 0; rep < REPS; rep++) {
    let a0 = performance.now();
    const u = await rebuildAll(reg.ctx);
    unchanged.push(performance.now() - a0);
    recomputed = Math.max(recomputed, u.recomputed);
    const g = groupBy();
    base.push(g.ms);
    a0 = performance.now();
    const f = await rebuildAll(reg.ctx, { full: true });
    full.push(performance.now() - a0);
    // the same on two worker threads, forced (on two cores the default derives in this thread), their start included
    a0 = performance.now();
    await rebuildAll(reg.ctx, { full: true, workers: WORKERS });
    onWorkers.push(performance.now() - a0);
    // every projection made to differ from what deriving gives, so that the full rebuild writes each one again
    alter.run();
    a0 = performance.now();
    await rebuildAll(reg.ctx, { full: true });
    rewritten.push(performance.now() - a0);
    console.log(
      `  rep ${rep + 1}: unchanged ${fmt(unchanged[rep]!, 1)} ms (${fmt(u.subjects)} subjects, ${fmt(u.recomputed)} recomputed); full ${fmt(full[rep]!)} ms (${fmt(f.recomputed)} recomputed); full, every projection written again ${fmt(rewritten[rep]!)} ms; full on ${WORKERS} workers ${fmt(onWorkers[rep]!)} ms; GROUP BY ${fmt(g.ms, 1)} ms (${fmt(g.n)} groups)`,
    );
  }
  writer.close();
  db.close();
  const u = median(unchanged);
  const f = median(full);
  const b = median(base);
  const fullRatio = f / b;
  console.log(
    `\nrebuildAll, nothing changed: ${fmt(u, 1)} ms (median of ${REPS}) — ratio to GROUP BY ${ratio(u, b)}`,
  );
  console.log(
    `rebuildAll, full:            ${fmt(f)} ms (median of ${REPS}) = ${fmt((S / f) * 1000)} subjects/s — ratio to GROUP BY ${ratio(f, b)}`,
  );
  console.log(`SQL GROUP BY:                ${fmt(b, 1)} ms (median of ${REPS})`);
  console.log(
    `full rebuild at ${REFERENCE.commit}: ${fmt(REFERENCE.msPer10k)} ms per 10,000 subjects, ${fmt(REFERENCE.ratioToGroupBy)}× the GROUP BY; today ${fmt(fullRatio, 1)}×`,
  );
  const gain = REFERENCE.ratioToGroupBy / fullRatio;
  const speedup = gain >= 1 ? `${fmt(gain, 2)}× faster` : `${fmt(1 / gain, 2)}× slower`;
  const baseline = {
    title: '`SELECT subject_id, count(*), max(seq) FROM records GROUP BY subject_id`',
    value: b,
    unit: 'ms',
  };
  const title = `${fmt(S)} subjects / ${fmt(records)} records`;
  report({
    id: 'rebuild.unchanged',
    title: `\`rebuildAll(ctx)\`, nothing changed, ${title}`,
    value: u,
    unit: 'ms',
    baseline,
    target: { text: '≤ 3×', op: '<=', value: 3, of: 'ratio' },
    runs: REPS,
    note: recomputed > 0 ? `recomputed ${fmt(recomputed)} subjects although nothing changed` : '',
  });
  report({
    id: 'rebuild.full',
    title: `\`rebuildAll(ctx, { full: true })\`, ${title}`,
    value: f,
    unit: 'ms',
    baseline,
    target: {
      text: `≥ ${SPEEDUP}× faster than ${REFERENCE.commit} (${fmt(REFERENCE.ratioToGroupBy)}× the GROUP BY then): ≤ ${fmt(REFERENCE.ratioToGroupBy / SPEEDUP, 1)}×`,
      op: '<=',
      value: REFERENCE.ratioToGroupBy / SPEEDUP,
      of: 'ratio',
    },
    runs: REPS,
    note: `${speedup} than ${REFERENCE.commit} by the ratio to GROUP BY (${fmt(REFERENCE.msPer10k)} ms per 10,000 subjects then, ${fmt((f * 10_000) / S)} now)`,
  });
  const rw = median(rewritten);
  console.log(
    `rebuildAll, full, every projection written again: ${fmt(rw)} ms (median of ${REPS}) — ratio to GROUP BY ${ratio(rw, b)}`,
  );
  report({
    id: 'rebuild.full.rewritten',
    title: `\`rebuildAll(ctx, { full: true })\`, every stored projection altered first (so every one is written again), ${title}`,
    value: rw,
    unit: 'ms',
    baseline,
    target: null,
    runs: REPS,
    note: 'the full rebuild above finds every projection as stored and writes none; this one writes all',
  });
  const w = median(onWorkers);
  report({
    id: 'rebuild.full.workers',
    title: `\`rebuildAll(ctx, { full: true, workers: ${WORKERS} })\` (forced), ${title}`,
    value: w,
    unit: 'ms',
    baseline: {
      title: '`rebuildAll(ctx, { full: true })` in one thread, the same population',
      value: f,
      unit: 'ms',
    },
    target: null,
    runs: REPS,
    note: 'worker start included; on two cores `auto` derives in one thread',
  });
} finally {
  await reg.dispose();
}
