import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUsci } from '../../domain/usci.ts';
import { importLines } from '../ingest/ingest.file.ts';
import { rebuildAll, tick } from '../maintenance/maintenance.tick.ts';
import type { Tx } from '../ports/ports.store.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { DERIVE_RECORDS, nextSlice } from './derive.slices.ts';

/**
 * An import derives the subjects it wrote a slice at a time. A slice is cut by the records its subjects' files hold
 * (an organization's file holds its branches' and agents' records too), so that memory stays bounded whatever the
 * shape of the registry; no subject is ever left out.
 */

const NOW = '2026-11-01';
const usci = (i: number) => makeUsci('91350100', `MT${String(i).padStart(6, '0')}`);
const AGENT = '110101199003074514';

async function* lines(values: Iterable<Record<string, unknown>>) {
  let n = 0;
  for (const v of values) yield { n: ++n, value: v, raw: JSON.stringify(v) };
}

/** Four parents with 30 branches of 40 records each (1,200 records a parent's file), then small subjects. */
function* registry(): Generator<Record<string, unknown>> {
  yield { kind: 'source', id: 'tax-office', name: 'Tax office', domains: ['tax'] };
  yield { kind: 'person', national_id: AGENT, name: 'Li Na' };
  let next = 1;
  for (let p = 0; p < 4; p++) {
    const parent = usci(next++);
    yield { kind: 'organization', usci: parent, name: `Parent ${p} Co.` };
    for (let b = 0; b < 30; b++) {
      const branch = usci(next++);
      yield { kind: 'organization', usci: branch, name: `Parent ${p} Branch ${b}`, parent };
      for (let k = 0; k < 40; k++)
        yield {
          source: 'tax-office',
          id: `R-${p}-${b}-${k}`,
          subject: branch,
          type: 'tax.late_payment',
          occurred_at: `2026-0${1 + (k % 9)}-1${k % 10}`,
          legal_basis: 'Tax Collection Law art. 32',
          evidence: [EVIDENCE],
        };
    }
    // an agent acting for the parent: its records are in the parent's file too
    yield {
      source: 'tax-office',
      id: `A-${p}`,
      subject: AGENT,
      type: 'tax.evasion',
      occurred_at: '2026-03-01',
      legal_basis: 'Tax Collection Law art. 63',
      evidence: [EVIDENCE],
      on_behalf_of: parent,
      culpability: 'knowledge',
    };
  }
  for (let s = 0; s < 20; s++) yield { kind: 'organization', usci: usci(next++), name: `Small ${s} Co.` };
}

test('slices are cut by the records of the files they load, never below one subject, and cover every subject in order', async () => {
  const r = await testRegistry(NOW);
  try {
    const rejected: string[] = [];
    const sum = await importLines(r.ctx, lines(registry()), (x) => rejected.push(`${x.line} ${x.message}`));
    assert.deepEqual(rejected, []);
    assert.equal(sum.created > 4800, true);
    const ids = await r.ctx.store.subjectIdsAfter(0, 10_000);
    const parents = (await r.ctx.store.subjectsByUsci([usci(1), usci(32), usci(63), usci(94)])).map((s) =>
      Number(s.id),
    );
    assert.equal(parents.length, 4);
    const parentsFirst = [...parents, ...ids.filter((id) => !parents.includes(id))];
    const covered: number[] = [];
    const slices: number[][] = [];
    await r.ctx.store.transaction(async (tx) => {
      for (let i = 0; i < parentsFirst.length; ) {
        const s = await nextSlice(tx, parentsFirst.slice(i, i + 256));
        assert.ok(s.length >= 1, 'a slice holds at least one subject');
        slices.push(s);
        covered.push(...s);
        i += s.length;
      }
      // a budget smaller than one parent's file: that parent still gets a slice of its own
      assert.deepEqual(await nextSlice(tx, parentsFirst, 256, 100), [parents[0]]);
    });
    assert.deepEqual(covered, parentsFirst, 'every subject, in order, once');
    // each parent's file holds 1,200 branch records and its agent's record: three fit in the budget, not four
    assert.equal(DERIVE_RECORDS < 4 * 1201, true);
    assert.equal(slices[0]!.length, Math.floor(DERIVE_RECORDS / 1201));
    // then the last parent (1,201), the agent (its 4 records) and as many branches of 40 as the budget leaves
    assert.equal(slices[1]!.length, 2 + Math.floor((DERIVE_RECORDS - 1201 - 4) / 40));
  } finally {
    await r.dispose();
  }
});

