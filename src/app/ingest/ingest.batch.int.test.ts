import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNationalId } from '../../domain/national-id.ts';
import { makeUsci } from '../../domain/usci.ts';
import { verifyLedger } from '../audit/audit.verify.ts';
import { personRef } from '../ports/ports.context.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { importLines } from './ingest.file.ts';
import { Ingestor, type LineResult } from './ingest.usecases.ts';

const person = (i: number) =>
  makeNationalId('350102', `19${String(50 + (i % 40))}0101`, String(i).padStart(3, '0'));
const org = (i: number) => makeUsci('91350100', `M${String(i).padStart(7, '0')}`);
const HQ = org(900);
const source = { kind: 'source', id: 'court', name: 'People’s Court', domains: ['court'] };
const judgment = (id: string, subject: string) => ({
  source: 'court',
  id,
  subject,
  type: 'court.judgment_default',
  occurred_at: '2026-01-05',
  legal_basis: 'Civil Procedure Law art. 262',
  evidence: [EVIDENCE],
});
const answers = (rs: readonly LineResult[]) => rs.map((r) => (r.ok ? `${r.status} ${r.what}` : r.code));

/** Persons, then organizations represented by them, a headquarters and its branch: all new, in one batch. */
const population = [
  source,
  ...Array.from({ length: 30 }, (_, i) => ({ kind: 'person', national_id: person(i), name: `Person ${i}` })),
  { kind: 'organization', usci: HQ, name: 'Fuzhou Holding Co.', legal_representative: person(0) },
  ...Array.from({ length: 20 }, (_, i) => ({
    kind: 'organization',
    usci: org(i),
    name: `Fuzhou Trading ${i} Co.`,
    legal_representative: person(i + 1),
    ...(i % 5 === 0 ? { parent: HQ, actual_controller: person(29) } : {}),
  })),
];

