import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { DAY } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure, scoreOf } from '../queries/queries.usecases.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../testing/test-registry.ts';
import { decideCase, fileObjection } from './due-process.cases.ts';
import { backoff, deliverDue, MAX_ATTEMPTS, signature } from './due-process.outbox.ts';
import { applyForRepair } from './due-process.repairs.ts';
import { caseById, caseQueue, casesOfSubject } from './due-process.views.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const PERSON2 = '110101198506071239';
const setup = [
  { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'source', id: 'rail', name: 'Rail operator', domains: ['transport'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'person', national_id: PERSON2, name: 'Li Na' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const rec = (source: string, id: string, subject: string, type: string, at: string) => ({
  source,
  id,
  subject,
  type,
  occurred_at: at,
  legal_basis: 'Test basis',
  evidence: [EVIDENCE],
});
const LETTER = {
  text: 'We commit to perform the judgment in full and to keep our promises from now on.',
  signed_by: 'Zhang Wei, legal representative',
};
const PROOF = { kind: 'proof_of_performance', ref: `sha256:${'cd'.repeat(32)}` };

/** The setup, a fare evasion of the person (suspended while disputed) and a late payment of the company (not). */
async function withDisputableRecords(r: TestRegistry) {
  await new Ingestor(r.ctx).apply(setup);
  await new Ingestor(r.ctx).apply([
    rec('rail', 'F-1', REP, 'transport.fare_evasion', '2026-02-25'),
    rec('tax-bureau', 'T-1', ORG, 'tax.late_payment', '2026-02-25'),
  ]);
}

test('an objection annulled by a reviewer restores the score and ends the list entry it grounded', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    const before = (await scoreOf(r.ctx, ORG)).score;
    await new Ingestor(r.ctx).apply([rec('court', 'C-1', ORG, 'court.judgment_default', '2026-03-01')]);
    r.clock.advance(20 * DAY);
    const listed = await scoreOf(r.ctx, ORG);
    assert.ok(listed.score < before);
    assert.deepEqual(
      listed.lists.map((l) => l.list),
      ['court_defaulters'],
    );
    const c = await fileObjection(
      r.ctx,
      ORG,
      { source: 'court', id: 'C-1' },
      'The judgment was performed before this record was made.',
    );
    r.clock.advance(5 * DAY);
    await decideCase(
      { ...r.ctx, actor: 'reviewer:li' },
      c.id,
      'annul',
      'Proof of performance on file dated before the record.',
    );
    const after = await scoreOf(r.ctx, ORG);
    assert.equal(after.score, before, 'the score is restored as if the record never counted');
    assert.deepEqual(after.lists, [], 'the entry it grounded has ended');
    const file = await exportFile(r.ctx, ORG);
    assert.equal(file.objections[0]?.status, 'annulled');
    assert.ok(file.notices.some((n) => n.kind === 'objection.decided'));
    assert.ok(file.notices.some((n) => n.kind === 'list.entry'));
    const history = file.records[0]?.status_history.map((h) => h.event);
    assert.deepEqual(history, ['disputed', 'annulled']);
    await assert.rejects(decideCase(r.ctx, c.id, 'uphold', 'second thoughts'), {
      code: 'objection.already_decided',
    });
  } finally {
    await r.dispose();
  }
});

test('an objection after its window is refused with the date the window closed', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([rec('tax-bureau', 'T-1', ORG, 'tax.late_payment', '2026-02-20')]);
    r.clock.advance(31 * DAY);
    await assert.rejects(
      fileObjection(r.ctx, ORG, { source: 'tax-bureau', id: 'T-1' }, 'I paid on time.'),
      (e: { code: string; message: string }) =>
        e.code === 'objection.window_closed' && e.message.includes('2026-03-31'),
    );
  } finally {
    await r.dispose();
  }
});

test('a disputed record of a suspend-while-disputed type stops counting at once; others only once the review deadline passes', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await withDisputableRecords(r);
    const personBefore = (await scoreOf(r.ctx, REP)).score;
    const orgBefore = (await scoreOf(r.ctx, ORG)).score;
    await fileObjection(r.ctx, REP, { source: 'rail', id: 'F-1' }, 'I had a valid ticket.');
    await fileObjection(r.ctx, ORG, { source: 'tax-bureau', id: 'T-1' }, 'Paid on time.');
    assert.equal((await scoreOf(r.ctx, REP)).score, 1000, 'fare evasion is suspended while disputed');
    assert.equal(
      (await scoreOf(r.ctx, ORG)).score,
      orgBefore,
      'a late payment keeps counting while disputed',
    );
    r.clock.advance(31 * DAY);
    assert.equal(
      (await scoreOf(r.ctx, ORG)).score,
      1000,
      'past the review deadline with no decision, the record is suspended',
    );
    assert.ok(personBefore < 1000);
  } finally {
    await r.dispose();
  }
});

