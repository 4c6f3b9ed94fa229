// Monitoring (issue 15, item 4): a consumer watches subjects and measures for a stated purpose, at most a year;
// every change of a watched answer is notified once, replayable from the durable feed, recorded as a check the
// subject sees; the watched subject sees who watches it and why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, parseInstant } from '../../domain/time.ts';
import { annulRecord } from '../due-process/due-process.corrections.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { tick } from '../maintenance/maintenance.tick.ts';
import type { AppContext } from '../ports/ports.context.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure } from '../queries/queries.usecases.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { createToken } from '../tokens/tokens.usecases.ts';
import { changesFeed, createWatch, endWatch, listWatches } from './watches.usecases.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const PROCUREMENT = 'procurement.exclusion';
const FLIGHTS = 'transport.air_travel';
const setup = [
  { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const judgment = {
  source: 'court',
  id: 'C-1',
  subject: ORG,
  type: 'court.judgment_default',
  occurred_at: '2026-03-01',
  legal_basis: 'Civil Procedure Law art. 262',
  evidence: [EVIDENCE],
};

/** A consumer acting through its own token (the actor its watches and feed belong to). */
async function consumer(r: Awaited<ReturnType<typeof testRegistry>>, label: string): Promise<AppContext> {
  const t = await createToken(r.ctx, { role: 'consumer', label });
  return { ...r.ctx, actor: `token:${t.id}` };
}

const engines: Engine[] = ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

for (const engine of engines) {
  test(`a watch fires once per change and the feed replays it (${engine})`, async () => {
    const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
    try {
      await new Ingestor(r.ctx).apply(setup);
      const bank = await consumer(r, 'Fuzhou Rural Bank');
      const w = await createWatch(bank, {
        subjects: [ORG, REP],
        measures: [PROCUREMENT, FLIGHTS],
        purpose: 'loan portfolio monitoring',
      });
      assert.match(w.id, /^W-/);
      assert.equal(w.expires_at.slice(0, 10), '2027-03-01', 'a year by default');
      // the court reports a default: a warning today, the entry (and the sanctions) ten days later
      await new Ingestor(r.ctx).apply([judgment]);
      assert.deepEqual((await changesFeed(bank, undefined)).items, [], 'a warning changes no answer');
      r.clock.set(parseInstant('2026-03-12')!);
      await tick(r.ctx);
      await tick(r.ctx);
      await checkMeasure(r.ctx, ORG, PROCUREMENT); // a read that refreshes nothing new
      const first = await changesFeed(bank, '0');
      const seen = first.items.map((i) => `${i.subject}|${i.measure}|${i.before.applies}>${i.after.applies}`);
      // the company is excluded from procurement; its legal representative bears the flight ban; the company bears
      // no flight ban and the person no procurement exclusion, so those answers did not change
      assert.deepEqual(
        seen.sort(),
        [`${ORG}|${PROCUREMENT}|false>true`, `${w.resolved[1]!.ref}|${FLIGHTS}|false>true`].sort(),
      );
      for (const i of first.items) {
        assert.equal(i.after.decisions.length, 1);
        assert.match(i.check, /^CHK-/);
      }
      // the same change is not notified twice, and replaying from the start gives the same items
      await tick(r.ctx, parseInstant('2026-03-13')!);
      assert.deepEqual((await changesFeed(bank, first.next)).items, []);
      assert.deepEqual((await changesFeed(bank, '0')).items, first.items);
      // the annulment ends the entry: one more change per watched pair that applied
      r.clock.set(parseInstant('2026-03-20')!);
      await annulRecord(
        r.ctx,
        { source: 'court', id: 'C-1' },
        'the judgment was performed before the report',
        {
          role: 'reviewer',
        },
      );
      await tick(r.ctx);
      const second = await changesFeed(bank, first.next);
      assert.deepEqual(
        second.items.map((i) => `${i.measure}|${i.before.applies}>${i.after.applies}`).sort(),
        [`${FLIGHTS}|true>false`, `${PROCUREMENT}|true>false`].sort(),
      );
      assert.ok(Number(second.items[0]!.cursor) > Number(first.next), 'cursors only grow');
      assert.deepEqual((await changesFeed(bank, '0')).items, [...first.items, ...second.items]);
      // each notification is a notice to the watcher, delivered through the outbox to subscribers of that recipient
      const file = await exportFile(r.ctx, ORG);
      const notices = file.notices.filter((n) => n.kind === 'watch.change');
      assert.equal(notices.length, 2);
      assert.ok(notices.every((n) => n.recipient === bank.actor));
      // …and a check answered, in the subject's file like any other
      const checks = file.checks.filter((c: { id: string }) =>
        first.items.concat(second.items).some((i) => i.check === c.id),
      );
      assert.equal(checks.length, 2, 'the company sees both answers given to the watcher as checks');
    } finally {
      await r.dispose();
    }
  });
}

test('a watch past its expiry fires nothing; an ended one neither', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    const a = await consumer(r, 'Supplier vetting');
    const b = await consumer(r, 'Tender office');
    await createWatch(a, {
      subjects: [ORG],
      measures: [PROCUREMENT],
      purpose: 'supplier vetting',
      expires: 'P5D',
    });
    const ended = await createWatch(b, {
      subjects: [ORG],
      measures: [PROCUREMENT],
      purpose: 'tender 2026-17',
    });
    await endWatch(b, ended.id);
    await new Ingestor(r.ctx).apply([judgment]);
    r.clock.set(parseInstant('2026-03-12')!);
    await tick(r.ctx);
    assert.equal((await checkMeasure(r.ctx, ORG, PROCUREMENT)).applies, true, 'the answer did change');
    assert.deepEqual((await changesFeed(a, '0')).items, [], 'expired on 2026-03-06');
    assert.deepEqual((await changesFeed(b, '0')).items, [], 'ended by its watcher');
    // and no watch may be placed for more than a year, or without a purpose
    await assert.rejects(
      createWatch(a, { subjects: [ORG], measures: [PROCUREMENT], purpose: 'vetting', expires: 'P13M' }),
      { code: 'input.watch_expiry_too_long' },
    );
    await assert.rejects(
      createWatch(a, { subjects: [ORG], measures: [PROCUREMENT], purpose: 'vetting', expires: '2027-03-13' }),
      { code: 'input.watch_expiry_too_long' },
    );
    await assert.rejects(createWatch(a, { subjects: [ORG], measures: [PROCUREMENT], purpose: '  ' }), {
      code: 'input.watch_purpose_required',
    });
    const ok = await createWatch(a, {
      subjects: [ORG],
      measures: [PROCUREMENT],
      purpose: 'vetting',
      expires: '2027-03-12',
    });
    assert.equal(ok.expires_at.slice(0, 10), '2027-03-12', 'exactly a year is allowed');
  } finally {
    await r.dispose();
  }
});

