/**
 * Credence on PostgreSQL, each path beside the bare minimum of the same work in the same run:
 *
 *   import   N record lines through importLines (Ingestor → PostgreSQL store, COPY for the rows)
 *            beside a raw COPY of the same stored rows into records_raw (LIKE records INCLUDING ALL: same
 *            columns, primary key and indexes), one COPY statement
 *   rebuild  rebuildAll(ctx) over the imported population
 *            beside `select subject_id, count(*), sum(amount), min(occurred_at) from records group by subject_id`
 *   check    checkMeasure(ctx, ref, measure) (resolve, refresh if due, answer, record the check)
 *            beside `select subject_id, score, grade, next_change_at from derived where subject_id = $1`
 *
 * A fresh database on the test server (CREDENCE_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres),
 * dropped at the end. `--engine sqlite` runs the same program on a SQLite file for the figures beside them (its
 * baselines: the rows inserted raw with better-sqlite3 in transactions of 10,000, the same GROUP BY, the same lookup).
 *
 *   npx tsx bench/postgres.bench.ts [--records 100000] [--subjects 10000] [--reps 3] [--checks 2000] [--engine sqlite]
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { activeRulebooks } from '../src/app/governance/governance.rulebooks.ts';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { rebuildAll } from '../src/app/maintenance/maintenance.tick.ts';
import type { RecordRow } from '../src/app/ports/ports.store.ts';
import { checkMeasure } from '../src/app/queries/queries.usecases.ts';
import { postgresAvailable, testRegistry } from '../src/app/testing/test-registry.ts';
import { copyLines, RECORD_COLUMNS } from '../src/store/postgres/postgres.bulk.ts';
import {
  arg,
  asLines,
  fmt,
  machine,
  median,
  NOW,
  NOW_TEXT,
  percentile,
  ratio,
  recordLines,
  rejectCounter,
  subjectLines,
} from './_util.ts';

const N = arg('records', 100_000);
const S = arg('subjects', 10_000);
const REPS = arg('reps', 3);
const CHECKS = arg('checks', 2000);
const ENGINE = process.argv.includes('--engine')
  ? process.argv[process.argv.indexOf('--engine') + 1]
  : 'postgres';
if (ENGINE !== 'postgres' && ENGINE !== 'sqlite') throw new Error('--engine postgres|sqlite');

/** The baselines, by engine: the bare minimum of the same work, outside Credence. */
interface Raw {
  readonly about: string;
  rows(): Promise<RecordRow[]>;
  /** Stores the rows into records_raw (same columns, primary key and indexes as records); returns ms. */
  insert(rows: readonly RecordRow[]): Promise<number>;
  group(sql: string): Promise<number>;
  lookup(id: number): Promise<unknown>;
  ids(): Promise<number[]>;
  close(): Promise<void>;
}

async function postgresRaw(url: string): Promise<Raw> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const setting = async (name: string) => (await c.query(`show ${name}`)).rows[0][name];
  const version = (await c.query('select version()')).rows[0].version.split(' on ')[0];
  const lookup = {
    name: 'derived_row',
    text: 'select subject_id, score, grade, next_change_at from derived where subject_id = $1',
  };
  return {
    about: `${version} on the same machine, work_mem ${await setting('work_mem')}, shared_buffers ${await setting('shared_buffers')}, synchronous_commit ${await setting('synchronous_commit')}; baseline: one raw COPY`,
    rows: async () =>
      (await c.query(`select ${RECORD_COLUMNS.join(', ')} from records order by subject_id, seq`)).rows,
    async insert(rows) {
      await c.query('create table records_raw (like records including all)');
      const t0 = performance.now();
      await c.query('begin');
      await pipeline(
        Readable.from(copyLines(rows)),
        c.query(copyFrom(`COPY records_raw (${RECORD_COLUMNS.join(', ')}) FROM STDIN`)),
      );
      await c.query('commit');
      const ms = performance.now() - t0;
      await c.query('vacuum analyze records');
      return ms;
    },
    group: async (sql) => (await c.query(sql)).rowCount ?? 0,
    lookup: (id) => c.query({ ...lookup, values: [id] }),
    ids: async () => (await c.query('select id from subjects order by id')).rows.map((r) => Number(r.id)),
    close: () => c.end(),
  };
}

