/**
 * Batch screening (`screen`: one transaction per chunk of 500 subjects, reads batched) beside the same number of
 * single `checkMeasure` calls (one transaction each) in the same run, over the same subjects; both record every
 * answer as a check. Rounds alternate the two so that drift on a noisy machine falls on both; the ratio quoted is
 * the median of the rounds.
 *
 *   npx tsx bench/screen.bench.ts [--subjects 50000] [--screen 5000] [--rounds 5]   (--reps is the same as --rounds)
 */
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { checkMeasure } from '../src/app/queries/queries.usecases.ts';
import { screen } from '../src/app/screening/screening.usecases.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  median,
  ratio,
  recordLines,
  rejectCounter,
  report,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 50_000, 2000);
const SCREEN = arg('screen', 5000, 500);
const ROUNDS = arg('rounds', arg('reps', 5));
const MEASURE = 'procurement.exclusion';

console.log(
  `screen.bench: ${fmt(SUBJECTS)} subjects, ${fmt(SCREEN)} screened per round, ${ROUNDS} rounds; ${machine()}`,
);
const reg = await freshRegistry();
try {
  const { lines, subs } = subjectLines(reg.rb, SUBJECTS);
  const rej = rejectCounter();
  const t0 = performance.now();
  await importLines(reg.ctx, asLines(lines), rej.on);
  const withRecords = subs.filter((_, i) => i % 50 === 0);
  await importLines(
    reg.ctx,
    asLines(recordLines(reg.rb, withRecords, withRecords.length * 2, 5, 'SCR')),
    rej.on,
  );
  console.log(`population built in ${fmt((performance.now() - t0) / 1000, 1)} s (${rej.r.count} rejected)`);

  const pick = (round: number) =>
    Array.from({ length: SCREEN }, (_, i) => subs[(i * 7919 + round * 104_729) % subs.length]!.ref);
  // warm-up: both paths once, so that neither pays the first-run costs
  await screen(reg.ctx, { subjects: pick(99).slice(0, 500), measures: [MEASURE] });
  for (const ref of pick(98).slice(0, 200)) await checkMeasure(reg.ctx, ref, MEASURE);

  const batchRates: number[] = [];
  const singleRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const refs = pick(round);
    const runBatch = async () => {
      const s = performance.now();
      const r = await screen(reg.ctx, { subjects: refs, measures: [MEASURE] });
      if (r.summary.checks !== SCREEN) throw new Error(`screening recorded ${r.summary.checks} checks`);
      return SCREEN / ((performance.now() - s) / 1000);
    };
    const runSingle = async () => {
      const s = performance.now();
      for (const ref of refs) await checkMeasure(reg.ctx, ref, MEASURE);
      return SCREEN / ((performance.now() - s) / 1000);
    };
    // alternate which goes first
    const [b, sg] = round % 2 === 0 ? [await runBatch(), await runSingle()] : [undefined, await runSingle()];
    const batch = b ?? (await runBatch());
    batchRates.push(batch);
    singleRates.push(sg);
    ratios.push(batch / sg);
    console.log(
      `  round ${round + 1}: screening ${fmt(batch)} subjects/s, single checks ${fmt(sg)} checks/s, ratio ${ratio(batch, sg)}`,
    );
  }
  console.log(
    `screening (chunks of 500, one transaction each): ${fmt(median(batchRates))} subjects/s (median of ${ROUNDS})`,
  );
  console.log(
    `single checks (one transaction each):            ${fmt(median(singleRates))} checks/s (median of ${ROUNDS})`,
  );
  console.log(`ratio screening / single checks: median ${ratio(median(ratios), 1)}`);
  report({
    id: 'screen.vs-single-checks',
    title: `batch screening, ${fmt(SCREEN)} subjects a round over ${fmt(SUBJECTS)}`,
    value: median(batchRates),
    unit: 'subjects/s',
    baseline: {
      title: 'the same number of single `checkMeasure` calls',
      value: median(singleRates),
      unit: 'checks/s',
    },
    target: null,
    runs: ROUNDS,
    note: `median of the rounds' ratios ${fmt(median(ratios), 2)}×`,
  });
} finally {
  await reg.dispose();
}
