/**
 * `check` in process over a population, beside two baselines in the same rounds, through a second better-sqlite3
 * connection to the same file (the store's settings: WAL, synchronous=NORMAL):
 *
 *   lookup + insert + COMMIT  per check: BEGIN, the indexed lookup of the subject's derived row, one insert into
 *                             a table shaped as `checks` (next seq of the subject, as the store numbers them), COMMIT
 *   bare lookup               the indexed lookup of one derived row, nothing else
 *
 * Checks are issued two ways: sequentially (each awaited before the next) and concurrently (--concurrency
 * `checkMeasure` promises started in the same event-loop turn, awaited together, wave after wave), where the store
 * may share one COMMIT among them. Rounds alternate all four; figures are the medians of the rounds.
 * Then `tick` over a year, beside the number of subjects due each week.
 *
 *   npx tsx bench/check.bench.ts [--subjects 100000] [--checks 3000] [--concurrency 100] [--reps 3]
 *   npx tsx bench/check.bench.ts --subjects 1000000   (the full figure; the population takes a while to build)
 */
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { tick } from '../src/app/maintenance/maintenance.tick.ts';
import { checkMeasure } from '../src/app/queries/queries.usecases.ts';
import { cloneTable, openRaw } from './_tables.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  median,
  NOW,
  percentile,
  ratio,
  recordLines,
  rejectCounter,
  report,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 100_000, 5000);
const CHECKS = arg('checks', 3000, 500);
const CONC = arg('concurrency', 100);
const REPS = arg('reps', 3);
const DAY = 86_400_000;
const MEASURES = ['transport.high_speed_rail', 'procurement.exclusion', 'transport.discount'];

