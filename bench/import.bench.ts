/**
 * Import throughput: N record lines through the whole path (importLines → Ingestor → SQLite store) beside raw
 * better-sqlite3 inserts of the same stored rows into `records_raw`, a copy of `records` with the same
 * columns, primary key and indexes, in transactions of 10,000 rows.
 *
 *   npx tsx bench/import.bench.ts [--records 100000] [--subjects 10000] [--reps 1]
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { RECORD_COLUMNS } from '../src/store/postgres/postgres.bulk.ts';
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
  subjectLines,
} from './_util.ts';

const N = arg('records', 100_000);
const S = arg('subjects', 10_000);
// one repetition by default: the whole path takes over a minute at 100,000 records on 2 cores
const REPS = arg('reps', 1);

const RAW_DDL = [
  `CREATE TABLE records_raw (
     subject_id bigint NOT NULL, seq integer NOT NULL, source text NOT NULL, record_id text NOT NULL,
     type text NOT NULL, occurred_at bigint NOT NULL, recorded_at bigint NOT NULL, legal_basis text NOT NULL,
     evidence text NOT NULL, amount double precision, on_behalf_of bigint, culpability text, note text,
     content_hash text NOT NULL, CONSTRAINT records_raw_pk PRIMARY KEY (subject_id, seq))`,
  'CREATE INDEX records_raw_key ON records_raw (source, record_id)',
  'CREATE INDEX records_raw_on_behalf_of ON records_raw (on_behalf_of) WHERE on_behalf_of IS NOT NULL',
];
const COLS = RECORD_COLUMNS;

console.log(`import.bench: ${fmt(N)} records over ${fmt(S)} subjects, ${REPS} rep(s); ${machine()}`);
const full: number[] = [];
const raw: number[] = [];
let peakDuring = 0;
let rssBefore = 0;
let heapAfter = 0;
for (let rep = 0; rep < REPS; rep++) {
  const reg = await freshRegistry();
  try {
    const { lines, subs } = subjectLines(reg.rb, S);
    const rej = rejectCounter();
    await importLines(reg.ctx, asLines(lines), rej.on);
    if (rej.r.count > 0) throw new Error(`subject lines rejected: ${rej.r.first}`);

    // the whole path: lines are generated lazily inside the timed loop, as a file would be read
    rssBefore = Math.max(rssBefore, process.memoryUsage().rss);
    const sampler = setInterval(() => {
      peakDuring = Math.max(peakDuring, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const sum = await importLines(reg.ctx, asLines(recordLines(reg.rb, subs, N)), rej.on);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peakDuring = Math.max(peakDuring, process.memoryUsage().rss);
    // what the import keeps alive, as opposed to what the collector has not yet reclaimed
    (globalThis as { gc?: () => void }).gc?.();
    heapAfter = Math.max(heapAfter, process.memoryUsage().heapUsed);
    if (rej.r.count > 0 || sum.created !== N)
      throw new Error(`expected ${N} created, got ${JSON.stringify(sum)}; first rejection ${rej.r.first}`);
    full.push((N / ms) * 1000);

    // baseline: the same stored rows, inserted raw
    const db = new Database(join(reg.dir, 'registry.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -131072');
    const rows = db
      .prepare(`SELECT ${COLS.join(', ')} FROM records ORDER BY rowid`)
      .raw()
      .all() as unknown[][];
    if (rows.length !== N) throw new Error(`records holds ${rows.length} rows, expected ${N}`);
    for (const s of RAW_DDL) db.exec(s);
    const ins = db.prepare(
      `INSERT INTO records_raw (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`,
    );
    const batch = db.transaction((chunk: unknown[][]) => {
      for (const r of chunk) ins.run(r);
    });
    const t1 = performance.now();
    for (let i = 0; i < rows.length; i += 10_000) batch(rows.slice(i, i + 10_000));
    const rawMs = performance.now() - t1;
    db.close();
    raw.push((N / rawMs) * 1000);
    console.log(
      `  rep ${rep + 1}: importLines ${fmt(full[rep]!)} records/s (${fmt(ms / 1000, 2)} s); raw ${fmt(raw[rep]!)} rows/s (${fmt(rawMs / 1000, 2)} s)`,
    );
  } finally {
    await reg.dispose();
  }
}
const f = median(full);
const b = median(raw);
const maxRss = process.resourceUsage().maxRSS / 1024;
console.log(`\nimportLines (whole path):   ${fmt(f)} records/s (median of ${REPS})`);
console.log(`raw better-sqlite3 inserts: ${fmt(b)} rows/s (median of ${REPS})`);
console.log(`ratio importLines / raw:    ${ratio(f, b)}`);
console.log(
  `peak RSS: ${fmt(peakDuring / 2 ** 20)} MB sampled during import (${fmt(rssBefore / 2 ** 20)} MB before it); process maxRSS ${fmt(maxRss)} MB${heapAfter ? `; live heap after the import ${fmt(heapAfter / 2 ** 20)} MB` : ''}`,
);
