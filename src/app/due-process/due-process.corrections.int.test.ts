import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure, scoreOf } from '../queries/queries.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { annulRecord, correctRecord } from './due-process.corrections.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const lines = [
  { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
  {
    source: 'court',
    id: 'C-1',
    subject: ORG,
    type: 'court.judgment_default',
    occurred_at: '2026-03-01',
    legal_basis: 'basis',
    evidence: [EVIDENCE],
  },
  {
    source: 'tax-bureau',
    id: 'T-1',
    subject: ORG,
    type: 'tax.late_payment',
    occurred_at: '2026-05-01',
    legal_basis: 'basis',
    evidence: [EVIDENCE],
  },
];

test('the source that wrote a record annuls it: the score recovers, the list entry ends today, the subject is told why', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply(lines);
    r.clock.advance(11 * DAY); // past the notice the registry gave when the judgment was recorded
    assert.equal((await checkMeasure(r.ctx, REP, 'transport.high_speed_rail')).applies, true);
    await annulRecord(r.ctx, { source: 'court', id: 'C-1' }, 'Entered against the wrong company.', {
      role: 'source',
      source: 'court',
    });
    const s = await scoreOf(r.ctx, ORG);
    assert.ok(!s.contributions.some((c) => c.record === 'C-1'));
    assert.deepEqual(s.lists, []);
    assert.equal((await checkMeasure(r.ctx, REP, 'transport.high_speed_rail')).applies, false);
    const file = await exportFile(r.ctx, ORG);
    assert.ok(file.notices.some((n) => n.kind === 'record.annulled'));
    await assert.rejects(annulRecord(r.ctx, { source: 'court', id: 'C-1' }, 'again', { role: 'reviewer' }), {
      code: 'record.already_annulled',
    });
  } finally {
    await r.dispose();
  }
});

test('another source may not annul or correct a record it did not write', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply(lines);
    await assert.rejects(
      annulRecord(r.ctx, { source: 'court', id: 'C-1' }, 'not mine', {
        role: 'source',
        source: 'tax-bureau',
      }),
      { code: 'auth.forbidden' },
    );
    await assert.rejects(
      correctRecord(r.ctx, { source: 'court', id: 'C-1' }, { occurred_at: '2026-03-02' }, 'not mine', {
        role: 'source',
        source: 'tax-bureau',
      }),
      { code: 'auth.forbidden' },
    );
  } finally {
    await r.dispose();
  }
});

test('a reviewer corrects a record: it is scored as corrected, the original stays in its status history', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    await new Ingestor(r.ctx).apply(lines);
    const before = await scoreOf(r.ctx, ORG);
    await correctRecord(
      r.ctx,
      { source: 'court', id: 'C-1' },
      { type: 'court.obstructing_enforcement' },
      'The court found obstruction, not refusal.',
      { role: 'reviewer' },
    );
    const after = await scoreOf(r.ctx, ORG);
    assert.ok(
      after.contributions.some((c) => c.record === 'C-1' && c.type === 'court.obstructing_enforcement'),
    );
    assert.notEqual(after.score, before.score);
    await assert.rejects(
      correctRecord(r.ctx, { source: 'court', id: 'C-1' }, { type: 'tax.evasion' }, 'wrong domain', {
        role: 'reviewer',
      }),
      { code: 'record.domain_not_authorised' },
    );
    await assert.rejects(
      correctRecord(r.ctx, { source: 'court', id: 'C-1' }, { occurred_at: '2027-01-01' }, 'future', {
        role: 'reviewer',
      }),
      { code: 'record.future_date' },
    );
    const file = await exportFile(r.ctx, ORG);
    const c1 = file.records.find((x) => x.id === 'C-1')!;
    assert.equal(c1.type, 'court.judgment_default', 'the record as submitted is kept');
    assert.deepEqual(
      c1.status_history.map((h) => h.event),
      ['corrected'],
    );
  } finally {
    await r.dispose();
  }
});
