import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNationalId } from '../../domain/national-id.ts';
import { parseInstant } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { exportFile } from '../queries/queries.export.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import type { LineResult } from './ingest.usecases.ts';
import { Ingestor } from './ingest.usecases.ts';

const FUZHOU = makeUsci('91350100', 'M0001000');
const RIZHAO = makeUsci('91371100', 'M0002000');
const REP = makeNationalId('350102', '19700101', '123');
const REP2 = makeNationalId('350102', '19800202', '456');
const INNOCENT = makeNationalId('110101', '19900307', '451');
const NEWCOMER = makeNationalId('110101', '19950505', '777');
const day = (d: string) => parseInstant(d)!;

const setup = [
  { kind: 'source', id: 'court', name: 'People’s Court', domains: ['court'] },
  { kind: 'source', id: 'samr', name: 'Market Regulator', domains: ['market', 'registry'] },
  { kind: 'person', national_id: REP, name: 'Chen Jie' },
  { kind: 'person', national_id: REP2, name: 'Wang Fang' },
  { kind: 'person', national_id: INNOCENT, name: 'Zhang Wei' },
  { kind: 'organization', usci: RIZHAO, name: 'Rizhao Port Trading Co.' },
  { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', legal_representative: REP },
];
const judgment = (id: string, subject: string) => ({
  source: 'court',
  id,
  subject,
  type: 'court.judgment_default',
  occurred_at: '2026-01-05',
  legal_basis: 'Civil Procedure Law art. 262',
  evidence: [EVIDENCE],
});
const codes = (rs: readonly LineResult[]) => rs.map((r) => (r.ok ? r.status : r.code));

async function registry(engine: Engine) {
  // registered on New Year's day; the tests run two months later
  const r = await testRegistry('2026-01-01', 'rulebooks/default.yaml', engine);
  const results = await new Ingestor(r.ctx).apply(setup);
  assert.ok(
    results.every((x) => x.ok),
    JSON.stringify(results),
  );
  r.clock.set(day('2026-03-01'));
  const id = async (ref: string) =>
    Number(
      (ref.length === 18 && /^\d{17}[\dX]$/.test(ref)
        ? await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(ref)])
        : await r.ctx.store.subjectsByUsci([ref]))[0]!.id,
    );
  return { r, id };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`registry facts (${engine})`, async () => {
    const skip = engine === 'postgres' && !(await postgresAvailable()) ? 'PostgreSQL is not running' : false;

    test('a source cannot appoint a legal representative', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        const court = new Ingestor(r.ctx, 'court');
        const res = await court.apply([
          // the attack of issue 13: an innocent person registered with a record, then made the representative
          { kind: 'person', national_id: INNOCENT, name: 'Zhang Wei' },
          judgment('C-1', INNOCENT),
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', legal_representative: INNOCENT },
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', actual_controller: INNOCENT },
        ]);
        assert.deepEqual(codes(res), [
          'unchanged',
          'created',
          'auth.registry_not_authorised',
          'auth.registry_not_authorised',
        ]);
        const org = await id(FUZHOU);
        const rel = await r.ctx.store.relationsOfOrgs([org]);
        assert.deepEqual(
          rel.map((x) => [x.role, Number(x.person_id)]),
          [['legal_representative', await id(REP)]],
        );
        const t = r.clock.now();
        assert.deepEqual(
          (await r.ctx.store.rolesAt([await id(INNOCENT)], t)).map((s) => s.role),
          [],
          'the innocent person holds no role',
        );
        assert.equal(
          (await r.ctx.store.registryFactsNaming([await id(INNOCENT)])).length,
          0,
          'no fact names the innocent person',
        );
      } finally {
        await r.dispose();
      }
    });

    test('a source cannot rename or re-parent an organization', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        const before = await r.ctx.store.registryFactsOf([await id(FUZHOU)]);
        const court = new Ingestor(r.ctx, 'court');
        const res = await court.apply([
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Renamed Co.' },
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', parent: RIZHAO },
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', effective_from: '2026-01-01' },
          // an existing organization under its registered name is only a reference
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.' },
          judgment('C-2', FUZHOU),
        ]);
        assert.deepEqual(codes(res), [
          'auth.registry_not_authorised',
          'auth.registry_not_authorised',
          'auth.registry_not_authorised',
          'unchanged',
          'created',
        ]);
        const [org] = await r.ctx.store.subjectsByUsci([FUZHOU]);
        assert.equal(org!.name, 'Fuzhou Example Co.');
        assert.equal(org!.parent_id, null);
        assert.deepEqual(await r.ctx.store.registryFactsOf([await id(FUZHOU)]), before);
        assert.deepEqual(
          await r.ctx.store
            .relationsAt([await id(FUZHOU)], r.clock.now())
            .then((s) => s.filter((x) => x.role === 'parent')),
          [],
        );
      } finally {
        await r.dispose();
      }
    });

    test('a registry source can, and the change is dated and shown in both files', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        const samr = new Ingestor(r.ctx, 'samr');
        const res = await samr.apply([
          {
            kind: 'organization',
            usci: FUZHOU,
            name: 'Fuzhou Example Co.',
            legal_representative: REP2,
            effective_from: '2026-02-01',
          },
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Holdings', parent: RIZHAO },
        ]);
        assert.deepEqual(codes(res), ['updated', 'updated']);
        const [org] = await r.ctx.store.subjectsByUsci([FUZHOU]);
        assert.equal(org!.name, 'Fuzhou Example Holdings');
        assert.equal(Number(org!.parent_id), await id(RIZHAO));
        // the same line again changes nothing (every fact of a line is stated as of its effective date)
        assert.deepEqual(
          codes(
            await samr.apply([
              {
                kind: 'organization',
                usci: FUZHOU,
                name: 'Fuzhou Example Co.',
                legal_representative: REP2,
                effective_from: '2026-02-01',
              },
            ]),
          ),
          ['unchanged'],
        );
        const orgFile = await exportFile(r.ctx, FUZHOU);
        const appointment = orgFile.registry_facts.find(
          (f) => f.fact === 'legal_representative' && f.effective_at === '2026-02-01T00:00:00.000Z',
        );
        assert.ok(appointment, JSON.stringify(orgFile.registry_facts));
        assert.equal(appointment.source, 'samr');
        assert.equal(appointment.recorded_at, '2026-03-01T00:00:00.000Z');
        assert.match(String('related' in appointment && appointment.related), /^P\d{7}$/);
        const repFile = await exportFile(r.ctx, REP2);
        assert.ok(
          repFile.registry_facts.some(
            (f) =>
              f.fact === 'legal_representative' &&
              f.subject === FUZHOU &&
              f.effective_at === appointment.effective_at,
          ),
          'the appointed person’s file shows the appointment',
        );
        const formerFile = await exportFile(r.ctx, REP);
        assert.deepEqual(
          formerFile.relations_history.map((s) => [s.role, s.organization, s.to]),
          [['legal_representative', FUZHOU, '2026-02-01T00:00:00.000Z']],
          'the former representative’s file shows the span that ended',
        );
        assert.ok(orgFile.registry_facts.some((f) => 'value' in f && f.value === 'Fuzhou Example Holdings'));
        const rizhaoFile = await exportFile(r.ctx, RIZHAO);
        assert.ok(
          rizhaoFile.registry_facts.some((f) => f.fact === 'parent' && f.subject === FUZHOU),
          'the parent’s file shows its new branch',
        );
        // a future date is refused: a change is recorded once it has taken effect
        const future = await samr.apply([
          { kind: 'person', national_id: REP2, name: 'Wang Fang', effective_from: '2026-04-01' },
        ]);
        assert.deepEqual(codes(future), ['registry.future_date']);
      } finally {
        await r.dispose();
      }
    });

    test('a new person registered with its record reveals nothing about existing ids', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        const court = new Ingestor(r.ctx, 'court');
        const existing = await court.apply([
          { kind: 'person', national_id: INNOCENT, name: 'Somebody Else' },
          judgment('C-10', INNOCENT),
        ]);
        const fresh = await court.apply([
          { kind: 'person', national_id: NEWCOMER, name: 'Liu Yang' },
          judgment('C-11', NEWCOMER),
        ]);
        const strip = (rs: LineResult[]) => JSON.stringify(rs).replace(/C-1[01]/g, 'C-x');
        assert.equal(strip(existing), strip(fresh), 'the same answer for a registered and a new person');
        assert.doesNotMatch(JSON.stringify([...existing, ...fresh]), /P\d{7}|person \d/);
        // the registered name is not the source's to change; the new person is registered with its record
        const [zw] = await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(INNOCENT)]);
        assert.equal(zw!.name, 'Zhang Wei');
        assert.equal((await r.ctx.store.recordsOf([await id(NEWCOMER)])).length, 1);
        // a person line without an accepted record, or a record naming a person without a line: the same refusal
        const probes = [INNOCENT, makeNationalId('110101', '19991231', '888')];
        const answers = [];
        for (const nid of probes) {
          answers.push(
            strip(await court.apply([{ kind: 'person', national_id: nid, name: 'Probe' }])),
            strip(await court.apply([judgment('C-10', nid)])),
            strip(
              await court.apply([
                { kind: 'person', national_id: nid, name: 'Probe' },
                { ...judgment('C-10', nid), occurred_at: '2026-01-06' },
              ]),
            ),
          );
        }
        assert.deepEqual(answers.slice(0, 3), answers.slice(3), answers.join('\n'));
        assert.equal(
          (await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(probes[1]!)])).length,
          0,
          'a probe registers nobody',
        );
      } finally {
        await r.dispose();
      }
    });

    test('the legal representative as of a date before the change is the former one', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        await new Ingestor(r.ctx, 'samr').apply([
          {
            kind: 'organization',
            usci: FUZHOU,
            name: 'Fuzhou Example Co.',
            legal_representative: REP2,
            effective_from: '2026-02-01',
          },
        ]);
        const org = await id(FUZHOU);
        const [rep, rep2] = [await id(REP), await id(REP2)];
        const lr = async (d: string) =>
          (await r.ctx.store.relationsAt([org], day(d)))
            .filter((s) => s.role === 'legal_representative')
            .map((s) => [s.related_id, s.from, s.to]);
        assert.deepEqual(await lr('2026-03-01'), [[rep2, day('2026-02-01'), null]]);
        assert.deepEqual(await lr('2026-02-01'), [[rep2, day('2026-02-01'), null]]);
        assert.deepEqual(await lr('2026-01-15'), [[rep, day('2026-01-01'), day('2026-02-01')]]);
        assert.deepEqual(await lr('2025-12-31'), [], 'nothing was known before the registration');
        // a representative since before the registration, recorded late: the earlier span is known from then on
        const backdated = await new Ingestor(r.ctx).apply([
          {
            kind: 'organization',
            usci: FUZHOU,
            name: 'Fuzhou Example Co.',
            legal_representative: REP,
            effective_from: '2025-06-01',
          },
        ]);
        assert.deepEqual(codes(backdated), ['updated']);
        assert.deepEqual(await lr('2026-01-15'), [[rep, day('2025-06-01'), day('2026-02-01')]]);
        assert.deepEqual(await lr('2025-05-31'), []);
        // the current state is unchanged by a backdated fact
        const rel = await r.ctx.store.relationsOfOrgs([org]);
        assert.deepEqual(
          rel.map((x) => Number(x.person_id)),
          [rep2],
        );
        // a person's roles as of a date
        assert.deepEqual(
          (await r.ctx.store.rolesAt([rep], day('2026-01-15'))).map((s) => [s.org_id, s.role]),
          [[org, 'legal_representative']],
        );
        assert.deepEqual(await r.ctx.store.rolesAt([rep], day('2026-02-15')), []);
        assert.deepEqual(
          (await r.ctx.store.rolesAt([rep2], r.clock.now())).map((s) => s.org_id),
          [org],
        );
      } finally {
        await r.dispose();
      }
    });

    test('the operator’s import still writes registry facts', { skip }, async () => {
      const { r, id } = await registry(engine);
      try {
        const res = await new Ingestor(r.ctx, undefined, { deferProjection: true }).apply([
          { kind: 'organization', usci: FUZHOU, name: 'Fuzhou Example Co.', actual_controller: REP2 },
        ]);
        assert.deepEqual(codes(res), ['updated']);
        const facts = await r.ctx.store.registryFactsOf([await id(FUZHOU)]);
        const ac = facts.find((f) => f.fact === 'actual_controller')!;
        assert.equal(ac.related_id, await id(REP2));
        assert.equal(ac.actor, r.ctx.actor);
        assert.equal(ac.source, null);
      } finally {
        await r.dispose();
      }
    });

    test('the roles of many persons at once are each person’s roles, once, however the persons are chunked', {
      skip,
    }, async () => {
      const { r, id } = await registry(engine);
      try {
        // more persons than one statement takes (500): the first and the last name the same organization
        const many = Array.from({ length: 520 }, (_, i) =>
          makeNationalId('110101', '19900101', String(100 + i).padStart(3, '0')),
        );
        const shared = makeUsci('91350100', 'M0003000');
        const res = await new Ingestor(r.ctx).apply([
          ...many.map((national_id, i) => ({ kind: 'person', national_id, name: `Person ${i}` })),
          {
            kind: 'organization',
            usci: shared,
            name: 'Shared Holding Co.',
            legal_representative: many[0],
            actual_controller: many[519],
          },
          {
            kind: 'organization',
            usci: RIZHAO,
            name: 'Rizhao Port Trading Co.',
            actual_controller: many[519],
          },
        ]);
        assert.ok(
          res.every((x) => x.ok),
          JSON.stringify(res.filter((x) => !x.ok)),
        );
        const ids = await Promise.all([REP, ...many].map(id));
        const now = r.clock.now();
        const together = await r.ctx.store.rolesAt(ids, now);
        const oneByOne = [];
        for (const p of ids) oneByOne.push(...(await r.ctx.store.rolesAt([p], now)));
        const key = (s: { org_id: number; role: string; related_id: number }) =>
          `${s.org_id}/${s.role}/${s.related_id}`;
        assert.deepEqual(together.map(key).sort(), oneByOne.map(key).sort());
        assert.deepEqual(
          together.map(key).sort(),
          [
            `${await id(FUZHOU)}/legal_representative/${await id(REP)}`,
            `${await id(shared)}/legal_representative/${ids[1]}`,
            `${await id(shared)}/actual_controller/${ids[520]}`,
            `${await id(RIZHAO)}/actual_controller/${ids[520]}`,
          ].sort(),
        );
      } finally {
        await r.dispose();
      }
    });
  });
}