test('credit repair: refused before repair.after and without the required evidence; approval ends the entry and corrects consumers who checked', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([
      rec('tax-bureau', 'E-1', ORG, 'tax.evasion', '2026-02-01'),
      rec('court', 'C-1', ORG, 'court.judgment_default', '2026-02-01'),
    ]);
    await assert.rejects(
      applyForRepair(r.ctx, ORG, { source: 'tax-bureau', id: 'E-1' }, LETTER, [PROOF]),
      (e: { code: string; message: string }) =>
        e.code === 'repair.too_early' && e.message.includes('2027-02-01'),
    );
    await assert.rejects(applyForRepair(r.ctx, ORG, { source: 'court', id: 'C-1' }, LETTER, []), {
      code: 'repair.missing_evidence',
    });
    await assert.rejects(
      applyForRepair(r.ctx, ORG, { source: 'court', id: 'C-1' }, { ...LETTER, signed_by: '' }, [PROOF]),
      { code: 'repair.letter_unsigned' },
    );
    r.clock.advance(11 * DAY); // the judgment reached the registry a month late: its 10-day notice runs from today
    const asked = await checkMeasure({ ...r.ctx, actor: 'rail-operator' }, REP, 'transport.high_speed_rail');
    assert.equal(asked.applies, true);
    const c = await applyForRepair(r.ctx, ORG, { source: 'court', id: 'C-1' }, LETTER, [PROOF]);
    r.clock.advance(3 * DAY);
    await decideCase(
      { ...r.ctx, actor: 'reviewer:wu' },
      c.id,
      'approve',
      'Judgment performed in full; letter on file.',
    );
    const now = await checkMeasure(r.ctx, REP, 'transport.high_speed_rail');
    assert.equal(now.applies, false, 'the restriction on the legal representative ends with the repair');
    const s = await scoreOf(r.ctx, ORG);
    assert.ok(!s.lists.some((l) => l.list === 'court_defaulters'));
    assert.ok(!s.contributions.some((x) => x.record === 'C-1'), 'the repaired record stops counting');
    assert.notEqual(
      s.next_change_at,
      '2028-02-01T00:00:00.000Z',
      'the next change is recomputed: not the end of the repaired record’s window',
    );
    const repFile = await exportFile(r.ctx, REP);
    const told = repFile.notices.find(
      (n) => n.kind === 'check.correction' && n.recipient === 'rail-operator',
    ) as { title: string } | undefined;
    assert.ok(told, 'the consumer who checked is told');
    assert.match(
      told.title,
      /^Correction: measure transport\.high_speed_rail no longer applies from 2026-03-15$/,
      'nothing else keeps the restriction: it no longer applies, from the day the entry ended',
    );
    await assert.rejects(decideCase(r.ctx, c.id, 'reject', 'again'), { code: 'repair.already_decided' });
  } finally {
    await r.dispose();
  }
});

interface Received {
  key: string;
  sig: string;
  body: string;
}

async function receiver(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise((res) => server.close(() => res())),
  };
}

test('a webhook receiver that is down for an hour gets every notice later, signed, with a stable idempotency key', async () => {
  const r = await testRegistry('2026-03-01');
  const got: Received[] = [];
  let down = true;
  const hook = await receiver((req, body, res) => {
    if (down) {
      res.statusCode = 503;
      res.end();
      return;
    }
    got.push({
      key: String(req.headers['idempotency-key']),
      sig: String(req.headers['x-credence-signature']),
      body,
    });
    res.end('ok');
  });
  try {
    await r.ctx.store.insertSubscriber({
      id: 'office',
      url: hook.url,
      secret: 's3cret',
      recipients: '*',
      created_at: r.clock.now(),
    });
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([rec('tax-bureau', 'T-1', ORG, 'tax.late_payment', '2026-02-20')]);
    let attempts = 0;
    for (let minute = 0; minute <= 60; minute += 1) {
      const res = await deliverDue(r.ctx);
      attempts += res.failed;
      r.clock.advance(60_000);
    }
    assert.ok(attempts >= 3, 'it retried with backoff while the receiver was down');
    assert.equal(got.length, 0);
    down = false;
    r.clock.advance(backoff(MAX_ATTEMPTS - 1));
    await deliverDue(r.ctx);
    assert.equal(got.length, 1);
    const g = got[0]!;
    const t = Number(/t=(\d+)/.exec(g.sig)?.[1]);
    assert.equal(g.sig, signature('s3cret', g.body, t), 'the signature verifies with the shared secret');
    assert.equal(JSON.parse(g.body).kind, 'record.adverse');
    assert.equal(
      JSON.parse(g.body).subject,
      ORG,
      'whose notice it is, by USCI, not only by an internal number',
    );
    const again = await deliverDue(r.ctx);
    assert.equal(again.delivered, 0, 'nothing is sent twice');
  } finally {
    await hook.close();
    await r.dispose();
  }
});

