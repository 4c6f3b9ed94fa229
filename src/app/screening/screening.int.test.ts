// Batch screening: many subjects and measures at once, every answer a recorded check the subject sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNationalId } from '../../domain/national-id.ts';
import { DAY } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { exportFile } from '../queries/queries.export.ts';
import { replay } from '../queries/queries.replay.ts';
import { checkMeasure } from '../queries/queries.usecases.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { screen } from './screening.usecases.ts';

const N = 1000;
const usci = (i: number) => makeUsci('91350100', `MB${String(i).padStart(6, '0')}`);
const nid = (i: number) => makeNationalId('110101', '19800101', String(i).padStart(3, '0'));
const MEASURES = ['procurement.exclusion', 'transport.high_speed_rail'];

/** N organizations, the first 100 with a legal representative; every 7th has a court judgment default. */
function population() {
  const lines: Record<string, unknown>[] = [
    { kind: 'source', id: 'court', name: 'Court', domains: ['court'] },
  ];
  for (let i = 0; i < 100; i++) lines.push({ kind: 'person', national_id: nid(i), name: `Person ${i}` });
  for (let i = 0; i < N; i++)
    lines.push({
      kind: 'organization',
      usci: usci(i),
      name: `Screened Trading ${i} Co., Ltd.`,
      ...(i < 100 ? { legal_representative: nid(i) } : {}),
    });
  for (let i = 0; i < N; i += 7)
    lines.push({
      source: 'court',
      id: `J-${i}`,
      subject: usci(i),
      type: 'court.judgment_default',
      occurred_at: '2026-09-01',
      legal_basis: 'Civil Procedure Law art. 255',
      evidence: [EVIDENCE],
    });
  return lines;
}

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: a screening of 1,000 subjects equals 1,000 single checks and records 1,000 checks`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const results = await new Ingestor(r.ctx).apply(population());
      assert.ok(results.every((x) => x.ok));
      // past the court list's notice period: the defaulters are now listed
      r.clock.advance(30 * DAY);
      // 900 organizations by USCI and 100 persons by national id: the persons bear rail bans through their firms
      const subjects = [
        ...Array.from({ length: 900 }, (_, i) => usci(i + 100)),
        ...Array.from({ length: 100 }, (_, i) => nid(i)),
      ];
      const progress: number[] = [];
      const s = await screen(
        { ...r.ctx, actor: 'procurement-office' },
        { subjects, measures: MEASURES },
        (done) => progress.push(done),
      );
      assert.equal(s.answers.length, subjects.length * MEASURES.length);
      assert.deepEqual(progress, [500, 1000], 'progress is reported chunk by chunk');
      assert.ok(s.summary.applies > 0, 'some subjects are sanctioned');

      for (const [i, a] of s.answers.entries()) {
        const subject = subjects[Math.floor(i / MEASURES.length)]!;
        const single = await checkMeasure({ ...r.ctx, actor: 'single' }, subject, a.measure);
        const byUsci = i / MEASURES.length < 900;
        assert.equal(a.matched_by, byUsci ? 'usci' : 'national_id');
        if (byUsci) assert.equal(a.match?.ref, single.subject);
        // a person asked by national id: no reference and no check id, registered or not (nothing reveals which)
        else assert.deepEqual([a.match, a.check], [null, null]);
        assert.deepEqual(
          { applies: a.applies, until: a.until, decisions: a.decisions },
          { applies: single.applies, until: single.until, decisions: single.decisions },
          `${subject} ${a.measure}`,
        );
      }
      // each answer is its own check in the subject's file, recorded with who asked, and replayable
      let recorded = 0;
      for (const a of s.answers) {
        if (a.check === null) continue;
        const [, id, seq] = a.check.split('-');
        const row = await r.ctx.store.checkBySeq(Number(id), Number(seq));
        assert.equal(row?.asked_by, 'procurement-office');
        assert.equal(row?.measure, a.measure);
        recorded++;
      }
      assert.equal(recorded, 900 * MEASURES.length);
      // the persons' answers are recorded in their own files all the same
      for (const person of subjects.slice(900, 905)) {
        const asked = (await exportFile(r.ctx, person)).checks.filter(
          (c) => c.asked_by === 'procurement-office',
        );
        assert.deepEqual(asked.map((c) => c.measure).sort(), [...MEASURES].sort());
      }
      const sanctioned = s.answers.find((a) => a.applies)!;
      assert.equal((await replay(r.ctx, sanctioned.check!)).status, 'match');
      const file = await exportFile(r.ctx, subjects[0]!);
      assert.deepEqual(
        file.checks
          .filter((c) => c.asked_by === 'procurement-office')
          .map((c) => c.measure)
          .sort(),
        [...MEASURES].sort(),
        'the subject sees the screening in its file',
      );
    } finally {
      await r.dispose();
    }
  });
}

test('names match organizations ignoring legal form, case and width; ambiguous and unknown names check nothing', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply([
      { kind: 'organization', usci: usci(1), name: '福州示例科技有限公司' },
      { kind: 'organization', usci: usci(2), name: 'Fuzhou Example Co., Ltd.' },
      { kind: 'organization', usci: usci(3), name: 'Twin Trading Co.' },
      { kind: 'organization', usci: usci(4), name: 'Twin Trading Ltd.' },
      { kind: 'person', national_id: nid(5), name: 'Zhang Wei' },
    ]);
    const s = await screen(r.ctx, {
      subjects: [
        { name: '福州示例科技股份有限公司' },
        { name: 'ＦＵＺＨＯＵ ＥＸＡＭＰＬＥ Limited' },
        { name: 'Twin Trading' },
        { name: 'Nobody Anywhere' },
      ],
      measures: ['procurement.exclusion'],
    });
    const [zh, en, twin, none] = s.answers;
    assert.equal(zh?.matched_by, 'name');
    assert.equal(zh?.match?.ref, usci(1));
    assert.equal(en?.match?.ref, usci(2));
    assert.equal(en?.threshold, s.threshold);
    assert.ok((en?.candidates?.[0]?.score ?? 0) >= s.threshold);
    assert.equal(twin?.matched_by, null);
    assert.equal(twin?.problem?.code, 'name.ambiguous');
    assert.deepEqual(twin?.candidates?.map((c) => c.ref).sort(), [usci(3), usci(4)].sort());
    assert.equal(twin?.check, null);
    assert.equal(none?.problem?.code, 'name.no_match');
    assert.equal(s.summary.checks, 2);
    for (const t of await r.ctx.store.subjectsByUsci([usci(3), usci(4)]))
      assert.equal((await r.ctx.store.checksOf(Number(t.id))).length, 0, 'an ambiguous name checks no one');
  } finally {
    await r.dispose();
  }
});

test('a person is never found by name, even by its exact registered name', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply([{ kind: 'person', national_id: nid(9), name: 'Li Na' }]);
    const s = await screen(r.ctx, { subjects: [{ name: 'Li Na' }], measures: ['transport.high_speed_rail'] });
    assert.equal(s.answers[0]?.matched_by, null);
    assert.deepEqual(s.answers[0]?.candidates, []);
    assert.equal(s.summary.checks, 0);
  } finally {
    await r.dispose();
  }
});

test('an unknown measure rejects the whole screening before anything is recorded', async () => {
  const r = await testRegistry('2026-11-01');
  try {
    await new Ingestor(r.ctx).apply([{ kind: 'organization', usci: usci(1), name: 'One Co.' }]);
    await assert.rejects(
      screen(r.ctx, { subjects: [usci(1)], measures: ['procurement.exclusion', 'no.such_measure'] }),
      (e: Error & { code?: string }) => e.code === 'measure.unknown' && /no\.such_measure/.test(e.message),
    );
    assert.equal((await r.ctx.store.checksOf(1)).length, 0);
    await assert.rejects(
      screen(r.ctx, {
        subjects: Array.from({ length: 10_001 }, () => usci(1)),
        measures: ['procurement.exclusion'],
      }),
      (e: Error & { code?: string }) => e.code === 'screening.too_large',
    );
  } finally {
    await r.dispose();
  }
});
