// `rebuild` compares stored projections with the ledger in the database (Tx.marksWindow). Whatever a careless or
// hostile writer does to the tables behind the registry's back, the subjects it finds stale must be exactly those
// whose stored marks differ from what deriving them now would store (marksString over loadFiles), on both
// engines and for any window size — a window of one subject leaves every branch and agent outside it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUsci } from '../../domain/usci.ts';
import { simulatePopulation } from '../../sim/population.ts';
import { loadFiles } from '../derive/derive.files.ts';
import { loadedCounts, marksHead, marksString, versionsKey } from '../derive/derive.marks.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { DerivedRow, Tx } from '../ports/ports.store.ts';
import { tamper } from '../testing/tamper.ts';
import {
  type Engine,
  EVIDENCE,
  postgresAvailable,
  type TestRegistry,
  testRegistry,
} from '../testing/test-registry.ts';
import { changedInWindow, rebuildAll } from './maintenance.tick.ts';

const NOW = '2026-11-01';
const PARENT = makeUsci('91350100', 'MA000001');
const BRANCH = makeUsci('91350100', 'MA000002');
const SUB = makeUsci('91350100', 'MA000003');
const OTHER = makeUsci('91350100', 'MA000004');
const AGENT = '110101199003074514';

/**
 * A simulated population, plus a parent with a branch that has a branch of its own, an agent acting for the
 * parent, and another organization with an agent: records on each of them.
 */
async function population(engine: Engine): Promise<TestRegistry> {
  const r = await testRegistry(NOW, 'rulebooks/default.yaml', engine);
  const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(r.clock.now());
  const record = (id: string, subject: string, more: Record<string, unknown> = {}) => ({
    source: 'tax-office',
    id,
    subject,
    type: 'tax.evasion',
    occurred_at: '2026-03-01',
    legal_basis: 'basis',
    evidence: [EVIDENCE],
    ...more,
  });
  await new Ingestor(r.ctx).apply([
    ...simulatePopulation(rb, { subjects: 80, seed: 7, now: r.clock.now() }),
    { kind: 'source', id: 'tax-office', name: 'Tax office', domains: ['tax'] },
    { kind: 'person', national_id: AGENT, name: 'Li Na' },
    { kind: 'organization', usci: PARENT, name: 'Parent Co.' },
    { kind: 'organization', usci: BRANCH, name: 'Parent Co. Branch', parent: PARENT },
    { kind: 'organization', usci: SUB, name: 'Parent Co. Branch Office', parent: BRANCH },
    { kind: 'organization', usci: OTHER, name: 'Other Co.' },
    record('P1', PARENT),
    record('P2', PARENT, { occurred_at: '2026-04-01' }),
    record('B1', BRANCH),
    record('S1', SUB),
    record('O1', OTHER),
    record('G1', AGENT, { on_behalf_of: PARENT, culpability: 'knowledge' }),
    record('G2', AGENT, { on_behalf_of: OTHER, culpability: 'knowledge' }),
  ]);
  return r;
}

/** The subjects whose stored projection is not what deriving them now would store: by definition, from the files. */
async function staleByDefinition(r: TestRegistry): Promise<number[]> {
  return r.ctx.store.transaction(async (tx) => {
    const versions = await activeRulebooks(tx);
    const now = r.clock.now();
    const vkey = versionsKey(versions);
    const ids = await tx.subjectIdsAfter(0, 100_000);
    const loaded = await loadFiles(tx, versions, ids);
    const counts = loadedCounts(loaded);
    const rows = new Map((await tx.derivedOf(ids)).map((d) => [Number(d.subject_id), d]));
    return ids.filter((id) => {
      const d = rows.get(id);
      return (
        !d?.marks ||
        d.marks !== marksString(vkey, loaded.involved.get(id) ?? [id], counts) ||
        d.rulebook_hash !== versions.at(now).hash ||
        (d.next_change_at !== null && Number(d.next_change_at) <= now)
      );
    });
  });
}

