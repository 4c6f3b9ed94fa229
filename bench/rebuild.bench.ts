/**
 * `rebuildAll(ctx)` over a simulated population (default 10,000 subjects, about 3 records each) beside a plain
 * `SELECT subject_id, count(*), min(occurred_at) FROM records GROUP BY subject_id` over the same rows through
 * a second better-sqlite3 connection.
 *
 *   npx tsx bench/rebuild.bench.ts [--subjects 10000] [--reps 3]
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { rebuildAll } from '../src/app/maintenance/maintenance.tick.ts';
import { simulatePopulation } from '../src/sim/population.ts';
import { arg, asLines, fmt, freshRegistry, machine, median, NOW, ratio, rejectCounter } from './_util.ts';

const S = arg('subjects', 10_000);
const REPS = arg('reps', 3);

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
  const group = db
    .prepare('SELECT subject_id, count(*), min(occurred_at) FROM records GROUP BY subject_id')
    .raw();
  const full: number[] = [];
  const base: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const a0 = performance.now();
    const done = await rebuildAll(reg.ctx);
    const a = performance.now() - a0;
    const b0 = performance.now();
    const groups = group.all().length;
    const b = performance.now() - b0;
    full.push(a);
    base.push(b);
    console.log(
      `  rep ${rep + 1}: rebuildAll ${fmt(a)} ms (${fmt(done)} subjects); GROUP BY ${fmt(b, 1)} ms (${fmt(groups)} groups)`,
    );
  }
  db.close();
  const f = median(full);
  const b = median(base);
  console.log(`\nrebuildAll:        ${fmt(f)} ms (median of ${REPS}) = ${fmt((S / f) * 1000)} subjects/s`);
  console.log(`SQL GROUP BY:      ${fmt(b, 1)} ms (median of ${REPS})`);
  console.log(`ratio rebuild/SQL: ${ratio(f, b)}`);
} finally {
  await reg.dispose();
}
