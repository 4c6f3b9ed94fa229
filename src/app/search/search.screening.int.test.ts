// Screening by name takes its candidates from the public search: a name inside a longer registered name matches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { screen } from '../screening/screening.usecases.ts';
import { type Engine, postgresAvailable, testRegistry } from '../testing/test-registry.ts';

const SHENZHEN = makeUsci('91440300', 'MA5F0001');
const OTHER = makeUsci('91440300', 'MA5F0002');

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: a bidder under another legal form is matched; one named without its city is offered as a candidate; a vague name matches nobody`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      await new Ingestor(r.ctx).apply([
        { kind: 'organization', usci: SHENZHEN, name: '深圳市示例科技有限公司' },
        { kind: 'organization', usci: OTHER, name: '深圳市海鑫贸易有限公司' },
      ]);
      const res = await screen(r.ctx, {
        subjects: [
          { name: '深圳市示例科技股份有限公司' },
          { name: '示例科技有限公司' },
          { name: '深圳市 有限公司' },
        ],
        measures: ['procurement.exclusion'],
      });
      const [named, infix, vague] = res.answers;
      assert.equal(named?.match?.ref, SHENZHEN);
      assert.equal(named?.matched_by, 'name');
      // the name inside the registered one is found (a prefix search would not), below the threshold to match
      assert.deepEqual(
        infix?.candidates?.map((c) => c.ref),
        [SHENZHEN],
      );
      assert.equal(infix?.match, null);
      assert.equal(vague?.match, null, 'a name that is only a city and a legal form names nobody');
    } finally {
      await r.dispose();
    }
  });
}
