import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { scoreOf } from './queries.usecases.ts';

const ORGS = [0, 1, 2].map((i) => makeUsci('91350100', `MQ${String(i).padStart(6, '0')}`));
const PERSON = '110101199003074514';
const setup = [
  { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
  ...ORGS.map((u, i) => ({
    kind: 'organization',
    usci: u,
    name: `Org ${i}`,
    ...(i === 0 ? { legal_representative: PERSON } : {}),
  })),
];
const TYPES = ['court.judgment_default', 'tax.evasion', 'tax.late_payment'];

const record = (i: number, org: number, type: string, day: number) => ({
  source: type.startsWith('court') ? 'court' : 'tax-bureau',
  id: `R${i}`,
  subject: ORGS[org],
  type,
  occurred_at: formatDate(parseInstant('2026-01-01')! + day * DAY),
  legal_basis: 'basis',
  evidence: [EVIDENCE],
});

test('property: the stored explained score for now is exactly what the ledger gives, however time and records move', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          fc.record({ advance: fc.integer({ min: 1, max: 900 }) }),
          fc.record({
            org: fc.integer({ min: 0, max: 2 }),
            type: fc.constantFrom(...TYPES),
            day: fc.integer({ min: 0, max: 600 }),
          }),
        ),
        { minLength: 1, maxLength: 12 },
      ),
      async (steps) => {
        const r = await testRegistry('2026-06-01');
        try {
          await new Ingestor(r.ctx).apply(setup);
          let n = 0;
          for (const step of steps) {
            if ('advance' in step) r.clock.advance(step.advance * DAY);
            else {
              const at = parseInstant('2026-01-01')! + step.day * DAY;
              // records are reported after they happen: keep the registry's clock past them
              if (at > r.clock.now()) r.clock.set(at + DAY);
              await new Ingestor(r.ctx).apply([record(n++, step.org, step.type, step.day)]);
            }
            for (const u of ORGS) {
              const first = await scoreOf(r.ctx, u); // computes and stores the view, or reads it
              const stored = await scoreOf(r.ctx, u); // a read of the stored view
              const computed = await scoreOf(r.ctx, u, r.clock.now()); // a date given: computed from the ledger
              assert.equal(JSON.stringify(stored), JSON.stringify(computed));
              assert.equal(JSON.stringify(first), JSON.stringify(computed));
            }
          }
        } finally {
          await r.dispose();
        }
      },
    ),
    { numRuns: 12 },
  );
});

test('the explained view is stored by the first read and cleared by the next change to the ledger', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([...setup, record(1, 0, 'tax.late_payment', 100)]);
    const id = Number((await r.ctx.store.subjectsByUsci([ORGS[0]!]))[0]!.id);
    const explained = async () => (await r.ctx.store.derivedViewOf(id))?.explained ?? null;
    assert.equal(await explained(), null, 'nothing is stored before a read');
    const before = await scoreOf(r.ctx, ORGS[0]!);
    assert.notEqual(await explained(), null, 'the first read stores the view');
    await new Ingestor(r.ctx).apply([record(2, 0, 'tax.evasion', 120)]);
    assert.equal(await explained(), null, 'a new record clears it');
    const after = await scoreOf(r.ctx, ORGS[0]!);
    assert.ok(after.score < before.score, 'the new record counts at once');
    assert.ok(after.contributions.some((c) => c.record === 'R2'));
  } finally {
    await r.dispose();
  }
});

test('a stored view past its next change is not served: the read recomputes', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([...setup, record(1, 1, 'tax.late_payment', 140)]);
    const before = await scoreOf(r.ctx, ORGS[1]!);
    assert.ok(before.next_change_at, 'a late payment stops counting some day');
    r.clock.set(parseInstant(before.next_change_at!)! + DAY);
    const later = await scoreOf(r.ctx, ORGS[1]!);
    assert.equal(JSON.stringify(later), JSON.stringify(await scoreOf(r.ctx, ORGS[1]!, r.clock.now())));
    assert.notEqual(later.score, before.score);
  } finally {
    await r.dispose();
  }
});

test('adversarial: reading a person’s score from the stored view is still logged, every time', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    const logged = async () => {
      const all = await r.ctx.store.auditRange(0, 10_000);
      return all.filter((a) => a.action === 'subject.read_score').length;
    };
    const n0 = await logged();
    for (let i = 0; i < 3; i++) await scoreOf(r.ctx, PERSON);
    assert.equal(
      await logged(),
      n0 + 3,
      'three reads, three entries — the stored view is no way around the log',
    );
  } finally {
    await r.dispose();
  }
});
