/**
 * Latency of the explained score: `scoreOf(ctx, usci)` for three organizations holding 10, 100 and 1,000
 * records (imported through importLines), beside a plain indexed `SELECT … FROM records WHERE subject_id = ?`
 * of the same subject through a second better-sqlite3 connection.
 *
 * Each size stops at --calls calls or after --budget seconds of scoreOf calls (at least 20 calls), whichever
 * comes first: at 1,000 records one call takes over a second on 2 cores.
 *
 *   npx tsx bench/score.bench.ts [--calls 200] [--budget 25] [--sizes 10,100,1000]
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
  machine,
  percentile,
  ratio,
  recordLines,
  rejectCounter,
  subjectLines,
} from './_util.ts';

const CALLS = arg('calls', 200);
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [10, 100, 1000];
const WARMUP = 10;
const BUDGET_MS = arg('budget', 25) * 1000;

console.log(`score.bench: ${CALLS} calls per subject (after ${WARMUP} warm-up calls); ${machine()}`);
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
  const sel = db.prepare(
    'SELECT subject_id, seq, source, record_id, type, occurred_at, recorded_at, legal_basis, evidence, amount, on_behalf_of, culpability, note, content_hash FROM records WHERE subject_id = ?',
  );

  const rows: string[][] = [];
  for (const [i, size] of SIZES.entries()) {
    const ref = orgs[i]!.ref;
    const id = idOf.get(ref) as number;
    let score = 0;
    const full: number[] = [];
    const warm = size >= 1000 ? 2 : WARMUP;
    const start = performance.now();
    for (let k = 0; k < warm + CALLS; k++) {
      if (full.length >= 20 && performance.now() - start > BUDGET_MS) break;
      const t0 = performance.now();
      const v = await scoreOf(reg.ctx, ref);
      const ms = performance.now() - t0;
      if (k >= warm) full.push(ms);
      score = v.score;
    }
    const base: number[] = [];
    let got = 0;
    for (let k = 0; k < WARMUP + CALLS; k++) {
      const t0 = performance.now();
      got = sel.all(id).length;
      const ms = performance.now() - t0;
      if (k >= WARMUP) base.push(ms);
    }
    if (got !== size) throw new Error(`select returned ${got} rows, expected ${size}`);
    const [f50, f99, b50, b99] = [
      percentile(full, 50),
      percentile(full, 99),
      percentile(base, 50),
      percentile(base, 99),
    ];
    rows.push([
      String(size),
      String(full.length),
      fmt(f50, 3),
      fmt(f99, 3),
      fmt(b50, 3),
      fmt(b99, 3),
      ratio(f50, b50),
      String(score),
    ]);
  }
  db.close();
  const head = [
    'records',
    'calls',
    'scoreOf p50 ms',
    'scoreOf p99 ms',
    'SELECT p50 ms',
    'SELECT p99 ms',
    'p50 ratio',
    'score',
  ];
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((x, c) => x.padStart(w[c]!)).join('  ');
  console.log(`\n${line(head)}`);
  for (const r of rows) console.log(line(r));
} finally {
  await reg.dispose();
}
