import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { domainEntry } from './domains.ts';
import { protectedCategoryOf } from './guardrails.ts';
import { legalBasisProblem } from './legal-basis.ts';
import { loadRulebook } from './rulebook.loader.ts';

const HEAD = `rulebook: t
version: "1"
effective_from: 2026-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: A, min: 900 }
  - { grade: D, min: 600 }
`;

const COURT = `  court.judgment_default:
    domain: court
    subjects: [person, organization]
    severity: serious
    points: -50
    counts_for: P2Y
    retention: P3Y
`;

/** A rulebook with a court list, a rail sanction and a memorandum, each citing `basis`. */
function withBases(list: string, measure: string, memo: string): string {
  return `${HEAD}record_types:
${COURT}lists:
  defaulters:
    kind: black
    legal_basis: ${JSON.stringify(list)}
    enter_on: [court.judgment_default]
    max: P2Y
measures:
  rail.ban:
    kind: sanction
    applies_when: lists.defaulters
    applies_to: [person]
    domains: [court]
    legal_basis: ${JSON.stringify(measure)}
    max: P2Y
memoranda:
  - id: m
    links: { from_domains: [court], to_measures: [rail.ban] }
    legal_basis: ${JSON.stringify(memo)}
`;
}

const load = (text: string) => loadRulebook(text, { hash: 'h' });
const GOOD = "Provisions of the Supreme People's Court on Restricting High Consumption (2015), art. 3";

describe('legal bases must cite an instrument and an article', () => {
  for (const bad of [
    'PLACEHOLDER',
    'TODO',
    'TBD',
    'x',
    'xxx',
    'n/a',
    'Law art 1',
    'Company Law of the PRC',
  ]) {
    test(`"${bad}" is refused wherever it stands, every place reported with its path at once`, () => {
      const r = load(withBases(bad, bad, bad));
      assert.equal(r.value, undefined);
      const paths = r.issues.filter((i) => i.code === 'rulebook.legal_basis').map((i) => i.path);
      // a memorandum cited whole, with no article, is the one place that only warns (below)
      const whole = bad === 'Company Law of the PRC';
      assert.deepEqual(paths.sort(), [
        'lists.defaulters.legal_basis',
        'measures.rail.ban.legal_basis',
        ...(whole ? [] : ['memoranda.0.legal_basis']),
      ]);
      for (const i of r.issues) assert.equal(typeof i.line, 'number');
    });
  }

  test('a memorandum cited whole by its title and year loads with a warning; its placeholder does not load', () => {
    const whole = 'Joint memorandum on judgment defaulters (2016)';
    const r = load(withBases(GOOD, GOOD, whole));
    assert.ok(r.value, JSON.stringify(r.issues));
    assert.deepEqual(
      r.warnings.filter((w) => w.path === 'memoranda.0.legal_basis').map((w) => w.message),
      [legalBasisProblem(whole)],
    );
    // the same words on a list or a sanction are refused: those are the decisions that reach people
    assert.equal(load(withBases(whole, GOOD, GOOD)).value, undefined);
    assert.equal(load(withBases(GOOD, whole, GOOD)).value, undefined);
    for (const bad of ['TODO', 'Joint memorandum TBD', 'n/a'])
      assert.equal(load(withBases(GOOD, GOOD, bad)).value, undefined, bad);
  });

  test('a placeholder hidden inside an otherwise real citation is still refused', () => {
    for (const sneaky of [
      `${GOOD}; for welfare limits PLACEHOLDER: municipal regulation`,
      `${GOOD} (TODO confirm the article)`,
      `${GOOD}; local rule to be supplied`,
    ])
      assert.match(legalBasisProblem(sneaky) ?? '', /placeholder/, sneaky);
  });

  test('an article number with no instrument is not a citation', () => {
    assert.match(legalBasisProblem('art. 3, art. 4') ?? '', /no instrument/);
  });

  test('real citations in the usual forms are accepted, English and Chinese', () => {
    for (const ok of [
      GOOD,
      'Company Law of the PRC (2023 revision), art. 178',
      'Directive 2014/24/EU on public procurement, Art. 57(1)(b)',
      'Guo Fa [2016] No. 33, section II (joint incentives)',
      'Memorandum on judgment defaulters (2016), part II',
      'Gesetz gegen Wettbewerbsbeschränkungen § 124',
      'Procurement Regulations 2015, reg. 57',
      '最高人民法院关于限制被执行人高消费的若干规定 第三条',
    ])
      assert.equal(legalBasisProblem(ok), undefined, ok);
    assert.ok(load(withBases(GOOD, GOOD, GOOD)).value);
  });

  test('a black list without any legal basis loads with a warning, a sanction without one does not load', () => {
    const text = withBases(GOOD, GOOD, GOOD).replace(/^ {4}legal_basis: .*\n/m, '');
    const r = load(text);
    assert.ok(r.value);
    assert.ok(r.warnings.some((w) => w.path === 'lists.defaulters.legal_basis'));
  });

  test('a version already stored in a registry still loads, its placeholders shown as warnings', () => {
    const text = withBases('PLACEHOLDER', GOOD, GOOD);
    assert.equal(load(text).value, undefined);
    const stored = loadRulebook(text, { hash: 'h', stored: true });
    assert.ok(stored.value);
    assert.ok(stored.warnings.some((w) => w.path === 'lists.defaulters.legal_basis'));
  });
});