async function sqliteRaw(file: string): Promise<Raw> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -131072');
  const lookup = db.prepare(
    'select subject_id, score, grade, next_change_at from derived where subject_id = ?',
  );
  return {
    about:
      'SQLite via better-sqlite3 (WAL, synchronous=NORMAL); baseline: raw inserts, transactions of 10,000',
    rows: async () =>
      db
        .prepare(`select ${RECORD_COLUMNS.join(', ')} from records order by subject_id, seq`)
        .all() as RecordRow[],
    async insert(rows) {
      db.exec(`create table records_raw (
        subject_id bigint not null, seq integer not null, source text not null, record_id text not null,
        type text not null, occurred_at bigint not null, recorded_at bigint not null, legal_basis text not null,
        evidence text not null, amount double precision, on_behalf_of bigint, culpability text, note text,
        content_hash text not null, primary key (subject_id, seq));
        create index records_raw_key on records_raw (source, record_id);
        create index records_raw_on_behalf_of on records_raw (on_behalf_of) where on_behalf_of is not null;`);
      const ins = db.prepare(
        `insert into records_raw (${RECORD_COLUMNS.join(', ')}) values (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
      );
      const batch = db.transaction((chunk: readonly RecordRow[]) => {
        for (const r of chunk) ins.run(RECORD_COLUMNS.map((c) => r[c]));
      });
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += 10_000) batch(rows.slice(i, i + 10_000));
      return performance.now() - t0;
    },
    group: async (sql) => db.prepare(sql).all().length,
    lookup: async (id) => lookup.get(id),
    ids: async () => db.prepare('select id from subjects order by id').pluck().all() as number[],
    close: async () => {
      db.close();
    },
  };
}

if (ENGINE === 'postgres' && !(await postgresAvailable())) {
  console.error('postgres.bench: PostgreSQL is not reachable (set CREDENCE_TEST_PG or start the server)');
  process.exit(1);
}
const reg = await testRegistry(NOW_TEXT, 'rulebooks/default.yaml', ENGINE);
const raw =
  ENGINE === 'postgres' ? await postgresRaw(reg.location.databaseUrl!) : await sqliteRaw(reg.location.db!);
try {
  console.log(
    `postgres.bench --engine ${ENGINE}: ${fmt(N)} records over ${fmt(S)} subjects, ${REPS} rep(s) of rebuild, ${fmt(CHECKS)} checks; ${machine()} (shared, noisy); ${raw.about}`,
  );
  const rb = (await reg.ctx.store.transaction((tx) => activeRulebooks(tx))).at(NOW);
  const { lines, subs } = subjectLines(rb, S);
  const rej = rejectCounter();
  let t0 = performance.now();
  await importLines(reg.ctx, asLines(lines), rej.on);
  if (rej.r.count > 0) throw new Error(`subject lines rejected: ${rej.r.first}`);
  console.log(
    `  ${fmt(lines.length)} source and subject lines registered in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );

  // ── import: the whole path, then the same stored rows by raw COPY ──
  t0 = performance.now();
  const sum = await importLines(reg.ctx, asLines(recordLines(rb, subs, N)), rej.on);
  const importMs = performance.now() - t0;
  if (rej.r.count > 0 || sum.created !== N)
    throw new Error(`expected ${N} created, got ${JSON.stringify(sum)}; first rejection ${rej.r.first}`);
  const rows = await raw.rows();
  if (rows.length !== N) throw new Error(`records holds ${rows.length} rows, expected ${N}`);
  const copyMs = await raw.insert(rows);
  const importRate = (N / importMs) * 1000;
  const copyRate = (N / copyMs) * 1000;
  console.log(`\nimport, ${fmt(N)} records (1 rep)`);
  console.log(`  importLines (whole path):  ${fmt(importRate)} records/s (${fmt(importMs / 1000, 1)} s)`);
  console.log(`  raw, the same rows:        ${fmt(copyRate)} rows/s (${fmt(copyMs / 1000, 2)} s)`);
  console.log(`  ratio importLines / raw:   ${ratio(importRate, copyRate)}`);

  // ── rebuild beside a plain aggregate, interleaved ──
  const group = 'select subject_id, count(*), sum(amount), min(occurred_at) from records group by subject_id';
  const full: number[] = [];
  const base: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const a0 = performance.now();
    const done = await rebuildAll(reg.ctx);
    full.push(performance.now() - a0);
    const b0 = performance.now();
    const groups = await raw.group(group);
    base.push(performance.now() - b0);
    console.log(
      `  rep ${rep + 1}: rebuildAll ${fmt(full[rep]!)} ms (${fmt(done)} subjects); GROUP BY ${fmt(base[rep]!, 1)} ms (${fmt(groups)} groups)`,
    );
  }
  const f = median(full);
  const b = median(base);
  console.log(`\nrebuild, ${fmt(S)} subjects / ${fmt(N)} records (median of ${REPS})`);
  console.log(`  rebuildAll:        ${fmt(f)} ms = ${fmt((S / f) * 1000)} subjects/s`);
  console.log(`  SQL GROUP BY:      ${fmt(b, 1)} ms`);
  console.log(`  ratio rebuild/SQL: ${ratio(f, b)}`);

  // ── check beside a plain indexed lookup ──
  const ids = await raw.ids();
  const pick = (i: number) => subs[(i * 7919) % subs.length]!;
  const measures = ['transport.high_speed_rail', 'procurement.exclusion', 'transport.discount'];
  for (let i = 0; i < 100; i++) await checkMeasure(reg.ctx, pick(i).ref, measures[i % 3]!);
  for (let i = 0; i < 100; i++) await raw.lookup(ids[i % ids.length]!);
  const lat: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < CHECKS; i++) {
    const s = performance.now();
    await checkMeasure(reg.ctx, pick(i + 100).ref, measures[i % 3]!);
    lat.push(performance.now() - s);
  }
  const checkRate = CHECKS / ((performance.now() - t0) / 1000);
  const blat: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < CHECKS * 5; i++) {
    const s = performance.now();
    await raw.lookup(ids[(i * 7919) % ids.length]!);
    blat.push(performance.now() - s);
  }
  const lookupRate = (CHECKS * 5) / ((performance.now() - t0) / 1000);
  console.log(`\ncheck, ${fmt(CHECKS)} checks over ${fmt(S)} subjects (one process, sequential)`);
  console.log(
    `  checkMeasure:         ${fmt(checkRate)} checks/s, p50 ${fmt(percentile(lat, 50), 2)} ms, p99 ${fmt(percentile(lat, 99), 2)} ms`,
  );
  console.log(
    `  indexed derived row:  ${fmt(lookupRate)} lookups/s, p50 ${fmt(percentile(blat, 50), 3)} ms, p99 ${fmt(percentile(blat, 99), 3)} ms`,
  );
  console.log(`  ratio check / lookup: ${ratio(checkRate, lookupRate)}`);
  console.log(`\npeak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await raw.close();
  await reg.dispose();
}