test('a consumer cannot read another consumer’s watches or feed, nor end its watch', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    const bank = await consumer(r, 'Fuzhou Rural Bank');
    const rival = await consumer(r, 'Rival Bank');
    const w = await createWatch(bank, {
      subjects: [ORG],
      measures: [PROCUREMENT],
      purpose: 'loan monitoring',
    });
    await new Ingestor(r.ctx).apply([judgment]);
    r.clock.set(parseInstant('2026-03-01')! + 11 * DAY);
    await tick(r.ctx);
    assert.equal((await changesFeed(bank, '0')).items.length, 1);
    assert.deepEqual(
      (await changesFeed(rival, '0')).items,
      [],
      'the rival’s feed holds only its own watches',
    );
    assert.deepEqual((await listWatches(rival)).watches, []);
    assert.deepEqual(
      (await listWatches(bank)).watches.map((x) => x.id),
      [w.id],
    );
    await assert.rejects(endWatch(rival, w.id), { code: 'auth.not_own_watch' });
    assert.equal((await listWatches(bank)).watches[0]!.ended_at, null, 'still standing');
  } finally {
    await r.dispose();
  }
});

test('the watched subject sees who watches it and why', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    const bank = await consumer(r, 'Fuzhou Rural Bank');
    await createWatch(bank, {
      subjects: [REP],
      measures: [FLIGHTS],
      purpose: 'guarantor monitoring',
      expires: 'P6M',
    });
    const file = await exportFile(r.ctx, REP);
    assert.equal(file.watched_by.length, 1);
    const seen = file.watched_by[0]!;
    assert.equal(seen.watcher, 'Fuzhou Rural Bank (consumer)');
    assert.equal(seen.purpose, 'guarantor monitoring');
    assert.deepEqual(seen.measures, [FLIGHTS]);
    assert.equal(seen.expires_at.slice(0, 10), '2026-09-01');
    assert.equal(seen.standing, true);
    // the company is not watched: its file says so
    assert.deepEqual((await exportFile(r.ctx, ORG)).watched_by, []);
  } finally {
    await r.dispose();
  }
});
