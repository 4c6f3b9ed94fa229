// The public profile in business terms: what a procurement officer reads before awarding a contract.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNationalId } from '../../domain/national-id.ts';
import { DAY } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { publicProfile } from './search.profile.ts';

const ORG = makeUsci('91350100', 'MA2Y0009');
const PERSON = makeNationalId('110101', '19900307', '451');

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: the profile names the records, sums the non-public ones and shows every measure in force with its decision`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const rec = (id: string, source: string, type: string, at: string, basis: string) => ({
        source,
        id,
        subject: ORG,
        type,
        occurred_at: at,
        legal_basis: basis,
        evidence: [EVIDENCE],
      });
      const results = await new Ingestor(r.ctx).apply([
        { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
        { kind: 'source', id: 'tax', name: 'Tax bureau', domains: ['tax'] },
        { kind: 'organization', usci: ORG, name: '福州实力食品有限公司' },
        { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
        rec('J-1', 'court', 'court.judgment_default', '2026-10-01', 'Civil Procedure Law art. 255'),
        rec('T-1', 'tax', 'tax.late_payment', '2026-10-15', 'Tax Collection Administration Law art. 32'),
      ]);
      assert.deepEqual(
        results.filter((x) => !x.ok),
        [],
      );
      // before the notice period ends: warned, not yet sanctioned
      const warned = await publicProfile(r.ctx, ORG);
      assert.deepEqual(
        warned.measures.filter((m) => m.kind === 'sanction'),
        [],
      );
      r.clock.advance(40 * DAY);
      const p = await publicProfile(r.ctx, ORG);
      // the public record by its title, the non-public one summed in one line
      assert.deepEqual(
        p.explanation.items.map((i) => [i.title, i.points]),
        [['Able but refusing to perform a judgment', -50]],
      );
      assert.equal(p.explanation.non_public.count, 1);
      assert.ok(p.explanation.non_public.points < 0);
      assert.ok(!JSON.stringify(p).includes('T-1'), 'the non-public record is never named');
      assert.deepEqual(
        p.records.map((x) => x.key),
        ['court/J-1'],
      );
      // the exclusion from public procurement, until when, on what basis, and the list decision behind it
      const exclusion = p.measures.find((m) => m.measure === 'procurement.exclusion');
      assert.ok(exclusion, 'procurement exclusion in force');
      assert.equal(exclusion.kind, 'sanction');
      assert.match(exclusion.legal_basis ?? '', /Government Procurement Law/);
      assert.ok(exclusion.until === null || exclusion.until > p.at);
      assert.equal(exclusion.decisions.length, 1);
      const entry = p.lists.find((l) => l.decision === exclusion.decisions[0]!.id);
      assert.ok(entry, 'the decision is a public list entry shown on the profile');
      assert.match(entry.grounds, /Able but refusing to perform a judgment/);
      // as of a date before the record, none of it
      const before = await publicProfile(r.ctx, ORG, { at: Date.parse('2026-09-01T00:00:00Z') });
      assert.deepEqual(
        before.measures.filter((m) => m.kind === 'sanction'),
        [],
      );
      assert.deepEqual(before.records, []);
    } finally {
      await r.dispose();
    }
  });

  test(`${engine}: a person never has a public profile, by national id or by reference`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      await new Ingestor(r.ctx).apply([{ kind: 'person', national_id: PERSON, name: 'Zhang Wei' }]);
      for (const ref of [PERSON, 'P1', 'p1', '1'])
        await assert.rejects(publicProfile(r.ctx, ref), (e: { code?: string; message: string }) => {
          assert.equal(e.code, 'subject.not_found');
          assert.ok(!e.message.includes(PERSON));
          return true;
        });
    } finally {
      await r.dispose();
    }
  });
}
