/**
 * The import's per-batch look-ups on PostgreSQL go through their indexes even in tables never analyzed, as a first
 * import leaves them: the query plans, read with EXPLAIN on 40,000 records that the planner has no statistics of,
 * name the index and scan no table whole. The answers are checked against plain statements on the same rows.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, type RawBuilder } from 'kysely';
import pg from 'pg';
import { admin, PG_ADMIN_URL, postgresAvailable } from '../../app/testing/test-registry.ts';
import type { Database } from '../schema.ts';
import { maxRecordSeqSql, recordsByKeysSql } from './postgres.lookups.ts';
import { openPostgres } from './postgres.store.ts';

const PG_UP = await postgresAvailable();
const CI = Boolean(process.env.CI);
const SUBJECTS = 2000;
const RECORDS = 40_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

describe('PostgreSQL: the import look-ups use their indexes without statistics', {
  skip: !PG_UP && !CI ? 'PostgreSQL is not running' : false,
}, () => {
  const name = `credence_pglookups_${randomBytes(6).toString('hex')}`;
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  let pool: pg.Pool;
  let db: Kysely<Database>;

  before(async () => {
    await admin((c) => c.query(`create database ${name}`));
    // the registry's own schema and indexes
    await (await openPostgres(url)).close();
    pool = new pg.Pool({ connectionString: url, max: 1 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // no statistics, now or while the test runs: what a table filled a moment ago looks like to the planner
    await pool.query('alter table records set (autovacuum_enabled = false)');
    await pool.query(
      `insert into records (subject_id, seq, source, record_id, type, occurred_at, recorded_at, legal_basis,
         evidence, amount, on_behalf_of, culpability, note, content_hash)
       select g % ${SUBJECTS} + 1, g / ${SUBJECTS} + 1, 'src-' || (g % 3), 'R-' || g, 'tax.late_payment',
         g, g, 'Tax Collection Administration Law art. 32', '[]', null, null, null, null, md5(g::text)
       from generate_series(0, ${RECORDS - 1}) g`,
    );
    const { rows } = await pool.query(`select count(*)::int as n from pg_stats where tablename = 'records'`);
    assert.equal(rows[0].n, 0, 'the table has no statistics');
  });

  after(async () => {
    await db?.destroy();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  /** The plan's nodes, as EXPLAIN gives them for the statement with its values. */
  async function plan(q: RawBuilder<unknown>): Promise<PlanNode[]> {
    const c = q.compile(db);
    const { rows } = await pool.query(`explain (format json) ${c.sql}`, [...c.parameters]);
    return nodesOf((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
  }

  /** No node reads the table whole, and one reads its index (an index name is unique in the schema). */
  function assertIndexed(nodes: PlanNode[], table: string, index: string): void {
    const whole = nodes.filter((n) => n['Node Type'].includes('Seq Scan') && n['Relation Name'] === table);
    assert.deepEqual(whole, [], `no scan of ${table} whole`);
    assert.ok(
      nodes.some((n) => n['Index Name'] === index),
      `${table} read through ${index}: ${nodes.map((n) => n['Node Type']).join(', ')}`,
    );
  }

  test('records by their (source, id) keys: through records_key, and exactly the records named', async () => {
    // 5,000 keys as a batch sends them: half stored, half new, one named twice
    const keys = Array.from({ length: 5000 }, (_, i) =>
      i % 2 === 0
        ? { source: `src-${(i * 7) % 3}`, record_id: `R-${i * 7}` }
        : { source: 'src-0', record_id: `NEW-${i}` },
    );
    keys.push(keys[0]!);
    const q = recordsByKeysSql(
      keys.map((k) => k.source),
      keys.map((k) => k.record_id),
    );
    assertIndexed(await plan(q), 'records', 'records_key');
    const got = (await q.execute(db)).rows.map((r) => `${r.source}/${r.record_id}`).sort();
    const expected = [
      ...new Set(
        keys.filter(
          (k) =>
            k.record_id.startsWith('R-') && Number(k.record_id.slice(2)) % 3 === Number(k.source.slice(4)),
        ),
      ),
    ]
      .map((k) => `${k.source}/${k.record_id}`)
      .sort();
    // every stored key once for each time it is named: the caller names each key once (lastByKey)
    assert.equal(got.length, expected.length + 1);
    assert.deepEqual([...new Set(got)], [...new Set(expected)]);
  });

  test('the last sequence number of each subject: through records_pk, null for a subject without records', async () => {
    const ids = [...Array.from({ length: 1000 }, (_, i) => i * 2 + 1), 999_999];
    const q = maxRecordSeqSql(ids);
    assertIndexed(await plan(q), 'records', 'records_pk');
    const got = new Map((await q.execute(db)).rows.map((r) => [Number(r.subject_id), r.seq]));
    assert.equal(got.get(999_999), null);
    const { rows } = await pool.query(
      'select subject_id, max(seq) as seq from records where subject_id = any($1) group by subject_id',
      [ids],
    );
    assert.equal(rows.length, 1000);
    for (const r of rows) assert.equal(Number(got.get(Number(r.subject_id))), Number(r.seq));
  });
});
