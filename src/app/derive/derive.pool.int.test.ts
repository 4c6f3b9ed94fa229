import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY } from '../../domain/time.ts';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { importLines } from '../ingest/ingest.file.ts';
import { rebuildAll } from '../maintenance/maintenance.tick.ts';
import { moduleBeside } from '../testing/paths.ts';
import { populationWithReach } from '../testing/population.ts';
import { type Engine, postgresAvailable, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { recomputeOn } from './derive.parallel.ts';
import { DerivePool, withPool, workersFor } from './derive.pool.ts';
import { inSlices } from './derive.slices.ts';

/**
 * Derivations made on worker threads (rebuild --full, an import's settle) store exactly what one thread stores:
 * the same projections, decisions and notices. A worker that breaks fails the command, and its transaction
 * writes nothing.
 */

const NOW = '2026-11-01';
/** The population (see populationWithReach) as the lines of a file. */
async function* population(r: TestRegistry) {
  const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(r.clock.now());
  const values = populationWithReach(rb, r.clock.now(), { subjects: 150, seed: 7 });
  let n = 0;
  for (const v of values) yield { n: ++n, value: v, raw: JSON.stringify(v) };
}

/** A fresh registry with the population imported, its subjects derived by `workers` threads at the end. */
async function imported(engine: Engine, workers: number): Promise<TestRegistry> {
  const r = await testRegistry(NOW, undefined, engine, 'credence_workers');
  const rejected: string[] = [];
  await importLines(r.ctx, population(r), (x) => rejected.push(x.message), undefined, undefined, undefined, {
    workers,
  });
  assert.deepEqual(rejected, []);
  return r;
}

/** Every subject's projection, decisions and notices. */
async function stored(r: TestRegistry) {
  const ids = await r.ctx.store.subjectIdsAfter(0, 100_000);
  const derived = await r.ctx.store.derivedOf(ids);
  const decisions = [];
  const notices = [];
  for (const id of ids) {
    decisions.push(...(await r.ctx.store.decisionsOf(id)));
    notices.push(...(await r.ctx.store.noticesOf(id)));
  }
  return { derived, decisions, notices };
}

async function bothEngines(engine: Engine, t: { skip(m: string): void }): Promise<boolean> {
  if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI) {
    t.skip('no PostgreSQL server answers');
    return false;
  }
  return true;
}

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: an import derived on two workers stores the same projections, decisions and notices as one thread`, async (t) => {
    if (!(await bothEngines(engine, t))) return;
    const here = await imported(engine, 0);
    const workers = await imported(engine, 2);
    try {
      const a = await stored(here);
      const b = await stored(workers);
      assert.ok(a.derived.length > 150, 'every subject is derived');
      assert.ok(a.decisions.length > 0 && a.notices.length > 0, 'the population has decisions and notices');
      assert.deepEqual(b, a);
    } finally {
      await here.dispose();
      await workers.dispose();
    }
  });

  test(`${engine}: rebuild --full on two workers, a year on, stores the same as on one thread`, async (t) => {
    if (!(await bothEngines(engine, t))) return;
    const here = await imported(engine, 0);
    const workers = await imported(engine, 0);
    try {
      const before = await stored(here);
      here.clock.advance(400 * DAY);
      workers.clock.advance(400 * DAY);
      const n = before.derived.length;
      const one = await rebuildAll(here.ctx, { full: true, workers: 0 });
      assert.deepEqual(one, { subjects: n, recomputed: n, written: one.written });
      assert.ok(one.written > 0 && one.written < n, `${one.written} of ${n} projections changed in a year`);
      assert.deepEqual(await rebuildAll(workers.ctx, { full: true, workers: 2 }), one);
      const a = await stored(here);
      assert.ok(a.decisions.length > before.decisions.length, 'a year on, new decisions are due');
      assert.notDeepEqual(a.derived, before.derived);
      assert.deepEqual(await stored(workers), a);
    } finally {
      await here.dispose();
      await workers.dispose();
    }
  });

  for (const how of ['throws', 'exits'])
    test(`${engine}: a derivation worker that ${how} fails the rebuild with what happened, and its transaction writes nothing`, async (t) => {
      if (!(await bothEngines(engine, t))) return;
      const r = await imported(engine, 0);
      try {
        const before = await stored(r);
        r.clock.advance(400 * DAY);
        const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
        const ids = await r.ctx.store.subjectIdsAfter(0, 100_000);
        const entry = moduleBeside(
          `../testing/derive-${how === 'exits' ? 'exiting' : 'broken'}.worker.ts`,
          import.meta.url,
        );
        await assert.rejects(
          withPool(
            versions,
            2,
            ids.length,
            (pool) =>
              inSlices(r.ctx.store, ids, (tx, s) => recomputeOn(pool, tx, versions, s, r.clock.now()), {
                subjects: 1000,
                records: 1_000_000,
              }),
            entry,
          ),
          (e: Error & { code?: string }) =>
            e.code === 'derive.worker_failed' &&
            (how === 'exits' ? /exit code 3/.test(e.message) : /the derivation worker broke/.test(e.message)),
        );
        assert.deepEqual(await stored(r), before);
      } finally {
        await r.dispose();
      }
    });
}

test('a file a worker cannot derive fails the derivation with the reason, and the pool fails from then on', async () => {
  const r = await testRegistry(NOW);
  const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
  const pool = DerivePool.start(versions, 2);
  try {
    const broken = {
      subject: { ref: 'P0000001', kind: 'person' },
      records: [null],
      branches: [],
      agents: [],
    } as unknown as SubjectFile;
    await assert.rejects(pool.compute([[1, broken]], r.clock.now()), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'derive.worker_failed');
      assert.match(e.message, /a derivation worker failed: .+/);
      return true;
    });
    await assert.rejects(pool.compute([], r.clock.now()), /a derivation worker failed/);
  } finally {
    await pool.close();
    await r.dispose();
  }
});

test('auto leaves small jobs and two cores to this thread; a number is taken as given, 0 meaning this thread', () => {
  assert.equal(workersFor('auto', 100, 1000, 8), 0, 'below the threshold');
  assert.equal(workersFor('auto', 1001, 1000, 8), 7, 'every core but the one storing');
  assert.equal(workersFor(undefined, 1001, 1000, 4), 3);
  assert.equal(workersFor('auto', 1_000_000, 1000, 2), 0, 'two cores: one thread');
  assert.equal(workersFor(2, 1), 2);
  assert.equal(workersFor(0, 1_000_000), 0);
});
