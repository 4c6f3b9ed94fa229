import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { checkMeasure, scoreOf } from '../queries/queries.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { rebuildAll, tick } from './maintenance.tick.ts';

const ORGS = [0, 1, 2].map((i) => makeUsci('91350100', `MB${String(i).padStart(6, '0')}`));
const setup = [
  { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  ...ORGS.map((u, i) => ({ kind: 'organization', usci: u, name: `Org ${i}` })),
];
const TYPES = ['court.judgment_default', 'tax.evasion', 'tax.late_payment'];
const MEASURES = ['transport.high_speed_rail', 'procurement.exclusion', 'transport.discount'];

test('property: tick followed by reads answers exactly as reads without tick', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          org: fc.integer({ min: 0, max: 2 }),
          type: fc.constantFrom(...TYPES),
          day: fc.integer({ min: 0, max: 300 }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
      fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }),
      async (records, steps) => {
        const a = await testRegistry('2026-11-01');
        const b = await testRegistry('2026-11-01');
        try {
          const lines = records.map((x, i) => ({
            source: x.type.startsWith('court') ? 'court' : 'tax-bureau',
            id: `R${i}`,
            subject: ORGS[x.org],
            type: x.type,
            occurred_at: formatDate(parseInstant('2026-01-01')! + x.day * DAY),
            legal_basis: 'basis',
            evidence: [EVIDENCE],
          }));
          for (const r of [a, b]) await new Ingestor(r.ctx).apply([...setup, ...lines]);
          for (const days of steps) {
            a.clock.advance(days * DAY);
            b.clock.advance(days * DAY);
            await tick(a.ctx);
          }
          for (const u of ORGS) {
            for (const m of MEASURES) {
              const x = await checkMeasure(a.ctx, u, m);
              const y = await checkMeasure(b.ctx, u, m);
              assert.deepEqual({ ...x, id: '' }, { ...y, id: '' });
            }
            const sa = await scoreOf(a.ctx, u);
            const sb = await scoreOf(b.ctx, u);
            assert.equal(sa.score, sb.score);
            assert.deepEqual(sa.lists, sb.lists);
          }
        } finally {
          await a.dispose();
          await b.dispose();
        }
      },
    ),
    { numRuns: 10 },
  );
});

test('tick touches only the subjects whose next change has come; rebuild recomputes everyone', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([
      ...setup,
      {
        source: 'tax-bureau',
        id: 'T1',
        subject: ORGS[0],
        type: 'tax.late_payment',
        occurred_at: '2026-05-01',
        legal_basis: 'basis',
        evidence: [EVIDENCE],
      },
    ]);
    assert.equal(await tick(r.ctx), 0, 'nothing is due yet');
    r.clock.set(parseInstant('2026-09-01')!);
    assert.equal(await tick(r.ctx), 1, 'only the subject whose record expired');
    assert.equal((await rebuildAll(r.ctx, { full: true })).recomputed, ORGS.length);
  } finally {
    await r.dispose();
  }
});
