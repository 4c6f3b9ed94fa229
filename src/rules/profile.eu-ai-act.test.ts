import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { euAiActProfile } from './profile.eu-ai-act.ts';
import { loadRulebook } from './rulebook.loader.ts';

const load = (text: string) => {
  const r = loadRulebook(text, { hash: 'h' });
  assert.ok(r.value, JSON.stringify(r.issues));
  return r.value;
};
const file = (p: string) => load(readFileSync(p, 'utf8'));

const HEAD = `rulebook: t
version: "1"
effective_from: 2026-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: A, min: 900 }
  - { grade: D, min: 600 }
record_types:
  court.judgment_default:
    domain: court
    subjects: [person, organization]
    severity: serious
    points: -50
    counts_for: P2Y
    retention: P3Y
  transport.fare_evasion:
    domain: transport
    subjects: [person]
    severity: minor
    points: -10
    counts_for: P3M
    retention: P1Y
`;
const BASIS = "Provisions of the Supreme People's Court on Restricting High Consumption (2015), art. 3";
const LIST = `lists:
  court_defaulters:
    kind: black
    legal_basis: ${BASIS}
    enter_on: [court.judgment_default]
    max: P2Y
`;
const rail = (appliesTo: string, domains: string, when = 'lists.court_defaulters') => `measures:
  transport.high_speed_rail:
    kind: sanction
    applies_when: ${when}
    applies_to: ${appliesTo}
    domains: ${domains}
    legal_basis: ${BASIS}
    max: P2Y
`;

test('the default rulebook fails: three person-reaching sanctions rest on the 2016 court memorandum', () => {
  const p = euAiActProfile(file('rulebooks/default.yaml'));
  assert.equal(p.prohibited, true);
  const failing = p.sanctions.filter((s) => s.prohibited);
  assert.deepEqual(failing.map((s) => s.measure).sort(), [
    'employment.public_service_ban',
    'finance.credit_restriction',
    'public_services.restricted_access',
  ]);
  for (const s of failing) {
    assert.ok(s.c1.holds && s.c2.holds && s.c3.holds && s.c4.holds);
    assert.deepEqual(
      s.links.map((l) => l.path),
      [`memoranda[0] court-defaulters-2016: court → ${s.measure}`],
    );
  }
  // the consumption restrictions rest on the court list in the court's own proceedings: no link, no failure
  const rail = p.sanctions.find((s) => s.measure === 'transport.high_speed_rail');
  assert.equal(rail?.prohibited, false);
  assert.ok(p.organizationsOnly.includes('procurement.exclusion'), 'organization-only sanctions are named');
});

test('the European example passes: its person-reaching exclusion rests on its own domain and serious records', () => {
  const p = euAiActProfile(file('rulebooks/examples/eu.yaml'));
  assert.equal(p.prohibited, false);
  assert.ok(p.sanctions.length > 0, 'a sanction reaching persons was assessed, not skipped');
  for (const s of p.sanctions) assert.deepEqual(s.links, []);
});

test('a memorandum carrying court records into a rail ban on persons fails, and its path is named', () => {
  const text = `${HEAD}${LIST}${rail('[person, legal_representative]', '[transport]')}memoranda:
  - id: court-defaulters-2016
    links: { from_domains: [court], to_measures: [transport.high_speed_rail] }
    legal_basis: Joint memorandum on judgment defaulters (2016), part II
`;
  const p = euAiActProfile(load(text));
  assert.equal(p.prohibited, true);
  const s = p.sanctions.find((x) => x.measure === 'transport.high_speed_rail')!;
  assert.ok(s.c4.holds);
  assert.deepEqual(
    s.links.map((l) => l.path),
    ['memoranda[0] court-defaulters-2016: court → transport.high_speed_rail'],
  );
});

test('the same memorandum reaching organizations only is outside the ban', () => {
  const text = `${HEAD}${LIST}${rail('[organization]', '[transport]')}memoranda:
  - id: m
    links: { from_domains: [court], to_measures: [transport.high_speed_rail] }
    legal_basis: Joint memorandum on judgment defaulters (2016), part II
`;
  const p = euAiActProfile(load(text));
  assert.equal(p.prohibited, false);
  assert.deepEqual(p.organizationsOnly, ['transport.high_speed_rail']);
});

test('a score-based list pooling another domain into a person sanction fails C4, and a minor record fails C5', () => {
  const text = `${HEAD}lists:
  distrusted:
    kind: black
    legal_basis: ${BASIS}
    enter_when: score < 700
    max: P1Y
${rail('[person]', '[court, transport]', 'lists.distrusted')}`;
  const s = euAiActProfile(load(text)).sanctions[0]!;
  assert.equal(s.prohibited, true);
  const paths = s.links.map((l) => `${l.criterion} ${l.path}`);
  assert.ok(
    paths.includes('C4 lists.distrusted (score < 700): court → transport.high_speed_rail'),
    paths.join('\n'),
  );
  assert.ok(
    paths.includes(
      'C5 record_types.transport.fare_evasion (minor) → lists.distrusted → transport.high_speed_rail',
    ),
    paths.join('\n'),
  );
  assert.ok(
    !paths.some((p) => p.startsWith('C4') && p.includes(': transport →')),
    'its own domain is no C4 link',
  );
});

test('a minor record listed directly is disproportionate even within the same domain', () => {
  const text = `${HEAD}lists:
  fare_dodgers:
    kind: black
    legal_basis: ${BASIS}
    enter_on: [transport.fare_evasion]
    max: P1Y
${rail('[person]', '[transport]', 'lists.fare_dodgers')}`;
  const s = euAiActProfile(load(text)).sanctions[0]!;
  assert.equal(s.c4.holds, false);
  assert.equal(s.c5.holds, true);
  assert.equal(s.prohibited, true);
});

test('a sanction on a legal representative only is reached through organization records, not person records', () => {
  const text = `${HEAD}lists:
  fare_dodgers:
    kind: black
    legal_basis: ${BASIS}
    enter_on: [transport.fare_evasion]
    max: P1Y
${rail('[legal_representative]', '[transport]', 'lists.fare_dodgers')}`;
  const s = euAiActProfile(load(text)).sanctions[0]!;
  // fare evasion is recorded against persons only: no organization can be listed, so no representative bears it
  assert.equal(s.c2.holds, false);
  assert.equal(s.prohibited, false);
});
