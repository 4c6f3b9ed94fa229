/**
 * `check` in process over a population, beside a plain indexed SQL lookup of one row in the same run;
 * and `tick` over a year, beside the number of subjects due each day.
 *
 *   npx tsx bench/check.bench.ts [--subjects 100000] [--checks 3000]
 *   npx tsx bench/check.bench.ts --subjects 1000000   (the full figure; the population takes a while to build)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { tick } from '../src/app/maintenance/maintenance.tick.ts';
import { checkMeasure } from '../src/app/queries/queries.usecases.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  NOW,
  percentile,
  ratio,
  recordLines,
  rejectCounter,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 100_000);
const CHECKS = arg('checks', 3000);
const DAY = 86_400_000;

console.log(`check.bench: ${fmt(SUBJECTS)} subjects, ${fmt(CHECKS)} checks; ${machine()}`);
const reg = await freshRegistry();
try {
  const { lines, subs } = subjectLines(reg.rb, SUBJECTS);
  const rej = rejectCounter();
  let t0 = performance.now();
  await importLines(reg.ctx, asLines(lines), rej.on);
  // about one subject in a hundred gets a record, spread over the year before NOW: expiries then fall due
  // at a steady rate, the way a real registry's do
  const withRecords = subs.filter((_, i) => i % 100 === 0);
  await importLines(
    reg.ctx,
    asLines(recordLines(reg.rb, withRecords, withRecords.length * 2, 5, 'CHK')),
    rej.on,
  );
  console.log(`population built in ${fmt((performance.now() - t0) / 1000, 1)} s (${rej.r.count} rejected)`);

  const db = new Database(join(reg.dir, 'registry.db'), { readonly: true });
  const ids = db.prepare('SELECT id FROM subjects ORDER BY id').pluck().all() as number[];
  const lookup = db.prepare(
    'SELECT subject_id, score, grade, next_change_at FROM derived WHERE subject_id = ?',
  );
  const pick = (i: number) => subs[(i * 7919) % subs.length]!;
  const measures = ['transport.high_speed_rail', 'procurement.exclusion', 'transport.discount'];
  for (let i = 0; i < 200; i++) await checkMeasure(reg.ctx, pick(i).ref, measures[i % 3]!);
  const lat: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < CHECKS; i++) {
    const s = performance.now();
    await checkMeasure(reg.ctx, pick(i + 200).ref, measures[i % 3]!);
    lat.push(performance.now() - s);
  }
  const checkRate = CHECKS / ((performance.now() - t0) / 1000);
  const base: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < CHECKS * 10; i++) {
    const s = performance.now();
    lookup.get(ids[(i * 7919) % ids.length]);
    base.push(performance.now() - s);
  }
  const lookupRate = (CHECKS * 10) / ((performance.now() - t0) / 1000);
  console.log(
    `check (resolve subject, refresh if due, answer, record the check): ${fmt(checkRate)} checks/s, p50 ${fmt(percentile(lat, 50), 3)} ms, p99 ${fmt(percentile(lat, 99), 3)} ms`,
  );
  console.log(
    `plain indexed lookup of one derived row:                        ${fmt(lookupRate)} lookups/s, p50 ${fmt(percentile(base, 50), 4)} ms, p99 ${fmt(percentile(base, 99), 4)} ms`,
  );
  console.log(`ratio check / lookup: ${ratio(checkRate, lookupRate)}`);

  // tick: walk a year day by day; each day's cost should follow the subjects due that day, not the population
  const due = db.prepare('SELECT count(*) FROM derived WHERE next_change_at <= ?').pluck();
  const days: { due: number; ms: number }[] = [];
  for (let d = 1; d <= 365; d += 7) {
    const until = NOW + d * DAY;
    const n = due.get(until) as number;
    const s = performance.now();
    const done = await tick(reg.ctx, until);
    days.push({ due: done, ms: performance.now() - s });
    void n;
  }
  const perSubject = days.filter((x) => x.due > 0).map((x) => x.ms / x.due);
  const total = days.reduce((a, x) => a + x.due, 0);
  console.log(
    `tick over a year (weekly steps): ${fmt(total)} due subject updates in ${fmt(days.reduce((a, x) => a + x.ms, 0) / 1000, 1)} s; per due subject p50 ${fmt(percentile(perSubject, 50), 3)} ms, p90 ${fmt(percentile(perSubject, 90), 3)} ms (population ${fmt(SUBJECTS)})`,
  );
  console.log(
    `  a step with no due subject costs ${fmt(
      percentile(
        days.filter((x) => x.due === 0).map((x) => x.ms),
        50,
      ) || 0,
      2,
    )} ms`,
  );
  db.close();
} finally {
  await reg.dispose();
}
