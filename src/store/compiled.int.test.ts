import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { fill, type T } from '../app/testing/kysely-table.ts';
import { PG_ADMIN_URL, postgresAvailable, testRegistry } from '../app/testing/test-registry.ts';
import { compiledOnce, insertRows, ROWS_AS_ARRAYS, readIn, rowsAs, rowsIn } from './compiled.ts';

/**
 * Statements compiled once (compiled.ts) give exactly what the query builder gives, whatever the values, and a
 * transaction's memo of the rulebook keys never hides a rulebook that transaction wrote.
 */

function sqliteDb(): Kysely<T> {
  const db = new Kysely<T>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  return db;
}

describe('statements compiled once', () => {
  test('each call answers for its own values, and a constant of the builder stays in place', async () => {
    const db = sqliteDb();
    await fill(db);
    const ask = (k: string, min: number) =>
      compiledOnce(db as never, 'test.byKey', [k, min], (v) =>
        db
          .selectFrom('t')
          .select(['k', 'n'])
          .where('status', '=', 'published')
          .where('k', '=', v(0))
          .where('n', '>=', v(1))
          .orderBy('n'),
      );
    assert.deepEqual((await ask('c', 0)).rows, [
      { k: 'c', n: 3 },
      { k: 'c', n: 4 },
    ]);
    assert.deepEqual((await ask('c', 4)).rows, [{ k: 'c', n: 4 }]);
    // 'b' is a draft: the constant 'published' of the first build is still asked for
    assert.deepEqual((await ask('b', 0)).rows, []);
    assert.deepEqual((await ask('a', 0)).rows, [{ k: 'a', n: 1 }]);
    await db.destroy();
  });

  test('a value used twice is bound twice; a write runs as built', async () => {
    const db = sqliteDb();
    await fill(db);
    const add = (k: string, n: number) =>
      compiledOnce(
        db as never,
        'test.insert',
        [k, n],
        (v) =>
          sql`insert into t (k, n, status) select ${v(0)}, coalesce(max(n), 0) + ${v(1)}, 'published' from t where k = ${v(0)}`,
      );
    await add('c', 10);
    await add('z', 5);
    const rows = await db.selectFrom('t').select(['k', 'n']).where('n', '>=', 5).orderBy('n').execute();
    assert.deepEqual(rows, [
      { k: 'z', n: 5 },
      { k: 'c', n: 14 },
    ]);
    await db.destroy();
  });

  test('a builder that asks for a value it was not given is refused, not run with a hole', async () => {
    const db = sqliteDb();
    await fill(db);
    await assert.rejects(
      compiledOnce(db as never, 'test.hole', ['a'], (v) =>
        db.selectFrom('t').selectAll().where('k', '=', v(0)).where('n', '=', v(1)),
      ),
      /slot 1 of 1 values/,
    );
    await db.destroy();
  });

  test('shapes are kept per engine: the same key compiles for PostgreSQL with its own placeholders', async (t) => {
    if (!(await postgresAvailable())) {
      if (process.env.CI) assert.fail('PostgreSQL must be reachable under CI');
      return t.skip('PostgreSQL is not reachable here (CI requires it)');
    }
    const lite = sqliteDb();
    await fill(lite);
    const pgdb = new Kysely<T>({
      dialect: new PostgresDialect({
        pool: new (await import('pg')).default.Pool({ connectionString: PG_ADMIN_URL }),
      }),
    });
    const ask = (db: Kysely<T>, k: string) =>
      compiledOnce(db as never, 'test.engines', [k], (v) =>
        db.selectFrom('t').select('n').where('k', '=', v(0)).orderBy('n'),
      );
    assert.deepEqual((await ask(lite, 'c')).rows, [{ n: 3 }, { n: 4 }]);
    // the PostgreSQL text has $1 where SQLite's has ?: a shared shape would be a syntax error here
    const r = await pgdb.transaction().execute(async (trx) => {
      await sql`create temporary table t (k text, n integer, status text) on commit drop`.execute(trx);
      await sql`insert into t values ('c', 7, 'published')`.execute(trx);
      return ask(trx as unknown as Kysely<T>, 'c');
    });
    assert.deepEqual(r.rows, [{ n: 7 }]);
    await lite.destroy();
    await pgdb.destroy();
  });
});

