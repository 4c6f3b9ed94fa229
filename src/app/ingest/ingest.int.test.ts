import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DAY, formatDate, parseInstant } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { verifyAudit } from '../audit/audit.log.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { tick } from '../maintenance/maintenance.tick.ts';
import { exportFile } from '../queries/queries.export.ts';
import { checkMeasure, scoreOf } from '../queries/queries.usecases.ts';
import { EVIDENCE, testRegistry } from '../testing/test-registry.ts';
import { importLines } from './ingest.file.ts';
import { Ingestor } from './ingest.usecases.ts';

const ORG = '91350100M000100Y43';
const PERSON = '110101199003074514';
const base = [
  { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
  { kind: 'source', id: 'court', name: 'People’s Court', domains: ['court'] },
  { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
  { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: PERSON },
];
const rec = (id: string, type: string, at: string, extra: Record<string, unknown> = {}) => ({
  source: type.startsWith('court') ? 'court' : 'tax-bureau',
  id,
  subject: ORG,
  type,
  occurred_at: at,
  legal_basis: 'Test basis',
  evidence: [EVIDENCE],
  ...extra,
});

test('an accepted record lowers the score and a resubmission with the same content changes nothing', async () => {
  const r = await testRegistry();
  try {
    const ing = new Ingestor(r.ctx);
    await ing.apply(base);
    const first = await ing.apply([rec('T1', 'tax.evasion', '2026-04-01')]);
    assert.equal(first[0]?.ok, true);
    const again = await ing.apply([rec('T1', 'tax.evasion', '2026-04-01')]);
    assert.deepEqual(again[0], { ok: true, status: 'unchanged', what: 'record tax-bureau/T1' });
    const conflict = await ing.apply([rec('T1', 'tax.evasion', '2026-04-02')]);
    assert.equal(conflict[0]?.ok, false);
    assert.equal(conflict[0]?.ok === false && conflict[0].code, 'record.duplicate_conflict');
    const s = await scoreOf(r.ctx, ORG);
    assert.ok(s.score < 1000);
    assert.equal(s.contributions.filter((c) => c.rule === null).length, 1);
  } finally {
    await r.dispose();
  }
});

test('a record is rejected with the field named when its type, source, subject, date or fields are wrong', async () => {
  const r = await testRegistry();
  try {
    const ing = new Ingestor(r.ctx);
    await ing.apply(base);
    const results = await ing.apply([
      rec('A', 'tax.no_such_type', '2026-04-01'),
      { ...rec('B', 'court.judgment_default', '2026-04-01'), source: 'tax-bureau' },
      rec('C', 'tax.evasion', '2026-04-01', { subject: '91350100M000100Y4X' }),
      rec('D', 'tax.evasion', '2027-04-01'),
      rec('E', 'tax.evasion', '2026-02-30'),
      rec('F', 'tax.evasion', '2026-04-01', { colour: 'red' }),
      rec('G', 'tax.evasion', '2026-04-01', { source: 'nobody' }),
    ]);
    const codes = results.map((x) => (x.ok ? 'ok' : `${x.code}@${x.field}`));
    assert.deepEqual(codes, [
      'record.unknown_type@type',
      'record.domain_not_authorised@type',
      'record.unknown_subject@subject',
      'record.future_date@occurred_at',
      'input.invalid_date@occurred_at',
      'input.unknown_field@colour',
      'record.unknown_source@source',
    ]);
  } finally {
    await r.dispose();
  }
});

test('a court defaulter’s legal representative cannot buy high-speed rail tickets while the company is listed', async () => {
  const r = await testRegistry('2026-06-01');
  try {
    const ing = new Ingestor(r.ctx);
    await ing.apply(base);
    await ing.apply([rec('J1', 'court.judgment_default', '2026-03-01')]);
    // reported three months late: the registry warns today, and the restriction waits for the 10-day notice
    const early = await checkMeasure(r.ctx, PERSON, 'transport.high_speed_rail');
    assert.equal(early.applies, false, 'no sanction before the notice the registry could give');
    const backThen = await checkMeasure(
      r.ctx,
      PERSON,
      'transport.high_speed_rail',
      parseInstant('2026-04-01'),
    );
    assert.equal(backThen.applies, false, 'nor on a day before the registry knew of the judgment');
    r.clock.advance(10 * DAY);
    const org = await checkMeasure(r.ctx, ORG, 'transport.high_speed_rail');
    const rep = await checkMeasure(r.ctx, PERSON, 'transport.high_speed_rail');
    assert.equal(rep.applies, true, 'the legal representative bears the restriction');
    assert.ok(rep.decisions.length > 0);
    assert.deepEqual(Object.keys(rep).sort(), [
      'applies',
      'at',
      'decisions',
      'id',
      'measure',
      'subject',
      'until',
    ]);
    const later = await checkMeasure(r.ctx, PERSON, 'transport.high_speed_rail', parseInstant('2029-06-01'));
    assert.equal(later.applies, false, 'the restriction ends with the entry');
    const file = await exportFile(r.ctx, PERSON);
    assert.equal(file.checks.length, 4, 'every check is part of the subject’s file');
    assert.ok(org.subject === ORG);
  } finally {
    await r.dispose();
  }
});

test('a bulk file derives each subject once at the end; a read before then is never stale, and a tick finishes an interrupted import', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply(base);
    const bulk = new Ingestor(r.ctx, undefined, { deferProjection: true });
    await bulk.apply([rec('T1', 'tax.evasion', '2026-04-01')]);
    await bulk.apply([rec('C1', 'court.judgment_default', '2026-05-01')]);
    assert.ok(bulk.pending >= 1, 'the organization awaits its derivation');
    const id = Number((await r.ctx.store.transaction((tx) => tx.subjectsByUsci([ORG])))[0]!.id);
    const [stale] = await r.ctx.store.derivedOf([id]);
    assert.equal(stale?.score, 1000, 'the stored projection has not been derived yet');
    assert.ok(Number(stale?.next_change_at) <= r.clock.now(), 'but it is due, so a read derives it');
    const read = await scoreOf(r.ctx, ORG);
    assert.ok(read.score < 1000, 'a read before settling already sees both records');
    // the judgment reached the registry today: the restriction follows after the 10-day notice, not before
    assert.equal((await checkMeasure(r.ctx, PERSON, 'transport.high_speed_rail')).applies, false);
    const afterNotice = r.clock.now() + 11 * DAY;
    assert.equal((await checkMeasure(r.ctx, PERSON, 'transport.high_speed_rail', afterNotice)).applies, true);

    // an import that stops before settling leaves its subjects due: the next tick derives them
    const interrupted = new Ingestor(r.ctx, undefined, { deferProjection: true });
    await interrupted.apply([rec('T2', 'tax.late_payment', '2026-10-01')]);
    assert.deepEqual(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0), [id]);
    await tick(r.ctx);
    assert.deepEqual(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0), []);
    const after = await scoreOf(r.ctx, ORG);
    assert.ok(after.contributions.some((c) => c.record === 'T2'));

    // and settling derives what is left, after which nothing is due and the projection equals a recomputation
    await bulk.apply([rec('T3', 'tax.late_payment', '2026-10-15')]);
    assert.equal(await bulk.settle(), 1);
    assert.equal(bulk.pending, 0);
    assert.deepEqual(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0), []);
    const [settled] = await r.ctx.store.derivedOf([id]);
    assert.equal(settled?.score, (await scoreOf(r.ctx, ORG)).score);
  } finally {
    await r.dispose();
  }
});

