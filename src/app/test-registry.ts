import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock } from '../domain/clock.ts';
import { parseInstant } from '../domain/time.ts';
import { openSqlite } from '../store/sqlite/sqlite.store.ts';
import { type AppContext, makeIdHasher } from './context.ts';
import { activateRulebook } from './rulebooks.ts';

/** A fresh SQLite registry in a temporary folder with the default rulebook, for tests. */
export async function testRegistry(now = '2026-11-01', rulebook = 'rulebooks/default.yaml'): Promise<{ ctx: AppContext; clock: TestClock; dispose(): Promise<void>; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-test-'));
  const store = await openSqlite(join(dir, 'registry.db'));
  const clock = new TestClock(parseInstant(now)!);
  const ctx: AppContext = { store, clock, hashNationalId: makeIdHasher('test-key'), actor: 'test' };
  await activateRulebook(ctx, readFileSync(rulebook, 'utf8'));
  return {
    ctx,
    clock,
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const EVIDENCE = `sha256:${'ab'.repeat(32)}`;
