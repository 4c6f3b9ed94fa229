import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { copyRows, snapshot, writtenRows } from './_tables.ts';
import { type Figure, report } from './_util.ts';

interface ReadmeScript {
  machineLine(results: unknown): string;
  verdict(f: Figure): string;
  withTable(readme: string, results: unknown): string;
}
const script = '../scripts/bench-readme.mjs';
const readme = (await import(script)) as ReadmeScript;

const figure = (f: Partial<Figure>): Figure => ({
  id: 'x',
  title: 'x',
  value: 1,
  unit: 'ms',
  baseline: null,
  ratio: null,
  target: null,
  met: null,
  runs: 3,
  note: '',
  ...f,
});

test('a figure is judged on its ratio or on its value, as its target says, and lands in the figures file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-harness-'));
  const file = join(dir, 'figures.ndjson');
  process.env.BENCH_FIGURES = file;
  try {
    const slow = report({
      id: 'import',
      title: 'import',
      value: 3100,
      unit: 'records/s',
      baseline: { title: 'raw', value: 10_000, unit: 'records/s' },
      target: { text: '≥ 0.5×', op: '>=', value: 0.5, of: 'ratio' },
      runs: 3,
    });
    const quick = report({
      id: 'score',
      title: 'score',
      value: 1.5,
      unit: 'ms',
      baseline: { title: 'pk read', value: 0.05, unit: 'ms' },
      target: { text: '< 2 ms', op: '<', value: 2, of: 'value' },
      runs: 3,
    });
    assert.equal(slow.ratio, 0.31);
    assert.equal(slow.met, false);
    assert.equal(quick.met, true);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as Figure).id),
      ['import', 'score'],
    );
  } finally {
    delete process.env.BENCH_FIGURES;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missed target says by how much; a met one says so; a figure not measured says it was not run', () => {
  const ratioTarget = { text: '≥ 0.5×', op: '>=', value: 0.5, of: 'ratio' } as const;
  assert.equal(
    readme.verdict(figure({ ratio: 0.31, target: ratioTarget, met: false })),
    '✘ missed: 0.31× vs ≥ 0.5×, 1.61× short',
  );
  assert.equal(
    readme.verdict(
      figure({ value: 9.7, target: { text: '< 2 ms', op: '<', value: 2, of: 'value' }, met: false }),
    ),
    '✘ missed: 9.7 ms vs < 2 ms, 4.85× over',
  );
  assert.equal(readme.verdict(figure({ ratio: 0.8, target: ratioTarget, met: true })), '✔ met (0.8×)');
  assert.equal(
    readme.verdict(figure({ value: null, target: ratioTarget, met: null, note: 'not run (needs --huge)' })),
    'not run',
  );
  assert.equal(readme.verdict(figure({})), '—');
});

test('the README table is written between its markers only, and writing it twice changes nothing', () => {
  const results = {
    machine: {
      cpus: 2,
      model: 'CPU',
      node: 'v20.20.2',
      os: 'Linux',
      date: '2026-11-30T06:00:00Z',
      commit: 'abc1234',
      dirty: false,
    },
    programs: [{ name: 'score', seconds: 12, status: 'ok', date: '2026-11-30T06:00:12Z' }],
    figures: [
      figure({
        title: 'explained score',
        target: { text: '< 2 ms', op: '<', value: 2, of: 'value' },
        met: true,
      }),
    ],
  };
  const before =
    '## Benchmarks\n\nintro\n\n<!-- bench:table:start -->\nold table\n<!-- bench:table:end -->\n\nafter\n';
  const once = readme.withTable(before, results);
  assert.ok(once.startsWith('## Benchmarks\n\nintro\n\n<!-- bench:table:start -->\n'));
  assert.ok(once.endsWith('<!-- bench:table:end -->\n\nafter\n'));
  assert.ok(!once.includes('old table'));
  assert.match(once, /\| explained score \(median of 3\) \| 1 ms \|/);
  assert.match(once, /Measured 2026-11-30 at commit `abc1234` on CPU, 2 cpus, Node 20\.20\.2, Linux/);
  assert.equal(readme.withTable(once, results), once);
  assert.throws(() => readme.withTable('no markers', results), /bench:table:start/);
});

test('the rows an import writes are the new and the rewritten rows of every table, copied into tables of the same shape', () => {
  const db = new Database(':memory:');
  db.exec(`create table derived (subject_id integer primary key, score integer not null);
           create table records (subject_id integer not null, seq integer not null, type text not null,
                                 primary key (subject_id, seq));
           create index records_type on records (type);
           create table untouched (x integer);
           insert into derived values (1, 500), (2, 500);
           insert into untouched values (1);`);
  const before = snapshot(db);
  db.exec(`insert into records values (1, 1, 'tax.late_payment'), (1, 2, 'court.judgment_default');
           update derived set score = 420 where subject_id = 1;`);
  const written = writtenRows(db, before);
  assert.deepEqual(
    written.map((w) => [w.table, w.rows]),
    [
      ['derived', [[1, 420]]],
      [
        'records',
        [
          [1, 1, 'tax.late_payment'],
          [1, 2, 'court.judgment_default'],
        ],
      ],
    ],
  );
  copyRows(db, written, 'raw_');
  assert.equal(db.prepare('select count(*) from raw_records').pluck().get(), 2);
  assert.equal(db.prepare('select count(*) from raw_derived').pluck().get(), 1);
  const idx = db
    .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'raw_records'")
    .pluck()
    .all();
  assert.ok(idx.includes('raw_records_type'), `indexes of raw_records: ${idx.join(', ')}`);
  assert.throws(() => db.exec("insert into raw_records values (1, 1, 'x')"), /UNIQUE|PRIMARY KEY/);
  db.close();
});

test('the machine line says which programs ran on a changed tree and which were re-run alone', () => {
  const at = (t: string) => `2026-11-30T${t}Z`;
  const line = readme.machineLine({
    machine: {
      cpus: 2,
      model: 'CPU',
      node: 'v20.20.2',
      os: 'Linux',
      date: at('07:24:00'),
      commit: 'abc1234',
      dirty: true,
    },
    programs: [
      { name: 'score', seconds: 10, status: 'ok', date: at('07:12:53'), commit: 'abc1234', dirty: false },
      { name: 'rebuild', seconds: 18, status: 'ok', date: at('07:24:34'), commit: 'abc1234', dirty: true },
      { name: 'http', seconds: 139, status: 'failed', date: at('07:22:10'), commit: 'abc1234', dirty: false },
    ],
    figures: [],
  });
  assert.match(line, /with uncommitted changes in src\/ or bench\/ as rebuild ran/);
  assert.match(line, /rebuild re-run at 2026-11-30 07:24 UTC, the others kept from the run before/);
  assert.match(line, /\*\*failed: http\*\*/);
  assert.match(line, /the programs took 2 min 47 s in all/);
});
