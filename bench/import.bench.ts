/**
 * Import to fully derived state: N record lines through the whole path (importLines → Ingestor → SQLite store;
 * every touched subject derived once at the end), subjects registered beforehand, beside two baselines measured in
 * the same repetition on the same file with raw prepared better-sqlite3 inserts, transactions of 10,000 rows:
 *
 *   (a) the same records: the stored `records` rows into a table of the same shape (columns, keys, indexes);
 *   (b) exactly the rows the import wrote: every table it changed, each row present after the import and not
 *       before (inserted or rewritten), into tables of the same shape as theirs.
 *
 * Peak RSS: a fresh process per run (this program with --rss-child), its heap bounded as `credence import` bounds
 * its own (src/cli/bounded-heap.ts), registers the subjects and imports --rss-records records; its maxRSS is the
 * figure (it includes tsx, which the compiled command does not load). The same at --huge-records with --huge
 * (long: not by default).
 *
 *   npx tsx bench/import.bench.ts [--records 200000] [--subjects 10000] [--reps 3]
 *                                 [--rss-records 20000] [--huge] [--huge-records 2000000] [--huge-subjects 100000] [--huge-reps 1]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { IMPORT_CHECKPOINT_PAGES, IMPORT_LOCATION } from '../src/app/ports/ports.context.ts';
import { IMPORT_HEAP_MB } from '../src/cli/bounded-heap.ts';
import { copyRows, openRaw, snapshot, writtenRows } from './_tables.ts';
import {
  arg,
  asLines,
  flag,
  fmt,
  freshRegistry,
  machine,
  maxRssMb,
  median,
  QUICK,
  ratio,
  recordLines,
  rejectCounter,
  report,
  type Subj,
  subjectStream,
} from './_util.ts';

const N = arg('records', 200_000, 10_000);
const S = arg('subjects', 10_000, 1000);
const REPS = arg('reps', 3);
const RSS_N = arg('rss-records', 20_000, 5000);
const HUGE_N = arg('huge-records', 2_000_000);
const HUGE_S = arg('huge-subjects', 100_000);
// each 2,000,000-record run takes minutes: one by default
const HUGE_REPS = arg('huge-reps', 1);
const RSS_LIMIT_MB = 250;

type Registry = Awaited<ReturnType<typeof freshRegistry>>;

/** Registers S subjects in a fresh registry; returns it with the subjects' references. */
async function population(subjects: number) {
  // as `credence import` opens its registry: unmapped (its resident memory stays its heap and page cache), and
  // checkpointing its WAL every IMPORT_CHECKPOINT_PAGES pages
  const reg = await freshRegistry(IMPORT_LOCATION);
  const subs: Subj[] = [];
  const rej = rejectCounter();
  await importLines(reg.ctx, asLines(subjectStream(reg.rb, subjects, subs)), rej.on);
  if (rej.r.count > 0) throw new Error(`subject lines rejected: ${rej.r.first}`);
  return { reg, subs };
}

async function importRecords(reg: Registry, subs: readonly Subj[], n: number) {
  const rej = rejectCounter();
  const t0 = performance.now();
  // lines are generated lazily inside the timed loop, as a file would be read
  const sum = await importLines(reg.ctx, asLines(recordLines(reg.rb, subs, n)), rej.on);
  const ms = performance.now() - t0;
  if (rej.r.count > 0 || sum.created !== n)
    throw new Error(`expected ${n} created, got ${JSON.stringify(sum)}; first rejection ${rej.r.first}`);
  return ms;
}

// ── a child for the memory figure: one import in a fresh process, its peak resident set printed last ──
if (flag('rss-child')) {
  const { reg, subs } = await population(S);
  try {
    const before = process.memoryUsage().rss / 2 ** 20;
    await importRecords(reg, subs, N);
    console.log(`RSS ${JSON.stringify({ peak: maxRssMb(), before })}`);
  } finally {
    await reg.dispose();
  }
  process.exit(0);
}

