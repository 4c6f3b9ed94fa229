// The demo tells the stories the README tells: the defaulter is listed and its legal representative bears the ban.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMeasure } from '../app/queries/queries.usecases.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { DEMO, seedDemo } from './demo.ts';

test('the demo defaulter is excluded from procurement and its legal representative cannot buy rail tickets', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await seedDemo(r.ctx, 60);
    const org = await checkMeasure(r.ctx, DEMO.blacklisted, 'procurement.exclusion');
    const rep = await checkMeasure(r.ctx, DEMO.representative, 'transport.high_speed_rail');
    assert.equal(org.applies, true, 'the court defaulter is excluded from public procurement');
    assert.equal(
      rep.applies,
      true,
      'its legal representative, in the role throughout, cannot buy rail tickets',
    );
  } finally {
    await r.dispose();
  }
});
