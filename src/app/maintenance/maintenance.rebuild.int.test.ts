import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENGINE_VERSION, marksString } from '../derive/derive.marks.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { DerivedRow } from '../ports/ports.store.ts';
import { BRANCH, PARENT, populationWithReach } from '../testing/population.ts';
import { type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { rebuildAll } from './maintenance.tick.ts';

const NOW = '2026-11-01';
/** A simulated population, plus a branch and an agent whose records reach other organizations. */
async function population(): Promise<TestRegistry> {
  const r = await testRegistry(NOW);
  const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(r.clock.now());
  await new Ingestor(r.ctx).apply(populationWithReach(rb, r.clock.now(), { subjects: 120, seed: 5 }));
  return r;
}

const idOf = async (r: TestRegistry, usci: string) =>
  Number((await r.ctx.store.subjectsByUsci([usci]))[0]!.id);
const snapshot = async (
  r: TestRegistry,
): Promise<Map<number, Omit<DerivedRow, 'computed_at' | 'explained'>>> => {
  const ids = await r.ctx.store.subjectIdsAfter(0, 100_000);
  return new Map(
    (await r.ctx.store.derivedOf(ids)).map(({ computed_at: _c, explained: _e, ...rest }) => [
      Number(rest.subject_id),
      rest,
    ]),
  );
};

test('rebuild with nothing changed recomputes nobody; --full recomputes everybody and changes nothing', async () => {
  const r = await population();
  try {
    const before = await snapshot(r);
    const n = before.size;
    assert.ok(n > 100);
    assert.deepEqual(await rebuildAll(r.ctx), { subjects: n, recomputed: 0, written: 0 });
    assert.deepEqual(
      await rebuildAll(r.ctx, { full: true }),
      { subjects: n, recomputed: n, written: 0 },
      'every projection comes out as stored, and none is written again',
    );
    assert.deepEqual(await snapshot(r), before, 'a full recomputation gives the same projections');
    assert.deepEqual(await rebuildAll(r.ctx), { subjects: n, recomputed: 0, written: 0 });
  } finally {
    await r.dispose();
  }
});

test('a ledger changed behind the derivation’s back is found and only what it reaches is recomputed', async () => {
  const r = await population();
  try {
    const parent = await idOf(r, PARENT);
    const branch = await idOf(r, BRANCH);
    // a careless maintenance script deletes the branch's record without deriving anything
    const [rec] = await r.ctx.store.recordsOf([branch]);
    await r.ctx.store.transaction((tx) => tx.deleteRecord(branch, Number(rec!.seq)));
    const stale = await snapshot(r);
    const res = await rebuildAll(r.ctx);
    assert.equal(res.recomputed, 2, 'the branch and the parent its records reach');
    const after = await snapshot(r);
    assert.notDeepEqual(after.get(branch), stale.get(branch));
    assert.ok(after.get(branch)!.score > stale.get(branch)!.score, 'the deleted record no longer counts');
    assert.ok(after.get(parent)!.score > stale.get(parent)!.score, 'nor at the parent');
    // and the result is what a full recomputation gives
    await rebuildAll(r.ctx, { full: true });
    assert.deepEqual(await snapshot(r), after);
  } finally {
    await r.dispose();
  }
});

test('an agent’s new record on behalf of an organization, and an event on a record, are seen by rebuild', async () => {
  const r = await population();
  try {
    const parent = await idOf(r, PARENT);
    const [agentRec] = (await r.ctx.store.recordsByKeys([{ source: 'tax-office', record_id: 'A2' }])).filter(
      (x) => x.on_behalf_of !== null,
    );
    assert.ok(agentRec);
    await r.ctx.store.transaction((tx) =>
      tx.insertEvent({
        subject_id: Number(agentRec.subject_id),
        source: agentRec.source,
        record_id: agentRec.record_id,
        kind: 'annulled',
        at: r.clock.now(),
        actor: 'test',
        reason: 'written without deriving',
        data: '{}',
      }),
    );
    const stale = await snapshot(r);
    const res = await rebuildAll(r.ctx);
    assert.equal(res.recomputed, 2, 'the agent and the organization its record reached');
    const after = await snapshot(r);
    assert.ok(
      after.get(parent)!.score > stale.get(parent)!.score,
      'the annulled record no longer reaches the organization',
    );
  } finally {
    await r.dispose();
  }
});

test('a branch moved to another organization behind the registry’s back: both organizations are recomputed', async () => {
  const r = await population();
  try {
    const parent = await idOf(r, PARENT);
    const branch = await idOf(r, BRANCH);
    const ids = await r.ctx.store.subjectIdsAfter(0, 100_000);
    // an organization that is no branch and has none
    const subjects = await r.ctx.store.subjectsById(ids);
    const parents = new Set(subjects.map((s) => Number(s.parent_id)));
    const otherId = Number(
      subjects.find(
        (s) =>
          s.kind === 'organization' &&
          s.parent_id === null &&
          !parents.has(Number(s.id)) &&
          Number(s.id) !== parent,
      )!.id,
    );
    await r.ctx.store.transaction((tx) => tx.updateSubject(branch, { parent_id: otherId }));
    const stale = await snapshot(r);
    assert.equal((await rebuildAll(r.ctx)).recomputed, 2, 'the parent it left and the one it joined');
    const after = await snapshot(r);
    assert.ok(
      after.get(parent)!.score > stale.get(parent)!.score,
      'its record no longer counts at the parent',
    );
    assert.ok(after.get(otherId)!.score < stale.get(otherId)!.score, 'it counts at its new parent');
    assert.deepEqual(after.get(branch), stale.get(branch), 'the branch itself is unchanged');
  } finally {
    await r.dispose();
  }
});

test('an agent’s record deleted behind the registry’s back: the agent and the organization it acted for are recomputed', async () => {
  const r = await population();
  try {
    const parent = await idOf(r, PARENT);
    const [agentRec] = await r.ctx.store.recordsByKeys([{ source: 'tax-office', record_id: 'A2' }]);
    const agent = Number(agentRec!.subject_id);
    await r.ctx.store.transaction((tx) => tx.deleteRecord(agent, Number(agentRec!.seq)));
    const stale = await snapshot(r);
    assert.equal((await rebuildAll(r.ctx)).recomputed, 2);
    const after = await snapshot(r);
    assert.ok(
      after.get(parent)!.score > stale.get(parent)!.score,
      'the record no longer reaches the organization',
    );
    assert.ok(after.get(agent)!.score > stale.get(agent)!.score, 'nor the agent');
    assert.equal((await rebuildAll(r.ctx)).recomputed, 0);
  } finally {
    await r.dispose();
  }
});

test('adversarial: a projection without marks, with forged marks, or due, is never trusted', async () => {
  const r = await population();
  try {
    const ids = await r.ctx.store.subjectIdsAfter(0, 3);
    const rows = await r.ctx.store.derivedOf(ids);
    await r.ctx.store.transaction((tx) =>
      tx.upsertDerived([
        { ...rows[0]!, marks: null }, // as a registry from before marks were stored
        { ...rows[1]!, marks: rows[1]!.marks!.replace(/\|[^|]*$/, '|') }, // marks that hide its records
        { ...rows[2]!, next_change_at: r.clock.now() - 1 }, // a change has come due
      ]),
    );
    assert.equal((await rebuildAll(r.ctx)).recomputed, 3);
    assert.equal((await rebuildAll(r.ctx)).recomputed, 0);
  } finally {
    await r.dispose();
  }
});

test('marks name the engine version and the rulebook set, so changing either recomputes every subject', () => {
  const counts = new Map([[7, { subject_id: 7, records_upto: 4, records: 3, events_upto: 1, events: 1 }]]);
  const m = marksString('rbkey', [7, 9], counts);
  assert.equal(m, `e${ENGINE_VERSION}|rbkey|7:4:3:1:1`);
  assert.notEqual(marksString('other', [7, 9], counts), m);
});
