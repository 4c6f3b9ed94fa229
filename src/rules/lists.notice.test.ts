// No sanction before notice, and one fact stops a record (DESIGN §5): list entries and the measures they bring
// follow what the registry knew and when, and stop for exactly the span in which their grounds stop counting.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDuration, parseDuration } from '../domain/duration.ts';
import { DAY, parseInstant } from '../domain/time.ts';
import type { LedgerRecord, SubjectFile, Suspension } from './ledger.model.ts';
import { activeAt, deriveEntries, isAdverse, type ListEntry } from './lists.ts';
import { deriveMeasureSpans } from './measures.ts';
import { loadRulebook } from './rulebook.loader.ts';
import type { Rulebook } from './rulebook.model.ts';
import { Timeline } from './scorer.ts';
import { RulebookSet } from './versions.ts';

const at = (s: string) => parseInstant(s)!;
const plus = (t: number, d: string) => addDuration(t, parseDuration(d).value!);

const BOOK = `rulebook: notice-test
version: "1"
effective_from: 2020-01-01
scale: { base: 1000, min: 600, max: 1300 }
grades:
  - { grade: A, min: 960 }
  - { grade: B, min: 850 }
  - { grade: C, min: 700 }
  - { grade: D, min: 600 }
record_types:
  tax.evasion:
    domain: tax
    severity: serious
    points: -100
    counts_for: P3Y
    retention: P5Y
    repair: { after: P1Y, requires: [commitment_letter] }
  market.penalty:
    domain: market
    severity: general
    points: -150
    counts_for: P1Y
    retention: P2Y
lists:
  blacklist:
    kind: black
    title: Seriously dishonest tax subjects
    legal_basis: Measures for the Administration of Tax Credit Information, art. 12
    enter_on: [tax.evasion]
    notice: P30D
    min: P6M
    max: P3Y
  lowscore:
    kind: warning
    title: Low score watch
    legal_basis: Measures for the Administration of Tax Credit Information, art. 14
    enter_when: score < 900
    notice: P10D
    hold: P30D
    max: P1Y
measures:
  rail.high_speed:
    kind: sanction
    title: No high-speed rail tickets
    applies_when: lists.blacklist
    applies_to: [person, organization, legal_representative]
    domains: [tax]
    legal_basis: Provisions on Restricting High Consumption, art. 3
    max: P2Y
`;

const rb: Rulebook = (() => {
  const r = loadRulebook(BOOK, { hash: createHash('sha256').update(BOOK).digest('hex') });
  assert.deepEqual(r.issues, [], 'test rulebook must load');
  return r.value!;
})();

let serial = 0;
function rec(type: string, occurred: number, more: Partial<LedgerRecord> = {}): LedgerRecord {
  const id = more.id ?? `R-${++serial}`;
  return {
    legalBasis: 'Tax Collection Administration Law art. 63',
    suspended: [],
    source: 'tax',
    ...more,
    id,
    key: `tax/${id}`,
    type,
    occurredAt: occurred,
  };
}

function file(records: readonly LedgerRecord[]): SubjectFile {
  return {
    subject: {
      ref: '91350100M000100Y43',
      kind: 'organization',
      facts: { kind: 'organization', sector: 'x', region: 'y' },
    },
    records,
    branches: [],
    agents: [],
  };
}

function derived(records: readonly LedgerRecord[]) {
  const tl = new Timeline(file(records), new RulebookSet([rb]));
  const entries = deriveEntries(tl);
  return { tl, entries, spans: deriveMeasureSpans(tl, entries) };
}

