import assert from 'node:assert/strict';
import { createServer as createHttp } from 'node:http';
import { type AddressInfo, createServer as createTcp, type Socket } from 'node:net';
import { test } from 'node:test';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import type { DueProcessTx } from '../ports/ports.due-process.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { startDeliveryLoop } from './due-process.outbox.loop.ts';
import { backoff, deliverDue, httpPost, type Post } from './due-process.outbox.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const setup = [
  { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const rec = (source: string, id: string, type: string, at: string) => ({
  source,
  id,
  subject: ORG,
  type,
  occurred_at: at,
  legal_basis: 'Test basis',
  evidence: [EVIDENCE],
});

/** A subscriber that accepts every connection and never answers. */
async function blackHole() {
  const sockets: Socket[] = [];
  const server = createTcp((s) => sockets.push(s));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((res) => server.close(() => res()));
    },
  };
}

/** A subscriber that answers at once and notes when each notice arrived. */
async function healthy(t0: () => number) {
  const arrivals: { id: string; ms: number }[] = [];
  const server = createHttp((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      arrivals.push({ id: JSON.parse(body).id, ms: performance.now() - t0() });
      res.end('ok');
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

async function subscribe(r: TestRegistry, id: string, url: string) {
  await r.ctx.store.insertSubscriber({ id, url, secret: 's', recipients: '*', created_at: r.clock.now() });
}

const rowsOf = async (r: TestRegistry, sub: string) =>
  (await (r.ctx.store as unknown as DueProcessTx).outbox(undefined, 1000)).filter(
    (o) => o.subscriber === sub,
  );

test('a black-hole subscriber does not delay the others, and its retries follow the backoff', async (t) => {
  const r = await testRegistry('2026-03-01');
  let start = performance.now();
  const hole = await blackHole();
  const office = await healthy(() => start);
  try {
    await subscribe(r, 'hole', hole.url);
    await subscribe(r, 'office', office.url);
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([
      rec('tax-bureau', 'T-1', 'tax.late_payment', '2026-02-20'),
      rec('court', 'C-1', 'court.judgment_default', '2026-02-25'),
      rec('tax-bureau', 'T-2', 'tax.late_payment', '2026-02-26'),
    ]);
    const expected = (await rowsOf(r, 'office')).length;
    assert.ok(expected >= 4, `${expected} notices for each subscriber`);

    const TIMEOUT = 1_500;
    const http = httpPost(TIMEOUT);
    let tries = 0;
    const post: Post = (url, body, headers) => {
      if (url === hole.url) tries++;
      return http(url, body, headers);
    };
    start = performance.now();
    const round = await deliverDue(r.ctx, post, 100, { concurrency: 4, breakAfter: 3 });
    const roundMs = performance.now() - start;
    assert.equal(office.arrivals.length, expected, 'every notice reached the healthy subscriber');
    const latest = Math.max(...office.arrivals.map((a) => a.ms));
    t.diagnostic(
      `${expected} notices each: healthy all in ${latest.toFixed(0)} ms, round ${roundMs.toFixed(0)} ms`,
    );
    assert.ok(latest < TIMEOUT, `the last arrived after ${latest.toFixed(0)} ms: before even one timeout`);
    assert.ok(roundMs >= 3 * TIMEOUT, 'while the black hole was tried three times');
    assert.equal(tries, 3, 'the circuit opened after three unanswered attempts');
    assert.deepEqual(round, { delivered: expected, failed: expected, dead: 0 });

    // every black-hole delivery counts one attempt and is due again after the first backoff (30 s)
    const now0 = r.clock.now();
    for (const o of await rowsOf(r, 'hole')) {
      assert.equal(o.status, 'pending');
      assert.equal(o.attempts, 1);
      assert.equal(Number(o.next_attempt_at), now0 + backoff(1));
    }
    // the retries come as documented: 30 s, then 60 s, then 120 s — one probe each time while the circuit is open
    let probes = tries;
    for (const attempt of [2, 3]) {
      r.clock.advance(backoff(attempt - 1) - 1_000);
      assert.deepEqual(await deliverDue(r.ctx, post), { delivered: 0, failed: 0, dead: 0 }, 'not due yet');
      r.clock.advance(1_000);
      const again = await deliverDue(r.ctx, post, 100, { breakAfter: 3 });
      assert.equal(again.failed, expected);
      assert.equal(tries, probes + 1, 'one probe, the others not sent while the circuit is open');
      probes = tries;
      for (const o of await rowsOf(r, 'hole')) {
        assert.equal(o.attempts, attempt);
        assert.equal(Number(o.next_attempt_at), r.clock.now() + backoff(attempt));
      }
    }
    assert.equal(office.arrivals.length, expected, 'nothing sent twice to the healthy subscriber');
  } finally {
    await hole.close();
    await office.close();
    await r.dispose();
  }
});

test("the server's delivery loop serves new notices while a lane is stuck on a black hole", async () => {
  const r = await testRegistry('2026-03-01');
  let start = performance.now();
  const hole = await blackHole();
  const office = await healthy(() => start);
  try {
    await subscribe(r, 'hole', hole.url);
    await subscribe(r, 'office', office.url);
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([rec('tax-bureau', 'T-1', 'tax.late_payment', '2026-02-20')]);
    const first = (await rowsOf(r, 'office')).length;
    const TIMEOUT = 4_000;
    const stop = startDeliveryLoop(r.ctx, { intervalMs: 100, post: httpPost(TIMEOUT), breakAfter: 1 });
    try {
      while (office.arrivals.length < first || hole.connections() === 0)
        await new Promise((res) => setTimeout(res, 20));
      // the black hole's lane now waits on its timeout; new notices for everyone arrive meanwhile
      start = performance.now();
      await new Ingestor(r.ctx).apply([rec('court', 'C-1', 'court.judgment_default', '2026-02-25')]);
      const total = (await rowsOf(r, 'office')).length;
      assert.ok(total > first);
      while (office.arrivals.length < total && performance.now() - start < TIMEOUT)
        await new Promise((res) => setTimeout(res, 20));
      const waited = performance.now() - start;
      assert.equal(office.arrivals.length, total, `all arrived, the last after ${waited.toFixed(0)} ms`);
      assert.ok(waited < TIMEOUT, 'before the black hole even timed out');
    } finally {
      await stop();
    }
  } finally {
    await hole.close();
    await office.close();
    await r.dispose();
  }
});
