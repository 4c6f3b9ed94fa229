import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestRegistry } from './test-registry.ts';

/** Runs SQL on the registry's database behind the registry's back, as someone with database access would. */
export async function tamper(r: TestRegistry, ...statements: string[]): Promise<void> {
  if (r.location.db) {
    const db = new Database(r.location.db);
    for (const s of statements) db.exec(s);
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: r.location.databaseUrl });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}
