/**
 * Credence on PostgreSQL, each path beside the bare minimum of the same work in the same run. Each repetition
 * creates its own database (credence_bench_<pid>_<rep>) on the server and drops it at the end:
 *
 *   register  S subjects (their source, person and organization lines) through importLines; target < 5 s at 10,000
 *   import    N record lines through importLines (Ingestor → PostgreSQL store, to fully derived state)
 *             beside a raw COPY of the same stored rows into records_raw (LIKE records INCLUDING ALL: same
 *             columns, primary key and indexes), one COPY statement; target ≥ 0.2×
 *
 * In the last repetition's database, for reading beside the SQLite figures (no targets):
 *
 *   rebuild   rebuildAll(ctx, { full: true }) beside `select subject_id, count(*), max(seq) from records group by subject_id`
 *   check     checkMeasure(ctx, ref, measure), sequentially, beside the indexed lookup of the subject's derived row
 *
 * The server: CREDENCE_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres) names it and a database to
 * connect to for creating and dropping. `--engine sqlite` runs the same program on a SQLite file (its baselines:
 * the rows inserted raw with better-sqlite3 in transactions of 10,000, the same GROUP BY, the same lookup).
 *
 *   npx tsx bench/postgres.bench.ts [--records 50000] [--subjects 10000] [--reps 3] [--checks 1000] [--engine sqlite]
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { activateRulebook, activeRulebooks } from '../src/app/governance/governance.rulebooks.ts';
import { importLines } from '../src/app/ingest/ingest.file.ts';
import { rebuildAll } from '../src/app/maintenance/maintenance.tick.ts';
import { type AppContext, makeIdHasher } from '../src/app/ports/ports.context.ts';
import type { RecordRow } from '../src/app/ports/ports.store.ts';
import { checkMeasure } from '../src/app/queries/queries.usecases.ts';
import { PG_ADMIN_URL, postgresAvailable, testRegistry } from '../src/app/testing/test-registry.ts';
import { TestClock } from '../src/domain/clock.ts';
import { copyLines } from '../src/store/postgres/postgres.bulk.ts';
import { openPostgres } from '../src/store/postgres/postgres.store.ts';
import { RECORD_COLUMNS } from '../src/store/records.rows.ts';
import { storeFactory } from '../src/store/store.open.ts';
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
  report,
  subjectLines,
} from './_util.ts';

const N = arg('records', 50_000, 5000);
const S = arg('subjects', 10_000, 1000);
const REPS = arg('reps', 3);
const CHECKS = arg('checks', 1000, 200);
const ENGINE = process.argv.includes('--engine')
  ? process.argv[process.argv.indexOf('--engine') + 1]
  : 'postgres';
if (ENGINE !== 'postgres' && ENGINE !== 'sqlite') throw new Error('--engine postgres|sqlite');

interface Registry {
  readonly ctx: AppContext;
  readonly location: { db?: string; databaseUrl?: string };
  dispose(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh registry in a database of its own on the server, with the default rulebook; dispose drops it. */
