// size: the list semantics (enter_on, notice, escalation, enter_when with hold, measures) share one set of helpers and rulebooks
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDuration, parseDuration } from '../domain/duration.ts';
import { DAY, formatDate, parseInstant } from '../domain/time.ts';
import { derive } from './explain.ts';
import type { LedgerRecord, SubjectFile, SubjectRef } from './ledger.model.ts';
import { activeAt, deriveEntries, type ListEntry, pendingAt } from './lists.ts';
import { answerFromSpans, deriveMeasureSpans } from './measures.ts';
import { loadRulebook } from './rulebook.loader.ts';
import type { Rulebook } from './rulebook.model.ts';
import { Timeline } from './scorer.ts';
import { RulebookSet } from './versions.ts';

// ── helpers ────────────────────────────────────────────────────────────────────────────────────────

function at(text: string): number {
  const t = parseInstant(text);
  assert.ok(t !== undefined, `bad date ${text}`);
  return t;
}

function plus(t: number, duration: string): number {
  return addDuration(t, parseDuration(duration).value!);
}

function minus(t: number, duration: string): number {
  return addDuration(t, parseDuration(duration).value!, -1);
}

function rulebook(text: string): Rulebook {
  const r = loadRulebook(text, { hash: createHash('sha256').update(text).digest('hex') });
  assert.deepEqual(r.issues, [], 'test rulebook must load');
  return r.value!;
}

const HEAD = `rulebook: lists-test
version: "1"
effective_from: 2020-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: AAA, min: 1050 }
  - { grade: AA, min: 1030 }
  - { grade: A, min: 960 }
  - { grade: B, min: 850 }
  - { grade: C, min: 700 }
  - { grade: D, min: 600 }
record_types:
  court.judgment_default:
    title: Able but refusing to perform a judgment
    domain: court
    severity: serious
    points: -50
    counts_for: P2Y
    retention: P3Y
    repair: { after: P0D, requires: [commitment_letter, proof_of_performance] }
  market.penalty:
    domain: market
    severity: general
    points: -150
    counts_for: P1Y
    retention: P2Y
  community.bonus:
    domain: community
    severity: minor
    points: 100
    counts_for: P20D
    retention: P1Y
  community.volunteering:
    domain: community
    severity: minor
    points: 5
    counts_for: P1Y
    retention: P2Y
`;

/** The court defaulter list of the tests: warned 30 days ahead, earliest repair after 6 months, 2 years at most. */
const DEFAULTERS = `  defaulters:
    kind: black
    title: Court judgment defaulters
    legal_basis: Provisions on publishing the list of dishonest judgment defaulters, art. 1
    enter_on: [court.judgment_default]
    notice: P30D
    min: P6M
    max: P2Y
    public: { organization: true, person: true }
`;

function book(lists: string, measures = ''): Rulebook {
  return rulebook(`${HEAD}lists:\n${lists}${measures ? `measures:\n${measures}` : ''}`);
}

const ORG: SubjectRef = {
  ref: '91350100M000100Y43',
  kind: 'organization',
  facts: { kind: 'organization', sector: 'manufacturing', region: 'fuzhou' },
};

let serial = 0;
type RecordOpts = Partial<Omit<LedgerRecord, 'key' | 'type' | 'occurredAt'>>;

function rec(type: string, occurred: string | number, more: RecordOpts = {}): LedgerRecord {
  const id = more.id ?? `C-${++serial}`;
  const source = more.source ?? 'court';
  return {
    legalBasis: 'Civil Procedure Law art. 262',
    suspended: [],
    ...more,
    id,
    source,
    key: `${source}/${id}`,
    type,
    occurredAt: typeof occurred === 'number' ? occurred : at(occurred),
  };
}

function fileOf(records: readonly LedgerRecord[]): SubjectFile {
  return { subject: ORG, records, branches: [], agents: [] };
}

function timeline(records: readonly LedgerRecord[], books: readonly Rulebook[]): Timeline {
  return new Timeline(fileOf(records), new RulebookSet(books));
}

function entriesOf(records: readonly LedgerRecord[], rb: Rulebook, list?: string): ListEntry[] {
  const es = deriveEntries(timeline(records, [rb]));
  return list ? es.filter((e) => e.list === list) : es;
}

function listedOn(entries: readonly ListEntry[], t: number): string[] {
  return activeAt(entries, t)
    .map((e) => e.list)
    .sort();
}

function only<T>(xs: readonly T[]): T {
  assert.equal(xs.length, 1, `expected exactly one, got ${JSON.stringify(xs)}`);
  return xs[0]!;
}

