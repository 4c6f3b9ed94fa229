import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect } from 'kysely';
import { derive } from '../../rules/explain.ts';
import type { ExitReason, ListEntry } from '../../rules/lists.ts';
import { Timeline } from '../../rules/scorer.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { simulatePopulation } from '../../sim/population.ts';
import { compactStatesMigration } from '../../store/compact-states.migration.ts';
import { verifyDerived } from '../audit/audit.derived.ts';
import { activeRulebooks, checkRulebook } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { rebuildAll } from '../maintenance/maintenance.tick.ts';
import { testRegistry } from '../testing/test-registry.ts';
import { loadFiles } from './derive.files.ts';
import { decodeState, encodeState, readEntry, storedEntry } from './derive.state.ts';

/**
 * A projection's state and a decision's entry are stored naming their rulebook version by hash, without what the
 * version says of their list; a reader gets the whole entry back. Nothing may be lost or changed on the way, and
 * rows written whole before still read as they are.
 */

const RB = checkRulebook(readFileSync('rulebooks/default.yaml', 'utf8')).value!;
const ONLY_RB = (h: string) => (h === RB.hash ? RB : undefined);
const INF = Number.POSITIVE_INFINITY;
const wholeJson = (e: ListEntry) => JSON.stringify({ ...e, until: e.until === INF ? null : e.until });

const entryArb = fc
  .record({
    list: fc.constantFrom(...RB.lists.keys()),
    grounds: fc.constantFrom<ListEntry['grounds']>(
      { kind: 'records', records: ['tax-office/R1', 'tax-office/R2'] },
      { kind: 'condition', condition: 'score < 700', score: 650, grade: 'C' },
      { kind: 'escalation', from: 'D-0000000000000001', list: 'abnormal_operations' },
    ),
    ownTitle: fc.boolean(),
    basis: fc.constantFrom('list', 'own', 'empty', 'version'),
    since: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
    open: fc.boolean(),
    exit: fc.constantFrom<ExitReason>('max', 'repair', 'annulled', 'suspended', 'condition', 'open'),
    lapsed: fc.boolean(),
    public: fc.boolean(),
    repair: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
    resumes: fc.option(fc.constant('D-00000000000000aa'), { nil: undefined }),
  })
  .map((x): ListEntry => {
    const l = RB.lists.get(x.list)!;
    const basis = {
      list: l.legalBasis ?? `${RB.name} ${RB.version}, lists.${l.name}`,
      own: 'Tax Collection Administration Law, art. 63',
      empty: '',
      version: `${RB.name} ${RB.version}, lists.${l.name}`,
    }[x.basis];
    return {
      decision: `D-${x.since.toString(16).padStart(16, '0')}`,
      list: l.name,
      kind: l.kind,
      title: x.ownTitle ? `${l.title} (as decided)` : l.title,
      grounds: x.grounds,
      rulebook: { name: RB.name, version: RB.version, hash: RB.hash },
      legalBasis: basis,
      warnedAt: x.since - 86_400_000,
      since: x.since,
      until: x.open ? INF : x.since + 1e10,
      exit: x.exit,
      ...(x.repair !== undefined ? { earliestRepair: x.since + x.repair } : {}),
      lapsed: x.lapsed,
      public: x.public,
      ...(x.resumes ? { resumes: x.resumes, suspendedWhy: 'disputed' } : {}),
    };
  });

test('property: an entry stored and read back is the entry, whatever its texts, dates and grounds', () => {
  fc.assert(
    fc.property(entryArb, (e) => {
      const text = JSON.stringify(storedEntry(e, ONLY_RB));
      assert.deepEqual(readEntry(JSON.parse(text), ONLY_RB), e);
      // what the version says is not repeated: only an entry whose title is its own carries one
      assert.equal(text.includes('"title"'), e.title !== RB.lists.get(e.list)!.title);
      const compact = e.title === RB.lists.get(e.list)!.title;
      assert.equal(text.includes(`"kind":"${e.kind}"`), !compact, text);
      assert.equal(text.includes('"name":'), !compact, text);
    }),
    { numRuns: 300 },
  );
});

test('an entry whose version is not at hand is stored whole, and reads back whole', () => {
  const e = fc.sample(entryArb, { numRuns: 1, seed: 7 })[0]!;
  const text = JSON.stringify(storedEntry(e, () => undefined));
  assert.equal(text, wholeJson(e));
  assert.deepEqual(
    readEntry(JSON.parse(text), () => undefined),
    e,
  );
});

test('a stored entry naming a version the registry does not hold is refused, never guessed at', () => {
  const e = fc
    .sample(entryArb, { numRuns: 20, seed: 3 })
    .find((x) => x.title === RB.lists.get(x.list)!.title)!;
  const text = JSON.stringify({ entries: [storedEntry(e, ONLY_RB)], spans: [] });
  assert.throws(() => decodeState(text, () => undefined), /does not hold/);
  // a forged hash is no better than a missing one
  const forged = text.replace(RB.hash, 'f'.repeat(64));
  assert.throws(() => decodeState(forged, ONLY_RB), new RegExp(`${e.decision}.*does not hold`));
});