async function pgRegistry(name: string): Promise<Registry> {
  await admin((c) => c.query(`create database ${name}`));
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const drop = () =>
    admin(async (c) => {
      // let the closed pool's connections go before dropping, so that none is terminated under a client
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
    });
  try {
    const store = await openPostgres(url);
    const location = { databaseUrl: url };
    const ctx: AppContext = {
      store,
      clock: new TestClock(NOW),
      hashNationalId: makeIdHasher('bench-key'),
      actor: 'bench',
      storeFactory: storeFactory(location),
    };
    await activateRulebook(ctx, readFileSync('rulebooks/default.yaml', 'utf8'));
    return {
      ctx,
      location,
      async dispose() {
        try {
          await store.close();
        } finally {
          await drop();
        }
      },
    };
  } catch (e) {
    await drop();
    throw e;
  }
}

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
    about: `${version} on the same machine, work_mem ${await setting('work_mem')}, shared_buffers ${await setting('shared_buffers')}, synchronous_commit ${await setting('synchronous_commit')}`,
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
  db.pragma('cache_size = -16384');
  const lookup = db.prepare(
    'select subject_id, score, grade, next_change_at from derived where subject_id = ?',
  );
  return {
    about: 'SQLite via better-sqlite3 (WAL, synchronous=NORMAL)',
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
console.log(
  `postgres.bench --engine ${ENGINE}: ${fmt(N)} records over ${fmt(S)} subjects, ${REPS} rep(s), ${fmt(CHECKS)} checks; ${machine()}`,
);
const registered: number[] = [];
const imported: number[] = [];
const copied: number[] = [];
let about = '';
let extras: Parameters<typeof report>[0][] = [];
for (let rep = 0; rep < REPS; rep++) {
  const reg =
    ENGINE === 'postgres'
      ? await pgRegistry(`credence_bench_${process.pid}_${rep}`)
      : await testRegistry(NOW_TEXT, 'rulebooks/default.yaml', 'sqlite');
  const raw =
    ENGINE === 'postgres' ? await postgresRaw(reg.location.databaseUrl!) : await sqliteRaw(reg.location.db!);
  about = raw.about;
  try {
    const rb = (await reg.ctx.store.transaction((tx) => activeRulebooks(tx))).at(NOW);
    const { lines, subs } = subjectLines(rb, S);
    const rej = rejectCounter();
    let t0 = performance.now();
    await importLines(reg.ctx, asLines(lines), rej.on);
    registered.push(performance.now() - t0);
    if (rej.r.count > 0) throw new Error(`subject lines rejected: ${rej.r.first}`);

    t0 = performance.now();
    const sum = await importLines(reg.ctx, asLines(recordLines(rb, subs, N)), rej.on);
    const importMs = performance.now() - t0;
    if (rej.r.count > 0 || sum.created !== N)
      throw new Error(`expected ${N} created, got ${JSON.stringify(sum)}; first rejection ${rej.r.first}`);
    const rows = await raw.rows();
    if (rows.length !== N) throw new Error(`records holds ${rows.length} rows, expected ${N}`);
    const copyMs = await raw.insert(rows);
    imported.push((N / importMs) * 1000);
    copied.push((N / copyMs) * 1000);
    console.log(
      `  rep ${rep + 1}: ${fmt(S)} subjects registered in ${fmt(registered[rep]! / 1000, 2)} s; importLines ${fmt(imported[rep]!)} records/s (${fmt(importMs / 1000, 1)} s); raw ${fmt(copied[rep]!)} rows/s (${fmt(copyMs / 1000, 2)} s)`,
    );
    if (rep === REPS - 1) extras = await rebuildAndCheck(reg, raw, subs);
  } finally {
    await raw.close();
    await reg.dispose();
  }
}
console.log(`  (${about})`);
const reg10 = median(registered) / 1000;
const imp = median(imported);
const cop = median(copied);
console.log(`\nregistering ${fmt(S)} subjects: ${fmt(reg10, 2)} s (median of ${REPS})`);
console.log(
  `import, ${fmt(N)} records: ${fmt(imp)} records/s beside raw ${fmt(cop)} rows/s: ${ratio(imp, cop)}`,
);
const pgTargets = ENGINE === 'postgres';
report({
  id: `${ENGINE}.register`,
  title: `${ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite'}: registering ${fmt(S)} subjects (importLines)`,
  value: reg10,
  unit: 's',
  baseline: null,
  target: pgTargets && S === 10_000 ? { text: '< 5 s', op: '<', value: 5, of: 'value' } : null,
  runs: REPS,
});
report({
  id: `${ENGINE}.import`,
  title: `${ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite'}: import to fully derived state, ${fmt(N)} records / ${fmt(S)} subjects`,
  value: imp,
  unit: 'records/s',
  baseline: {
    title:
      ENGINE === 'postgres'
        ? 'one raw `COPY` of the same records'
        : 'raw better-sqlite3 inserts of the same records',
    value: cop,
    unit: 'records/s',
  },
  target: pgTargets ? { text: '≥ 0.2×', op: '>=', value: 0.2, of: 'ratio' } : null,
  runs: REPS,
});
for (const e of extras) report(e);

/** The rebuild and the check on the last repetition's registry, beside a plain aggregate and an indexed lookup. */
async function rebuildAndCheck(
  reg: Registry,
  raw: Raw,
  subs: readonly { ref: string }[],
): Promise<Parameters<typeof report>[0][]> {
  const group = 'select subject_id, count(*), max(seq) from records group by subject_id';
  const full: number[] = [];
  const base: number[] = [];
  await raw.group(group);
  for (let rep = 0; rep < REPS; rep++) {
    const a0 = performance.now();
    const r = await rebuildAll(reg.ctx, { full: true });
    full.push(performance.now() - a0);
    const b0 = performance.now();
    const groups = await raw.group(group);
    base.push(performance.now() - b0);
    console.log(
      `  rebuild rep ${rep + 1}: rebuildAll full ${fmt(full[rep]!)} ms (${fmt(r.recomputed)} subjects); GROUP BY ${fmt(base[rep]!, 1)} ms (${fmt(groups)} groups)`,
    );
  }
  const engine = ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const rebuild = {
    id: `${ENGINE}.rebuild.full`,
    title: `${engine}: \`rebuildAll(ctx, { full: true })\`, ${fmt(S)} subjects / ${fmt(N)} records`,
    value: median(full),
    unit: 'ms',
    baseline: { title: '`GROUP BY` over the ledger (count, max seq)', value: median(base), unit: 'ms' },
    target: null,
    runs: REPS,
  };

  const ids = await raw.ids();
  const pick = (i: number) => subs[(i * 7919) % subs.length]!;
  const measures = ['transport.high_speed_rail', 'procurement.exclusion', 'transport.discount'];
  for (let i = 0; i < 100; i++) await checkMeasure(reg.ctx, pick(i).ref, measures[i % 3]!);
  for (let i = 0; i < 100; i++) await raw.lookup(ids[i % ids.length]!);
  const lat: number[] = [];
  let t0 = performance.now();
  for (let i = 0; i < CHECKS; i++) {
    const s = performance.now();
    await checkMeasure(reg.ctx, pick(i + 100).ref, measures[i % 3]!);
    lat.push(performance.now() - s);
  }
  const checkRate = CHECKS / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < CHECKS * 5; i++) await raw.lookup(ids[(i * 7919) % ids.length]!);
  const lookupRate = (CHECKS * 5) / ((performance.now() - t0) / 1000);
  console.log(
    `  check: ${fmt(checkRate)} checks/s (p50 ${fmt(percentile(lat, 50), 2)} ms, p99 ${fmt(percentile(lat, 99), 2)} ms); indexed lookup ${fmt(lookupRate)}/s`,
  );
  const check = {
    id: `${ENGINE}.check.sequential`,
    title: `${engine}: \`check\` in process, sequential, ${fmt(S)} subjects`,
    value: checkRate,
    unit: 'checks/s',
    baseline: { title: 'indexed lookup of the derived row', value: lookupRate, unit: 'lookups/s' },
    target: null,
    runs: 1,
    note: `p50 ${fmt(percentile(lat, 50), 2)} ms, p99 ${fmt(percentile(lat, 99), 2)} ms`,
  };
  return [rebuild, check];
}
