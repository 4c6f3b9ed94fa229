import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TestClock } from '../../domain/clock.ts';
import { parseInstant } from '../../domain/time.ts';
import { openPostgres } from '../../store/postgres/postgres.store.ts';
import { openSqlite } from '../../store/sqlite/sqlite.store.ts';
import { storeFactory } from '../../store/store.open.ts';
import { activateRulebook } from '../governance/governance.rulebooks.ts';
import { type AppContext, makeIdHasher, type StoreLocation } from '../ports/ports.context.ts';

export type Engine = 'sqlite' | 'postgres';

/** Where the test PostgreSQL server is; each test gets a fresh database on it, dropped afterwards. */
export const PG_ADMIN_URL = process.env.CREDENCE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestRegistry {
  readonly ctx: AppContext;
  readonly clock: TestClock;
  readonly dir: string;
  /** How to reach the same registry from another process (CLI, server). */
  readonly location: StoreLocation;
  dispose(): Promise<void>;
}

/** Runs fn on a connection to the server's admin database (creating and dropping test databases). */
export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Whether a PostgreSQL server answers; in CI its absence is a failure, not a skip. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await admin((c) => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

/** A fresh registry with the default rulebook, on SQLite (a temp file) or PostgreSQL (a temp database). */
export async function testRegistry(
  now = '2026-11-01',
  rulebook = 'rulebooks/default.yaml',
  engine: Engine = 'sqlite',
  /** PostgreSQL: the temp database's name begins with this. */
  prefix = 'credence_test',
  /** SQLite: how the file is opened (StoreLocation: `mapped`, true by default, and `checkpointPages`). */
  sqlite: Pick<StoreLocation, 'mapped' | 'checkpointPages'> = {},
): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-test-'));
  let store: AppContext['store'];
  let location: TestRegistry['location'];
  let drop = async () => {};
  if (engine === 'postgres') {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    store = await openPostgres(url);
    location = { databaseUrl: url };
    drop = () =>
      admin(async (c) => {
        // a closed pool's connections can still be on their way out; dropping WITH (FORCE) would terminate them,
        // and a client that is ending reports that as an unhandled error in the test process: let them go first
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((res) => setTimeout(res, 20));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      });
  } else {
    const db = join(dir, 'registry.db');
    location = { db, mapped: true, ...sqlite };
    store = await openSqlite(db, location);
  }
  const clock = new TestClock(parseInstant(now)!);
  const ctx: AppContext = {
    store,
    clock,
    hashNationalId: makeIdHasher('test-key'),
    actor: 'test',
    storeFactory: storeFactory(location),
  };
  await activateRulebook(ctx, readFileSync(rulebook, 'utf8'));
  return {
    ctx,
    clock,
    dir,
    location,
    async dispose() {
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const EVIDENCE = `sha256:${'ab'.repeat(32)}`;
