// How a SQLite registry is opened: read through a memory map by default, unmapped when the opener asks (a bounded
// import, whose resident memory must stay its heap and page cache).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Store } from '../../app/ports/ports.store.ts';
import type { Database } from '../schema.ts';
import { openStore } from '../store.open.ts';
import { MAP_BYTES } from './sqlite.store.ts';

/** The connection's own setting: a second connection to the file would report its own. */
async function mapSize(store: Store): Promise<number> {
  const db = (store as unknown as { db: Kysely<Database> }).db;
  const { rows } = await sql<{ mmap_size: number }>`pragma mmap_size`.execute(db);
  return Number(rows[0]?.mmap_size);
}

test('a registry file is read through a memory map unless the opener asks for none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-map-'));
  const db = join(dir, 'registry.db');
  try {
    for (const [mapped, expected] of [
      [undefined, MAP_BYTES],
      [true, MAP_BYTES],
      [false, 0],
    ] as const) {
      const store = await openStore(mapped === undefined ? { db } : { db, mapped });
      try {
        assert.equal(await mapSize(store), expected, `mapped: ${mapped}`);
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
