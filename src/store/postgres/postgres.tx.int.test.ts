/**
 * PostgresTx against the statements it replaces: on one populated database, every set-based look-up answers
 * exactly what KyselyTx's IN lists in chunks answer (many keys across chunk boundaries, one key, duplicates,
 * unknown keys), and the set-based writes leave what one write after another leaves. Also: the connection keeps
 * repeated look-ups prepared, and only those (postgres.statements.ts).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { audit, verifyAudit } from '../../app/audit/audit.log.ts';
import { activateRulebook, activeRulebooks } from '../../app/governance/governance.rulebooks.ts';
import { importLines } from '../../app/ingest/ingest.file.ts';
import { type AppContext, makeIdHasher } from '../../app/ports/ports.context.ts';
import type { Store, SubjectRow } from '../../app/ports/ports.store.ts';
import { searchEntry } from '../../app/search/search.normalize.ts';
import { PG_ADMIN_URL, postgresAvailable } from '../../app/testing/test-registry.ts';
import { TestClock } from '../../domain/clock.ts';
import { parseInstant } from '../../domain/time.ts';
import { simulatePopulation } from '../../sim/population.ts';
import { KyselyTx } from '../kysely-store.ts';
import type { Database } from '../schema.ts';
import { storeFactory } from '../store.open.ts';
import { prepareStatements } from './postgres.statements.ts';
import { openPostgres } from './postgres.store.ts';
import { PostgresTx } from './postgres.tx.ts';

const PG_UP = await postgresAvailable();
const CI = Boolean(process.env.CI);
const NOW = parseInstant('2026-11-01')!;
/** More subjects than one chunk of KyselyTx's IN lists (500), so that its answers span several statements. */
const SUBJECTS = 700;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Rows in one order whatever order the database returned them in. */
const sorted = <T>(rows: Iterable<T>): T[] =>
  [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('PostgreSQL set-based statements', {
  skip: !PG_UP && !CI ? 'PostgreSQL is not running' : false,
}, () => {
  const name = `credence_pgset_${randomBytes(6).toString('hex')}`;
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  let store: Store;
  let ctx: AppContext;
  let db: Kysely<Database>;
  let pool: pg.Pool;

  before(async () => {
    await admin(`create database ${name}`);
    store = await openPostgres(url);
    ctx = {
      store,
      clock: new TestClock(NOW),
      hashNationalId: makeIdHasher('test-key'),
      actor: 'test',
      storeFactory: storeFactory({ databaseUrl: url }),
    };
    await activateRulebook(ctx, readFileSync('rulebooks/default.yaml', 'utf8'));
    const rb = (await store.transaction((tx) => activeRulebooks(tx))).at(NOW);
    async function* lines() {
      let n = 0;
      for (const l of simulatePopulation(rb, { subjects: SUBJECTS, seed: 3, now: NOW, years: 1 }))
        yield { n: ++n, value: l, raw: '' };
    }
    const rejected: string[] = [];
    await importLines(ctx, lines(), (r) => rejected.push(`${r.code}: ${r.message}`));
    assert.deepEqual(rejected, []);
    // a few status events, so that events are compared too
    const [a, b] = await store.recordsOf([1, 2, 3, 4, 5]);
    for (const r of [a, b].filter((x) => x !== undefined))
      await store.transaction((tx) =>
        tx.insertEvent({
          subject_id: r.subject_id,
          source: r.source,
          record_id: r.record_id,
          kind: 'disputed',
          at: NOW,
          actor: 'test',
          reason: 'objection',
          data: '{}',
        }),
      );
    pool = new pg.Pool({ connectionString: url, max: 2 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  });

  after(async () => {
    await db?.destroy();
    await store?.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  /** Runs fn with both implementations inside one transaction. */
  const both = <T>(fn: (set: PostgresTx, chunked: KyselyTx, trx: Transaction<Database>) => Promise<T>) =>
    db.transaction().execute((trx) => fn(new PostgresTx(trx), new KyselyTx(trx, 'postgres'), trx));

  test('look-ups by many keys, one key or none answer exactly what the chunked statements answer', async () => {
    await both(async (set, chunked) => {
      const subjects = await chunked.subjectIdsAfter(0, 10_000);
      assert.ok(subjects.length > 500, `${subjects.length} subjects`);
      const rows = await chunked.subjectsById(subjects);
      const uscis = rows.flatMap((s) => (s.usci ? [s.usci] : []));
      const hashes = rows.flatMap((s) => (s.id_hash ? [s.id_hash] : []));
      const records = await chunked.recordsOf(subjects);
      const keys = records.map((r) => ({ source: r.source, record_id: r.record_id }));
      assert.ok(keys.length > 250, `${keys.length} records: more than one chunk of (source, id) pairs`);
      const idSets = [
        subjects,
        [...subjects.slice(0, 40), ...subjects.slice(0, 40), 987_654_321],
        [subjects[7]!],
        [],
      ];
      for (const ids of idSets) {
        const at = `${ids.length} ids`;
        for (const m of [
          'subjectsById',
          'childrenOf',
          'relationsOfOrgs',
          'relationsOfPersons',
          'registryFactsOf',
          'registryFactsNaming',
          'recordsOf',
          'ledgerRowsOf',
          'agentsOf',
          'eventsOf',
          'derivedOf',
          'ledgerCounts',
        ] as const) {
          const mine = await (set[m] as (ids: readonly number[]) => Promise<unknown[]>)(ids);
          const theirs = await (chunked[m] as (ids: readonly number[]) => Promise<unknown[]>)(ids);
          assert.deepEqual(sorted(mine), sorted(theirs), `${m}, ${at}`);
        }
        assert.deepEqual(sorted(await set.maxRecordSeq(ids)), sorted(await chunked.maxRecordSeq(ids)), at);
        // the one count a slice is bounded by: every record and event of the subjects named, each subject once
        const counts = await chunked.ledgerCounts(ids);
        assert.equal(
          await set.ledgerSize(ids),
          counts.reduce((n, c) => n + c.records + c.events, 0),
          at,
        );
        assert.deepEqual(sorted(await set.decisionIdsOf(ids)), sorted(await chunked.decisionIdsOf(ids)), at);
      }
      for (const [m, values] of [
        ['subjectsByUsci', [...uscis, uscis[0]!, '91350100MA0000000X']],
        ['subjectsByIdHash', [...hashes, 'no such hash']],
        ['subjectsByUsci', [uscis[3]!]],
      ] as const) {
        const mine = await set[m](values);
        assert.deepEqual(sorted(mine), sorted(await chunked[m](values)), `${m}, ${values.length} values`);
      }
      for (const k of [
        keys,
        [...keys.slice(0, 10), ...keys.slice(0, 10), { source: 'nobody', record_id: 'X' }],
        keys.slice(0, 1),
        [],
      ])
        assert.deepEqual(
          sorted(await set.recordsByKeys(k)),
          sorted(await chunked.recordsByKeys(k)),
          `recordsByKeys, ${k.length} keys`,
        );
    });
  });

  test('new subjects are numbered in the order given, indexed for search and noted for the audit chain', async () => {
    const at = { parent_id: null, created_at: NOW } as const;
    const rows: Omit<SubjectRow, 'id'>[] = [
      { ...at, kind: 'organization', usci: '91350100MA00000011', id_hash: null, name: 'Minjiang Ferry Co.' },
      { ...at, kind: 'person', usci: null, id_hash: 'h-ferry-1', name: 'Lin Tao' },
      { ...at, kind: 'organization', usci: '91350100MA00000022', id_hash: null, name: '闽江渡轮有限公司' },
    ];
    const { ids, noted } = await both(async (set) => {
      const ids = await set.insertSubjects(rows);
      return { ids, noted: set.ledger.size };
    });
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.equal(new Set(ids).size, 3);
    assert.equal(noted, 3, 'each subject row is noted for the entry that commits it');
    const stored = await store.subjectsById(ids);
    assert.deepEqual(
      ids.map((id) => stored.find((s) => Number(s.id) === id)?.name),
      rows.map((r) => r.name),
    );
    const entries = await db.selectFrom('org_search').selectAll().where('subject_id', 'in', ids).execute();
    assert.deepEqual(
      sorted(entries),
      sorted([0, 2].map((i) => searchEntry(ids[i]!, rows[i]!.usci!, rows[i]!.name))),
    );
  });

  test('relations set at once leave, per organization and role, the last one given, as one after another', async () => {
    const [a, b, p1, p2, p3] = (await store.subjectIdsAfter(0, 5)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const given = (org: number) =>
      [
        { org_id: org, role: 'legal_representative', person_id: p1 },
        { org_id: org, role: 'actual_controller', person_id: p2 },
        { org_id: org, role: 'legal_representative', person_id: p3 },
      ] as const;
    await both(async (set, chunked) => {
      await set.setRelations(given(a));
      await chunked.setRelations(given(b));
    });
    const held = async (org: number) =>
      sorted((await store.relationsOfOrgs([org])).map((r) => [r.role, Number(r.person_id)]));
    assert.deepEqual(await held(a), await held(b));
    assert.deepEqual(
      await held(a),
      sorted([
        ['legal_representative', p3],
        ['actual_controller', p2],
      ]),
    );
  });

  test('several audit entries appended in one transaction each link to the one before', async () => {
    await both(async (set) => {
      for (let i = 0; i < 3; i++) await audit(set, ctx, 'test.entry', null, { i });
    });
    await store.transaction((tx) => audit(tx, ctx, 'test.entry', null, { i: 3 }));
    const v = await verifyAudit(store);
    assert.ok(v.ok, JSON.stringify(v.broken));
    const last = await store.auditRange(0, 100_000);
    assert.deepEqual(
      last.slice(-4).map((e) => JSON.parse(e.detail).i),
      [0, 1, 2, 3],
    );
  });

  test('a look-up repeated on a connection is prepared once; a batch of ids and an IN list are not', async () => {
    const p = new pg.Pool({ connectionString: url, max: 1 });
    const prepared = prepareStatements(p, 3);
    prepared.activate();
    const c = await p.connect();
    try {
      const names = async () =>
        (await c.query('select statement from pg_prepared_statements order by statement')).rows.map(
          (r) => r.statement as string,
        );
      for (let i = 1; i <= 3; i++) {
        await c.query('select id from subjects where id = $1', [i]);
        await c.query('select id from subjects where id = any($1::bigint[])', [[i, i + 1]]);
        await c.query('select id from subjects where id in ($1, $2)', [i, i + 1]);
      }
      assert.deepEqual(await names(), ['select id from subjects where id = $1']);
      for (const col of ['kind', 'name', 'usci', 'id_hash'])
        await c.query(`select id from subjects where ${col} = $1`, ['x']);
      assert.equal((await names()).length, 3, 'at most three kept on this connection');
    } finally {
      c.release();
      await p.end();
    }
  });
});