/** The slice as counted subject by subject (what nextSlice answered before it first tried a bound from one count). */
async function countedSlice(tx: Tx, candidates: readonly number[], records: number): Promise<number[]> {
  const involved = new Map<number, number[]>(candidates.map((id) => [id, [id]]));
  for (const b of await tx.childrenOf(candidates)) involved.get(Number(b.parent_id))?.push(Number(b.id));
  for (const a of await tx.agentsOf(candidates)) if (a.agent !== a.org) involved.get(a.org)?.push(a.agent);
  const all = [...new Set([...involved.values()].flat())];
  const size = new Map((await tx.ledgerCounts(all)).map((c) => [c.subject_id, c.records + c.events]));
  let total = 0;
  const out: number[] = [];
  for (const id of candidates) {
    const file = involved.get(id)!.reduce((sum, s) => sum + (size.get(s) ?? 0), 0);
    if (out.length > 0 && total + file > records) break;
    total += file;
    out.push(id);
  }
  return out;
}

test('the bound from one count never changes a slice, an agent acting for two parents in it included', async () => {
  const r = await testRegistry(NOW);
  try {
    await importLines(r.ctx, lines(registry()), () => assert.fail('no line is rejected'));
    const ids = await r.ctx.store.subjectIdsAfter(0, 10_000);
    const parents = (await r.ctx.store.subjectsByUsci([usci(1), usci(32), usci(63), usci(94)])).map((s) =>
      Number(s.id),
    );
    const small = ids.slice(-20);
    await r.ctx.store.transaction(async (tx) => {
      // two parents: 1,200 branch records each, and the agent's 4 records in both files (2,408 in all), while the
      // subjects involved hold 2,404 between them: a budget in between must stop after the first parent
      const pair = parents.slice(0, 2);
      assert.deepEqual(await nextSlice(tx, pair, 256, 2405), [pair[0]]);
      for (const candidates of [pair, parents, small, [...small.slice(0, 5), parents[2]!, ...small.slice(5)]])
        for (const budget of [1, 40, 1203, 1204, 1205, 2404, 2405, 2407, 2408, 3612, 4096, 10_000]) {
          const at = `${candidates.length} candidates, budget ${budget}`;
          assert.deepEqual(
            await nextSlice(tx, candidates, 256, budget),
            await countedSlice(tx, candidates, budget),
            at,
          );
        }
    });
  } finally {
    await r.dispose();
  }
});

test('an import derives every subject it wrote, parents with long files included', async () => {
  const r = await testRegistry(NOW);
  try {
    await importLines(r.ctx, lines(registry()), () => assert.fail('no line is rejected'));
    const ids = await r.ctx.store.subjectIdsAfter(0, 10_000);
    const derived = await r.ctx.store.derivedOf(ids);
    assert.equal(derived.length, ids.length, 'every subject has its projection');
    const [parent] = await r.ctx.store.subjectsByUsci([usci(1)]);
    const row = derived.find((d) => Number(d.subject_id) === Number(parent!.id))!;
    // 30 branches × 40 late payments at half weight, and the agent's evasion: far below the base
    assert.ok(row.score < 1000, `parent score ${row.score}`);
  } finally {
    await r.dispose();
  }
});

test('rebuild --full and tick derive every subject a slice at a time and change no projection', async () => {
  const r = await testRegistry(NOW);
  try {
    await importLines(r.ctx, lines(registry()), () => assert.fail('no line is rejected'));
    const ids = await r.ctx.store.subjectIdsAfter(0, 10_000);
    const view = async () =>
      (await r.ctx.store.derivedOf(ids))
        .map(({ computed_at: _c, explained: _e, ...rest }) => JSON.stringify(rest))
        .sort();
    const before = await view();
    const full = await rebuildAll(r.ctx, { full: true });
    assert.equal(full.recomputed, ids.length);
    assert.deepEqual(await view(), before);
    // every subject due now: tick derives them all again
    await r.ctx.store.transaction((tx) => tx.markDue(ids, r.clock.now()));
    assert.equal(await tick(r.ctx), ids.length);
    assert.deepEqual(await view(), before);
  } finally {
    await r.dispose();
  }
});
