// Migration 0018_notices_by_subject drops the index of notices by id alone: every read of notices names its subject.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { GradeV1 } from '../app/due-process/due-process.notice-forms.ts';
import { noticeRow } from '../app/due-process/due-process.notices.ts';
import type { Store } from '../app/ports/ports.store.ts';
import { type Engine, postgresAvailable, testRegistry } from '../app/testing/test-registry.ts';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite/sqlite.store.ts';

const GRADE: GradeV1 = { v: 1, t: 'grade', rb: 'rulebook-hash', f: 'A', to: 'B', sc: 950, ou: null };

test('a registry opened after the migration has no index of notices by id, and finds its notices by subject through the primary key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-notices-index-'));
  const file = join(dir, 'registry.db');
  try {
    // a registry as it was before: notices indexed by id as well
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
    const m = await new Migrator({ db, provider: migrations('sqlite') }).migrateTo('0017_compact_states');
    assert.equal(m.error, undefined);
    const indexes = async (k: Kysely<unknown>) =>
      (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'notices'`.execute(k)
      ).rows
        .map((r) => r.name)
        .sort();
    assert.deepEqual(await indexes(db), ['notices_id', 'sqlite_autoindex_notices_1']);
    await db.destroy();

    const store = await openSqlite(file);
    try {
      const k = (store as unknown as { db: Kysely<Database> }).db;
      assert.deepEqual(await indexes(k as Kysely<unknown>), ['sqlite_autoindex_notices_1']);
      const rows = [
        noticeRow(7, 'grade.drop', 'a', 1000, GRADE),
        noticeRow(7, 'grade.drop', 'b', 2000, GRADE),
      ];
      await store.transaction(async (tx) => {
        await tx.insertNotices(rows);
      });
      await store.transaction(async (tx) => {
        assert.deepEqual(
          (await tx.noticesOf(7)).map((n) => n.id),
          rows.map((r) => r.id),
        );
        assert.equal((await tx.noticeById(7, rows[1]!.id))?.id, rows[1]!.id);
        assert.equal(
          await tx.noticeById(8, rows[1]!.id),
          undefined,
          'a notice is found under its own subject only',
        );
      });
      // the reads of notices, as the store makes them, search the primary key: none scans the table
      for (const q of [
        sql`select * from notices where subject_id = ${7} order by created_at, id`,
        sql`select * from notices where subject_id = ${7} and id = ${rows[0]!.id}`,
        sql`delete from notices where subject_id = ${7} and id in (${rows[0]!.id})`,
      ]) {
        const plan = (await sql<{ detail: string }>`explain query plan ${q}`.execute(k)).rows.map(
          (r) => r.detail,
        );
        assert.ok(
          plan.some((d) => /SEARCH notices USING INDEX sqlite_autoindex_notices_1/.test(d)),
          plan.join('; '),
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('postgres: notices are indexed by their primary key only', async (t) => {
  if (!(await postgresAvailable()) && !process.env.CI) return t.skip('no PostgreSQL server answers');
  const engine: Engine = 'postgres';
  const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
  try {
    const k = (r.ctx.store as Store & { db: Kysely<Database> }).db;
    const { rows } = await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where tablename = 'notices'`.execute(k);
    assert.deepEqual(
      rows.map((x) => x.indexname),
      ['notices_pk'],
    );
  } finally {
    await r.dispose();
  }
});
