// The score history tells the truth: an annulled record is never drawn, and a record reported late counts
// from when it occurred.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annulRecord } from '../due-process/due-process.corrections.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { scoreHistory } from './queries.history.ts';

const ORG = '91350100M000100Y43';
const rec = (id: string, occurred: string) => ({
  source: 'tax-bureau',
  id,
  subject: ORG,
  type: 'tax.late_payment',
  occurred_at: occurred,
  legal_basis: 'Tax Collection Administration Law art. 32',
  evidence: [EVIDENCE],
});

test('an annulled record is never drawn in the score history; a late one counts from its date', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
      rec('T-1', '2026-02-01'),
      rec('T-2', '2026-03-01'),
    ]);
    await annulRecord(r.ctx, { source: 'tax-bureau', id: 'T-1' }, 'Paid on time; entered in error.', {
      role: 'reviewer',
    });
    const h = await scoreHistory(r.ctx, ORG, { years: 1 });
    const drawn = h.points.flatMap((p) => p.causes.map((c) => c.record));
    assert.ok(!drawn.includes('T-1'), 'the annulled record does not appear');
    const march = h.points.find((p) => p.at.startsWith('2026-03-01'));
    assert.ok(march, 'the late record moves the score on the day it occurred');
    assert.deepEqual(
      march.causes.map((c) => c.record),
      ['T-2'],
    );
    assert.ok(
      h.points.every((p) => p.score >= 990),
      'the annulled record never lowered the line',
    );
  } finally {
    await r.dispose();
  }
});
