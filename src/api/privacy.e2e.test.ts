// A relying party never learns who is registered: a check by national identity number answers the same shape for a
// registered person with a clean file and for an identity number the registry has never seen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { exportFile } from '../app/queries/queries.export.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { buildServer } from './server.ts';

const KNOWN = '110101199003074514';
const UNKNOWN = '110101198506071230';

test('a check by national id answers alike for a registered person and an unknown one; only the former is recorded', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx);
  try {
    await new Ingestor(r.ctx).apply([{ kind: 'person', national_id: KNOWN, name: 'Zhang Wei' }]);
    const consumer = (await createToken(r.ctx, { role: 'consumer', label: 'rail operator' })).token;
    const ask = (nid: string, measure = 'transport.high_speed_rail') =>
      app.inject({
        method: 'GET',
        url: `/v1/subjects/${nid}/check/${measure}`,
        headers: { authorization: `Bearer ${consumer}` },
      });
    const known = await ask(KNOWN);
    const unknown = await ask(UNKNOWN);
    assert.equal(known.statusCode, 200, known.body);
    assert.equal(unknown.statusCode, 200, unknown.body);
    const shape = (b: Record<string, unknown>) => ({ ...b, subject: typeof b.subject });
    assert.deepEqual(shape(known.json()), shape(unknown.json()), 'the same answer, field for field');
    assert.equal(known.json().subject, KNOWN, 'named as asked, not by its registry reference');
    assert.equal(unknown.json().subject, UNKNOWN);
    assert.equal((await exportFile(r.ctx, KNOWN)).checks.length, 1, 'the registered person sees the check');
    const typo = await ask(UNKNOWN, 'no.such.measure');
    assert.equal(
      typo.statusCode,
      (await ask(KNOWN, 'no.such.measure')).statusCode,
      'an unknown measure alike',
    );
  } finally {
    await app.close();
    await r.dispose();
  }
});
