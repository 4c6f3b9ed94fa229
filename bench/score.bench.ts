/**
 * Latency of the explained score as of now: `scoreOf(ctx, usci)` for organizations holding 10, 100 and 1,000
 * records (imported through importLines), beside the primary-key read of the same subject's row in `derived`
 * (`SELECT * FROM derived WHERE subject_id = ?`) through a second better-sqlite3 connection, interleaved round by
 * round. Figures are the medians over --reps rounds of each round's p50 / p99.
 *
 * A round of one size stops at --calls calls or after --budget seconds of scoreOf calls (at least 20 calls).
 *
 *   npx tsx bench/score.bench.ts [--calls 300] [--reps 3] [--budget 10] [--sizes 10,100,1000]
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { scoreOf } from '../src/app/queries/queries.usecases.ts';
import {
  arg,
  asLines,
  fmt,
  freshRegistry,
  listArg,
  machine,
  median,
  percentile,
  QUICK,
  ratio,
  recordLines,
  rejectCounter,
  report,
  subjectLines,
} from './_util.ts';

const CALLS = arg('calls', 300, 50);
const REPS = arg('reps', 3);
const SIZES = listArg('sizes', QUICK ? ['10', '100'] : ['10', '100', '1000']).map(Number);
const WARMUP = 10;
const BUDGET_MS = arg('budget', 10) * 1000;
const TARGET_SIZE = 100;

console.log(`score.bench: ${CALLS} calls per subject and round, ${REPS} rounds; ${machine()}`);
const reg = await freshRegistry();
try {
  const { lines, subs } = subjectLines(reg.rb, 40);
  const rej = rejectCounter();
  await importLines(reg.ctx, asLines(lines), rej.on);
  const orgs = subs.filter((s) => s.kind === 'organization').slice(0, SIZES.length);
  if (orgs.length < SIZES.length) throw new Error('not enough organizations in the population');
  for (const [i, size] of SIZES.entries()) {
    const sum = await importLines(
      reg.ctx,
      asLines(recordLines(reg.rb, [orgs[i]!], size, 100 + i, `SCORE${i}`)),
      rej.on,
    );
    if (sum.created !== size)
      throw new Error(`expected ${size} created, got ${JSON.stringify(sum)} ${rej.r.first}`);
  }
  const db = new Database(join(reg.dir, 'registry.db'), { readonly: true });
  const idOf = db.prepare('SELECT id FROM subjects WHERE usci = ?').pluck();
  const row = db.prepare('SELECT * FROM derived WHERE subject_id = ?');

  for (const [i, size] of SIZES.entries()) {
    const ref = orgs[i]!.ref;
    const id = idOf.get(ref) as number;
    if (!row.get(id)) throw new Error(`no derived row for subject ${id}`);
    const warm = size >= 1000 ? 2 : WARMUP;
    for (let k = 0; k < warm; k++) await scoreOf(reg.ctx, ref);
    const r = { f50: [] as number[], f99: [] as number[], b50: [] as number[], b99: [] as number[] };
    let calls = 0;
    for (let rep = 0; rep < REPS; rep++) {
      const full: number[] = [];
      const start = performance.now();
      for (let k = 0; k < CALLS; k++) {
        if (full.length >= 20 && performance.now() - start > BUDGET_MS) break;
        const t0 = performance.now();
        await scoreOf(reg.ctx, ref);
        full.push(performance.now() - t0);
      }
      const base: number[] = [];
      for (let k = 0; k < WARMUP + CALLS; k++) {
        const t0 = performance.now();
        row.get(id);
        const ms = performance.now() - t0;
        if (k >= WARMUP) base.push(ms);
      }
      calls = full.length;
      r.f50.push(percentile(full, 50));
      r.f99.push(percentile(full, 99));
      r.b50.push(percentile(base, 50));
      r.b99.push(percentile(base, 99));
      console.log(
        `  ${fmt(size)} records, round ${rep + 1}: scoreOf p50 ${fmt(r.f50[rep]!, 3)} / p99 ${fmt(r.f99[rep]!, 3)} ms (${calls} calls); derived row p50 ${fmt(r.b50[rep]!, 4)} / p99 ${fmt(r.b99[rep]!, 4)} ms`,
      );
    }
    const [f50, f99, b50, b99] = [median(r.f50), median(r.f99), median(r.b50), median(r.b99)];
    console.log(
      `${fmt(size)} records: scoreOf p50 ${fmt(f50, 3)} ms, p99 ${fmt(f99, 3)} ms; primary-key read of the derived row p50 ${fmt(b50, 4)} ms, p99 ${fmt(b99, 4)} ms; p99 ratio ${ratio(f99, b99)}`,
    );
    report({
      id: `score.p99.${size}`,
      title: `explained \`score\` for now, ${fmt(size)} records, p99`,
      value: f99,
      unit: 'ms',
      baseline: { title: 'primary-key read of the subject’s row in `derived`, p99', value: b99, unit: 'ms' },
      target: size === TARGET_SIZE ? { text: '< 2 ms', op: '<', value: 2, of: 'value' } : null,
      runs: REPS,
      note: `p50 ${fmt(f50, 3)} ms (baseline ${fmt(b50, 4)} ms); ${calls} calls a round`,
    });
  }
  db.close();
} finally {
  await reg.dispose();
}