test('importing a file leaves no subject due and every projection equal to a recomputation', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    const lines = [
      ...base,
      ...Array.from({ length: 30 }, (_, i) =>
        rec(`L${i}`, 'tax.late_payment', formatDate(parseInstant('2026-01-01')! + i * 9 * 86_400_000)),
      ),
    ];
    async function* feed() {
      for (const [i, value] of lines.entries()) yield { n: i + 1, value, raw: JSON.stringify(value) };
    }
    const settled: number[] = [];
    const sum = await importLines(
      r.ctx,
      feed(),
      () => assert.fail('no line is rejected'),
      () => {},
      7,
      (done) => settled.push(done),
    );
    assert.equal(sum.created, lines.length);
    assert.ok(settled.length > 0, 'the derivation at the end reports its progress');
    assert.deepEqual(await r.ctx.store.dueSubjects(r.clock.now(), 10, 0), []);
    const stored = await r.ctx.store.derivedOf([1, 2]);
    const versions = await r.ctx.store.transaction((tx) => activeRulebooks(tx));
    const fresh = await r.ctx.store.transaction(
      async (tx) => (await recompute(tx, versions, [1, 2], r.clock.now())).derivations,
    );
    for (const s of stored) assert.equal(s.score, fresh.get(Number(s.subject_id))?.summary.score);
    assert.ok(stored.some((s) => s.score < 1000));
  } finally {
    await r.dispose();
  }
});