describe('bulk reads by a list of ids', () => {
  test('a builder read over many ids, chunked, with values before the list, answers as one read would', async () => {
    const db = sqliteDb();
    await fill(db);
    const keys = ['c', 'a', 'zz', 'b', 'c'];
    const read = (size: number, min: number) =>
      readIn(
        db as never,
        'test.readIn',
        keys,
        (list, value) =>
          (db as Kysely<T>)
            .selectFrom('t')
            .select(['k', 'n'])
            .where('n', '>=', value(0))
            .where('k', 'in', list)
            .orderBy('n'),
        { size, values: [min] },
      );
    const whole = await db
      .selectFrom('t')
      .select(['k', 'n'])
      .where('n', '>=', 2)
      .where('k', 'in', keys)
      .orderBy('n')
      .execute();
    assert.deepEqual(
      whole.map((r) => r.n),
      [2, 3, 4],
    );
    for (const size of [1, 2, 3, 500]) {
      const got = await read(size, 2);
      // each chunk answers for its own ids; 'c' asked twice in different chunks comes once a chunk
      const once = [...new Map(got.map((r) => [`${r.k}${r.n}`, r])).values()].sort((a, b) => a.n - b.n);
      assert.deepEqual(once, whole, `chunks of ${size}`);
    }
    assert.deepEqual(await read(500, 5), [], 'the value before the list is bound, not the first id');
    await db.destroy();
  });
  test('every matching row comes back, in order, whatever the number of ids and however they are chunked', async () => {
    const db = sqliteDb();
    await fill(db);
    const read = (ks: string[], size: number) =>
      rowsIn(db as never, 't', ['k', 'n'], 'k', ks, ([k, n]) => ({ k, n }), { orderBy: ['k', 'n'], size });
    const all = [
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
      { k: 'c', n: 3 },
      { k: 'c', n: 4 },
    ];
    for (const size of [1, 2, 3, 500])
      assert.deepEqual(await read(['a', 'b', 'c', 'x'], size), all, `size ${size}`);
    assert.deepEqual(await read([], 500), []);
    await db.destroy();
  });

  test('two reads of the same table by the same column but of other columns never share a statement', async () => {
    const db = sqliteDb();
    await fill(db);
    const keys = await rowsIn(db as never, 't', ['k'], 'k', ['a'], ([k]) => ({ k }));
    const both = await rowsIn(db as never, 't', ['k', 'status'], 'k', ['a'], ([k, status]) => ({
      k,
      status,
    }));
    assert.deepEqual(keys, [{ k: 'a' }]);
    assert.deepEqual(both, [{ k: 'a', status: 'published' }]);
    await db.destroy();
  });

  test('rows read as arrays become rows through the table function; rows that came as objects pass unchanged', () => {
    const fromArray = ([k, n]: readonly unknown[]) => ({ k, n });
    assert.deepEqual(rowsAs([['a', 1], { k: 'b', n: 2 }], fromArray), [
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ]);
    assert.ok(
      ROWS_AS_ARRAYS.startsWith('/*') && ROWS_AS_ARRAYS.trimEnd().endsWith('*/'),
      'a comment to other engines',
    );
  });
});

/** A table of a key, a number and an optional note, for the bulk writes. */
async function notesTable(db: Kysely<T>, name: string) {
  await db.schema
    .createTable(name)
    .addColumn('k', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer')
    .addColumn('note', 'text')
    .execute();
}

describe('bulk inserts', () => {
  test('every row is written whole, however the rows are chunked; rows already there are skipped and not returned', async () => {
    const db = sqliteDb();
    await notesTable(db, 'u');
    const rows = Array.from({ length: 7 }, (_, i) => ({
      k: `k${i}`,
      n: i,
      note: i % 2 ? `odd ${i}` : undefined,
    }));
    const first = await insertRows(db as never, 'u', ['k', 'n', 'note'], rows.slice(0, 4), {
      size: 3,
      conflict: ['k'],
      returning: ['k'],
    });
    assert.deepEqual(
      first.map((r) => r.k),
      ['k0', 'k1', 'k2', 'k3'],
    );
    // the first four again, with the last three: only the new ones are written and returned
    const again = await insertRows(db as never, 'u', ['k', 'n', 'note'], rows, {
      size: 2,
      conflict: ['k'],
      returning: ['k'],
    });
    assert.deepEqual(
      again.map((r) => r.k),
      ['k4', 'k5', 'k6'],
    );
    const stored = await db
      .selectFrom('u' as never)
      .selectAll()
      .orderBy('n' as never)
      .execute();
    assert.deepEqual(
      stored,
      rows.map((r) => ({ ...r, note: r.note ?? null })),
    );
    await db.destroy();
  });
});

describe('bulk upserts', () => {
  test('with update, a row already there takes the new values of those columns and keeps the others', async () => {
    const db = sqliteDb();
    await notesTable(db, 'v');
    const cols = ['k', 'n', 'note'] as const;
    await insertRows(db as never, 'v', cols, [{ k: 'a', n: 1, note: 'first' }]);
    await insertRows(
      db as never,
      'v',
      cols,
      [
        { k: 'a', n: 2, note: 'second' },
        { k: 'b', n: 3, note: 'new' },
      ],
      {
        conflict: ['k'],
        update: ['n'],
      },
    );
    assert.deepEqual(
      await db
        .selectFrom('v' as never)
        .selectAll()
        .orderBy('k' as never)
        .execute(),
      [
        { k: 'a', n: 2, note: 'first' },
        { k: 'b', n: 3, note: 'new' },
      ],
    );
    await db.destroy();
  });
});

describe('the rulebook keys a transaction remembers', () => {
  test('a rulebook activated in the same transaction is seen by the next read of the rulebooks', async () => {
    const r = await testRegistry('2026-11-01');
    try {
      await r.ctx.store.transaction(async (tx) => {
        const before = await tx.rulebookKeys();
        // read twice: the second read is the memo, equal to the first
        assert.deepEqual(await tx.rulebookKeys(), before);
        const row = (await tx.rulebooks())[0]!;
        await tx.insertRulebook({ ...row, hash: 'f'.repeat(64), activated_at: Number(row.activated_at) + 1 });
        const after = await tx.rulebookKeys();
        assert.equal(after.length, before.length + 1, 'the memo must not hide the rulebook just written');
        assert.ok(after.some((k) => k.hash === 'f'.repeat(64)));
      });
    } finally {
      await r.dispose();
    }
  });

  test('a caller that changes the keys it was given does not change what the next reader gets', async () => {
    const r = await testRegistry('2026-11-01');
    try {
      await r.ctx.store.transaction(async (tx) => {
        const first = await tx.rulebookKeys();
        for (const k of first) k.status = 'withdrawn';
        const second = await tx.rulebookKeys();
        assert.ok(second.every((k) => k.status !== 'withdrawn'));
        assert.ok((await activeRulebooks(tx)).versions.length > 0);
      });
    } finally {
      await r.dispose();
    }
  });
});