console.log(
  `check.bench: ${fmt(SUBJECTS)} subjects, ${fmt(CHECKS)} checks a round each way, ${REPS} rounds; ${machine()}`,
);
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

  const db = openRaw(reg.location.db!);
  const ids = db.prepare('SELECT id FROM subjects ORDER BY id').pluck().all() as number[];
  const lookup = db.prepare(
    'SELECT subject_id, score, grade, next_change_at FROM derived WHERE subject_id = ?',
  );
  cloneTable(db, 'checks', 'checks_raw');
  const insert = db.prepare(
    `INSERT INTO checks_raw (subject_id, seq, measure, asked_by, asked_at, at, applies, until, decisions)
     SELECT ?, coalesce(max(seq), 0) + 1, ?, 'bench', ?, ?, ?, NULL, '[]' FROM checks_raw WHERE subject_id = ?`,
  );
  const rawCheck = db.transaction((id: number, measure: string) => {
    const row = lookup.get(id) as { score: number } | undefined;
    insert.run(id, measure, NOW, NOW, row && row.score < 500 ? 1 : 0, id);
  });

  const pick = (i: number) => subs[(i * 7919) % subs.length]!;
  const idAt = (i: number) => ids[(i * 7919) % ids.length]!;
  for (let i = 0; i < 200; i++) await checkMeasure(reg.ctx, pick(i).ref, MEASURES[i % 3]!);
  for (let i = 0; i < 200; i++) rawCheck(idAt(i), MEASURES[i % 3]!);

  const r = { seq: [] as number[], conc: [] as number[], commit: [] as number[], lookup: [] as number[] };
  const p50s: number[] = [];
  const p99s: number[] = [];
  let k = 200;
  for (let rep = 0; rep < REPS; rep++) {
    const lat: number[] = [];
    t0 = performance.now();
    for (let i = 0; i < CHECKS; i++, k++) {
      const s = performance.now();
      await checkMeasure(reg.ctx, pick(k).ref, MEASURES[k % 3]!);
      lat.push(performance.now() - s);
    }
    r.seq.push(CHECKS / ((performance.now() - t0) / 1000));
    p50s.push(percentile(lat, 50));
    p99s.push(percentile(lat, 99));

    t0 = performance.now();
    for (let i = 0; i < CHECKS; i += CONC) {
      const wave: Promise<unknown>[] = [];
      for (let j = 0; j < CONC && i + j < CHECKS; j++, k++)
        wave.push(checkMeasure(reg.ctx, pick(k).ref, MEASURES[k % 3]!));
      await Promise.all(wave);
    }
    r.conc.push(CHECKS / ((performance.now() - t0) / 1000));

    t0 = performance.now();
    for (let i = 0; i < CHECKS; i++, k++) rawCheck(idAt(k), MEASURES[k % 3]!);
    r.commit.push(CHECKS / ((performance.now() - t0) / 1000));

    t0 = performance.now();
    for (let i = 0; i < CHECKS * 10; i++) lookup.get(idAt(k + i));
    r.lookup.push((CHECKS * 10) / ((performance.now() - t0) / 1000));
    console.log(
      `  round ${rep + 1}: sequential ${fmt(r.seq[rep]!)} checks/s (p50 ${fmt(p50s[rep]!, 3)} ms, p99 ${fmt(p99s[rep]!, 3)} ms); concurrent ×${CONC} ${fmt(r.conc[rep]!)} checks/s; raw lookup + insert + COMMIT ${fmt(r.commit[rep]!)}/s; bare lookup ${fmt(r.lookup[rep]!)}/s`,
    );
  }
  const seq = median(r.seq);
  const conc = median(r.conc);
  const commit = median(r.commit);
  const look = median(r.lookup);
  console.log(
    `\ncheck, sequential (resolve, refresh if due, answer, record): ${fmt(seq)} checks/s, p50 ${fmt(median(p50s), 3)} ms, p99 ${fmt(median(p99s), 3)} ms`,
  );
  console.log(`check, ${CONC} at a time:                                   ${fmt(conc)} checks/s`);
  console.log(`raw lookup + insert + COMMIT per check:                     ${fmt(commit)}/s`);
  console.log(`bare indexed lookup of one derived row:                     ${fmt(look)}/s`);
  console.log(
    `ratios: sequential / commit ${ratio(seq, commit)}, / lookup ${ratio(seq, look)}; concurrent / commit ${ratio(conc, commit)}, / lookup ${ratio(conc, look)}`,
  );
  const commitBase = {
    title: 'raw better-sqlite3: indexed lookup + one insert + COMMIT per check, same file',
    value: commit,
    unit: 'checks/s',
  };
  const lookupBase = {
    title: 'raw better-sqlite3: bare indexed lookup of the derived row',
    value: look,
    unit: 'lookups/s',
  };
  const title = (how: string) => `\`check\` in process, ${how}, ${fmt(SUBJECTS)} subjects`;
  const half = { text: '≥ 0.5×', op: '>=', value: 0.5, of: 'ratio' } as const;
  const third = { text: '≥ 0.35×', op: '>=', value: 0.35, of: 'ratio' } as const;
  const latency = `p50 ${fmt(median(p50s), 3)} ms, p99 ${fmt(median(p99s), 3)} ms`;
  report({
    id: 'check.sequential.vs-commit',
    title: title('sequential'),
    value: seq,
    unit: 'checks/s',
    baseline: commitBase,
    target: half,
    runs: REPS,
    note: latency,
  });
  report({
    id: 'check.sequential.vs-lookup',
    title: title('sequential'),
    value: seq,
    unit: 'checks/s',
    baseline: lookupBase,
    target: third,
    runs: REPS,
  });
  const concTitle = title(`${CONC} issued at once`);
  report({
    id: 'check.concurrent.vs-commit',
    title: concTitle,
    value: conc,
    unit: 'checks/s',
    baseline: commitBase,
    target: half,
    runs: REPS,
  });
  report({
    id: 'check.concurrent.vs-lookup',
    title: concTitle,
    value: conc,
    unit: 'checks/s',
    baseline: lookupBase,
    target: third,
    runs: REPS,
  });

  // tick: walk a year week by week; each step's cost should follow the subjects due, not the population
  const days: { due: number; ms: number }[] = [];
  for (let d = 1; d <= 365; d += 7) {
    const s = performance.now();
    const done = await tick(reg.ctx, NOW + d * DAY);
    days.push({ due: done, ms: performance.now() - s });
  }
  const perSubject = days.filter((x) => x.due > 0).map((x) => x.ms / x.due);
  const total = days.reduce((a, x) => a + x.due, 0);
  const idle = percentile(
    days.filter((x) => x.due === 0).map((x) => x.ms),
    50,
  );
  console.log(
    `tick over a year (weekly steps): ${fmt(total)} due subject updates in ${fmt(days.reduce((a, x) => a + x.ms, 0) / 1000, 1)} s; per due subject p50 ${fmt(percentile(perSubject, 50), 3)} ms, p90 ${fmt(percentile(perSubject, 90), 3)} ms; a step with none due ${fmt(idle || 0, 2)} ms`,
  );
  report({
    id: 'tick.per-due-subject',
    title: `\`tick\` over a year in weekly steps, ${fmt(SUBJECTS)} subjects: cost per due subject, p50`,
    value: percentile(perSubject, 50),
    unit: 'ms',
    baseline: null,
    target: null,
    runs: perSubject.length,
    note: `${fmt(total)} due updates; a step with none due ${fmt(idle || 0, 2)} ms (cost follows the due subjects, not the population)`,
  });
  db.close();
} finally {
  await reg.dispose();
}
