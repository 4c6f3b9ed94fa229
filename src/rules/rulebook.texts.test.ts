// Bilingual rulebook texts: a title, reason or legal basis is one string (both languages) or {en, zh}; the model
// keeps its English strings for every reader and carries the Chinese beside; every language passes the guardrails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadRulebook } from './rulebook.loader.ts';
import { textIn } from './rulebook.model.ts';

const doc = (title: string, basis: string) => `rulebook: t
version: "1"
effective_from: 2026-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: A, min: 900 }
  - { grade: D, min: 600 }
record_types:
  court.judgment_default:
    title: { en: Able but refusing to perform a judgment, zh: 有履行能力而拒不履行生效法律文书确定义务 }
    domain: court
    severity: serious
    points: -50
    counts_for: P2Y
    retention: P3Y
rules:
  - id: again
    when: record.type == "court.judgment_default" && history.count("court.judgment_default", "P1Y") >= 1
    points: -10
    reason: { en: A second default within a year, zh: 一年内再次失信 }
lists:
  court_defaulters:
    kind: black
    title: ${title}
    legal_basis: ${basis}
    enter_on: [court.judgment_default]
    max: P2Y
measures:
  transport.air_travel:
    kind: sanction
    title: No flights
    applies_when: lists.court_defaulters
    domains: [court]
    legal_basis: Provisions on Restricting High Consumption of Judgment Defaulters (2015), art. 3
    max: P2Y
`;

const BASIS =
  '{ en: "Fa Shi [2017] No. 7, art. 1", zh: "《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）第一条" }';

test('texts given per language load with English for every reader and Chinese beside; a plain string is both', () => {
  const r = loadRulebook(doc('{ en: Court judgment defaulters, zh: 失信被执行人名单 }', BASIS), {
    hash: 'h',
  });
  assert.deepEqual(r.issues, []);
  const rb = r.value!;
  const list = rb.lists.get('court_defaulters')!;
  assert.equal(list.title, 'Court judgment defaulters');
  assert.equal(textIn(list, 'title', 'zh'), '失信被执行人名单');
  assert.equal(textIn(list, 'title', 'en'), 'Court judgment defaulters');
  assert.equal(list.legalBasis, 'Fa Shi [2017] No. 7, art. 1');
  assert.match(textIn(list, 'legalBasis', 'zh')!, /法释〔2017〕7号/);
  assert.equal(
    textIn(rb.recordTypes.get('court.judgment_default')!, 'title', 'zh'),
    '有履行能力而拒不履行生效法律文书确定义务',
  );
  assert.equal(textIn(rb.rules[0]!, 'reason', 'zh'), '一年内再次失信');
  const measure = rb.measures.get('transport.air_travel')!;
  assert.equal(textIn(measure, 'title', 'zh'), 'No flights', 'a plain string is both languages');
});

test('the guardrails read every language: a Chinese placeholder basis or protected category is refused', () => {
  const placeholder = loadRulebook(
    doc('Court judgment defaulters', '{ en: "Fa Shi [2017] No. 7, art. 1", zh: 待定 }'),
    {
      hash: 'h',
    },
  );
  assert.ok(
    placeholder.issues.some((i) => i.path === 'lists.court_defaulters.legal_basis'),
    JSON.stringify(placeholder.issues),
  );
  const religion = loadRulebook(doc('{ en: Court judgment defaulters, zh: religion of defaulters }', BASIS), {
    hash: 'h',
  });
  assert.ok(
    religion.issues.some((i) => i.path === 'lists.court_defaulters.title'),
    JSON.stringify(religion.issues),
  );
  const bad = loadRulebook(doc('{ en: Court judgment defaulters, fr: Débiteurs }', BASIS), { hash: 'h' });
  assert.ok(bad.issues.length > 0, 'only en and zh');
});

test('the default rulebook gives every record type, list and measure a Chinese title', () => {
  const rb = loadRulebook(readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8'), {
    hash: 'h',
  }).value!;
  const missing = [
    ...[...rb.recordTypes.values()].filter((t) => !t.zh?.title).map((t) => `record type ${t.name}`),
    ...[...rb.lists.values()].filter((l) => !l.zh?.title).map((l) => `list ${l.name}`),
    ...[...rb.measures.values()].filter((m) => !m.zh?.title).map((m) => `measure ${m.name}`),
  ];
  assert.deepEqual(missing, []);
});