test('a delivery that keeps failing is dead-lettered after the limit and visible as such', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await r.ctx.store.insertSubscriber({
      id: 'gone',
      url: 'http://127.0.0.1:9/none',
      secret: 'x',
      recipients: '*',
      created_at: r.clock.now(),
    });
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([rec('tax-bureau', 'T-1', ORG, 'tax.late_payment', '2026-02-20')]);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await deliverDue(r.ctx);
      r.clock.advance(backoff(MAX_ATTEMPTS));
    }
    const dead = await r.ctx.store.outbox('dead', 10);
    assert.equal(dead.length, 1);
    assert.equal(dead[0]?.attempts, MAX_ATTEMPTS);
  } finally {
    await r.dispose();
  }
});

test('a repair that leaves another decision standing does not tell consumers the measure no longer applies', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([
      rec('court', 'C-1', ORG, 'court.judgment_default', '2026-02-01'),
      rec('court', 'C-2', ORG, 'court.judgment_default', '2026-02-02'),
    ]);
    r.clock.advance(11 * DAY); // past the notice period: both entries stand
    const bank = { ...r.ctx, actor: 'land-bureau' };
    const asked = await checkMeasure(bank, ORG, 'consumption.property_purchase');
    assert.equal(asked.applies, true);
    assert.equal(asked.decisions.length, 2, 'one decision a judgment');
    const c = await applyForRepair(r.ctx, ORG, { source: 'court', id: 'C-1' }, LETTER, [PROOF]);
    await decideCase({ ...r.ctx, actor: 'reviewer:wu' }, c.id, 'approve', 'Judgment C-1 performed in full.');
    const after = await checkMeasure(r.ctx, ORG, 'consumption.property_purchase');
    assert.equal(after.applies, true, 'the other judgment still keeps the company from buying property');
    const file = await exportFile(r.ctx, ORG);
    const told = file.notices.filter(
      (n) => n.kind === 'check.correction' && n.recipient === 'land-bureau',
    ) as unknown as { title: string; reasons: string[] }[];
    assert.equal(told.length, 1, 'told once, of the decision the repair cut short');
    const [n] = told;
    assert.doesNotMatch(n!.title, /no longer applies/);
    assert.match(n!.title, /still applies, on other decisions/);
    const kept = asked.decisions.filter((d) => after.decisions.includes(d));
    assert.deepEqual(kept.length, 1);
    assert.ok(
      n!.reasons.some((x) => x.includes(kept[0]!)),
      `the notice names the decision that still stands: ${JSON.stringify(n!.reasons)}`,
    );
  } finally {
    await r.dispose();
  }
});

test('reading a person’s objections is a read of its file: each read audited, an organization’s cases not', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await withDisputableRecords(r);
    const mine = await fileObjection(r.ctx, REP, { source: 'rail', id: 'F-1' }, 'I had a valid ticket.');
    await fileObjection(r.ctx, ORG, { source: 'tax-bureau', id: 'T-1' }, 'Paid on time.');
    const reviewer = { ...r.ctx, actor: 'reviewer:wu' };
    const reads = async () =>
      (await r.ctx.store.transaction((tx) => tx.auditRange(0, 10_000))).filter(
        (e) => e.action === 'subject.read_cases',
      );
    assert.deepEqual(await reads(), []);
    await casesOfSubject(reviewer, REP, 'objection');
    await caseById(reviewer, mine.id);
    const queue = await caseQueue(reviewer, { limit: 10 });
    assert.equal(queue.items.length, 2, 'the queue shows both cases');
    const entries = await reads();
    assert.equal(entries.length, 3, 'three reads of the person’s cases; the company’s are no person’s file');
    assert.ok(entries.every((e) => e.actor === 'reviewer:wu'));
    const looked = (await exportFile(r.ctx, REP)).looked.filter((l) => l.what === 'subject.read_cases');
    assert.equal(looked.length, 3, 'and the person sees each one');
  } finally {
    await r.dispose();
  }
});
