import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DAY } from '../../domain/time.ts';
import type { Rulebook } from '../../rules/rulebook.model.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { DerivedRow } from '../ports/ports.store.ts';
import { moduleBeside } from '../testing/paths.ts';
import { BRANCH, populationWithReach } from '../testing/population.ts';
import { type Engine, postgresAvailable, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { activeRulebooks, checkRulebook } from './governance.rulebooks.ts';
import { whatIfOffThread } from './governance.whatif.job.ts';
import { type WhatIfReport, whatIf } from './governance.whatif.ts';

const NOW = '2026-11-01';

/**
 * A draft that moves scores, grades and list memberships both ways: a milder tax deduction, a higher bar for
 * grade A and for the red list, a longer notice before the court list.
 */
const DRAFT: Rulebook = checkRulebook(
  readFileSync('rulebooks/default.yaml', 'utf8')
    .replace(/^version: .*$/m, 'version: "2026.9-draft"')
    .replace(/(tax\.late_payment:[\s\S]*?points: )-10/, '$1-5')
    .replace('{ grade: A, min: 960 }', '{ grade: A, min: 1000 }')
    .replace(/(court_defaulters:[\s\S]*?notice: )P10D/, '$1P90D')
    .replace(/enter_when: score >= 1050/, 'enter_when: score >= 1030'),
).value!;

/** A simulated population of a few hundred subjects, with a branch and an agent whose records reach others. */
async function population(engine: Engine = 'sqlite'): Promise<TestRegistry> {
  const r = await testRegistry(NOW, 'rulebooks/default.yaml', engine);
  const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(r.clock.now());
  await new Ingestor(r.ctx).apply(populationWithReach(rb, r.clock.now(), { subjects: 300, seed: 11 }));
  return r;
}

const rows = async (r: TestRegistry): Promise<DerivedRow[]> =>
  r.ctx.store.derivedOf(await r.ctx.store.subjectIdsAfter(0, 100_000));
const inWindow = (row: DerivedRow, t: number) =>
  Number(row.computed_at) <= t && (row.next_change_at === null || t < Number(row.next_change_at));
/** Both reports of a draft at `at`: with the current side from the projection, and entirely from the ledger. */
const both = async (r: TestRegistry, at: number, workers = 1) => ({
  stored: await whatIf(r.ctx, DRAFT, { at, workers }),
  ledger: await whatIf(r.ctx, DRAFT, { at, workers, fromProjection: false }),
});

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: what-if reads the current side from the projection and reports exactly what the ledger gives, inside and outside the projection’s window`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await population(engine);
    try {
      const now = r.clock.now();
      const derived = await rows(r);
      assert.ok(derived.length > 300);
      const dates = {
        today: now,
        'two months on': now + 60 * DAY,
        'a year on': now + 400 * DAY,
        'a month back': now - 30 * DAY,
      };
      const reports = new Map<string, WhatIfReport>();
      for (const [name, at] of Object.entries(dates)) {
        const { stored, ledger } = await both(r, at);
        assert.deepEqual(stored, ledger, `the same report ${name}`);
        assert.equal(stored.subjects, derived.length);
        reports.set(name, stored);
      }
      assert.equal(
        derived.filter((d) => inWindow(d, now)).length,
        derived.length,
        'today every projection is current',
      );
      assert.ok(
        derived.filter((d) => inWindow(d, dates['a year on'])).length < derived.length / 2,
        'a year on most are due',
      );
      const today = reports.get('today')!;
      assert.ok(
        today.changed_grade > 0 && (today.list_entries.redlist ?? 0) > 0,
        'the draft moves grades and lists',
      );
      assert.ok(
        (reports.get('two months on')!.list_exits.court_defaulters ?? 0) > 0,
        'and takes subjects off a list',
      );
    } finally {
      await r.dispose();
    }
  });
}

test('what-if on worker threads and as a request’s job takes the current side from the projection too, with the same report', async () => {
  const r = await population();
  try {
    // some projections current, some due
    const at = r.clock.now() + 60 * DAY;
    const { stored, ledger } = await both(r, at, 2);
    assert.deepEqual(stored, ledger);
    assert.deepEqual(stored, await whatIf(r.ctx, DRAFT, { at, workers: 1 }));
    assert.deepEqual(await whatIfOffThread(r.ctx, DRAFT.source, at), ledger);
  } finally {
    await r.dispose();
  }
});

test('a projection is believed only while it is current: a due, re-ruled or outrun projection is derived again', async () => {
  const r = await population();
  try {
    const now = r.clock.now();
    const ledger = await whatIf(r.ctx, DRAFT, { at: now, fromProjection: false });
    const derived = await rows(r);
    const subjects = await r.ctx.store.subjectsById(derived.map((d) => Number(d.subject_id)));
    const branch = Number(subjects.find((s) => s.usci === BRANCH)!.id);
    const original = derived.find((d) => Number(d.subject_id) === branch)!;
    // a projection that says something the ledger does not: believed only if the what-if takes it as current
    const wrong = original.grade === 'D' ? { score: 1100, grade: 'AAA' } : { score: 601, grade: 'D' };
    const put = (patch: Partial<DerivedRow>) =>
      r.ctx.store.upsertDerived([{ ...original, ...wrong, ...patch }]);

    await put({});
    assert.notDeepEqual(
      await whatIf(r.ctx, DRAFT, { at: now }),
      ledger,
      'a current projection is read, not derived again',
    );

    const stale: Record<string, Partial<DerivedRow>> = {
      'due at the date': { next_change_at: now },
      'derived after the date': { computed_at: now + 1 },
      'derived under another version': { rulebook_hash: 'another' },
      'derived under another rulebook set': {
        marks: original.marks!.replace(/^(e\d+)\|[^|]*\|/, '$1|0123456789abcdef|'),
      },
      'derived by another engine': { marks: original.marks!.replace(/^e\d+\|/, 'e0|') },
      'without marks': { marks: null },
    };
    for (const [why, patch] of Object.entries(stale)) {
      await put(patch);
      assert.deepEqual(await whatIf(r.ctx, DRAFT, { at: now }), ledger, `a projection ${why} is not used`);
    }

    // a careless maintenance script deletes the branch's record without deriving anything: its projection and
    // its parent's were derived from a ledger that no longer is
    await put({});
    const [rec] = await r.ctx.store.recordsOf([branch]);
    await r.ctx.store.transaction((tx) => tx.deleteRecord(branch, Number(rec!.seq)));
    const after = await whatIf(r.ctx, DRAFT, { at: now, fromProjection: false });
    assert.notDeepEqual(after, ledger, 'the deleted record mattered');
    assert.deepEqual(
      await whatIf(r.ctx, DRAFT, { at: now }),
      after,
      'a projection the ledger has outrun is not used',
    );
  } finally {
    await r.dispose();
  }
});

test('a what-if worker that stops without a word fails the run with its exit code instead of leaving it waiting', async () => {
  const r = await population();
  try {
    const ctx = {
      ...r.ctx,
      storeFactory: {
        ...r.ctx.storeFactory!,
        module: moduleBeside('../testing/exiting-store.ts', import.meta.url).href,
      },
    };
    await assert.rejects(whatIf(ctx, DRAFT, { workers: 2 }), /what-if worker stopped \(exit code 3\)/);
  } finally {
    await r.dispose();
  }
});
