import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { type Engine, EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { fileObjection } from './due-process.cases.ts';
import { caseQueue } from './due-process.views.ts';

const ORG = '91350100M000100Y43';

for (const engine of ['sqlite', 'postgres'] as Engine[])
  test(`${engine}: the reviewer's queue pages by deadline without gaps or repeats, and knows what is overdue`, async () => {
    const r = await testRegistry('2026-06-01', 'rulebooks/default.yaml', engine);
    try {
      await new Ingestor(r.ctx).apply([
        { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
        { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
        ...Array.from({ length: 5 }, (_, i) => ({
          source: 'court',
          id: `C-${i}`,
          subject: ORG,
          type: 'court.judgment_default',
          occurred_at: '2026-05-01',
          legal_basis: 'Civil Procedure Law art. 262',
          evidence: [EVIDENCE],
        })),
      ]);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        // two cases share each instant: the id breaks the tie in the order and in the cursor
        if (i % 2 === 0) r.clock.advance(DAY);
        ids.push((await fileObjection(r.ctx, ORG, { source: 'court', id: `C-${i}` }, 'Performed.')).id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const p = await caseQueue(r.ctx, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...p.items.map((c) => c.id));
        if (!p.next) break;
        cursor = p.next;
      }
      assert.equal(seen.length, 5, 'every case once');
      assert.deepEqual([...seen].sort(), [...ids].sort());
      const deadlines = (await caseQueue(r.ctx, { limit: 10 })).items.map((c) => c.deadline);
      assert.deepEqual(deadlines, [...deadlines].sort(), 'most urgent first');
      assert.equal((await caseQueue(r.ctx, { limit: 10, overdue: true })).items.length, 0);
      r.clock.advance(365 * DAY);
      assert.equal((await caseQueue(r.ctx, { limit: 10, overdue: true })).items.length, 5);
      assert.equal((await caseQueue(r.ctx, { limit: 10, overdue: false })).items.length, 0);
      assert.equal((await caseQueue(r.ctx, { limit: 10, kind: 'repair' })).items.length, 0);
    } finally {
      await r.dispose();
    }
  });
