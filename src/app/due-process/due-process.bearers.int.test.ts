// Every bearer is a party (DESIGN §5): a legal representative reached by an organization's sanction is warned,
// told of the entry and the exit in notices of their own, bears it only while in the role, and a person appointed
// while an entry stands is reached only after their own notice. One fact stops a record: an overdue review ends
// the sanction on the same day it stops the record counting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, parseInstant } from '../../domain/time.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { tick } from '../maintenance/maintenance.tick.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure, scoreOf } from '../queries/queries.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { createToken } from '../tokens/tokens.usecases.ts';
import { fileObjection } from './due-process.cases.ts';

const ORG = '91350100M000100Y43';
const REP = '110101199003074514';
const NEXT = '110101198506071230';
const RAIL = 'transport.high_speed_rail';
const setup = [
  { kind: 'source', id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
  { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  { kind: 'person', national_id: NEXT, name: 'Li Na' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const judgment = (occurred: string) => ({
  source: 'court',
  id: 'C-1',
  subject: ORG,
  type: 'court.judgment_default',
  occurred_at: occurred,
  legal_basis: 'Civil Procedure Law art. 262',
  evidence: [EVIDENCE],
});
const kinds = async (r: Awaited<ReturnType<typeof testRegistry>>, who: string) =>
  (await exportFile(r.ctx, who)).notices.map((n: { kind: string }) => n.kind);

test('a legal representative is warned, told of the entry and of the exit in notices of their own', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    // reported seven weeks late: the warning is given today, to the company and to its legal representative
    await new Ingestor(r.ctx).apply([judgment('2026-01-10')]);
    assert.deepEqual(
      (await kinds(r, REP)).filter((k) => k.startsWith('bearer.')),
      ['bearer.warning'],
    );
    const warning = (await exportFile(r.ctx, REP)).notices.find(
      (n) => n.kind === 'bearer.warning',
    ) as unknown as {
      refs: { role: string; from: string };
    };
    const refs = warning.refs;
    assert.equal(refs.role, 'legal_representative');
    assert.equal(String(refs.from).slice(0, 10), '2026-03-11', 'from when: ten days after the registry knew');
    assert.equal((await checkMeasure(r.ctx, REP, RAIL, parseInstant('2026-02-15'))).applies, false);
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, false, 'not during the notice');

    r.clock.set(parseInstant('2026-03-12')!);
    await tick(r.ctx);
    assert.ok((await kinds(r, REP)).includes('bearer.entry'));
    const railway = await createToken(r.ctx, { role: 'consumer', label: 'Railway ticketing' });
    assert.equal((await checkMeasure({ ...r.ctx, actor: `token:${railway.id}` }, REP, RAIL)).applies, true);
    // asked together, in one group: the role reaches the representative only for the measure borne through it
    const asked = await Promise.all([
      checkMeasure(r.ctx, REP, 'transport.discount'),
      checkMeasure(r.ctx, REP, RAIL),
      checkMeasure(r.ctx, NEXT, RAIL),
      checkMeasure(r.ctx, ORG, RAIL),
    ]);
    assert.deepEqual(
      asked.map((c) => c.applies),
      [false, true, false, false],
    );

    // the legal representative sees in their own file what reaches them, and who asked and who looked
    const reviewer = await createToken(r.ctx, { role: 'reviewer', label: 'Credit office, Wu' });
    await exportFile({ ...r.ctx, actor: `token:${reviewer.id}` }, REP);
    const own = await exportFile(r.ctx, REP);
    const borne = own.borne ?? [];
    assert.equal(borne.length, 1);
    assert.equal(borne[0]!.organization, ORG);
    assert.ok(borne[0]!.measures.includes(RAIL));
    assert.equal(borne[0]!.from?.slice(0, 10), '2026-03-11');
    assert.ok(own.checks.some((c: { asked_by: string }) => c.asked_by === 'Railway ticketing (consumer)'));
    assert.ok(
      !JSON.stringify(own.checks).includes('token:'),
      'consumers are named by their label, never a token id',
    );
    assert.ok(
      own.looked.some((l: { who: string }) => l.who === 'Credit office, Wu (reviewer)'),
      'staff reads are shown',
    );

    r.clock.set(parseInstant('2028-03-12')!);
    await tick(r.ctx);
    assert.ok((await kinds(r, REP)).includes('bearer.exit'), 'told when it ends');
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, false);
  } finally {
    await r.dispose();
  }
});

test('a person appointed while an entry stands bears it only after their own notice; the one who left, not at all', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([judgment('2026-03-01')]);
    r.clock.set(parseInstant('2026-04-01')!);
    await tick(r.ctx);
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, true);

    // the company appoints a new legal representative from today
    const changed = await new Ingestor(r.ctx).apply([
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: NEXT },
    ]);
    assert.ok(changed[0]?.ok, JSON.stringify(changed[0]));
    await tick(r.ctx);
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, false, 'the former representative is freed');
    assert.equal((await checkMeasure(r.ctx, NEXT, RAIL)).applies, false, 'the new one is warned first');
    assert.ok((await kinds(r, NEXT)).includes('bearer.warning'));
    assert.equal(
      (await checkMeasure(r.ctx, NEXT, RAIL, r.clock.now() + 11 * DAY)).applies,
      true,
      'and bears it once their own ten-day notice has run',
    );
    assert.equal(
      (await checkMeasure(r.ctx, REP, RAIL, parseInstant('2026-03-20'))).applies,
      true,
      'the former representative bore it while in the role',
    );
  } finally {
    await r.dispose();
  }
});

test('an overdue review suspends the record and ends the sanction on the same day, and the file says why', async () => {
  const r = await testRegistry('2026-03-01');
  try {
    await new Ingestor(r.ctx).apply(setup);
    await new Ingestor(r.ctx).apply([judgment('2026-03-01')]);
    r.clock.set(parseInstant('2026-03-15')!);
    await tick(r.ctx);
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, true);
    // a person with no role in the company may not contest its record; its legal representative may
    await assert.rejects(fileObjection(r.ctx, NEXT, { source: 'court', id: 'C-1' }, 'Not mine either.'), {
      code: 'record.not_found',
    });
    const filed = await fileObjection(
      r.ctx,
      REP,
      { source: 'court', id: 'C-1' },
      'The judgment was performed in February.',
    );
    assert.equal(JSON.parse(filed.submission).as, 'legal_representative');
    const deadline = parseInstant('2026-04-14')!; // review_deadline P30D
    assert.equal(
      (await checkMeasure(r.ctx, REP, RAIL, deadline - DAY)).applies,
      true,
      'disputed, still counts',
    );
    r.clock.set(deadline);
    await tick(r.ctx);
    const score = await scoreOf(r.ctx, ORG);
    assert.ok(
      !score.contributions.some((c: { record: string }) => c.record === 'C-1'),
      'the record stops counting',
    );
    assert.equal((await checkMeasure(r.ctx, REP, RAIL)).applies, false, 'and the ban ends that same day');
    assert.equal((await checkMeasure(r.ctx, ORG, 'procurement.exclusion')).applies, false);
    const file = await exportFile(r.ctx, ORG);
    assert.ok(JSON.stringify(file).includes('review_overdue'), 'the file says the review is overdue');
  } finally {
    await r.dispose();
  }
});