test('the audit chain verifies after writes and reads', async () => {
  const r = await testRegistry();
  try {
    const ing = new Ingestor(r.ctx);
    await ing.apply(base);
    await ing.apply([rec('T1', 'tax.late_payment', '2026-04-01')]);
    await exportFile(r.ctx, PERSON);
    const v = await verifyAudit(r.ctx.store);
    assert.equal(v.ok, true);
    assert.ok(v.entries >= 5);
  } finally {
    await r.dispose();
  }
});

const TYPES = ['tax.late_payment', 'tax.evasion', 'court.judgment_default', 'tax.late_payment'];
const recordArb = fc.record({
  org: fc.integer({ min: 0, max: 3 }),
  type: fc.constantFrom(...TYPES),
  day: fc.integer({ min: 0, max: 1000 }),
});
const orgs = [0, 1, 2, 3].map((i) => makeUsci('91350100', `MA${String(i).padStart(5, '0')}0`.slice(0, 8)));
const subjects = [
  ...base.slice(0, 3),
  ...orgs.map((u, i) => ({
    kind: 'organization',
    usci: u,
    name: `Org ${i}`,
    ...(i === 3 ? { parent: orgs[0] } : {}),
  })),
];
const toLines = (rs: { org: number; type: string; day: number }[]) =>
  rs.map((x, i) => ({
    ...rec(`R${i}`, x.type, formatDate(parseInstant('2024-01-01')! + x.day * 86_400_000)),
    subject: orgs[x.org],
  }));

test('property: stored state equals a full recomputation, whatever order records arrive in, and importing twice equals once', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(recordArb, { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 0, max: 1000 }),
      async (rs, seed) => {
        const lines = toLines(rs);
        const a = await testRegistry('2026-11-01');
        const b = await testRegistry('2026-11-01');
        try {
          await new Ingestor(a.ctx).apply(subjects);
          await new Ingestor(b.ctx).apply(subjects);
          for (const l of lines) await new Ingestor(a.ctx).apply([l]);
          const shuffled = [...lines].sort(
            (x, y) => ((x.id.charCodeAt(1) * seed) % 7) - ((y.id.charCodeAt(1) * seed) % 7),
          );
          await new Ingestor(b.ctx).apply(shuffled);
          await new Ingestor(b.ctx).apply(shuffled); // twice
          for (const u of orgs) {
            const sa = await scoreOf(a.ctx, u);
            const sb = await scoreOf(b.ctx, u);
            assert.equal(sa.score, sb.score);
            assert.deepEqual(
              sa.lists.map((l) => l.decision),
              sb.lists.map((l) => l.decision),
            );
          }
          // projection = recomputation
          const stored = await a.ctx.store.derivedOf([1, 2, 3, 4, 5, 6, 7]);
          const versions = await a.ctx.store.transaction((tx) => activeRulebooks(tx));
          const fresh = await a.ctx.store.transaction(
            async (tx) =>
              (
                await recompute(
                  tx,
                  versions,
                  stored.map((s) => Number(s.subject_id)),
                  a.ctx.clock.now(),
                )
              ).derivations,
          );
          for (const s of stored) {
            assert.equal(s.score, fresh.get(Number(s.subject_id))?.explanation.score);
            assert.equal(s.grade, fresh.get(Number(s.subject_id))?.explanation.grade);
          }
          const ca = await a.ctx.store.recordsOf([4, 5, 6, 7]);
          const cb = await b.ctx.store.recordsOf([4, 5, 6, 7]);
          assert.equal(ca.length, cb.length);
        } finally {
          await a.dispose();
          await b.dispose();
        }
      },
    ),
    { numRuns: 15 },
  );
});
