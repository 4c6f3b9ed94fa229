import { makeNationalId } from '../domain/national-id.ts';
import { formatDate } from '../domain/time.ts';
import { makeUsci } from '../domain/usci.ts';
import type { RecordType, Rulebook } from '../rules/rulebook.model.ts';

/** A small, fast, seedable PRNG (mulberry32): the same seed always gives the same population. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
];
const GIVEN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Lei',
  'Qiang',
  'Yan',
  'Jun',
  'Tao',
  'Ming',
  'Chao',
  'Xia',
  'Hui',
  'Ping',
  'Gang',
];
/** Trades, in English and Chinese: companies register a Chinese name and use a registered English one. */
const TRADES: readonly (readonly [string, string])[] = [
  ['Trading', '商贸'],
  ['Logistics', '物流'],
  ['Food', '食品'],
  ['Textile', '纺织'],
  ['Electronics', '电子'],
  ['Construction', '建设'],
  ['Chemical', '化工'],
  ['Software', '软件'],
  ['Catering', '餐饮'],
  ['Pharmacy Supply', '医药供应'],
  ['Printing', '印刷'],
  ['Machinery', '机械'],
];
const BRANDS: readonly (readonly [string, string])[] = [
  ['Hengda', '恒达'],
  ['Xinyuan', '鑫源'],
  ['Huaxia', '华夏'],
  ['Jinlong', '金龙'],
  ['Tianli', '天力'],
  ['Ruifeng', '瑞丰'],
  ['Minsheng', '民生'],
  ['Haixin', '海鑫'],
];
const CITIES = [
  { name: 'Fuzhou', zh: '福州', region: '350100', id: '350102' },
  { name: 'Harbin', zh: '哈尔滨', region: '230184', id: '230102' },
  { name: 'Rizhao', zh: '日照', region: '371000', id: '371102' },
  { name: 'Beijing', zh: '北京', region: '110101', id: '110101' },
  { name: 'Chengdu', zh: '成都', region: '510100', id: '510104' },
  { name: 'Shenzhen', zh: '深圳', region: '440300', id: '440304' },
];
const ALNUM = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A company's registered Chinese name with its registered English name, as real companies carry both
 * (福州海鑫食品有限公司 / Fuzhou Haixin Food Co., Ltd.); the serial keeps the English names apart.
 */
function companyName(
  city: { readonly name: string; readonly zh: string },
  brand: readonly [string, string],
  trade: readonly [string, string],
  branch: boolean,
  n: number,
): string {
  const zh = `${city.zh}${brand[1]}${trade[1]}有限公司${branch ? '分公司' : ''}`;
  return `${zh} (${city.name} ${brand[0]} ${trade[0]} Co.${branch ? ' Branch' : ''} ${n})`;
}

/** Yearly rate of records of one type for one subject, by severity: most records are minor, few serious. */
const RATE: Record<string, number> = { minor: 0.25, general: 0.05, serious: 0.012 };
const POSITIVE_RATE = 0.3;

export interface SimulationOptions {
  readonly subjects: number;
  readonly seed: number;
  /** The last moment records may occur (the registry's now). */
  readonly now: number;
  readonly years?: number;
  /** Multipliers of the default offence rate, per record domain (e.g. { tax: 2 }); `*` applies to all. */
  readonly offenceRates?: Readonly<Record<string, number>>;
}

/**
 * A deterministic synthetic population: sources per domain, persons, organizations (some with branches and
 * legal representatives), and `years` of records at plausible rates under the given rulebook.
 */
