// A full rebuild recomputes every subject but writes only the projections that come out different from what is
// stored: a forged or stale column is put right, an unchanged projection keeps its row (its computed_at, from when
// it is valid) and loses only its explained view, as on every recomputation. On both engines: PostgreSQL returns
// some columns as text, and a comparison that mistook them would either write everything or miss a forgery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulatePopulation } from '../../sim/population.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { DerivedRow } from '../ports/ports.store.ts';
import { scoreOf } from '../queries/queries.usecases.ts';
import { tamper } from '../testing/tamper.ts';
import { type Engine, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { rebuildAll } from './maintenance.tick.ts';

const NOW = '2026-11-01';
const DAY = 86_400_000;

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: a full rebuild puts every forged column right and leaves the unchanged projections as they were`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry(NOW, 'rulebooks/default.yaml', engine);
    try {
      const rb = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(r.clock.now());
      await new Ingestor(r.ctx).apply([
        ...simulatePopulation(rb, { subjects: 60, seed: 11, now: r.clock.now() }),
      ]);
      const ids = await r.ctx.store.subjectIdsAfter(0, 100_000);
      const rows = async () =>
        new Map((await r.ctx.store.derivedOf(ids)).map((d) => [Number(d.subject_id), d]));
      const original = await rows();
      const derivedAt = r.clock.now();
      // the subjects whose projection a writer behind the registry's back forges, one column each
      const withEntries = ids.filter((id) => JSON.parse(original.get(id)!.state).entries.length > 0);
      const dated = ids.filter(
        (id) => original.get(id)!.next_change_at !== null && !withEntries.includes(id),
      );
      const plain = ids.filter((id) => !withEntries.includes(id) && !dated.includes(id));
      assert.ok(withEntries.length >= 1 && dated.length >= 2 && plain.length >= 4, 'subjects of every kind');
      const [state, nextChange] = [withEntries[0]!, dated[0]!];
      const [marks, score, grade, rulebook] = plain as [number, number, number, number];
      const forged = new Set([state, nextChange, marks, score, grade, rulebook]);
      // an organization's explained view, stored by a read of its score
      const subjects = await r.ctx.store.subjectsById(dated.slice(1));
      const org = subjects.find((s) => s.kind === 'organization' && s.usci !== null)!;
      await scoreOf(r.ctx, org.usci!);
      assert.ok((await r.ctx.store.derivedViewOf(Number(org.id)))?.explained, 'the view is stored');

      await tamper(
        r,
        `update derived set state = replace(state, '"entries":[{', '"entries":[{"forged":1,') where subject_id = ${state}`,
        `update derived set next_change_at = next_change_at + ${DAY} where subject_id = ${nextChange}`,
        `update derived set marks = marks || '0' where subject_id = ${marks}`,
        `update derived set score = score + 1 where subject_id = ${score}`,
        `update derived set grade = 'Z' where subject_id = ${grade}`,
        `update derived set rulebook_hash = 'forged' where subject_id = ${rulebook}`,
      );
      const tampered = await rows();
      for (const id of forged)
        assert.notDeepEqual(tampered.get(id), original.get(id), `subject ${id} forged`);

      r.clock.advance(60_000);
      assert.deepEqual(await rebuildAll(r.ctx, { full: true }), {
        subjects: ids.length,
        recomputed: ids.length,
        written: forged.size,
      });
      const after = await rows();
      const content = ({ computed_at: _c, explained: _e, ...rest }: DerivedRow) => rest;
      for (const id of ids) {
        assert.deepEqual(content(after.get(id)!), content(original.get(id)!), `subject ${id} as derived`);
        // a forged projection is written again, now; an unchanged one keeps the moment it was derived
        const at = Number(after.get(id)!.computed_at);
        assert.equal(at, forged.has(id) ? r.clock.now() : derivedAt, `subject ${id}: computed_at`);
      }
      assert.equal(
        (await r.ctx.store.derivedViewOf(Number(org.id)))?.explained ?? null,
        null,
        'the explained view is cleared, as by every recomputation',
      );
      // and a score read afterwards computes and stores it again, valid from the kept computed_at
      await scoreOf(r.ctx, org.usci!);
      assert.ok((await r.ctx.store.derivedViewOf(Number(org.id)))?.explained);
    } finally {
      await r.dispose();
    }
  });
}