/** Runs the memory child `reps` times at n records over s subjects; medians of peak and pre-import RSS. */
function rssRuns(n: number, s: number, reps: number) {
  const peaks: number[] = [];
  const befores: number[] = [];
  for (let i = 0; i < reps; i++) {
    const r = spawnSync(
      process.execPath,
      [
        // the heap `credence import` runs in (src/cli/bounded-heap.ts)
        `--max-old-space-size=${IMPORT_HEAP_MB}`,
        '--max-semi-space-size=8',
        '--import',
        'tsx',
        'bench/import.bench.ts',
        '--rss-child',
        '--records',
        String(n),
        '--subjects',
        String(s),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    const line = r.stdout.split('\n').find((l) => l.startsWith('RSS '));
    if (r.status !== 0 || !line) throw new Error(`memory run failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const { peak, before } = JSON.parse(line.slice(4)) as { peak: number; before: number };
    console.log(
      `  memory run ${i + 1}: ${fmt(n)} records over ${fmt(s)} subjects: peak RSS ${fmt(peak)} MB (${fmt(before)} MB before the import)`,
    );
    peaks.push(peak);
    befores.push(before);
  }
  return { peak: median(peaks), before: median(befores) };
}

console.log(`import.bench: ${fmt(N)} records over ${fmt(S)} subjects, ${REPS} rep(s); ${machine()}`);
const full: number[] = [];
const rawRecords: number[] = [];
const rawWritten: number[] = [];
let written = '';
let writtenTotal = 0;
for (let rep = 0; rep < REPS; rep++) {
  const { reg, subs } = await population(S);
  try {
    const file = join(reg.dir, 'registry.db');
    // its baselines checkpoint as the import does
    const db = openRaw(file, { checkpointPages: IMPORT_CHECKPOINT_PAGES });
    const before = snapshot(db);
    const ms = await importRecords(reg, subs, N);
    full.push((N / ms) * 1000);

    const rows = writtenRows(db, before);
    const recs = rows.find((t) => t.table === 'records');
    if (recs?.rows.length !== N)
      throw new Error(`the import wrote ${recs?.rows.length} records, expected ${N}`);
    const aMs = copyRows(db, [recs], 'raw_a_');
    const bMs = copyRows(db, rows, 'raw_b_');
    db.close();
    rawRecords.push((N / aMs) * 1000);
    rawWritten.push((N / bMs) * 1000);
    writtenTotal = rows.reduce((a, t) => a + t.rows.length, 0);
    written = rows.map((t) => `${t.table} ${fmt(t.rows.length)}`).join(', ');
    console.log(
      `  rep ${rep + 1}: importLines ${fmt(full[rep]!)} records/s (${fmt(ms / 1000, 2)} s); raw, the records ${fmt(rawRecords[rep]!)} records/s (${fmt(aMs / 1000, 2)} s); raw, every row written ${fmt(rawWritten[rep]!)} records/s (${fmt(bMs / 1000, 2)} s)`,
    );
  } finally {
    await reg.dispose();
  }
}
console.log(`  rows the import wrote (inserted or rewritten), by table: ${written}`);
const f = median(full);
const a = median(rawRecords);
const b = median(rawWritten);
console.log(`\nimportLines (whole path, fully derived): ${fmt(f)} records/s (median of ${REPS})`);
console.log(`(a) raw inserts of the same records:     ${fmt(a)} records/s — ratio ${ratio(f, a)}`);
console.log(`(b) raw inserts of every row written:    ${fmt(b)} records/s — ratio ${ratio(f, b)}`);
const title = `import to fully derived state, ${fmt(N)} records / ${fmt(S)} subjects`;
report({
  id: 'import.vs-raw-records',
  title,
  value: f,
  unit: 'records/s',
  baseline: {
    title: 'raw prepared inserts of the same records (better-sqlite3)',
    value: a,
    unit: 'records/s',
  },
  target: { text: '≥ 0.2×', op: '>=', value: 0.2, of: 'ratio' },
  runs: REPS,
});
report({
  id: 'import.vs-raw-written',
  title,
  value: f,
  unit: 'records/s',
  baseline: {
    title: `raw prepared inserts of every row the import writes (${fmt(writtenTotal)} rows)`,
    value: b,
    unit: 'records/s',
  },
  target: { text: '≥ 0.5×', op: '>=', value: 0.5, of: 'ratio' },
  runs: REPS,
  note: `rows written, by table: ${written}`,
});

const rssTarget = { text: `< ${RSS_LIMIT_MB} MB`, op: '<', value: RSS_LIMIT_MB, of: 'value' } as const;
const small = rssRuns(RSS_N, S, REPS);
report({
  id: 'import.peak-rss',
  title: `import peak RSS, ${fmt(RSS_N)} records / ${fmt(S)} subjects (whole process)`,
  value: small.peak,
  unit: 'MB',
  baseline: null,
  target: rssTarget,
  runs: REPS,
  note: `${fmt(small.before)} MB before the import (subjects registered); heap bounded to ${IMPORT_HEAP_MB} MB as \`credence import\` runs`,
});
if (flag('huge') && !QUICK) {
  const huge = rssRuns(HUGE_N, HUGE_S, HUGE_REPS);
  report({
    id: 'import.peak-rss-huge',
    title: `import peak RSS, ${fmt(HUGE_N)} records / ${fmt(HUGE_S)} subjects (whole process)`,
    value: huge.peak,
    unit: 'MB',
    baseline: null,
    target: rssTarget,
    runs: HUGE_REPS,
    note: `${fmt(huge.before)} MB before the import (subjects registered); heap bounded to ${IMPORT_HEAP_MB} MB as \`credence import\` runs`,
  });
} else
  report({
    id: 'import.peak-rss-huge',
    title: `import peak RSS, ${fmt(HUGE_N)} records / ${fmt(HUGE_S)} subjects (whole process)`,
    value: null,
    unit: 'MB',
    baseline: null,
    target: rssTarget,
    runs: 0,
    note: 'not run (needs --huge)',
  });
