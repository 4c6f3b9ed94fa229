// Migration 0013_search builds the index for a registry that existed before it: current and former names, codes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { searchOrganizations } from '../app/search/search.usecases.ts';
import { makeUsci } from '../domain/usci.ts';
import { migrations } from './migrations.ts';
import { openSqlite } from './sqlite/sqlite.store.ts';

const ORG = makeUsci('91350100', 'MA2Y0001');
const OTHER = makeUsci('91350100', 'MA2Y0002');

test('an existing registry gets its search index when it is opened: current and former names, never persons', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-search-migration-'));
  const file = join(dir, 'registry.db');
  try {
    // a registry as it was before the search index
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
    const m = await new Migrator({ db, provider: migrations('sqlite') }).migrateTo('0007_reads');
    assert.equal(m.error, undefined);
    await sql`insert into subjects (id, kind, usci, id_hash, name, parent_id, created_at) values
      (1, 'organization', ${ORG}, null, '福州新名称食品有限公司', null, 0),
      (2, 'organization', ${OTHER}, null, 'Harbin Snow Trading Co., Ltd.', null, 0),
      (3, 'person', null, 'hash-of-a-national-id', 'Snow Zhang', null, 0)`.execute(db);
    await sql`insert into registry_facts (subject_id, seq, fact, value, related_id, effective_at, recorded_at, actor, source)
      values (1, 1, 'name', '福州旧名称食品有限公司', null, 0, 0, 'cli', null),
             (1, 2, 'name', '福州新名称食品有限公司', null, 10, 10, 'cli', null)`.execute(db);
    await db.destroy();

    const store = await openSqlite(file);
    try {
      const find = async (q: string) =>
        (await searchOrganizations(store, q)).items.map((i) => [i.usci, i.match]);
      assert.deepEqual(await find('新名称'), [[ORG, 'name']]);
      assert.deepEqual(await find('旧名称'), [[ORG, 'former_name']]);
      assert.deepEqual(await find('fuzhou xinmingcheng'), [[ORG, 'pinyin']]);
      assert.deepEqual(await find('snow'), [[OTHER, 'name']]);
      assert.deepEqual(await find(OTHER.slice(12)), [[OTHER, 'usci_part']]);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
