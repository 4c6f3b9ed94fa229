import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { fill, type T } from '../app/testing/kysely-table.ts';
import { compiledOnce, runsDirectly } from './compiled.ts';

/**
 * On SQLite, a transaction's statements compiled once run without Kysely's executor (compiled.ts, runsDirectly):
 * they answer as through it, are rolled back with it, and nothing outside a transaction takes that path.
 */

describe('statements run directly in a SQLite transaction', () => {
  function directDb() {
    const raw = new SQLite(':memory:');
    const db = new Kysely<T>({ dialect: new SqliteDialect({ database: raw }) });
    // the engine's own cache of prepared statements, as the SQLite store registers one; every run asks it
    const cache = new Map<string, SQLite.Statement>();
    let asked = 0;
    runsDirectly(db as never, (text) => {
      asked++;
      const st = cache.get(text) ?? raw.prepare(text);
      cache.set(text, st);
      return st;
    });
    return { db, prepared: () => asked, texts: () => cache.size };
  }
  const add = (db: Kysely<T> | Transaction<T>, k: string, n: number) =>
    compiledOnce(db as never, 'test.direct.add', [k, n], (v) =>
      (db as Kysely<T>).insertInto('t').values({ k: v(0), n: v(1), status: 'published' }),
    );
  const byKey = (db: Kysely<T> | Transaction<T>, k: string) =>
    compiledOnce(db as never, 'test.direct.byKey', [k], (v) =>
      (db as Kysely<T>).selectFrom('t').select(['k', 'n']).where('k', '=', v(0)).orderBy('n'),
    );

  test('reads and writes answer as through the query builder, each text prepared once', async () => {
    const { db, prepared, texts } = directDb();
    await fill(db);
    await db.transaction().execute(async (trx) => {
      const w = await add(trx, 'd', 7);
      assert.equal(w.numAffectedRows, 1n);
      assert.deepEqual(w.rows, []);
      await add(trx, 'd', 8);
      assert.deepEqual((await byKey(trx, 'd')).rows, [
        { k: 'd', n: 7 },
        { k: 'd', n: 8 },
      ]);
      assert.deepEqual((await byKey(trx, 'c')).rows, [
        { k: 'c', n: 3 },
        { k: 'c', n: 4 },
      ]);
    });
    assert.equal(prepared(), 4, 'all four statements of the transaction ran directly');
    assert.equal(texts(), 2, 'one text for the insert, one for the read');
    assert.deepEqual(await db.selectFrom('t').select('n').where('k', '=', 'd').orderBy('n').execute(), [
      { n: 7 },
      { n: 8 },
    ]);
    await db.destroy();
  });

  test('a transaction rolled back takes its direct writes with it; outside a transaction nothing runs directly', async () => {
    const { db, prepared } = directDb();
    await fill(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await add(trx, 'e', 1);
        assert.equal((await byKey(trx, 'e')).rows.length, 1);
        throw new Error('the caller gives up');
      }),
      /gives up/,
    );
    assert.deepEqual((await byKey(db, 'e')).rows, []);
    // outside a transaction the statement waits for the connection, as every other: a transaction open on it
    // is not joined, and its writes are seen only once committed
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let opened!: () => void;
    const open = new Promise<void>((r) => {
      opened = r;
    });
    const trx = db.transaction().execute(async (t) => {
      await add(t, 'f', 1);
      opened();
      await held;
    });
    await open;
    const before = prepared();
    let answered = false;
    const outside = add(db, 'g', 1).then(() => {
      answered = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(answered, false, 'the write outside waited for the transaction');
    release();
    await trx;
    await outside;
    assert.equal(prepared(), before, 'nothing outside a transaction ran directly');
    assert.deepEqual(
      (await db.selectFrom('t').select('k').where('k', 'in', ['f', 'g']).orderBy('k').execute()).map(
        (r) => r.k,
      ),
      ['f', 'g'],
    );
    await db.destroy();
  });
});
