/**
 * Statistics after bulk writes: on PostgreSQL a table that a write has outgrown is analyzed at once, not at
 * autovacuum's next round, and a few rows analyze nothing; SQLite gathers none. An import refreshes them after
 * each batch that wrote (tables grown tenfold) and before it derives the subjects it wrote (grown by a tenth).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { importLines } from '../../app/ingest/ingest.file.ts';
import type { Store } from '../../app/ports/ports.store.ts';
import {
  EVIDENCE,
  postgresAvailable,
  type TestRegistry,
  testRegistry,
} from '../../app/testing/test-registry.ts';
import { ANALYZE_AFTER_ROWS } from './postgres.statistics.ts';

const PG_UP = await postgresAvailable();
const CI = Boolean(process.env.CI);

const lines = (values: object[]) =>
  (async function* () {
    let n = 0;
    for (const value of values) yield { n: ++n, value, raw: JSON.stringify(value) };
  })();

const ORG = '91350100M000100Y43';
const registration = [
  { kind: 'source', id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'] },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
];
const record = (id: string) => ({
  source: 'tax-bureau',
  id,
  subject: ORG,
  type: 'tax.late_payment',
  occurred_at: '2026-10-01',
  legal_basis: 'Tax Collection Administration Law art. 32',
  evidence: [EVIDENCE],
});

describe('an import refreshes the planner statistics once, before deriving', () => {
  let reg: TestRegistry;
  before(async () => {
    reg = await testRegistry('2026-11-01');
  });
  after(async () => reg?.dispose());

  test('after each batch that wrote, and before deriving; not when nothing was written', async () => {
    const calls: (number | undefined)[] = [];
    const store: Store = Object.create(reg.ctx.store);
    store.refreshStatistics = async (share) => {
      calls.push(share);
      return [];
    };
    const ctx = { ...reg.ctx, store };
    const rejects: string[] = [];
    const onReject = (r: { message: string }) => rejects.push(r.message);
    await importLines(ctx, lines([...registration, record('TB-1'), record('TB-2')]), onReject);
    assert.deepEqual(rejects, []);
    // the batch: tables grown tenfold; before deriving: what autovacuum would analyze
    assert.deepEqual(calls, [10, undefined]);
    // the same lines again: nothing written, nothing to derive, no statistics to refresh
    await importLines(ctx, lines([...registration, record('TB-1'), record('TB-2')]), onReject);
    assert.deepEqual(calls, [10, undefined]);
  });

  test('SQLite gathers no statistics: its plans stay those it makes without them', async () => {
    assert.deepEqual(await reg.ctx.store.refreshStatistics(), []);
  });
});

describe('PostgreSQL: tables a bulk write has outgrown are analyzed at once', {
  skip: !PG_UP && !CI ? 'PostgreSQL is not running' : false,
}, () => {
  let reg: TestRegistry;
  let c: pg.Client;
  before(async () => {
    reg = await testRegistry('2026-11-01', 'rulebooks/default.yaml', 'postgres', 'credence_pgstats');
    c = new pg.Client({ connectionString: reg.location.databaseUrl });
    await c.connect();
    // only the registry analyzes here, not autovacuum meanwhile
    await c.query('alter table records set (autovacuum_enabled = false)');
  });
  after(async () => {
    await c?.end();
    await reg?.dispose();
  });

  /** Inserts n records on this connection and waits until the server's counters show them. */
  async function insertRecords(from: number, n: number): Promise<void> {
    const before = await changed();
    await c.query(
      `insert into records (subject_id, seq, source, record_id, type, occurred_at, recorded_at, legal_basis,
         evidence, amount, on_behalf_of, culpability, note, content_hash)
       select g % 100 + 1, g / 100 + 1, 'src', 'R-' || g, 'tax.late_payment', g, g, 'Law art. 1', '[]',
         null, null, null, null, md5(g::text)
       from generate_series($1::int, $2::int) g`,
      [from, from + n - 1],
    );
    await c.query('select pg_stat_force_next_flush()');
    for (let i = 0; i < 200 && (await changed()) < before + n; i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.ok((await changed()) >= before + n, 'the counters show the rows written');
  }
  async function changed(): Promise<number> {
    const { rows } = await c.query(
      "select n_mod_since_analyze::int as n from pg_stat_user_tables where relname = 'records'",
    );
    return rows[0].n;
  }
  const analyzed = async () =>
    Number((await c.query("select count(*)::int as n from pg_stats where tablename = 'records'")).rows[0].n) >
    0;

  test('thousands of new records: the records table is analyzed, and then left alone', async () => {
    assert.equal(await analyzed(), false, 'no statistics before');
    await insertRecords(0, 20 * ANALYZE_AFTER_ROWS);
    assert.ok((await reg.ctx.store.refreshStatistics()).includes('records'));
    assert.equal(await analyzed(), true);
    assert.equal(await changed(), 0);
    // nothing written since: nothing to analyze
    assert.deepEqual(await reg.ctx.store.refreshStatistics(), []);
  });

  test('a few rows more analyze nothing, below the threshold and a tenth of the table', async () => {
    await insertRecords(100_000, ANALYZE_AFTER_ROWS - 1);
    assert.deepEqual(await reg.ctx.store.refreshStatistics(), []);
    assert.equal(await changed(), ANALYZE_AFTER_ROWS - 1);
    // past the threshold but under a tenth of the 20,000 rows analyzed: still nothing
    await insertRecords(200_000, 2);
    assert.deepEqual(await reg.ctx.store.refreshStatistics(), []);
  });

  test('during an import, a table is analyzed again only once it has grown tenfold', async () => {
    // 20,000 rows at the last ANALYZE and 1,001 changed since: 11,000 changed is more than a tenth, not tenfold
    await insertRecords(300_000, 9_999);
    assert.deepEqual(await reg.ctx.store.refreshStatistics(10), []);
    // 200,000 changed: tenfold
    await insertRecords(400_000, 189_000);
    assert.ok((await reg.ctx.store.refreshStatistics(10)).includes('records'));
    assert.equal(await changed(), 0);
  });
});
