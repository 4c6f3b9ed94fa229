/**
 * The public organization search (trigram index, ranked, with pinyin, former names and partial codes) beside a
 * plain indexed prefix query on the subjects table (`name >= q and name < q || U+FFFF`, the (kind, name) index),
 * in the same run over the same 100,000 organizations on SQLite. Each round times every query of both kinds,
 * interleaved, so that drift on a noisy machine falls on both; figures are the medians of the rounds.
 *
 *   npx tsx bench/search.bench.ts [--orgs 100000] [--queries 1000] [--rounds 3]   (--reps is the same as --rounds)
 */
import SQLite from 'better-sqlite3';
import { searchEntry } from '../src/app/search/search.normalize.ts';
import { searchOrganizations } from '../src/app/search/search.usecases.ts';
import { makeUsci } from '../src/domain/usci.ts';
import { prng } from '../src/sim/population.ts';
import { arg, fmt, freshRegistry, machine, median, NOW, percentile, ratio, report } from './_util.ts';

const ORGS = arg('orgs', 100_000, 5000);
const QUERIES = arg('queries', 1000, 200);
const ROUNDS = arg('rounds', arg('reps', 3));

const CITIES = [
  '福州',
  '厦门',
  '深圳市',
  '广州',
  '杭州',
  '南京',
  '成都',
  '重庆',
  '武汉',
  '西安',
  '哈尔滨',
  '泉州',
];
const CHARS = '海鑫华通达盛源恒泰隆兴宏福瑞祥康安利新永光明丰德裕嘉信诚和益鼎昌荣金宝天星龙凤云山江河远航';
const TRADES = [
  '科技',
  '贸易',
  '食品',
  '建材',
  '物流',
  '电子',
  '医药',
  '纺织',
  '机械',
  '能源',
  '传媒',
  '餐饮',
];
const FORMS = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const EN = ['Harbor', 'Snow', 'Example', 'Pacific', 'Golden', 'Summit', 'River', 'Orient', 'Lotus', 'Crane'];
const EN_TRADES = ['Trading', 'Foods', 'Logistics', 'Electronics', 'Textiles', 'Machinery'];
const EN_FORMS = ['Co., Ltd.', 'Limited', 'Inc.', 'GmbH'];

console.log(
  `search.bench: ${fmt(ORGS)} organizations, ${fmt(QUERIES)} queries a round, ${ROUNDS} rounds; ${machine()}`,
);
const reg = await freshRegistry();
try {
  const rnd = prng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const orgs: { usci: string; name: string }[] = [];
  for (let i = 0; i < ORGS; i++) {
    const usci = makeUsci('91350100', `MB${String(i).padStart(6, '0')}`);
    const name =
      i % 4 === 3
        ? `${pick(EN)} ${pick(EN)} ${pick(EN_TRADES)} ${i} ${pick(EN_FORMS)}`
        : `${pick(CITIES)}${pick([...CHARS])}${pick([...CHARS])}${pick(TRADES)}${i}${pick(FORMS)}`;
    orgs.push({ usci, name });
  }
  const t0 = performance.now();
  // registered through the store, as ingest does (the index is kept by insertSubject), in large transactions
  for (let i = 0; i < orgs.length; i += 5000)
    await reg.ctx.store.transaction(async (tx) => {
      for (const o of orgs.slice(i, i + 5000))
        await tx.insertSubject({
          kind: 'organization',
          usci: o.usci,
          id_hash: null,
          name: o.name,
          parent_id: null,
          created_at: NOW,
        });
    });
  console.log(`population registered and indexed in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  // what people type: the middle of a Chinese name, its pinyin or initials, an English word, part of a code,
  // a misspelling; and for the baseline the first characters of the same names
  const queries: { kind: string; q: string; prefix: string }[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const o = orgs[Math.floor(rnd() * orgs.length)]!;
    const e = searchEntry(0, o.usci, o.name);
    const chars = [...e.key];
    const kinds = e.pinyin
      ? ['infix', 'infix2', 'pinyin', 'initials', 'usci_part']
      : ['word', 'usci_part', 'misspelling'];
    const kind = kinds[i % kinds.length]!;
    const at = chars.length > 6 ? 2 + Math.floor(rnd() * (chars.length - 6)) : 0;
    const q =
      kind === 'infix'
        ? chars.slice(at, at + 4).join('')
        : kind === 'infix2'
          ? chars.slice(at, at + 2).join('')
          : kind === 'pinyin'
            ? e.pinyin.slice(4, 14)
            : kind === 'initials'
              ? e.initials.slice(1, 5)
              : kind === 'usci_part'
                ? o.usci.slice(8, 14)
                : kind === 'word'
                  ? e.key.split(' ')[1]!
                  : `${e.key.slice(0, 3)}${e.key.slice(4, 5)}${e.key.slice(3, 4)}${e.key.slice(5, 14)}`;
    queries.push({ kind, q, prefix: o.name.slice(0, Math.min(4, o.name.length)) });
  }

  const lite = new SQLite(reg.location.db!, { readonly: true });
  const prefix = lite.prepare(
    "select id, usci, name from subjects where kind = 'organization' and name >= ? and name < ? order by name limit 20",
  );
  const store = reg.ctx.store;
  // warm-up: both paths, so that neither pays the first-run costs
  for (const x of queries.slice(0, 100)) {
    await searchOrganizations(store, x.q);
    prefix.all(x.prefix, `${x.prefix}\uffff`);
  }

  const rows: Record<string, { p50: number[]; p99: number[] }> = {};
  const add = (k: string, times: number[]) => {
    rows[k] ??= { p50: [], p99: [] };
    rows[k].p50.push(percentile(times, 50));
    rows[k].p99.push(percentile(times, 99));
  };
  let found = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const byKind: Record<string, number[]> = {};
    const all: number[] = [];
    const base: number[] = [];
    found = 0;
    for (const x of queries) {
      let s = performance.now();
      const page = await searchOrganizations(store, x.q);
      const d = performance.now() - s;
      if (page.items.length > 0) found++;
      byKind[x.kind] ??= [];
      byKind[x.kind]!.push(d);
      all.push(d);
      s = performance.now();
      prefix.all(x.prefix, `${x.prefix}\uffff`);
      base.push(performance.now() - s);
    }
    add('search, all queries', all);
    for (const [k, ts] of Object.entries(byKind)) add(`search, ${k}`, ts);
    add('baseline: indexed prefix query', base);
  }
  lite.close();
  console.log(`${fmt(found)} of ${fmt(queries.length)} queries found something (first page of 20)`);
  console.log('\n| query | p50 ms | p99 ms | p99 / baseline p99 |');
  console.log('|---|---:|---:|---:|');
  const baseP99 = median(rows['baseline: indexed prefix query']!.p99);
  for (const [k, v] of Object.entries(rows))
    console.log(
      `| ${k} | ${fmt(median(v.p50), 3)} | ${fmt(median(v.p99), 3)} | ${k.startsWith('baseline') ? '—' : ratio(median(v.p99), baseP99)} |`,
    );
  const all = rows['search, all queries']!;
  report({
    id: 'search.p99',
    title: `organization search, ${fmt(ORGS)} organizations, all queries, p99`,
    value: median(all.p99),
    unit: 'ms',
    baseline: { title: 'indexed prefix query on the subjects table, p99', value: baseP99, unit: 'ms' },
    target: null,
    runs: ROUNDS,
    note: `p50 ${fmt(median(all.p50), 3)} ms; ${fmt(found)} of ${fmt(queries.length)} queries found something`,
  });
} finally {
  await reg.dispose();
}