for (const engine of ['sqlite', 'postgres'] as const satisfies readonly Engine[]) {
  describe(`registering subjects in batches (${engine})`, async () => {
    const skip = engine === 'postgres' && !(await postgresAvailable()) ? 'PostgreSQL is not running' : false;

    test('a batch of new subjects is answered line by line, numbered in line order', { skip }, async () => {
      const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
      try {
        const results = await new Ingestor(r.ctx).apply(population);
        assert.ok(
          results.every((x) => x.ok && x.status === 'created'),
          JSON.stringify(results),
        );
        const persons = results.slice(1, 31).map((x) => (x.ok ? x.what : ''));
        const ids = (
          await r.ctx.store.subjectsByIdHash(
            Array.from({ length: 30 }, (_, i) => r.ctx.hashNationalId(person(i))),
          )
        )
          .map((s) => Number(s.id))
          .sort((a, b) => a - b);
        assert.deepEqual(
          persons,
          ids.map((id) => `person ${personRef(id)}`),
          'each person line names its own registry reference, in line order',
        );
        // the relations named in the same batch hold, the branch is its headquarters'
        const [hq] = await r.ctx.store.subjectsByUsci([HQ]);
        const [branch] = await r.ctx.store.subjectsByUsci([org(5)]);
        assert.equal(Number(branch!.parent_id), Number(hq!.id));
        const roles = await r.ctx.store.relationsAt([Number(branch!.id)], r.clock.now());
        assert.deepEqual(roles.map((s) => s.role).sort(), [
          'actual_controller',
          'legal_representative',
          'parent',
        ]);
        // every subject, fact and relation is committed by the audit chain, however many entries carry them
        const ledger = await r.ctx.store.transaction((tx) => verifyLedger(tx));
        assert.deepEqual(ledger.findings, []);
        assert.ok(ledger.chain.ok);
        const entries = await r.ctx.store.auditRange(0, 1000);
        assert.ok(
          entries.filter((e) => e.action.endsWith('.register')).length < 10,
          'a few audit entries for 51 new subjects, not one each',
        );
      } finally {
        await r.dispose();
      }
    });

    test('a person named by many lines of a batch is found by each; a number wrong only in its check digit names nobody, before or after', {
      skip,
    }, async () => {
      const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
      try {
        const good = person(7);
        await new Ingestor(r.ctx).apply([source, { kind: 'person', national_id: good, name: 'Li Na' }]);
        const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
        const lines = ['M-1', 'M-2', 'M-3', 'M-4', 'M-5'].map((id, i) =>
          judgment(id, i % 3 === 0 ? bad : good),
        );
        assert.deepEqual(answers(await new Ingestor(r.ctx).apply(lines)), [
          'record.unknown_subject',
          'created record court/M-2',
          'created record court/M-3',
          'record.unknown_subject',
          'created record court/M-5',
        ]);
        const [p] = await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(good)]);
        const stored = await r.ctx.store.transaction((tx) => tx.recordsOf([Number(p!.id)]));
        assert.deepEqual(
          stored.map((x) => x.record_id),
          ['M-2', 'M-3', 'M-5'],
        );
      } finally {
        await r.dispose();
      }
    });

    test('a line about a subject registered earlier in the batch sees it, as a later batch would', {
      skip,
    }, async () => {
      const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
      try {
        const lines = [
          source,
          { kind: 'person', national_id: person(1), name: 'Chen Jie' },
          judgment('J-1', person(1)),
          { kind: 'person', national_id: person(1), name: 'Chen Jie' },
          { kind: 'person', national_id: person(2), name: 'Wang Fang' },
          { kind: 'person', national_id: person(2), name: 'Wang Fang Li' },
          { kind: 'organization', usci: org(1), name: 'One Co.', legal_representative: person(3) },
          { kind: 'organization', usci: org(2), name: 'Two Co.', legal_representative: person(2) },
          { kind: 'organization', usci: org(3), name: 'Three Co.', parent: org(2) },
          judgment('J-2', org(3)),
        ];
        const batched = answers(await new Ingestor(r.ctx).apply(lines));
        const ref = async (nid: string) =>
          personRef(Number((await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(nid)]))[0]!.id));
        const [p1, p2] = [await ref(person(1)), await ref(person(2))];
        assert.deepEqual(batched.slice(1), [
          `created person ${p1}`,
          'created record court/J-1',
          `unchanged person ${p1}`,
          `created person ${p2}`,
          `updated person ${p2}`,
          'subject.unknown_person',
          `created organization ${org(2)}`,
          `created organization ${org(3)}`,
          'created record court/J-2',
        ]);
        const [renamed] = await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(person(2))]);
        assert.equal(renamed!.name, 'Wang Fang Li');
        // the same lines one at a time answer alike
        const s = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
        try {
          const single: string[] = [];
          for (const l of lines) single.push(...answers(await new Ingestor(s.ctx).apply([l])));
          assert.deepEqual(single, batched);
        } finally {
          await s.dispose();
        }
      } finally {
        await r.dispose();
      }
    });

    test('a file larger than a batch registers every subject once, and imports its records', {
      skip,
    }, async () => {
      const r = await testRegistry('2026-03-01', 'rulebooks/default.yaml', engine);
      try {
        const lines = [
          source,
          ...Array.from({ length: 120 }, (_, i) => ({
            kind: 'person',
            national_id: person(i),
            name: `P ${i}`,
          })),
          ...Array.from({ length: 120 }, (_, i) => judgment(`J-${i}`, person(i))),
        ];
        async function* feed() {
          let n = 0;
          for (const l of lines) yield { n: ++n, value: l, raw: JSON.stringify(l) };
        }
        const rejected: string[] = [];
        const sum = await importLines(
          r.ctx,
          feed(),
          (x) => rejected.push(x.code),
          () => {},
          50,
        );
        assert.deepEqual(rejected, []);
        assert.equal(sum.created, 241);
        assert.equal(await r.ctx.store.subjectCount(), 120);
        const ledger = await r.ctx.store.transaction((tx) => verifyLedger(tx));
        assert.deepEqual(ledger.findings, []);
      } finally {
        await r.dispose();
      }
    });
  });
}