describe('record domains come from the catalogue of permitted public credit information', () => {
  test('every domain the shipped rulebooks use is in the catalogue, with a legal basis that cites an article', () => {
    const files = [
      'rulebooks/default.yaml',
      ...readdirSync('rulebooks/examples').map((f) => `rulebooks/examples/${f}`),
    ];
    for (const f of files) {
      const r = load(readFileSync(f, 'utf8'));
      assert.ok(r.value, `${f}: ${JSON.stringify(r.issues)}`);
      for (const t of r.value.recordTypes.values()) {
        const entry = domainEntry(t.domain);
        assert.ok(entry, `${f}: ${t.domain}`);
        assert.equal(legalBasisProblem(entry.legalBasis), undefined, entry.domain);
      }
    }
  });

  for (const domain of ['religion', 'social_behaviour', 'misc', 'Tax']) {
    test(`a record type in domain "${domain}" is a load error at its path`, () => {
      const r = load(`${HEAD}record_types:\n${COURT.replace('domain: court', `domain: ${domain}`)}`);
      assert.equal(r.value, undefined);
      const i = r.issues.find((x) => x.path === 'record_types.court.judgment_default.domain');
      assert.ok(i, JSON.stringify(r.issues));
      assert.match(i.message, /not in the catalogue/);
    });
  }

  test('a sanction or memorandum naming a domain outside the catalogue is refused too', () => {
    const text = withBases(GOOD, GOOD, GOOD)
      .replace('    domains: [court]', '    domains: [court, online_conduct]')
      .replace('from_domains: [court]', 'from_domains: [court, neighbourhood_reports]');
    const paths = load(text)
      .issues.filter((i) => i.code === 'rulebook.domain')
      .map((i) => i.path);
    assert.deepEqual(paths.sort(), ['measures.rail.ban.domains.1', 'memoranda.0.links.from_domains.1']);
  });
});

describe('the protected-category guard, widened', () => {
  const caught: [string, RegExp][] = [
    ['community.petitioning', /petitioning|political/],
    ['community.xinfang_visits', /political/],
    ['上访记录', /petitioning/],
    ['信访', /petitioning/],
    ['Party membership dues', /party membership/],
    ['market.partyMember_status', /political/],
    ['党员', /party membership/],
    ['入党申请', /party membership/],
    ['Religious images displayed', /religion/],
    ['宗教活动', /religion/],
    ['unlawful assembly', /assembly/],
    ['集会', /assembly/],
    ['游行', /assembly/],
    ['online speech', /surveillance|speech/],
    ['言论', /surveillance/],
    ['trade-union membership', /trade-union/],
    ['gait recognition', /biometrics/],
    ['CCTV footage', /surveillance/],
  ];
  for (const [text, category] of caught)
    test(`"${text}" is caught`, () => assert.match(protectedCategoryOf(text) ?? 'none', category));

  for (const innocent of [
    'transport.fare_evasion',
    'Surface water discharge',
    'Third-party contractor breach',
    'market.annual_report_not_filed',
    'Tax paid after the deadline',
  ])
    test(`"${innocent}" is not caught`, () => assert.equal(protectedCategoryOf(innocent), undefined));

  test('a list, a sanction or a memorandum named for a protected category is refused at its path', () => {
    const text = withBases(GOOD, GOOD, GOOD)
      .replace('  defaulters:\n', '  petitioners:\n')
      .replace('lists.defaulters', 'lists.petitioners')
      .replace('  rail.ban:\n', '  assembly.ban:\n')
      .replace('to_measures: [rail.ban]', 'to_measures: [assembly.ban]')
      .replace('  - id: m\n', '  - id: 党员-memo\n');
    const paths = load(text)
      .issues.filter((i) => i.code === 'rulebook.protected_category')
      .map((i) => i.path);
    for (const p of ['lists.petitioners', 'measures.assembly.ban', 'memoranda.0.id'])
      assert.ok(paths.includes(p), p);
  });
});

describe('publication follows the severity tier', () => {
  const typed = (severity: string, extra: string) =>
    `${HEAD}record_types:
  tax.x_case:
    domain: tax
    severity: ${severity}
    points: -10
    counts_for: P1Y
    retention: P4Y
${extra}`;

  test('a type may narrow its publication within its tier', () => {
    for (const [sev, pub] of [
      ['general', '{ min: P3M, max: P6M }'],
      ['serious', '{ min: P1Y, max: P2Y }'],
      ['minor', '{ max: P3M }'],
    ]) {
      const r = load(typed(sev!, `    public: true\n    publish: ${pub}\n`));
      assert.ok(r.value, `${sev}: ${JSON.stringify(r.issues)}`);
      assert.ok(r.value.recordTypes.get('tax.x_case')?.publish);
    }
  });

  for (const [sev, pub, field] of [
    ['general', '{ min: P3M, max: P2Y }', 'max'],
    ['general', '{ min: P1M, max: P6M }', 'min'],
    ['serious', '{ min: P6M, max: P3Y }', 'min'],
    ['serious', '{ max: P5Y }', 'max'],
    ['minor', '{ max: P6M }', 'max'],
    ['serious', '{ min: P2Y, max: P1Y }', 'min'],
  ] as const)
    test(`a ${sev} type publishing ${pub} is refused at publish.${field}`, () => {
      const r = load(typed(sev, `    public: true\n    publish: ${pub}\n`));
      assert.equal(r.value, undefined);
      const i = r.issues.find((x) => x.path === `record_types.tax.x_case.publish.${field}`);
      assert.ok(i, JSON.stringify(r.issues));
      assert.equal(i.code, 'rulebook.publication');
    });

  test('a minor type cannot be made public without a publication span of at most 3 months', () => {
    const r = load(typed('minor', '    public: true\n'));
    assert.equal(r.value, undefined);
    assert.ok(r.issues.some((i) => i.path === 'record_types.tax.x_case.public' && /minor/.test(i.message)));
  });
});