async function storedAndRecomputed(r: Awaited<ReturnType<typeof testRegistry>>, versions: RulebookSet) {
  const ids = await r.ctx.store.subjectIdsAfter(0, 10_000);
  const rows = await r.ctx.store.derivedOf(ids);
  const again = await r.ctx.store.transaction(async (tx) => {
    const loaded = await loadFiles(tx, versions, ids);
    return new Map(
      [...loaded.files].map(([id, f]) => [id, derive(new Timeline(f, versions), r.clock.now())]),
    );
  });
  return { ids, rows, again };
}

test('an imported population: states and decisions read back as derived, and are stored in less than the whole entries', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
    await new Ingestor(r.ctx).apply([
      ...simulatePopulation(versions.at(r.clock.now()), { subjects: 200, seed: 9, now: r.clock.now() }),
    ]);
    const { ids, rows, again } = await storedAndRecomputed(r, versions);
    let entries = 0;
    let storedBytes = 0;
    let wholeBytes = 0;
    for (const row of rows) {
      const d = again.get(Number(row.subject_id))!;
      const state = decodeState(row.state, versions.byHash);
      assert.deepEqual(state.entries, d.entries, `subject ${row.subject_id}`);
      assert.deepEqual(state.spans, d.spans, `subject ${row.subject_id}`);
      entries += d.entries.length;
      storedBytes += JSON.stringify((JSON.parse(row.state) as { entries: unknown[] }).entries).length;
      wholeBytes += `[${d.entries.map(wholeJson).join(',')}]`.length;
    }
    assert.ok(entries > 20, `the population has list entries (${entries})`);
    assert.ok(storedBytes < 0.7 * wholeBytes, `entries: ${storedBytes} bytes stored, ${wholeBytes} whole`);
    let decisions = 0;
    for (const id of ids)
      for (const row of await r.ctx.store.transaction((tx) => tx.decisionsOf(id))) {
        const e = decodeState(row.data, versions.byHash).entries[0]!;
        const derived = again.get(id)!.entries.find((x) => x.decision === e.decision);
        assert.deepEqual(e, derived, `decision ${row.id}`);
        assert.ok(!row.data.includes('"title"'), 'the list title is the version’s, not repeated');
        decisions++;
      }
    assert.ok(decisions > 20, `the population has decisions (${decisions})`);
  } finally {
    await r.dispose();
  }
});

test('states written whole before read as they are, and verify finds them equal to a recomputation', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
    await new Ingestor(r.ctx).apply([
      ...simulatePopulation(versions.at(r.clock.now()), { subjects: 60, seed: 4, now: r.clock.now() }),
    ]);
    const { rows } = await storedAndRecomputed(r, versions);
    const withEntries = rows.filter((row) => decodeState(row.state, versions.byHash).entries.length > 0);
    assert.ok(withEntries.length > 0);
    const rewritten = withEntries.map((row) => {
      const state = decodeState(row.state, versions.byHash);
      const whole = encodeState(state, () => undefined);
      assert.ok(whole.includes('"title"'));
      assert.deepEqual(decodeState(whole, versions.byHash), state);
      assert.deepEqual(
        decodeState(whole, () => undefined),
        state,
        'a whole row needs no version to read',
      );
      return { ...row, state: whole };
    });
    await r.ctx.store.transaction((tx) => tx.upsertDerived(rewritten));
    const report = await verifyDerived(r.ctx);
    assert.ok(report.compared >= rewritten.length);
    assert.deepEqual(report.findings, []);
    // and an edited entry in a whole row is still found
    const [first] = rewritten;
    const edited = first!.state.replace(/"since":(\d+)/, (_m, n) => `"since":${Number(n) + 86_400_000}`);
    await r.ctx.store.transaction((tx) => tx.upsertDerived([{ ...first!, state: edited }]));
    const again = await verifyDerived(r.ctx);
    assert.equal(again.findings.length, 1, JSON.stringify(again.findings));
    await r.ctx.store.transaction((tx) => tx.upsertDerived([first!]));

    // the migration marks whole states for recomputation: the next rebuild rewrites them compactly, same content
    assert.deepEqual(await rebuildAll(r.ctx), { subjects: rows.length, recomputed: 0, written: 0 });
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new SQLite(join(r.dir, 'registry.db')) }),
    });
    await compactStatesMigration.up(db);
    await db.destroy();
    assert.deepEqual(await rebuildAll(r.ctx), {
      subjects: rows.length,
      recomputed: rewritten.length,
      written: rewritten.length,
    });
    const after = await r.ctx.store.derivedOf(rewritten.map((x) => Number(x.subject_id)));
    for (const row of after) {
      assert.ok(!row.state.includes('"title"'), row.state);
      const was = rewritten.find((x) => x.subject_id === row.subject_id)!;
      assert.deepEqual(decodeState(row.state, versions.byHash), decodeState(was.state, versions.byHash));
    }
  } finally {
    await r.dispose();
  }
});
