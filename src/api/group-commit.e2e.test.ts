import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { verifyLedger } from '../app/audit/audit.verify.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { makeUsci } from '../domain/usci.ts';
import { buildServer } from './server.ts';

/**
 * Over HTTP: checks and single writes that arrive together share a commit, each answered once it is committed;
 * token lookups are cached for a few seconds, yet a revocation made here, or an expiry, takes effect at once.
 */

const ORGS = Array.from({ length: 5 }, (_, i) =>
  makeUsci('91350100', `M${String(8100 + i).padStart(7, '0')}`),
);
const MEASURE = 'procurement.exclusion';

let r: TestRegistry;
let app: FastifyInstance;
let admin: string;
let source: string;

before(async () => {
  r = await testRegistry('2026-11-01');
  await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
    ...ORGS.map((usci, i) => ({ kind: 'organization', usci, name: `Harbour Freight Co. ${i}` })),
  ]);
  admin = (await createToken(r.ctx, { role: 'admin' })).token;
  source = (await createToken(r.ctx, { role: 'source', source: 'tax-bureau' })).token;
  app = await buildServer(r.ctx, { logger: false, rateLimit: 1_000_000 });
});

after(async () => {
  await app?.close();
  await r?.dispose();
});

const check = (token: string, usci: string) =>
  app.inject({
    method: 'GET',
    url: `/v1/subjects/${usci}/check/${MEASURE}`,
    headers: { authorization: `Bearer ${token}` },
  });

async function checkCount(usci: string): Promise<number> {
  const [s] = await r.ctx.store.subjectsByUsci([usci]);
  return r.ctx.store.checkCount(Number(s!.id));
}

async function chainHolds(): Promise<void> {
  const report = await r.ctx.store.transaction((tx) => verifyLedger(tx));
  assert.ok(report.chain.ok);
  assert.deepEqual(report.findings, []);
}

test('50 checks asked at the same moment are each answered and recorded exactly once', async () => {
  const consumer = (await createToken(r.ctx, { role: 'consumer', label: 'Procurement office' })).token;
  const before = await Promise.all(ORGS.map(checkCount));
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => check(consumer, ORGS[i % 5]!)));
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    answers.map(() => 200),
  );
  assert.deepEqual(
    await Promise.all(ORGS.map(checkCount)),
    before.map((n) => n + 10),
  );
  await chainHolds();
});

test('a token revoked here is refused on the very next request, although it was just used', async () => {
  const t = await createToken(r.ctx, { role: 'consumer', label: 'to revoke' });
  assert.equal((await check(t.token, ORGS[0]!)).statusCode, 200);
  const revoked = await app.inject({
    method: 'DELETE',
    url: `/v1/tokens/${t.id}`,
    headers: { authorization: `Bearer ${admin}` },
  });
  assert.equal(revoked.statusCode, 204);
  const refused = await check(t.token, ORGS[0]!);
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.json().code, 'auth.revoked_token');
});

test('a token that has expired is refused on the next request, although it was just used', async () => {
  const t = await createToken(r.ctx, { role: 'consumer', expires: 'PT1H' });
  assert.equal((await check(t.token, ORGS[1]!)).statusCode, 200);
  const now = r.clock.now();
  r.clock.advance(2 * 3_600_000);
  try {
    const refused = await check(t.token, ORGS[1]!);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'auth.expired_token');
  } finally {
    r.clock.set(now);
  }
});

test('records submitted together are each committed once; a conflicting one is refused and changes nothing', async () => {
  const line = (i: number, amount = 100) => ({
    source: 'tax-bureau',
    id: `GC-${i}`,
    subject: ORGS[i % 5]!,
    type: 'tax.late_payment',
    occurred_at: '2026-10-01',
    legal_basis: 'Tax Collection Administration Law art. 32',
    evidence: [EVIDENCE],
    amount,
  });
  const post = (body: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: { authorization: `Bearer ${source}` },
      payload: body,
    });
  const first = await Promise.all(Array.from({ length: 10 }, (_, i) => post(line(i))));
  assert.deepEqual(
    first.map((a) => a.statusCode),
    first.map(() => 201),
  );
  // the same again (answered as already there), a conflicting version, and new ones, all at once
  const again = await Promise.all([post(line(0)), post(line(1, 999)), post(line(10)), post(line(11))]);
  assert.deepEqual(
    again.map((a) => a.statusCode),
    [200, 409, 201, 201],
  );
  const records = (await r.ctx.store.recordsByKeys(
    Array.from({ length: 12 }, (_, i) => ({ source: 'tax-bureau', record_id: `GC-${i}` })),
  )) as { record_id: string; amount: number | null }[];
  assert.equal(records.length, 12);
  assert.equal(records.find((x) => x.record_id === 'GC-1')?.amount, 100);
  await chainHolds();
});