export function* simulatePopulation(rb: Rulebook, o: SimulationOptions): Generator<Record<string, unknown>> {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const years = o.years ?? 3;
  const span = years * 365.25 * 86_400_000;
  const domains = [...new Set([...rb.recordTypes.values()].map((t) => t.domain))].sort();
  for (const d of domains)
    yield { kind: 'source', id: `${d}-authority`, name: `Municipal ${d} authority`, domains: [d] };
  const persons: string[] = [];
  const orgs: string[] = [];
  const nPersons = Math.max(1, Math.round(o.subjects * 0.6));
  const used = new Set<string>();
  for (let i = 0; i < nPersons; i++) {
    const city = pick(CITIES);
    const year = 1950 + Math.floor(rnd() * 55);
    const birth = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    let nid = makeNationalId(city.id, birth, String(Math.floor(rnd() * 1000)).padStart(3, '0'));
    while (used.has(nid))
      nid = makeNationalId(city.id, birth, String(Math.floor(rnd() * 1000)).padStart(3, '0'));
    used.add(nid);
    persons.push(nid);
    yield { kind: 'person', national_id: nid, name: `${pick(SURNAMES)} ${pick(GIVEN)}` };
  }
  const nOrgs = Math.max(1, o.subjects - nPersons);
  for (let i = 0; i < nOrgs; i++) {
    const city = pick(CITIES);
    const isBranch = orgs.length > 3 && rnd() < 0.15;
    const category = rnd() < 0.85 ? '91' : '92';
    let usci = '';
    do {
      let body = 'MA';
      for (let k = 0; k < 6; k++) body += ALNUM[Math.floor(rnd() * ALNUM.length)];
      usci = makeUsci(`${category}${city.region}`, body);
    } while (used.has(usci));
    used.add(usci);
    const line: Record<string, unknown> = {
      kind: 'organization',
      usci,
      name: companyName(city, pick(BRANDS), pick(TRADES), isBranch, i + 1),
      legal_representative: pick(persons),
      // registered before the history it lives through: its relations hold over the whole span
      effective_from: formatDate(o.now - span - 86_400_000),
    };
    if (isBranch) line.parent = pick(orgs.slice(0, Math.min(orgs.length, 50)));
    if (rnd() < 0.2) line.actual_controller = pick(persons);
    orgs.push(usci);
    yield line;
  }
  const types = [...rb.recordTypes.values()];
  const byKind = (k: 'person' | 'organization') => types.filter((t) => t.subjects.includes(k));
  const perKind = { person: byKind('person'), organization: byKind('organization') };
  let n = 0;
  const emit = function* (
    subject: string,
    kind: 'person' | 'organization',
  ): Generator<Record<string, unknown>> {
    for (const t of perKind[kind]) {
      const rate =
        (t.points < 0
          ? (RATE[t.severity] ?? 0.05) * (o.offenceRates?.[t.domain] ?? o.offenceRates?.['*'] ?? 1)
          : POSITIVE_RATE) / Math.max(1, perKind[kind].length / 10);
      let count = 0;
      // Poisson by inversion over `years`
      const lambda = rate * years;
      let p = Math.exp(-lambda);
      let s = p;
      const u = rnd();
      while (u > s && count < 20) {
        count++;
        p *= lambda / count;
        s += p;
      }
      for (let c = 0; c < count; c++)
        yield recordLine(t, subject, o.now - Math.floor(rnd() * span), ++n, rnd);
    }
  };
  for (const p of persons) yield* emit(p, 'person');
  for (const u of orgs) yield* emit(u, 'organization');
}

function recordLine(
  t: RecordType,
  subject: string,
  at: number,
  n: number,
  rnd: () => number,
): Record<string, unknown> {
  let hex = '';
  for (let i = 0; i < 8; i++)
    hex += Math.floor(rnd() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const line: Record<string, unknown> = {
    source: `${t.domain}-authority`,
    id: `SIM-${String(n).padStart(8, '0')}`,
    subject,
    type: t.name,
    occurred_at: formatDate(at),
    legal_basis: `Synthetic record under ${t.title}`,
    evidence: [`sha256:${hex}`],
  };
  if (t.domain === 'tax' || t.domain === 'finance') line.amount = Math.round(rnd() * 200000);
  return line;
}
