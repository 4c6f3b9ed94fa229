// The public search in business terms, on both engines: what a procurement officer types finds the company.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNationalId } from '../../domain/national-id.ts';
import { makeUsci } from '../../domain/usci.ts';
import { Ingestor } from '../ingest/ingest.usecases.ts';
import { type Engine, EVIDENCE, postgresAvailable, testRegistry } from '../testing/test-registry.ts';
import { searchOrganizations } from './search.usecases.ts';

const SHENZHEN = makeUsci('91440300', 'MA5F0001');
const FUZHOU = makeUsci('91350100', 'MA2Y0002');
const HARBIN = makeUsci('91230100', 'MA1B0003');
const PILOT = '91350100M0001TGQXM'; // a pilot-era code that fails its checksum, registered under an exception
const PERSON = makeNationalId('110101', '19900307', '451');

const lines = [
  { kind: 'organization', usci: SHENZHEN, name: '深圳市示例科技有限公司' },
  { kind: 'organization', usci: FUZHOU, name: '福州实力食品股份有限公司' },
  { kind: 'organization', usci: HARBIN, name: 'Harbin Snow Example Trading Co., Ltd.' },
  {
    kind: 'usci_exception',
    usci: PILOT,
    evidence: [EVIDENCE],
    reason: 'issued before the checksum was enforced',
  },
  { kind: 'organization', usci: PILOT, name: 'Fuzhou Pilot Works Limited' },
  { kind: 'person', national_id: PERSON, name: 'Example Zhang' },
];

for (const engine of ['sqlite', 'postgres'] as Engine[]) {
  test(`${engine}: an infix, a pinyin, a legal-form-stripped and a partial-USCI search each find their company`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const results = await new Ingestor(r.ctx).apply(lines);
      assert.deepEqual(
        results.filter((x) => !x.ok),
        [],
      );
      const find = async (q: string) =>
        (await r.ctx.store.transaction((tx) => searchOrganizations(tx, q))).items.map((i) => i.usci);
      // infix: the middle of a Chinese name, and a word inside an English one
      assert.deepEqual(await find('示例'), [SHENZHEN]);
      assert.deepEqual(await find('示例科技'), [SHENZHEN]);
      assert.deepEqual(await find('snow example'), [HARBIN]);
      // case and width do not matter
      assert.deepEqual(await find('ＳＮＯＷ　EXAMPLE'), [HARBIN]);
      // pinyin, full and initials
      assert.deepEqual(await find('fuzhou shili'), [FUZHOU]);
      assert.deepEqual(await find('fzsl'), [FUZHOU]);
      assert.deepEqual(await find('shenzhenshi shili'), [SHENZHEN]);
      // legal forms ignored: the full legal name, another legal form, or the form alone finds nothing extra
      assert.deepEqual(await find('示例科技股份有限公司'), [SHENZHEN]);
      assert.deepEqual(await find('Harbin Snow Example Trading Limited'), [HARBIN]);
      assert.deepEqual(await find('有限公司'), []);
      // partial USCI (4 characters or more), and a registered exception code by its whole code
      assert.deepEqual(await find(SHENZHEN.slice(6, 12)), [SHENZHEN]);
      assert.deepEqual(await find(PILOT), [PILOT]);
      assert.deepEqual(await find(PILOT.slice(-6).toLowerCase()), [PILOT]);
      // a near spelling comes after every exact match, never before
      const near = await r.ctx.store.transaction((tx) => searchOrganizations(tx, 'harbin snwo example'));
      assert.deepEqual(
        near.items.map((i) => [i.usci, i.match]),
        [[HARBIN, 'fuzzy']],
      );
    } finally {
      await r.dispose();
    }
  });

  test(`${engine}: persons are never found by the public search, whatever is typed`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      await new Ingestor(r.ctx).apply(lines);
      const find = async (q: string) =>
        (await r.ctx.store.transaction((tx) => searchOrganizations(tx, q))).items.map((i) => i.name);
      // "Example" names an organization and a person: only the organization is found
      assert.deepEqual(await find('example'), ['Harbin Snow Example Trading Co., Ltd.']);
      assert.deepEqual(await find('zhang'), []);
      assert.deepEqual(await find(PERSON), []);
      assert.deepEqual(await find(PERSON.slice(0, 8)), []);
    } finally {
      await r.dispose();
    }
  });

  test(`${engine}: a renamed company is found by its new name first and still by its former name`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const ing = new Ingestor(r.ctx);
      await ing.apply(lines);
      const [renamed] = await new Ingestor(r.ctx).apply([
        { kind: 'organization', usci: SHENZHEN, name: '深圳市新名称电子有限公司' },
      ]);
      assert.equal(renamed?.ok, true);
      const find = async (q: string) =>
        (await r.ctx.store.transaction((tx) => searchOrganizations(tx, q))).items.map((i) => [
          i.name,
          i.match,
        ]);
      assert.deepEqual(await find('新名称'), [['深圳市新名称电子有限公司', 'name']]);
      assert.deepEqual(await find('示例科技'), [['深圳市新名称电子有限公司', 'former_name']]);
      assert.deepEqual(await find('xinmingcheng'), [['深圳市新名称电子有限公司', 'pinyin']]);
    } finally {
      await r.dispose();
    }
  });

  test(`${engine}: pages follow one another without gap or repeat, best matches first`, async (t) => {
    if (engine === 'postgres' && !(await postgresAvailable()) && !process.env.CI)
      return t.skip('no PostgreSQL server answers');
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const many = Array.from({ length: 45 }, (_, i) => ({
        kind: 'organization',
        usci: makeUsci('91350100', `MC${String(i).padStart(6, '0')}`),
        name: i % 3 === 0 ? `Harbor Works ${i} Co., Ltd.` : `Fujian Harbor ${i} Ltd.`,
      }));
      await new Ingestor(r.ctx).apply(many);
      const seen: { name: string; match: string }[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const p = await r.ctx.store.transaction((tx) =>
          searchOrganizations(tx, 'harbor', { cursor, limit: 7 }),
        );
        seen.push(...p.items.map((i) => ({ name: i.name, match: i.match })));
        if (!p.next) break;
        cursor = p.next;
      }
      assert.equal(seen.length, 45);
      assert.equal(new Set(seen.map((s) => s.name)).size, 45);
      // the 15 names that begin with the query come before the 30 that contain it
      assert.ok(seen.slice(0, 15).every((s) => s.match === 'name_prefix'));
      assert.ok(seen.slice(15).every((s) => s.match === 'name'));
      await assert.rejects(
        r.ctx.store.transaction((tx) => searchOrganizations(tx, 'harbor', { cursor: 'not-a-cursor' })),
        /cursor/,
      );
    } finally {
      await r.dispose();
    }
  });
}