const defaultBook = (): Rulebook =>
  rulebook(readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8'));

// ── enter_on with notice ───────────────────────────────────────────────────────────────────────────

describe('a record of a listed type lists its subject after the notice', () => {
  const rb = book(DEFAULTERS);
  const occurred = at('2026-03-01');
  const effective = at('2026-03-31');

  test('the subject is warned when the record occurs and listed when the notice ends', () => {
    const e = only(entriesOf([rec('court.judgment_default', '2026-03-01', { id: 'J1' })], rb));
    assert.equal(e.list, 'defaulters');
    assert.equal(e.warnedAt, occurred);
    assert.equal(e.since, effective);
    assert.equal(e.lapsed, false);
    assert.deepEqual(e.grounds, { kind: 'records', records: ['court/J1'] });
    assert.equal(e.legalBasis, 'Provisions on publishing the list of dishonest judgment defaulters, art. 1');
    assert.equal(e.earliestRepair, plus(effective, 'P6M'));
  });

  test('during the notice the subject is warned but not listed', () => {
    const es = entriesOf([rec('court.judgment_default', '2026-03-01')], rb);
    assert.deepEqual(listedOn(es, occurred), []);
    assert.deepEqual(listedOn(es, effective - 1), []);
    assert.equal(pendingAt(es, occurred).length, 1);
    assert.equal(pendingAt(es, effective - 1).length, 1);
    assert.equal(pendingAt(es, occurred - 1).length, 0);
  });

  test('the entry takes effect the day the notice ends', () => {
    const es = entriesOf([rec('court.judgment_default', '2026-03-01')], rb);
    assert.deepEqual(listedOn(es, effective), ['defaulters']);
    assert.equal(pendingAt(es, effective).length, 0);
  });

  test('the entry ends automatically at max', () => {
    const e = only(entriesOf([rec('court.judgment_default', '2026-03-01')], rb));
    assert.equal(e.until, plus(effective, 'P2Y'));
    assert.equal(e.exit, 'max');
    assert.deepEqual(listedOn([e], e.until - 1), ['defaulters']);
    assert.deepEqual(listedOn([e], e.until), []);
  });

  test('a record annulled before the notice ends leaves a lapsed warning and is never listed', () => {
    const es = entriesOf([rec('court.judgment_default', '2026-03-01', { annulledAt: at('2026-03-20') })], rb);
    const e = only(es);
    assert.equal(e.lapsed, true);
    assert.equal(e.exit, 'annulled');
    assert.equal(e.warnedAt, occurred);
    for (const day of ['2026-03-10', '2026-03-31', '2026-04-01', '2027-01-01'])
      assert.deepEqual(listedOn(es, at(day)), [], day);
    assert.equal(pendingAt(es, at('2026-03-10')).length, 1, 'the warning stood until the annulment');
    assert.equal(pendingAt(es, at('2026-03-25')).length, 0, 'no warning after the annulment');
  });

  test('a record annulled on the last day of the notice is never listed either', () => {
    const es = entriesOf([rec('court.judgment_default', '2026-03-01', { annulledAt: effective })], rb);
    assert.equal(only(es).lapsed, true);
    assert.deepEqual(listedOn(es, effective), []);
  });

  test('a record annulled after the entry took effect ends the entry at the annulment', () => {
    const annulledAt = at('2026-07-15');
    const e = only(entriesOf([rec('court.judgment_default', '2026-03-01', { annulledAt })], rb));
    assert.equal(e.lapsed, false);
    assert.equal(e.since, effective);
    assert.equal(e.until, annulledAt);
    assert.equal(e.exit, 'annulled');
  });

  test('a record annulled on the day it occurred creates no entry at all', () => {
    assert.deepEqual(
      entriesOf([rec('court.judgment_default', '2026-03-01', { annulledAt: occurred })], rb),
      [],
    );
  });

  test('a repair before min ends the entry at since + min', () => {
    const e = only(
      entriesOf([rec('court.judgment_default', '2026-03-01', { repairedAt: at('2026-05-01') })], rb),
    );
    assert.equal(e.until, plus(effective, 'P6M'));
    assert.equal(e.until, at('2026-09-30'));
    assert.equal(e.exit, 'repair');
  });

  test('a repair after min ends the entry on the repair date', () => {
    const repairedAt = at('2027-01-20');
    const e = only(entriesOf([rec('court.judgment_default', '2026-03-01', { repairedAt })], rb));
    assert.equal(e.until, repairedAt);
    assert.equal(e.exit, 'repair');
  });

  test('a repair after max changes nothing: the entry already ended at max', () => {
    const e = only(
      entriesOf([rec('court.judgment_default', '2026-03-01', { repairedAt: at('2028-06-01') })], rb),
    );
    assert.equal(e.until, plus(effective, 'P2Y'));
    assert.equal(e.exit, 'max');
  });

  test('each listed record is its own decision', () => {
    const es = entriesOf(
      [rec('court.judgment_default', '2026-03-01'), rec('court.judgment_default', '2026-09-01')],
      rb,
    );
    assert.equal(es.length, 2);
    assert.notEqual(es[0]!.decision, es[1]!.decision);
    assert.deepEqual(listedOn(es, at('2026-10-15')), ['defaulters', 'defaulters']);
  });

  test('records of other types do not list the subject', () => {
    assert.deepEqual(entriesOf([rec('community.volunteering', '2026-03-01')], rb), []);
  });

  test('entries decided the same day come out in the same order whatever order their records arrived in', () => {
    const x = rec('court.judgment_default', '2026-03-01', { id: 'X' });
    const y = rec('court.judgment_default', '2026-03-01', { id: 'Y' });
    const z = rec('court.judgment_default', '2026-03-01', { id: 'Z' });
    const order = (rs: LedgerRecord[]) => entriesOf(rs, rb).map((e) => e.decision);
    assert.equal(new Set(order([x, y, z])).size, 3);
    assert.deepEqual(order([z, x, y]), order([x, y, z]));
    assert.deepEqual(order([y, z, x]), order([x, y, z]));
  });

  test('decision ids are stable: deriving twice gives the same entries', () => {
    const records = [rec('court.judgment_default', '2026-03-01', { repairedAt: at('2027-01-01') })];
    assert.deepEqual(entriesOf(records, rb), entriesOf(records, rb));
  });
});

// ── escalation ─────────────────────────────────────────────────────────────────────────────────────

describe('escalation: abnormal operations become the serious list after three years uncured', () => {
  const rb = defaultBook();
  const report = (more: RecordOpts = {}) =>
    rec('market.annual_report_not_filed', '2026-03-01', { id: 'AR-1', source: 'market-regulator', ...more });
  const abnormalSince = at('2026-03-31'); // 30 days' notice
  const escalatesAt = plus(abnormalSince, 'P3Y');

  test('an uncured abnormal-operations entry escalates after three years, warned 60 days before', () => {
    const es = entriesOf([report()], rb);
    const abnormal = only(es.filter((e) => e.list === 'abnormal_operations'));
    assert.equal(abnormal.since, abnormalSince);
    const serious = only(es.filter((e) => e.list === 'serious_illegal'));
    assert.equal(serious.since, escalatesAt);
    assert.equal(formatDate(serious.since), '2029-03-31');
    assert.equal(serious.warnedAt, minus(escalatesAt, 'P60D'));
    assert.equal(formatDate(serious.warnedAt), '2029-01-30');
    assert.deepEqual(serious.grounds, {
      kind: 'escalation',
      from: abnormal.decision,
      list: 'abnormal_operations',
    });
    assert.equal(serious.until, plus(escalatesAt, 'P3Y'));
    assert.equal(serious.lapsed, false);
  });

  test('walking through time: warned, abnormal, warned of escalation, serious, then free', () => {
    const es = entriesOf([report()], rb);
    assert.deepEqual(listedOn(es, at('2026-03-15')), []);
    assert.deepEqual(
      pendingAt(es, at('2026-03-15')).map((e) => e.list),
      ['abnormal_operations'],
    );
    assert.deepEqual(listedOn(es, at('2027-01-01')), ['abnormal_operations']);
    assert.deepEqual(
      pendingAt(es, at('2029-02-15')).map((e) => e.list),
      ['serious_illegal'],
    );
    assert.deepEqual(pendingAt(es, at('2029-01-29')), []);
    assert.deepEqual(listedOn(es, at('2029-03-31')), ['serious_illegal']);
    assert.deepEqual(listedOn(es, at('2032-03-30')), ['serious_illegal']);
    assert.deepEqual(listedOn(es, at('2032-03-31')), []);
  });

  test('no escalation when the cause is cured in time', () => {
    const es = entriesOf([report({ repairedAt: at('2028-01-01') })], rb);
    const abnormal = only(es);
    assert.equal(abnormal.list, 'abnormal_operations');
    assert.equal(abnormal.until, at('2028-01-01'));
    assert.equal(abnormal.exit, 'repair');
    assert.deepEqual(listedOn(es, at('2029-04-01')), []);
  });

  test('a cure during the escalation warning still prevents the escalation', () => {
    const es = entriesOf([report({ repairedAt: at('2029-02-15') })], rb);
    assert.deepEqual(
      es.map((e) => e.list),
      ['abnormal_operations'],
    );
  });

  test('a repair after the escalation ends the serious entry, but not before its own min', () => {
    const es = entriesOf([report({ repairedAt: at('2029-06-01') })], rb);
    const serious = only(es.filter((e) => e.list === 'serious_illegal'));
    assert.equal(serious.until, plus(escalatesAt, 'P1Y'));
    assert.equal(serious.exit, 'repair');
  });

  test('annulling the ground after the escalation ends the serious entry at the annulment', () => {
    const es = entriesOf([report({ annulledAt: at('2029-06-01') })], rb);
    const serious = only(es.filter((e) => e.list === 'serious_illegal'));
    assert.equal(serious.until, at('2029-06-01'));
    assert.equal(serious.exit, 'annulled');
  });

  test('sanctions of the serious list apply from the escalation', () => {
    const tl = timeline([report()], [rb]);
    const { entries, spans } = derive(tl, at('2029-04-01'));
    const check = (t: string) =>
      answerFromSpans(
        spans,
        entries,
        'procurement.exclusion',
        ['serious_illegal', 'court_defaulters'],
        at(t),
        'self',
      );
    assert.equal(check('2029-03-30').applies, false);
    const during = check('2029-04-01');
    assert.equal(during.applies, true);
    assert.equal(during.until, plus(escalatesAt, 'P3Y'));
    assert.deepEqual(during.decisions, [only(entries.filter((e) => e.list === 'serious_illegal')).decision]);
  });
});

// ── enter_when with hold ───────────────────────────────────────────────────────────────────────────

describe('a list entered on a condition does not flap', () => {
  const WATCH = `  watch:
    kind: warning
    title: Watch list
    enter_when: score < 900
    hold: P90D
    max: P3Y
`;
  const rb = book(WATCH);

  // one penalty (−150) keeps the score at 850 for a year; short bonuses (+100 for 20 days) lift it to 950
  const hovering = [
    rec('market.penalty', '2026-01-01', { id: 'P1' }),
    rec('community.bonus', '2026-02-01'),
    rec('community.bonus', '2026-04-01'),
    rec('community.bonus', '2026-08-01'),
  ];

  test('the subject is listed when the condition first holds', () => {
    const e = only(entriesOf(hovering, rb, 'watch'));
    assert.equal(e.since, at('2026-01-01'));
    assert.equal(e.grounds.kind, 'condition');
    assert.equal(e.grounds.kind === 'condition' && e.grounds.score, 850);
  });

  test('short returns above the threshold do not end the entry', () => {
    const es = entriesOf(hovering, rb, 'watch');
    assert.equal(es.length, 1);
    for (const day of ['2026-02-05', '2026-02-25', '2026-04-10', '2026-08-10', '2026-12-31'])
      assert.deepEqual(listedOn(es, at(day)), ['watch'], day);
  });

  test('the entry ends once the condition has been false for the whole hold', () => {
    const e = only(entriesOf(hovering, rb, 'watch'));
    // the penalty stops counting on 2027-01-01; the hold runs 90 days from then
    assert.equal(e.until, plus(at('2027-01-01'), 'P90D'));
    assert.equal(e.exit, 'condition');
  });

  test('a false spell that ends one day before the hold is over does not end the entry', () => {
    const rb2 = book(WATCH.replace('hold: P90D', 'hold: P21D'));
    // each bonus lifts the score for 20 days: one day short of the hold
    const es = entriesOf(hovering, rb2, 'watch');
    assert.equal(es.length, 1);
    assert.equal(es[0]!.until, plus(at('2027-01-01'), 'P21D'));
  });

  test('with a hold shorter than a false spell the subject leaves, and comes back as a new decision', () => {
    const rb2 = book(WATCH.replace('hold: P90D', 'hold: P10D'));
    const es = entriesOf(hovering, rb2, 'watch');
    assert.deepEqual(
      es.map((e) => [formatDate(e.since), formatDate(e.until)]),
      [
        ['2026-01-01', '2026-02-11'],
        ['2026-02-21', '2026-04-11'],
        ['2026-04-21', '2026-08-11'],
        ['2026-08-21', '2027-01-11'],
      ],
    );
    assert.equal(new Set(es.map((e) => e.decision)).size, 4);
  });

  test('with notice, a condition gone before the notice ends leaves a lapsed warning', () => {
    const rb2 = book(`${WATCH}    notice: P30D\n`);
    // ten days in, eleven volunteering records (+55) lift the score from 850 to 905 for the rest of the notice
    const es = entriesOf(
      [
        rec('market.penalty', '2026-01-01'),
        rec('community.volunteering', '2026-01-11'),
        ...Array.from({ length: 10 }, () => rec('community.volunteering', '2026-01-11')),
      ],
      rb2,
      'watch',
    );
    const e = only(es);
    assert.equal(e.lapsed, true);
    assert.equal(e.warnedAt, at('2026-01-01'));
    assert.deepEqual(listedOn(es, at('2026-02-15')), []);
  });

  test('with notice, a condition that still holds when the notice ends lists the subject then', () => {
    const rb2 = book(`${WATCH}    notice: P30D\n`);
    const es = entriesOf([rec('market.penalty', '2026-01-01')], rb2, 'watch');
    const e = only(es);
    assert.equal(e.warnedAt, at('2026-01-01'));
    assert.equal(e.since, at('2026-01-31'));
    assert.equal(e.until, plus(at('2027-01-01'), 'P90D'));
  });

  test('a condition entry ends when the record that caused it is annulled', {}, () => {
    const es = entriesOf(
      [rec('market.penalty', '2026-01-01', { annulledAt: at('2026-03-01') })],
      rb,
      'watch',
    );
    const e = only(es);
    assert.equal(e.until, at('2026-03-01'));
    assert.equal(e.exit, 'annulled');
  });

  test('a history window that starts on 29 February closes on the calendar, and the list condition sees it', {}, () => {
    const rb2 = rulebook(`${HEAD}lists:
  clean:
    kind: red
    enter_when: history.count("*", "P2Y", "negative") == 0
    max: P1Y
`);
    const onLeapDay = entriesOf([rec('court.judgment_default', '2024-02-29')], rb2, 'clean');
    assert.deepEqual(
      onLeapDay.map((e) => formatDate(e.since)),
      ['2026-03-01'],
    );
  });

  test('a history window in a list condition ends at t, inclusive', () => {
    const rb2 = rulebook(`${HEAD}lists:
  clean:
    kind: red
    enter_when: history.count("*", "P2Y", "negative") == 0
    max: P1Y
`);
    const e = only(entriesOf([rec('court.judgment_default', '2024-03-01')], rb2, 'clean'));
    // the record is in [t − P2Y, t] up to and including 2026-03-01 00:00
    assert.equal(e.since, at('2026-03-01') + 1);
  });

  test('a condition entry ends at max even while the condition holds, and does not restart at once', () => {
    const rb2 = book(WATCH.replace('max: P3Y', 'max: P6M'));
    const es = entriesOf([rec('market.penalty', '2026-01-01')], rb2, 'watch');
    const e = only(es);
    assert.equal(e.until, plus(at('2026-01-01'), 'P6M'));
    assert.equal(e.exit, 'max');
  });
});

// ── measures ───────────────────────────────────────────────────────────────────────────────────────

describe('measures follow the list entries behind them', () => {
  const MEASURES = `  rail.high_speed:
    kind: sanction
    title: No high-speed rail tickets
    applies_when: lists.defaulters
    applies_to: [person, organization, legal_representative]
    domains: [court]
    legal_basis: Provisions on Restricting High Consumption, art. 3
    max: P3Y
  air.travel:
    kind: sanction
    title: No flights
    applies_when: lists.defaulters
    domains: [court]
    legal_basis: Provisions on Restricting High Consumption, art. 3
    max: P1Y
  transport.discount:
    kind: reward
    title: Discount on public transport
    applies_when: grade in ["AAA", "AA"]
`;
  const rb = book(DEFAULTERS, MEASURES);
  const effective = at('2026-03-31');

  const check = (records: readonly LedgerRecord[], measure: string, t: number) => {
    const tl = timeline(records, [rb]);
    const entries = deriveEntries(tl);
    const spans = deriveMeasureSpans(tl, entries);
    return { answer: answerFromSpans(spans, entries, measure, ['defaulters'], t, 'self'), entries, spans };
  };

  test('a sanction applies while the list entry stands, with the decision behind it', () => {
    const records = [rec('court.judgment_default', '2026-03-01')];
    const { answer, entries } = check(records, 'rail.high_speed', at('2026-06-01'));
    assert.equal(answer.applies, true);
    assert.deepEqual(answer.decisions, [only(entries).decision]);
    assert.equal(answer.until, plus(effective, 'P2Y'));
    assert.equal(answer.via, 'self');
  });

  test('a sanction does not apply during the notice', () => {
    const records = [rec('court.judgment_default', '2026-03-01')];
    assert.equal(check(records, 'rail.high_speed', at('2026-03-15')).answer.applies, false);
    assert.equal(check(records, 'rail.high_speed', effective).answer.applies, true);
  });

  test('a sanction stops the day the entry ends', () => {
    const repairedAt = at('2027-01-20');
    const records = [rec('court.judgment_default', '2026-03-01', { repairedAt })];
    const before = check(records, 'rail.high_speed', repairedAt - 1).answer;
    assert.equal(before.applies, true);
    assert.equal(before.until, repairedAt);
    const after = check(records, 'rail.high_speed', repairedAt).answer;
    assert.deepEqual(after, { applies: false, until: null, decisions: [], via: 'self' });
  });

  test('a sanction whose grounds were annulled before the notice ended never applies', () => {
    const records = [rec('court.judgment_default', '2026-03-01', { annulledAt: at('2026-03-10') })];
    const { spans } = check(records, 'rail.high_speed', effective);
    assert.deepEqual(
      spans.filter((s) => s.measure === 'rail.high_speed'),
      [],
    );
  });

  test('a measure is capped by its own max even while the entry stands', () => {
    const records = [rec('court.judgment_default', '2026-03-01')];
    const capped = plus(effective, 'P1Y');
    const before = check(records, 'air.travel', capped - 1).answer;
    assert.equal(before.applies, true);
    assert.equal(before.until, capped);
    const after = check(records, 'air.travel', capped);
    assert.equal(after.answer.applies, false);
    assert.deepEqual(listedOn(after.entries, capped), ['defaulters'], 'the subject is still listed');
  });

  test('a capped measure does not restart while the subject stays listed, but a later entry starts it again', () => {
    const records = [
      rec('court.judgment_default', '2026-03-01'),
      rec('court.judgment_default', '2029-01-01'),
    ];
    const { spans } = check(records, 'air.travel', 0);
    assert.deepEqual(
      spans.filter((s) => s.measure === 'air.travel').map((s) => [formatDate(s.from), formatDate(s.until)]),
      [
        ['2026-03-31', '2027-03-31'],
        ['2029-01-31', '2030-01-31'],
      ],
    );
  });

  test('a reward applies while the grade qualifies', () => {
    // six volunteering records: 1030, grade AA, for one year
    const records = Array.from({ length: 6 }, () => rec('community.volunteering', '2026-03-01'));
    const tl = timeline(records, [rb]);
    const { entries, spans } = derive(tl, at('2026-06-01'));
    const ask = (t: number) => answerFromSpans(spans, entries, 'transport.discount', [], t, 'self');
    assert.equal(ask(at('2026-02-28')).applies, false);
    const during = ask(at('2026-06-01'));
    assert.equal(during.applies, true);
    assert.equal(during.until, at('2027-03-01'));
    assert.deepEqual(during.decisions, []);
    assert.equal(ask(at('2027-03-01')).applies, false);
  });

  test('a reward is lost when the grade drops', () => {
    const records = [
      ...Array.from({ length: 6 }, () => rec('community.volunteering', '2026-03-01')),
      rec('court.judgment_default', '2026-06-01'),
    ];
    const tl = timeline(records, [rb]);
    const { entries, spans } = derive(tl, at('2026-06-01'));
    const ask = (t: number) => answerFromSpans(spans, entries, 'transport.discount', [], t, 'self');
    assert.equal(ask(at('2026-05-31')).applies, true);
    assert.equal(ask(at('2026-05-31')).until, at('2026-06-01'));
    assert.equal(ask(at('2026-06-01')).applies, false);
  });
});

describe('the explanation shows list entries and pending warnings', () => {
  test('a warned subject sees the warning, then the entry', () => {
    const rb = book(DEFAULTERS);
    const tl = timeline([rec('court.judgment_default', '2026-03-01')], [rb]);
    const warned = derive(tl, at('2026-03-10')).explanation;
    assert.deepEqual(warned.lists, []);
    assert.deepEqual(
      warned.warnings.map((e) => e.list),
      ['defaulters'],
    );
    const listed = derive(tl, at('2026-04-10')).explanation;
    assert.deepEqual(
      listed.lists.map((e) => e.list),
      ['defaulters'],
    );
    assert.deepEqual(listed.warnings, []);
  });
});

// ── property: membership from entries equals a day-by-day replay ───────────────────────────────────

describe('membership at any date equals a day-by-day replay (property)', () => {
  const PROPERTY_BOOK = rulebook(`rulebook: replay-test
version: "1"
effective_from: 2020-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: A, min: 960 }
  - { grade: B, min: 850 }
  - { grade: D, min: 600 }
record_types:
  court.judgment_default:
    domain: court
    severity: serious
    points: -50
    counts_for: P2Y
    retention: P3Y
  market.report_missing:
    domain: market
    severity: general
    points: -20
    counts_for: P1Y
    retention: P3Y
  market.penalty:
    domain: market
    severity: general
    points: -80
    counts_for: P6M
    retention: P1Y
  community.bonus:
    domain: community
    severity: minor
    points: 60
    counts_for: P1M
    retention: P1Y
lists:
  defaulters:
    kind: black
    enter_on: [court.judgment_default]
    notice: P30D
    min: P6M
    max: P2Y
  abnormal:
    kind: warning
    enter_on: [market.report_missing]
    notice: P10D
    min: P0D
    max: P1Y
    escalate: { to: serious, after: P1Y, notice: P20D }
  serious:
    kind: black
    min: P3M
    max: P1Y
  distrusted:
    kind: black
    enter_when: score < 850
    notice: P15D
    hold: P40D
    max: P1Y
`);
  const L = (name: string) => PROPERTY_BOOK.lists.get(name)!;
  const d = (name: string, field: 'notice' | 'min' | 'max' | 'hold') => L(name)[field]!;
  const START = at('2026-01-01');
  const END = at('2030-06-01');

  type Spec = { type: string; day: number; annulAfter?: number; repairAfter?: number };
  const specArb: fc.Arbitrary<Spec> = fc.record(
    {
      type: fc.constantFrom(
        'court.judgment_default',
        'market.report_missing',
        'market.penalty',
        'community.bonus',
      ),
      day: fc.integer({ min: 0, max: 540 }),
      annulAfter: fc.integer({ min: 0, max: 500 }),
      repairAfter: fc.integer({ min: 0, max: 500 }),
    },
    { requiredKeys: ['type', 'day'] },
  );

  function ledger(specs: readonly Spec[]): LedgerRecord[] {
    return specs.map((s, i) => {
      const occurredAt = START + s.day * DAY;
      return {
        key: `src/R${i}`,
        id: `R${i}`,
        source: 'src',
        type: s.type,
        occurredAt,
        legalBasis: 'law',
        suspended: [],
        ...(s.annulAfter !== undefined ? { annulledAt: occurredAt + s.annulAfter * DAY } : {}),
        ...(s.repairAfter !== undefined ? { repairedAt: occurredAt + s.repairAfter * DAY } : {}),
      };
    });
  }

  /**
   * The reference: walk day by day and decide, from DESIGN §5 alone, who is on which list that day.
   * enter_on: warned at occurred_at; listed when the notice ends if the record is neither annulled nor repaired
   * by then; leaves at max, on annulment, or on repair but not before min. Escalation: when `after` has passed
   * and the subject was still on the first list the day before. enter_when: warn, enter after the notice if the
   * condition still holds, leave at max (and wait for the condition to clear) or after `hold` days of false —
   * at once when the condition turned false because a record was annulled, and on repair not before `min`.
   */
  function replay(records: readonly LedgerRecord[], tl: Timeline): Map<number, string[]> {
    type Listed = { list: string; since: number; ground: LedgerRecord; escalated: boolean };
    const out = new Map<number, string[]>();
    const pending: { list: string; effective: number; ground: LedgerRecord }[] = [];
    let listed: Listed[] = [];
    const escalations: { due: number; ground: LedgerRecord }[] = [];
    type Cond =
      | { s: 'out' }
      | { s: 'cooldown' }
      | { s: 'warned'; effective: number }
      | { s: 'in'; since: number; exitAt?: number };
    let cond: Cond = { s: 'out' };
    let prevMembers: Listed[] = [];
    for (let t = START - DAY; t <= END; t += DAY) {
      // new records are warned
      for (const r of records) {
        if (r.occurredAt !== t) continue;
        if (r.annulledAt !== undefined && r.annulledAt <= r.occurredAt) continue;
        const list =
          r.type === 'court.judgment_default'
            ? 'defaulters'
            : r.type === 'market.report_missing'
              ? 'abnormal'
              : '';
        if (list) pending.push({ list, effective: addDuration(t, d(list, 'notice')), ground: r });
      }
      // notices that end today
      for (const p of pending.filter((x) => x.effective === t)) {
        const gone = Math.min(p.ground.annulledAt ?? Infinity, p.ground.repairedAt ?? Infinity);
        if (gone > t) {
          listed.push({ list: p.list, since: t, ground: p.ground, escalated: false });
          if (p.list === 'abnormal')
            escalations.push({ due: addDuration(t, L('abnormal').escalate!.after), ground: p.ground });
        }
      }
      // escalations that fall due today
      for (const e of escalations.filter((x) => x.due === t)) {
        const stillThere = prevMembers.some((m) => m.list === 'abnormal' && m.ground === e.ground);
        if (stillThere) listed.push({ list: 'serious', since: t, ground: e.ground, escalated: true });
      }
      // exits
      listed = listed.filter((m) => {
        const r = m.ground;
        if (t >= addDuration(m.since, d(m.list, 'max'))) return false;
        if (r.annulledAt !== undefined && r.annulledAt <= t) return false;
        if (r.repairedAt !== undefined && r.repairedAt <= t && t >= addDuration(m.since, d(m.list, 'min')))
          return false;
        return true;
      });
      // the condition list
      const holds = tl.scoreAt(t, t).score < 850;
      let conditionMember = false;
      switch (cond.s) {
        case 'out':
          if (holds) cond = { s: 'warned', effective: addDuration(t, d('distrusted', 'notice')) };
          break;
        case 'cooldown':
          if (!holds) cond = { s: 'out' };
          break;
        case 'warned':
          if (t >= cond.effective) cond = holds ? { s: 'in', since: t } : { s: 'out' };
          break;
        case 'in':
          if (t >= addDuration(cond.since, d('distrusted', 'max')))
            cond = holds ? { s: 'cooldown' } : { s: 'out' };
          else if (holds) cond = { s: 'in', since: cond.since };
          else if (cond.exitAt === undefined) {
            // grounds annulled: out at once; repaired: out at once but not before min; otherwise after the hold
            const annulled = records.some((r) => r.annulledAt === t);
            const repaired = !annulled && records.some((r) => r.repairedAt === t);
            const exitAt: number = annulled
              ? t
              : repaired
                ? Math.max(
                    t,
                    L('distrusted').min ? addDuration(cond.since, d('distrusted', 'min')) : cond.since,
                  )
                : addDuration(t, d('distrusted', 'hold'));
            cond = exitAt <= t ? { s: 'out' } : { s: 'in', since: cond.since, exitAt };
          } else if (t >= cond.exitAt) cond = { s: 'out' };
          break;
      }
      if (cond.s === 'in') conditionMember = true;
      const names = listed.map((m) => m.list);
      if (conditionMember) names.push('distrusted');
      out.set(t, names.sort());
      prevMembers = listed;
    }
    return out;
  }

  test('for random small ledgers, activeAt(entries, day) lists exactly the replay’s members', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 8 }), (specs) => {
        const records = ledger(specs);
        const tl = timeline(records, [PROPERTY_BOOK]);
        const entries = deriveEntries(tl);
        const again = deriveEntries(timeline(records, [PROPERTY_BOOK]));
        assert.deepEqual(again, entries, 'deriving twice gives the same entries');
        const expected = replay(records, tl);
        for (const [t, names] of expected) {
          assert.deepEqual(listedOn(entries, t), names, `on ${formatDate(t)}`);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  test('membership on a day does not depend on what the ledger learned after that day', () => {
    const knownOn = (records: readonly LedgerRecord[], t: number): LedgerRecord[] =>
      records
        .filter((r) => r.occurredAt <= t)
        .map((r) => {
          const { annulledAt, repairedAt, ...rest } = r;
          return {
            ...rest,
            ...(annulledAt !== undefined && annulledAt <= t ? { annulledAt } : {}),
            ...(repairedAt !== undefined && repairedAt <= t ? { repairedAt } : {}),
          };
        });
    fc.assert(
      fc.property(
        fc.array(specArb, { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 1600 }), { minLength: 1, maxLength: 10 }),
        (specs, days) => {
          const records = ledger(specs);
          const entries = deriveEntries(timeline(records, [PROPERTY_BOOK]));
          for (const day of days) {
            const t = START + day * DAY;
            const then = deriveEntries(timeline(knownOn(records, t), [PROPERTY_BOOK]));
            assert.deepEqual(listedOn(then, t), listedOn(entries, t), `on ${formatDate(t)}`);
          }
        },
      ),
      { seed: 6, numRuns: 100 },
    );
  });
});
