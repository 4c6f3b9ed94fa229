import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileObjection } from '../due-process/due-process.cases.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { exportFile } from './queries.export.ts';

const ORG = '91350100M000100Y43';
const PERSON = '110101199003074514';

test('the exported file names the organization a record was on behalf of, and shows every instant in ISO 8601', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    const results = await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
      { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
      {
        source: 'tax-bureau',
        id: 'P-5',
        subject: PERSON,
        type: 'tax.late_payment',
        occurred_at: '2026-05-01',
        legal_basis: 'Tax Collection Administration Law art. 32',
        evidence: [EVIDENCE],
        on_behalf_of: ORG,
        culpability: 'knowledge',
        note: 'Paid 12 days late.',
      },
    ]);
    assert.ok(results.every((x) => x.ok));
    await fileObjection(r.ctx, PERSON, { source: 'tax-bureau', id: 'P-5' }, 'It was paid on time.');
    const file = await exportFile(r.ctx, PERSON);
    const [rec] = file.records;
    assert.equal(rec?.on_behalf_of, ORG, 'by USCI, never by an internal number');
    assert.equal(rec?.culpability, 'knowledge');
    // the record whole: its evidence and its note, which a derivation does not read, are in the subject's file
    assert.deepEqual(rec?.evidence, [EVIDENCE]);
    assert.equal(rec?.note, 'Paid 12 days late.');
    const disputed = rec?.status_history.find((h) => h.event === 'disputed');
    assert.ok(disputed, JSON.stringify(rec?.status_history));
    const { deadline } = disputed.data as { deadline: unknown };
    assert.match(String(deadline), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, `deadline ${deadline}`);
    // no number in the whole file looks like an instant in epoch milliseconds
    const epochs = JSON.stringify(file).match(/:1[6-9]\d{11}\b/g) ?? [];
    assert.deepEqual(epochs, []);
  } finally {
    await r.dispose();
  }
});
