// Notice identity: many subjects changing at one instant each get their own notices, and every notice reaches
// every subscriber exactly once (a grade drop's id once left the subject out, and 33 subjects shared one).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { noticeId } from './due-process.notices.ts';
import { deliverDue } from './due-process.outbox.ts';

const N = 150;

async function receiver() {
  const got: { id: string; subject: string; kind: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const n = JSON.parse(body);
      got.push({ id: n.id, subject: String(n.subject_id), kind: n.kind });
      res.end('ok');
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    got,
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

test('a notice id names its subject: two subjects with the same kind, cause and instant get different ids', () => {
  assert.notEqual(noticeId(1, 'grade.drop', 'A>B@1'), noticeId(2, 'grade.drop', 'A>B@1'));
  assert.equal(noticeId(1, 'grade.drop', 'A>B@1'), noticeId(1, 'grade.drop', 'A>B@1'), 'and is stable');
});

test('hundreds of subjects dropping a grade at one instant: every notice is delivered exactly once per subscriber', async () => {
  const r = await testRegistry('2026-03-01');
  const a = await receiver();
  const b = await receiver();
  try {
    for (const [id, hook] of [
      ['office', a],
      ['ombudsman', b],
    ] as const)
      await r.ctx.store.insertSubscriber({
        id,
        url: hook.url,
        secret: 'k',
        recipients: '*',
        created_at: r.clock.now(),
      });
    const orgs = Array.from({ length: N }, (_, i) => makeUsci('91350100', `MA${String(i).padStart(6, '0')}`));
    await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
      ...orgs.map((u, i) => ({ kind: 'organization', usci: u, name: `Org ${i}` })),
    ]);
    // one batch, one instant: every organization falls from A to B at the same millisecond
    const results = await new Ingestor(r.ctx).apply(
      orgs.map((u, i) => ({
        source: 'tax-bureau',
        id: `E-${i}`,
        subject: u,
        type: 'tax.evasion',
        occurred_at: '2026-02-20',
        legal_basis: 'Tax Collection Administration Law art. 63',
        evidence: [EVIDENCE],
      })),
    );
    assert.ok(results.every((x) => x.ok));
    for (let round = 0; round < 50; round++) {
      const res = await deliverDue(r.ctx);
      if (res.delivered === 0 && res.failed === 0) break;
    }
    const pending = await r.ctx.store.outbox('pending', 10);
    assert.deepEqual(pending, [], 'nothing is left undelivered');
    for (const hook of [a, b]) {
      const ids = hook.got.map((g) => g.id);
      assert.equal(new Set(ids).size, ids.length, 'no notice is sent twice');
      const drops = hook.got.filter((g) => g.kind === 'grade.drop');
      assert.equal(drops.length, N, 'one grade-drop notice per subject');
      assert.equal(new Set(drops.map((d) => d.subject)).size, N, 'each about its own subject');
    }
    assert.deepEqual(
      a.got.map((g) => g.id).sort(),
      b.got.map((g) => g.id).sort(),
      'both subscribers receive the same notices',
    );
  } finally {
    await a.close();
    await b.close();
    await r.dispose();
  }
});

test('a subject imported together with the record that lowers its grade is told of the grade drop', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    const together = makeUsci('91350100', 'MA000001');
    const apart = makeUsci('91350100', 'MA000002');
    const evasion = (id: string, subject: string) => ({
      source: 'tax-bureau',
      id,
      subject,
      type: 'tax.evasion',
      occurred_at: '2026-02-20',
      legal_basis: 'Tax Collection Administration Law art. 63',
      evidence: [EVIDENCE],
    });
    await new Ingestor(r.ctx).apply([
      { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
      { kind: 'organization', usci: apart, name: 'Registered First Co.' },
    ]);
    // one file: the subject's line, then its first record
    await new Ingestor(r.ctx).apply([
      { kind: 'organization', usci: together, name: 'Same File Co.' },
      evasion('E-1', together),
      evasion('E-2', apart),
    ]);
    const drops = async (usci: string) => {
      const [s] = await r.ctx.store.transaction((tx) => tx.subjectsByUsci([usci]));
      return (await r.ctx.store.noticesOf(Number(s!.id))).filter((n) => n.kind === 'grade.drop');
    };
    const [first] = await drops(apart);
    assert.ok(first, 'the subject registered beforehand is told');
    const [same] = await drops(together);
    assert.ok(same, 'so is the subject registered in the same file');
    assert.equal(JSON.parse(same.body).f, JSON.parse(first.body).f, 'from the same starting grade');
    assert.equal(JSON.parse(same.body).to, JSON.parse(first.body).to);
    // registering a subject with no record is no drop
    await new Ingestor(r.ctx).apply([
      { kind: 'organization', usci: makeUsci('91350100', 'MA000003'), name: 'Clean Co.' },
    ]);
    assert.deepEqual(await drops(makeUsci('91350100', 'MA000003')), []);
  } finally {
    await r.dispose();
  }
});
