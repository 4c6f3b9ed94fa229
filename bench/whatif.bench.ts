/**
 * What-if of a draft over a whole population, in one thread and on all cores, beside the core rebuild of the same
 * population in the same run.
 *
 * One run (no target); figures in seconds beside the full rebuild's.
 *
 *   npx tsx bench/whatif.bench.ts [--subjects 20000] [--records 100000]
 *   npx tsx bench/whatif.bench.ts --subjects 1000000 --records 10000000   (the full figure; building it takes long)
 */

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { checkRulebook } from '../src/app/governance/governance.rulebooks.ts';
import { whatIf } from '../src/app/governance/governance.whatif.ts';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { rebuildAll } from '../src/app/maintenance/maintenance.tick.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  machine,
  ratio,
  recordLines,
  rejectCounter,
  report,
  subjectLines,
} from './_util.ts';

const SUBJECTS = arg('subjects', 20_000, 2000);
const RECORDS = arg('records', 100_000, 10_000);

console.log(`whatif.bench: ${fmt(SUBJECTS)} subjects, ${fmt(RECORDS)} records; ${machine()}`);
const reg = await freshRegistry();
try {
  const { lines, subs } = subjectLines(reg.rb, SUBJECTS);
  const rej = rejectCounter();
  let t = performance.now();
  await importLines(reg.ctx, asLines(lines), rej.on);
  await importLines(reg.ctx, asLines(recordLines(reg.rb, subs, RECORDS, 3, 'WI')), rej.on);
  console.log(`population built in ${fmt((performance.now() - t) / 1000, 1)} s (${rej.r.count} rejected)`);
  const draft = checkRulebook(
    readFileSync('rulebooks/default.yaml', 'utf8')
      .replace(/^version: .*$/m, 'version: "bench-draft"')
      .replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-5'),
  ).value!;
  t = performance.now();
  const one = await whatIf(reg.ctx, draft, { workers: 1 });
  const single = (performance.now() - t) / 1000;
  const cores = availableParallelism();
  t = performance.now();
  const all = await whatIf(reg.ctx, draft, { workers: cores });
  const parallel = (performance.now() - t) / 1000;
  t = performance.now();
  await rebuildAll(reg.ctx, { full: true });
  const rebuild = (performance.now() - t) / 1000;
  if (one.subjects !== all.subjects || one.changed_grade !== all.changed_grade)
    throw new Error('the parallel report differs from the single-threaded one');
  console.log(
    `what-if, 1 thread:        ${fmt(single, 2)} s (${fmt(one.subjects / single)} subjects/s; ${one.changed_grade} change grade)`,
  );
  console.log(
    `what-if, ${cores} worker threads: ${fmt(parallel, 2)} s (${fmt(all.subjects / parallel)} subjects/s) — speed-up ${ratio(single, parallel)}`,
  );
  console.log(
    `core rebuild (writes):    ${fmt(rebuild, 2)} s — what-if 1 thread / rebuild: ${ratio(single, rebuild)}`,
  );
  const baseline = {
    title: '`rebuildAll(ctx, { full: true })` of the same population',
    value: rebuild,
    unit: 's',
  };
  const size = `${fmt(SUBJECTS)} subjects / ${fmt(RECORDS)} records`;
  report({
    id: 'whatif.one-thread',
    title: `what-if of a draft, 1 thread, ${size}`,
    value: single,
    unit: 's',
    baseline,
    target: null,
    runs: 1,
  });
  report({
    id: 'whatif.workers',
    title: `what-if of a draft, ${cores} worker threads, ${size}`,
    value: parallel,
    unit: 's',
    baseline,
    target: null,
    runs: 1,
    note: 'each worker takes about a second to start',
  });
} finally {
  await reg.dispose();
}