describe('no sanction before notice', () => {
  // the issue's reproduction: evasion on 2026-01-10, imported on 2026-03-01, black list with a 30-day notice
  const occurred = at('2026-01-10');
  const imported = at('2026-03-01');
  const backdated = rec('tax.evasion', occurred, { knownAt: imported });

  test('a backdated record is warned when the registry recorded it, not when it occurred', () => {
    const { entries } = derived([backdated]);
    const e = entries.find((x) => x.list === 'blacklist')!;
    assert.equal(e.warnedAt, imported);
    assert.equal(e.since, plus(imported, 'P30D'));
    assert.equal(e.until, plus(plus(imported, 'P30D'), 'P3Y'), 'max counts from the effective date');
  });

  test('the sanction does not apply on a day the registry had not yet heard of the record', () => {
    const { spans } = derived([backdated]);
    const rail = spans.filter((s) => s.measure === 'rail.high_speed');
    assert.ok(rail.length > 0);
    for (const day of ['2026-02-15', '2026-03-01', '2026-03-30'])
      assert.ok(!rail.some((s) => s.from <= at(day) && at(day) < s.until), `no rail ban on ${day}`);
    assert.ok(rail.some((s) => s.from <= at('2026-03-31') && at('2026-03-31') < s.until));
  });

  test('the score still counts the points from the day the conduct occurred', () => {
    const { tl } = derived([backdated]);
    assert.equal(tl.scoreAt(at('2026-02-15')).score, 900);
  });

  test('a condition list is warned when the condition first held as the registry knew it', () => {
    const late = rec('market.penalty', at('2026-01-10'), { knownAt: imported });
    const { entries } = derived([late]);
    const e = entries.find((x) => x.list === 'lowscore')!;
    assert.equal(e.warnedAt, imported, 'not 2026-01-10, when nobody could have warned');
    assert.equal(e.since, plus(imported, 'P10D'));
  });

  test('a record recorded on time is warned the day it occurred', () => {
    const e = derived([rec('tax.evasion', occurred)]).entries.find((x) => x.list === 'blacklist')!;
    assert.equal(e.warnedAt, occurred);
  });

  test('property: every adverse entry starts at least its notice after the registry knew every ground', () => {
    const day = at('2026-01-01');
    const arb = fc.array(
      fc.record({
        type: fc.constantFrom('tax.evasion', 'market.penalty'),
        occurred: fc.integer({ min: 0, max: 400 }),
        delay: fc.integer({ min: 0, max: 200 }),
        dispute: fc.option(
          fc.record({ from: fc.integer({ min: 0, max: 700 }), len: fc.integer({ min: 1, max: 90 }) }),
        ),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const records = specs.map((s, i) =>
          rec(s.type, day + s.occurred * DAY, {
            id: `P-${i}`,
            knownAt: day + (s.occurred + s.delay) * DAY,
            suspended: s.dispute
              ? [
                  {
                    from: day + s.dispute.from * DAY,
                    to: day + (s.dispute.from + s.dispute.len) * DAY,
                    why: 'review_overdue',
                  },
                ]
              : [],
          }),
        );
        const { entries, spans } = derived(records);
        const known = new Map(records.map((r) => [r.key, r.knownAt ?? r.occurredAt]));
        for (const e of entries) {
          if (e.lapsed || !isAdverse(e.kind)) continue;
          const notice = e.list === 'blacklist' ? 'P30D' : 'P10D';
          assert.ok(e.since >= plus(e.warnedAt, notice), `${e.list} effective before its notice ended`);
          if (e.grounds.kind === 'records')
            for (const k of e.grounds.records) assert.ok(e.warnedAt >= known.get(k)!, 'warned before known');
          else if (e.grounds.kind === 'condition') {
            // the condition held as known at the warning: no record it needed was unknown then
            assert.ok(e.warnedAt >= Math.min(...records.map((r) => r.knownAt ?? r.occurredAt)));
          }
        }
        // a sanction applies only inside a black-list entry in force
        for (const s of spans.filter((x) => x.measure === 'rail.high_speed'))
          assert.ok(activeAt(entries, s.from).some((e) => e.list === 'blacklist'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('one fact stops a record', () => {
  const occurred = at('2026-01-10');
  const effective = plus(occurred, 'P30D');

  function withSuspension(s: Suspension) {
    return derived([rec('tax.evasion', occurred, { id: 'E1', suspended: [s] })]);
  }

  test('an overdue review ends the black-list entry and the rail ban on the same day', () => {
    const from = at('2026-04-04');
    const { entries, spans, tl } = withSuspension({
      from,
      to: Number.POSITIVE_INFINITY,
      why: 'review_overdue',
    });
    const e = entries.find((x) => x.list === 'blacklist')!;
    assert.equal(e.since, effective);
    assert.equal(e.until, from);
    assert.equal(e.exit, 'suspended');
    assert.equal(e.suspendedWhy, 'review_overdue');
    const rail = spans.find((s) => s.measure === 'rail.high_speed')!;
    assert.equal(rail.until, from, 'the ban ends with the entry');
    assert.equal(tl.scoreAt(from).score, 1000, 'and the record stops counting the same day');
    assert.deepEqual(
      activeAt(entries, from).map((x) => x.list),
      [],
    );
  });

  test('when the dispute is decided against the subject the entry resumes without a new warning', () => {
    const from = at('2026-04-04');
    const to = at('2026-05-01');
    const { entries } = withSuspension({ from, to, why: 'disputed' });
    const black = entries.filter((x) => x.list === 'blacklist');
    assert.equal(black.length, 2);
    const [first, resumed] = black as [ListEntry, ListEntry];
    assert.equal(first.until, from);
    assert.equal(resumed.since, to);
    assert.equal(resumed.resumes, first.decision);
    assert.equal(resumed.until, plus(effective, 'P3Y'), 'the suspension does not extend the term');
    assert.equal(activeAt(entries, at('2026-04-20')).length, 0);
  });

  test('a suspension that covers the whole notice keeps the subject off the list until it ends', () => {
    const { entries } = withSuspension({ from: occurred, to: at('2026-06-01'), why: 'disputed' });
    const black = entries.filter((x) => x.list === 'blacklist' && !x.lapsed);
    assert.equal(black.length, 1);
    assert.equal(black[0]!.since, at('2026-06-01'));
  });
});