/**
 * What `rebuild` finds stale, a window of `size` subjects at a time, without recomputing anything: in a
 * transaction, as `rebuild` does (PostgreSQL's set-based statements), or through the store's generic statements.
 */
async function staleByRebuild(
  r: TestRegistry,
  size: number,
  generic = false,
): Promise<{ stale: number[]; walked: number }> {
  const within = <T>(fn: (tx: Tx) => Promise<T>) => (generic ? fn(r.ctx.store) : r.ctx.store.transaction(fn));
  return within(async (tx) => {
    const versions = await activeRulebooks(tx);
    const vkey = versionsKey(versions);
    const now = r.clock.now();
    const expect = { head: marksHead(vkey), rulebookHash: versions.at(now).hash, now };
    const stale: number[] = [];
    let walked = 0;
    for (let after = 0; ; ) {
      const w = await changedInWindow(tx, vkey, after, expect, size);
      if (w.subjects === 0) break;
      assert.ok(w.subjects <= size);
      stale.push(...w.todo);
      walked += w.subjects;
      after = w.last;
    }
    return { stale, walked };
  });
}

const snapshot = async (
  r: TestRegistry,
): Promise<Map<number, Omit<DerivedRow, 'computed_at' | 'explained'>>> =>
  new Map(
    (await r.ctx.store.derivedOf(await r.ctx.store.subjectIdsAfter(0, 100_000))).map(
      ({ computed_at: _c, explained: _e, ...rest }) => [Number(rest.subject_id), rest],
    ),
  );

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: rebuild finds exactly the projections a writer behind the registry's back made stale, whatever the window`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await population(engine);
    try {
      const org = async (usci: string) => Number((await r.ctx.store.subjectsByUsci([usci]))[0]!.id);
      const [parent, branch, sub, other] = [
        await org(PARENT),
        await org(BRANCH),
        await org(SUB),
        await org(OTHER),
      ];
      const rec = async (id: string) =>
        (await r.ctx.store.recordsByKeys([{ source: 'tax-office', record_id: id }]))[0]!;
      const agent = Number((await rec('G1')).subject_id);
      const all = await r.ctx.store.subjectIdsAfter(0, 100_000);
      const total = all.length;
      assert.deepEqual(await staleByDefinition(r), [], 'every projection is current after the import');
      assert.deepEqual((await staleByRebuild(r, 10_000)).stale, []);

      // persons with records, to tamper with one way each
      const withRecords: number[] = [];
      for (const s of await r.ctx.store.subjectsById(all))
        if (s.kind === 'person' && Number(s.id) !== agent && (await r.ctx.store.recordsOf([s.id])).length > 1)
          withRecords.push(Number(s.id));
      assert.ok(withRecords.length >= 9, `${withRecords.length} persons with records`);
      const bare: number[] = [];
      for (const id of all) if ((await r.ctx.store.recordsOf([id])).length === 0) bare.push(id);
      const [zeroed, given] = bare as [number, number];
      assert.ok(given, `${bare.length} subjects without records`);
      const [renumbered, forged, copiedTo, copiedFrom, unstored, due, underOther, junk, actedFor] =
        withRecords as [number, number, number, number, number, number, number, number, number];
      const derived = new Map((await r.ctx.store.derivedOf(all)).map((d) => [Number(d.subject_id), d]));
      const marksOf = (id: number) => derived.get(id)!.marks!;
      const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
      const subRecord = await rec('S1');
      await r.ctx.store.transaction((tx) =>
        tx.insertEvent({
          subject_id: sub,
          source: subRecord.source,
          record_id: subRecord.record_id,
          kind: 'disputed',
          at: r.clock.now(),
          actor: 'test',
          reason: 'written without deriving',
          data: '{}',
        }),
      );
      await tamper(
        r,
        // the parent's own record deleted: the parent has branches, so its marks are compared outside SQL
        `delete from records where subject_id = ${parent} and record_id = 'P2'`,
        // the branch with records moved from the parent to another organization
        `update subjects set parent_id = ${other} where id = ${branch}`,
        // the agent's record for the other organization deleted
        `delete from records where subject_id = ${agent} and record_id = 'G2'`,
        // a record renumbered: the count is the same, the last sequence number is not
        `update records set seq = seq + 100 where subject_id = ${renumbered} and seq = 1`,
        // marks in the right form, claiming other counts
        `update derived set marks = ${q(marksOf(forged).replace(/:(\d+):(\d+):/, (_m, u, n) => `:${u}:${Number(n) + 1}:`))} where subject_id = ${forged}`,
        // another subject's marks copied over
        `update derived set marks = ${q(marksOf(copiedFrom))} where subject_id = ${copiedTo}`,
        `delete from derived where subject_id = ${unstored}`,
        `update derived set next_change_at = ${r.clock.now()} where subject_id = ${due}`,
        `update derived set rulebook_hash = 'another' where subject_id = ${underOther}`,
        `update derived set marks = ${q(`${marksOf(junk)},`)} where subject_id = ${junk}`,
        // marks of a subject without records written with zero counts: never what a derivation writes
        `update derived set marks = ${q(`${marksOf(zeroed)}${zeroed}:0:0:0:0`)} where subject_id = ${zeroed}`,
        // a record moved to a subject that had none
        `update records set subject_id = ${given} where subject_id = ${copiedFrom} and seq = 1`,
        // the agent's record for the parent now says it acted for a person: a person's file has no agents
        `update records set on_behalf_of = ${actedFor} where subject_id = ${agent} and record_id = 'G1'`,
        // a subject registered behind the registry's back: it has no projection at all
        `insert into subjects (kind, usci, id_hash, name, parent_id, created_at) values ('organization', '91350100MA00000X9', null, 'Ghost Co.', null, 0)`,
        // a projection of no subject is not a subject
        `insert into derived (subject_id, score, grade, next_change_at, computed_at, rulebook_hash, state) values (987654321, 0, 'D', null, 0, 'x', '{}')`,
      );
      const ghost = Number((await r.ctx.store.subjectsByUsci(['91350100MA00000X9']))[0]?.id ?? 0);
      const expected = await staleByDefinition(r);
      for (const [who, id] of Object.entries({
        parent,
        branch, // its branch office's record got an event
        sub,
        other,
        agent,
        renumbered,
        forged,
        copiedTo,
        unstored,
        due,
        underOther,
        junk,
        ghost,
        zeroed,
        given,
        copiedFrom,
      }))
        assert.ok(expected.includes(id), `${who} (${id}) is stale by definition`);
      assert.ok(!expected.includes(actedFor), 'so is the person a record claims to be on behalf of');
      assert.ok(expected.length < total / 3, `${expected.length} of ${total + 1} stale`);

      for (const size of [1, 2, 7, 40, 10_000])
        for (const generic of [false, true]) {
          const found = await staleByRebuild(r, size, generic);
          const how = `windows of ${size}${generic ? ', generic statements' : ''}`;
          assert.deepEqual(found.stale, expected, how);
          assert.equal(found.walked, total + 1, `${how} walk every subject`);
        }
      assert.deepEqual(await rebuildAll(r.ctx), {
        subjects: total + 1,
        recomputed: expected.length,
        written: expected.length,
      });
      assert.deepEqual(await staleByDefinition(r), []);
      assert.deepEqual(await rebuildAll(r.ctx), { subjects: total + 1, recomputed: 0, written: 0 });
      const rebuilt = await snapshot(r);
      await rebuildAll(r.ctx, { full: true });
      assert.deepEqual(
        await snapshot(r),
        rebuilt,
        'what rebuild recomputed is what a full recomputation gives',
      );
    } finally {
      await r.dispose();
    }
  });
}
