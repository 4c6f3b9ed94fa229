// The public search answers the same on both engines: one fixed corpus, every query, every page, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { searchOrganizations } from '../app/search/search.usecases.ts';
import {
  type Engine,
  postgresAvailable,
  type TestRegistry,
  testRegistry,
} from '../app/testing/test-registry.ts';
import { makeUsci } from '../domain/usci.ts';

const CITIES = ['福州', '深圳市', '厦门', '哈尔滨', '重庆'];
const TRADES = ['示例科技', '实力食品', '海鑫贸易', '长江银行', '雪花建材'];
const FORMS = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const EN = ['Example', 'Harbor', 'Snow', 'Fuzhou', 'Pilot'];
const EN_FORMS = ['Co., Ltd.', 'Limited', 'Inc.', 'GmbH', 'LLC'];

/** 150 organizations with overlapping Chinese and English names (every one unique), and a few renames. */
function corpus() {
  const lines: Record<string, unknown>[] = [];
  let i = 0;
  const usci = (n: number) => makeUsci('91350100', `MD${String(n).padStart(6, '0')}`);
  for (const c of CITIES)
    for (const t of TRADES) {
      lines.push({ kind: 'organization', usci: usci(i), name: `${c}${t}${FORMS[i % FORMS.length]}` });
      i++;
      lines.push({ kind: 'organization', usci: usci(i), name: `${c}第${i}${t}分公司` });
      i++;
    }
  for (const a of EN)
    for (const b of EN)
      for (const f of EN_FORMS.slice(0, 4)) {
        if (a === b) continue;
        lines.push({ kind: 'organization', usci: usci(i), name: `${a} ${b} ${i % 7} ${f}` });
        i++;
      }
  const renames = [0, 7, 60].map((n) => ({
    kind: 'organization',
    usci: usci(n),
    name: `新名称${n}电子有限公司`,
  }));
  return { lines, renames, count: i };
}

const QUERIES = [
  '示例',
  '示例科技',
  '福州',
  '科技有限公司',
  '实',
  'fuzhou',
  'fz',
  'fzsl',
  'shili',
  'xiamen haixin',
  'example',
  'Example Harbor',
  'HARBOR',
  'snow 3',
  'harbr',
  'examp1e harbor',
  'MD0000',
  '91350100',
  '新名称',
  '长江银行股份有限公司',
  'co',
  'gmbh',
];

async function allPages(r: TestRegistry, q: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const p = await r.ctx.store.transaction((tx) => searchOrganizations(tx, q, { cursor, limit: 9 }));
    out.push(
      ...p.items.map((i) => `${i.usci} ${i.match}${i.similarity === undefined ? '' : ` ${i.similarity}`}`),
    );
    if (!p.next) break;
    cursor = p.next;
  }
  return out;
}

test('the same corpus gives the same ordered results, page by page, on SQLite and PostgreSQL', async (t) => {
  if (!(await postgresAvailable()) && !process.env.CI) return t.skip('no PostgreSQL server answers');
  const { lines, renames } = corpus();
  const answers = new Map<Engine, Map<string, string[]>>();
  for (const engine of ['sqlite', 'postgres'] as Engine[]) {
    const r = await testRegistry('2026-11-01', 'rulebooks/default.yaml', engine);
    try {
      const results = await new Ingestor(r.ctx).apply(lines);
      assert.ok(results.every((x) => x.ok));
      assert.ok((await new Ingestor(r.ctx).apply(renames)).every((x) => x.ok));
      const m = new Map<string, string[]>();
      for (const q of QUERIES) m.set(q, await allPages(r, q));
      answers.set(engine, m);
    } finally {
      await r.dispose();
    }
  }
  const lite = answers.get('sqlite')!;
  const pg = answers.get('postgres')!;
  for (const q of QUERIES) assert.deepEqual(pg.get(q), lite.get(q), `query "${q}"`);
  // the corpus exercises every kind of match, and the queries find something
  const kinds = new Set([...lite.values()].flat().map((l) => l.split(' ')[1]));
  for (const k of ['usci_part', 'name_prefix', 'name', 'former_name', 'pinyin', 'fuzzy'])
    assert.ok(kinds.has(k), `no ${k} match in the corpus`);
  assert.ok(lite.get('example')!.length > 9, 'a query spans several pages');
});
