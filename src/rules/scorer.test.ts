// size: the scoring semantics of DESIGN §3, item by item, over one set of helpers
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DAY, parseInstant } from '../domain/time.ts';
import { derive } from './explain.ts';
import type { LedgerRecord, SubjectFile, SubjectRef } from './ledger.model.ts';
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

function rulebook(text: string): Rulebook {
  const r = loadRulebook(text, { hash: createHash('sha256').update(text).digest('hex') });
  assert.deepEqual(r.issues, [], 'test rulebook must load');
  return r.value!;
}

const GRADES = `grades:
  - { grade: AAA, min: 1050 }
  - { grade: AA, min: 1030 }
  - { grade: A, min: 960 }
  - { grade: B, min: 850 }
  - { grade: C, min: 700 }
  - { grade: D, min: 600 }
`;

/** A scoring rulebook in the DESIGN §4 shape; `latePoints` and `lateWindow` vary per version in lex mitior tests. */
function scoringBook(
  opts: {
    version?: string;
    effectiveFrom?: string;
    latePoints?: number;
    lateWindow?: string;
    propagation?: string;
    extraTypes?: string;
    rules?: string;
  } = {},
): Rulebook {
  const {
    version = '1',
    effectiveFrom = '2020-01-01',
    latePoints = -10,
    lateWindow = 'P1Y',
    propagation = 'propagation: { branch_to_parent: 0.5, on_behalf_of: 1.0 }\n',
    extraTypes = '',
    rules = `rules:
  - id: repeat-late-payment
    when: record.type == "tax.late_payment" && history.count("tax.late_payment", "P1Y") >= 2
    points: -20
    reason: Third late payment within a year
`,
  } = opts;
  return rulebook(`rulebook: scoring-test
version: "${version}"
effective_from: ${effectiveFrom}
scale: { base: 1000, min: 600, max: 1300 }
${GRADES}record_types:
  tax.late_payment:
    title: Tax paid late
    domain: tax
    severity: minor
    points: ${latePoints}
    counts_for: ${lateWindow}
    retention: P5Y
  tax.evasion:
    title: Tax evasion
    domain: tax
    severity: serious
    points: -100
    counts_for: P3Y
    retention: P5Y
    repair: { after: P1Y, requires: [commitment_letter, proof_of_performance] }
  market.penalty:
    domain: market
    severity: general
    points: -40
    counts_for: P1Y
    retention: P2Y
  market.minor_penalty:
    domain: market
    severity: minor
    points: -3
    counts_for: P1Y
    retention: P2Y
  community.volunteering:
    domain: community
    severity: minor
    points: 5
    counts_for: P1Y
    retention: P2Y
${extraTypes}${rules}${propagation}`);
}

const ORG: SubjectRef = {
  ref: '91350100M000100Y43',
  kind: 'organization',
  facts: { kind: 'organization', sector: 'manufacturing', region: 'fuzhou' },
};
const BRANCH: SubjectRef = {
  ref: '91230184MA1BUFLT44',
  kind: 'organization',
  facts: { kind: 'organization', sector: 'manufacturing', region: 'harbin' },
};
const SUB_BRANCH: SubjectRef = {
  ref: '92371000MA3MXH0E3W',
  kind: 'organization',
  facts: { kind: 'organization', sector: 'retail', region: 'weihai' },
};
const PERSON: SubjectRef = {
  ref: 'P000001',
  kind: 'person',
  facts: { kind: 'person', sector: '', region: 'fuzhou' },
};

let serial = 0;
type RecordOpts = Partial<Omit<LedgerRecord, 'key' | 'type' | 'occurredAt'>>;

/** A ledger record of `type` that occurred on `occurred` (YYYY-MM-DD). */
function rec(type: string, occurred: string, more: RecordOpts = {}): LedgerRecord {
  const id = more.id ?? `TB-${++serial}`;
  const source = more.source ?? 'tax-bureau';
  return {
    legalBasis: 'Tax Collection Administration Law art. 32',
    suspended: [],
    ...more,
    id,
    source,
    key: `${source}/${id}`,
    type,
    occurredAt: at(occurred),
  };
}

function fileOf(
  records: readonly LedgerRecord[],
  more: { subject?: SubjectRef; branches?: SubjectFile['branches']; agents?: SubjectFile['agents'] } = {},
): SubjectFile {
  return {
    subject: more.subject ?? ORG,
    records,
    branches: more.branches ?? [],
    agents: more.agents ?? [],
  };
}

function timeline(records: readonly LedgerRecord[], books: Rulebook[] = [scoringBook()]): Timeline {
  return new Timeline(fileOf(records), new RulebookSet(books));
}

function scoreOn(tl: Timeline, date: string): number {
  return tl.scoreAt(at(date)).score;
}

// ── counting windows ───────────────────────────────────────────────────────────────────────────────

describe('a record counts inside its window: occurred_at ≤ t < occurred_at + counts_for', () => {
  const late = rec('tax.late_payment', '2026-03-01');
  const tl = timeline([late]);

  test('a record does not count before it occurred', () => {
    assert.equal(tl.scoreAt(at('2026-03-01') - 1).score, 1000);
  });

  test('a record counts from the moment it occurred, not from the end of its window', () => {
    assert.equal(scoreOn(tl, '2026-03-01'), 990);
    assert.equal(scoreOn(tl, '2026-09-01'), 990);
  });

  test('a record still counts on the last moment of its window', () => {
    assert.equal(tl.scoreAt(at('2027-03-01') - 1).score, 990);
  });

  test('a record stops counting the day its window ends', () => {
    assert.equal(scoreOn(tl, '2027-03-01'), 1000);
    assert.equal(scoreOn(tl, '2030-01-01'), 1000);
  });

  test('the window is a calendar period: a year from 29 February ends on 28 February', () => {
    const leap = timeline([rec('tax.late_payment', '2028-02-29')]);
    assert.equal(leap.scoreAt(at('2029-02-28') - 1).score, 990);
    assert.equal(scoreOn(leap, '2029-02-28'), 1000);
  });

  test('the contribution says until when the record counts', () => {
    const [c] = tl.contributions(at('2026-06-01'));
    assert.equal(c?.scored.countsUntil, at('2027-03-01'));
    assert.equal(c?.points, -10);
  });
});

describe('annulment, repair and suspension', () => {
  test('an annulled record never counts, not even before it was annulled', () => {
    const tl = timeline([rec('tax.evasion', '2026-03-01', { annulledAt: at('2026-05-01') })]);
    assert.equal(scoreOn(tl, '2026-03-01'), 1000);
    assert.equal(scoreOn(tl, '2026-04-30'), 1000);
    assert.equal(scoreOn(tl, '2026-06-01'), 1000);
    assert.deepEqual(tl.contributions(at('2026-04-01')), []);
  });

  test('a repaired record counts until the repair and stops counting from the repair time', () => {
    const repairedAt = at('2027-04-15');
    const tl = timeline([rec('tax.evasion', '2026-03-01', { repairedAt })]);
    assert.equal(scoreOn(tl, '2027-04-14'), 900);
    assert.equal(tl.scoreAt(repairedAt - 1).score, 900);
    assert.equal(tl.scoreAt(repairedAt).score, 1000);
    assert.equal(scoreOn(tl, '2028-01-01'), 1000);
  });

  test('a suspended record does not count during the suspension and counts again after it', () => {
    const tl = timeline([
      rec('tax.evasion', '2026-03-01', {
        suspended: [{ from: at('2026-04-01'), to: at('2026-05-01') }],
      }),
    ]);
    assert.equal(scoreOn(tl, '2026-03-31'), 900);
    assert.equal(scoreOn(tl, '2026-04-01'), 1000);
    assert.equal(tl.scoreAt(at('2026-05-01') - 1).score, 1000);
    assert.equal(scoreOn(tl, '2026-05-01'), 900);
  });

  test('an open suspension keeps the record out until it is lifted', () => {
    const tl = timeline([
      rec('tax.evasion', '2026-03-01', {
        suspended: [{ from: at('2026-04-01'), to: Number.POSITIVE_INFINITY }],
      }),
    ]);
    assert.equal(scoreOn(tl, '2026-03-15'), 900);
    assert.equal(scoreOn(tl, '2028-01-01'), 1000);
  });

  test('a suspension does not extend the window: the record still stops at occurred_at + counts_for', () => {
    const tl = timeline([
      rec('tax.late_payment', '2026-03-01', {
        suspended: [{ from: at('2026-04-01'), to: at('2026-06-01') }],
      }),
    ]);
    assert.equal(scoreOn(tl, '2027-02-28'), 990);
    assert.equal(scoreOn(tl, '2027-03-01'), 1000);
  });
});

// ── rules and history ──────────────────────────────────────────────────────────────────────────────

describe('rules with history.count', () => {
  const repeatPoints = (tl: Timeline, id: string, date: string): number | undefined =>
    tl
      .contributions(at(date))
      .find((c) => c.item.rec.id === id)
      ?.scored.rules.find((r) => r.rule === 'repeat-late-payment')?.points;

  test('the third late payment within a year gets the rule’s extra points', () => {
    const tl = timeline([
      rec('tax.late_payment', '2026-01-10', { id: 'L1' }),
      rec('tax.late_payment', '2026-05-10', { id: 'L2' }),
      rec('tax.late_payment', '2026-09-10', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L1', '2026-10-01'), undefined);
    assert.equal(repeatPoints(tl, 'L2', '2026-10-01'), undefined);
    assert.equal(repeatPoints(tl, 'L3', '2026-10-01'), -20);
    assert.equal(scoreOn(tl, '2026-10-01'), 1000 - 10 - 10 - 30);
  });

  test('the window starts exactly one window before the record: a record on that instant is in it', () => {
    const tl = timeline([
      rec('tax.late_payment', '2025-03-01', { id: 'L1' }),
      rec('tax.late_payment', '2025-09-01', { id: 'L2' }),
      rec('tax.late_payment', '2026-03-01', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L3', '2026-03-01'), -20);
  });

  test('a record one day before the window start is not in it', () => {
    const tl = timeline([
      rec('tax.late_payment', '2025-02-28', { id: 'L1' }),
      rec('tax.late_payment', '2025-09-01', { id: 'L2' }),
      rec('tax.late_payment', '2026-03-01', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L3', '2026-03-01'), undefined);
  });

  test('history counts earlier records whether or not they still count', () => {
    // L1 stops counting on 2026-03-01 (P1Y), the same instant L3 occurs; it is still in L3's history
    const tl = timeline([
      rec('tax.late_payment', '2025-03-01', { id: 'L1', repairedAt: at('2025-04-01') }),
      rec('tax.late_payment', '2025-09-01', { id: 'L2' }),
      rec('tax.late_payment', '2026-03-01', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L3', '2026-03-01'), -20);
  });

  test('the window ends before the record: records at the same instant are not its history', () => {
    const tl = timeline([
      rec('tax.late_payment', '2026-01-10', { id: 'L1' }),
      rec('tax.late_payment', '2026-05-10', { id: 'L2' }),
      rec('tax.late_payment', '2026-05-10', { id: 'L3' }),
    ]);
    // each of L2 and L3 sees only L1 before it
    assert.equal(repeatPoints(tl, 'L2', '2026-06-01'), undefined);
    assert.equal(repeatPoints(tl, 'L3', '2026-06-01'), undefined);
    assert.equal(scoreOn(tl, '2026-06-01'), 970);
  });

  test('later records are not in a record’s history', () => {
    const tl = timeline([
      rec('tax.late_payment', '2026-01-10', { id: 'L1' }),
      rec('tax.late_payment', '2026-02-10', { id: 'L2' }),
      rec('tax.late_payment', '2026-03-10', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L1', '2026-04-01'), undefined);
    assert.equal(repeatPoints(tl, 'L2', '2026-04-01'), undefined);
  });

  test('annulled records are not in the history', () => {
    const tl = timeline([
      rec('tax.late_payment', '2026-01-10', { id: 'L1', annulledAt: at('2026-12-01') }),
      rec('tax.late_payment', '2026-05-10', { id: 'L2' }),
      rec('tax.late_payment', '2026-09-10', { id: 'L3' }),
    ]);
    assert.equal(repeatPoints(tl, 'L3', '2026-10-01'), undefined);
  });

  test('a pattern with a wildcard matches the whole domain', () => {
    const book = scoringBook({
      rules: `rules:
  - id: tax-repeat
    when: record.type == "tax.evasion" && history.count("tax.*", "P1Y") >= 1
    points: -50
    reason: Evasion after other tax problems
`,
    });
    const tl = timeline(
      [rec('tax.late_payment', '2026-01-10'), rec('tax.evasion', '2026-05-10', { id: 'E' })],
      [book],
    );
    assert.equal(scoreOn(tl, '2026-06-01'), 1000 - 10 - 150);
    const clean = timeline(
      [rec('market.penalty', '2026-01-10'), rec('tax.evasion', '2026-05-10', { id: 'E' })],
      [book],
    );
    assert.equal(scoreOn(clean, '2026-06-01'), 1000 - 40 - 100);
  });

  test('the sign filter counts only negative, or only positive, record types', () => {
    const book = scoringBook({
      rules: `rules:
  - id: after-negative
    when: record.type == "tax.late_payment" && history.count("*", "P1Y", "negative") >= 1
    points: -7
    reason: Late payment after another negative record
  - id: busy-volunteer
    when: record.type == "community.volunteering" && history.count("*", "P1Y", "positive") >= 2
    points: -5
    reason: Only two volunteering records a year count
`,
    });
    const rulesOf = (tl: Timeline, id: string, date: string) =>
      tl
        .contributions(at(date))
        .find((c) => c.item.rec.id === id)
        ?.scored.rules.map((r) => r.rule) ?? [];

    const afterVolunteering = timeline(
      [rec('community.volunteering', '2026-01-01'), rec('tax.late_payment', '2026-02-01', { id: 'L' })],
      [book],
    );
    assert.deepEqual(rulesOf(afterVolunteering, 'L', '2026-03-01'), []);

    const afterPenalty = timeline(
      [rec('market.penalty', '2026-01-01'), rec('tax.late_payment', '2026-02-01', { id: 'L' })],
      [book],
    );
    assert.deepEqual(rulesOf(afterPenalty, 'L', '2026-03-01'), ['after-negative']);

    const third = timeline(
      [
        rec('community.volunteering', '2026-01-01'),
        rec('tax.late_payment', '2026-01-15'),
        rec('community.volunteering', '2026-02-01'),
        rec('community.volunteering', '2026-03-01', { id: 'V3' }),
      ],
      [book],
    );
    assert.deepEqual(rulesOf(third, 'V3', '2026-04-01'), ['busy-volunteer']);
  });

  test('rules see the record’s amount', () => {
    const book = scoringBook({
      rules: `rules:
  - id: large-evasion
    when: record.type == "tax.evasion" && record.has_amount && record.amount >= 1000000.0
    points: -50
    reason: Tax evasion of one million or more
`,
    });
    const tl = timeline(
      [
        rec('tax.evasion', '2026-01-01', { amount: 2_000_000 }),
        rec('tax.evasion', '2026-01-02', { amount: 10 }),
      ],
      [book],
    );
    assert.equal(scoreOn(tl, '2026-02-01'), 1000 - 150 - 100);
  });
});

// ── lex mitior ─────────────────────────────────────────────────────────────────────────────────────

describe('no retroactive aggravation (lex mitior) across rulebook versions', () => {
  const v1 = (points: number, window = 'P2Y') =>
    scoringBook({ version: '2026.1', effectiveFrom: '2026-01-01', latePoints: points, lateWindow: window });
  const v2 = (points: number, window = 'P2Y') =>
    scoringBook({ version: '2027.1', effectiveFrom: '2027-01-01', latePoints: points, lateWindow: window });

  test('a milder later version applies to old records from its effective date', () => {
    const tl = timeline([rec('tax.late_payment', '2026-06-01')], [v1(-30), v2(-10)]);
    assert.equal(scoreOn(tl, '2026-12-31'), 970);
    assert.equal(tl.scoreAt(at('2027-01-01') - 1).score, 970);
    assert.equal(scoreOn(tl, '2027-01-01'), 990);
    assert.equal(scoreOn(tl, '2028-01-01'), 990);
  });

  test('a harsher later version does not apply to records that occurred before it', () => {
    const tl = timeline([rec('tax.late_payment', '2026-06-01')], [v1(-10), v2(-50)]);
    assert.equal(scoreOn(tl, '2026-12-01'), 990);
    assert.equal(scoreOn(tl, '2027-06-01'), 990);
  });

  test('a record after the harsher version’s date gets the harsher points', () => {
    const tl = timeline(
      [
        rec('tax.late_payment', '2026-06-01', { id: 'old' }),
        rec('tax.late_payment', '2027-02-01', { id: 'new' }),
      ],
      [v1(-10), v2(-50)],
    );
    const points = new Map(tl.contributions(at('2027-06-01')).map((c) => [c.item.rec.id, c.points]));
    assert.equal(points.get('old'), -10);
    assert.equal(points.get('new'), -50);
    assert.equal(scoreOn(tl, '2027-06-01'), 940);
  });

  test('the version order given to the set does not matter', () => {
    const a = timeline([rec('tax.late_payment', '2026-06-01')], [v2(-10), v1(-30)]);
    assert.equal(scoreOn(a, '2026-12-31'), 970);
    assert.equal(scoreOn(a, '2027-01-01'), 990);
  });

  test('a later version with a shorter window ends old records early, from its effective date', () => {
    // under v1 the record counts until 2028-06-01; under v2 it would have stopped on 2026-12-01
    const tl = timeline([rec('tax.late_payment', '2026-06-01')], [v1(-10, 'P2Y'), v2(-10, 'P6M')]);
    assert.equal(scoreOn(tl, '2026-12-31'), 990);
    assert.equal(scoreOn(tl, '2027-01-01'), 1000);
  });

  test('a later version with a longer window does not lengthen old records', () => {
    const tl = timeline([rec('tax.late_payment', '2026-06-01')], [v1(-10, 'P1Y'), v2(-10, 'P3Y')]);
    assert.equal(scoreOn(tl, '2027-05-31'), 990);
    assert.equal(scoreOn(tl, '2027-06-01'), 1000);
  });

  test('a later version that drops a repeat rule lifts the rule’s points from its date', () => {
    const withRule = scoringBook({ version: '2026.1', effectiveFrom: '2026-01-01' });
    const withoutRule = scoringBook({ version: '2027.1', effectiveFrom: '2027-01-01', rules: '' });
    const tl = timeline(
      [
        rec('tax.late_payment', '2026-03-01'),
        rec('tax.late_payment', '2026-05-01'),
        rec('tax.late_payment', '2026-07-01'),
      ],
      [withRule, withoutRule],
    );
    assert.equal(scoreOn(tl, '2026-12-01'), 1000 - 50);
    assert.equal(scoreOn(tl, '2027-01-15'), 1000 - 30);
  });

  test('a record type removed by a later version stops counting from that version', () => {
    const noEvasion = rulebook(
      scoringBookText()
        .replace(/ {2}tax\.evasion:\n( {4}.*\n)+/, '')
        .replace('version: "1"', 'version: "2027.1"')
        .replace('effective_from: 2020-01-01', 'effective_from: 2027-01-01'),
    );
    const tl = timeline([rec('tax.evasion', '2026-06-01')], [scoringBook(), noEvasion]);
    assert.equal(scoreOn(tl, '2026-12-01'), 900);
    assert.equal(scoreOn(tl, '2027-01-01'), 1000);
  });
});

function scoringBookText(): string {
  return scoringBook().source;
}

// ── propagation ────────────────────────────────────────────────────────────────────────────────────

describe('propagation', () => {
  test('a branch’s record counts for its headquarters × branch_to_parent, labelled with its path', () => {
    const file = fileOf([], {
      branches: [
        { subject: BRANCH, depth: 1, path: [BRANCH.ref], records: [rec('tax.evasion', '2026-03-01')] },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 950);
    const [c] = tl.contributions(at('2026-04-01'));
    assert.equal(c?.factor, 0.5);
    assert.equal(c?.points, -50);
    assert.equal(c?.item.path, `branch:${BRANCH.ref}`);
  });

  test('a branch of a branch counts × branch_to_parent twice', () => {
    const file = fileOf([], {
      branches: [
        {
          subject: SUB_BRANCH,
          depth: 2,
          path: [BRANCH.ref, SUB_BRANCH.ref],
          records: [rec('tax.evasion', '2026-03-01')],
        },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 975);
    assert.equal(tl.contributions(at('2026-04-01'))[0]?.item.path, `branch:${BRANCH.ref}>${SUB_BRANCH.ref}`);
  });

  test('without a propagation section nothing propagates', () => {
    const book = scoringBook({ propagation: '' });
    const file = fileOf([], {
      branches: [
        { subject: BRANCH, depth: 1, path: [BRANCH.ref], records: [rec('tax.evasion', '2026-03-01')] },
      ],
      agents: [
        {
          subject: PERSON,
          records: [rec('tax.evasion', '2026-03-01', { onBehalfOf: ORG.ref, culpability: 'knowledge' })],
        },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([book]));
    assert.equal(scoreOn(tl, '2026-04-01'), 1000);
  });

  test('a person’s record on behalf of an organization counts for it × on_behalf_of when culpability is given', () => {
    const file = fileOf([], {
      agents: [
        {
          subject: PERSON,
          records: [rec('tax.evasion', '2026-03-01', { onBehalfOf: ORG.ref, culpability: 'acquiescence' })],
        },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 900);
    assert.equal(tl.contributions(at('2026-04-01'))[0]?.item.path, `on_behalf_of:${PERSON.ref}`);
  });

  test('without a culpability standard the person’s record does not count for the organization', () => {
    const file = fileOf([], {
      agents: [{ subject: PERSON, records: [rec('tax.evasion', '2026-03-01', { onBehalfOf: ORG.ref })] }],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 1000);
  });

  test('a person’s records on behalf of another organization, or in their own name, do not count', () => {
    const file = fileOf([], {
      agents: [
        {
          subject: PERSON,
          records: [
            rec('tax.evasion', '2026-03-01', { onBehalfOf: BRANCH.ref, culpability: 'knowledge' }),
            rec('tax.late_payment', '2026-03-01'),
          ],
        },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 1000);
  });

  test('an organization’s record naming another organization does not count for it: only persons act on behalf', () => {
    const file = fileOf([], {
      agents: [
        {
          subject: BRANCH,
          records: [rec('tax.evasion', '2026-03-01', { onBehalfOf: ORG.ref, culpability: 'knowledge' })],
        },
      ],
    });
    const tl = new Timeline(file, new RulebookSet([scoringBook()]));
    assert.equal(scoreOn(tl, '2026-04-01'), 1000);
  });

  test('the on_behalf_of factor scales the points', () => {
    const book = scoringBook({ propagation: 'propagation: { on_behalf_of: 0.25 }\n' });
    const file = fileOf([], {
      agents: [
        {
          subject: PERSON,
          records: [rec('tax.evasion', '2026-03-01', { onBehalfOf: ORG.ref, culpability: 'approval' })],
        },
      ],
    });
    assert.equal(scoreOn(new Timeline(file, new RulebookSet([book])), '2026-04-01'), 975);
  });
});

// ── clamping, rounding, grades ─────────────────────────────────────────────────────────────────────

describe('the score is clamped once, at the end', () => {
  test('deductions below the floor and later credits add up before clamping', () => {
    const records = [
      ...Array.from({ length: 5 }, (_, i) => rec('tax.evasion', `2026-01-0${i + 1}`)),
      ...Array.from({ length: 5 }, (_, i) => rec('market.penalty', `2026-02-0${i + 1}`)),
    ];
    const tl = timeline(records);
    // 1000 − 500 − 200 = 300, clamped to 600
    assert.equal(scoreOn(tl, '2026-03-01'), 600);
    assert.equal(tl.scoreAt(at('2026-03-01')).unclamped, 300);
    const withCredit = timeline([
      ...Array.from({ length: 5 }, (_, i) => rec('tax.evasion', `2026-01-0${i + 1}`)),
      ...Array.from({ length: 40 }, (_, i) => rec('community.volunteering', '2026-02-01', { id: `V${i}` })),
    ]);
    // 1000 − 500 + 200 = 700 (a running clamp would give 600 + 200 = 800)
    assert.equal(scoreOn(withCredit, '2026-03-01'), 700);
    assert.equal(withCredit.scoreAt(at('2026-03-01')).unclamped, 700);
  });

  test('a score above the ceiling is clamped to max and reported as unclamped', () => {
    const tl = timeline(
      Array.from({ length: 80 }, (_, i) => rec('community.volunteering', '2026-02-01', { id: `V${i}` })),
    );
    const s = tl.scoreAt(at('2026-03-01'));
    assert.equal(s.score, 1300);
    assert.equal(s.unclamped, 1400);
    assert.equal(s.raw, 400);
  });

  test('fractional propagated points are summed first and rounded once', () => {
    // three branch records of −3 × 0.4 = −1.2 each: −3.6 rounds to −4 (rounding each would give −3)
    const book = scoringBook({ propagation: 'propagation: { branch_to_parent: 0.4 }\n' });
    const file = fileOf([], {
      branches: [
        {
          subject: BRANCH,
          depth: 1,
          path: [BRANCH.ref],
          records: [1, 2, 3].map((d) => rec('market.minor_penalty', `2026-01-0${d}`)),
        },
      ],
    });
    const s = new Timeline(file, new RulebookSet([book])).scoreAt(at('2026-02-01'));
    assert.ok(Math.abs(s.raw + 3.6) < 1e-9);
    assert.equal(s.score, 996);
  });

  test('shuffling the records never changes the score, nor the order of its explanation (property)', () => {
    const types = [
      'tax.late_payment',
      'tax.evasion',
      'market.penalty',
      'market.minor_penalty',
      'community.volunteering',
    ];
    const start = at('2025-01-01');
    const recordArb = fc.record({
      type: fc.constantFrom(...types),
      day: fc.integer({ min: 0, max: 900 }),
      annulled: fc.boolean(),
      repairAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc
          .array(recordArb, { maxLength: 25 })
          .chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        fc.array(fc.integer({ min: 0, max: 1400 }), { minLength: 1, maxLength: 5 }),
        ([specs, shuffled], probes) => {
          const build = (list: typeof specs) =>
            list.map((s) => {
              const occurredAt = start + s.day * DAY;
              const id = `X${specs.indexOf(s)}`;
              return {
                key: `src/${id}`,
                id,
                source: 'src',
                type: s.type,
                occurredAt,
                legalBasis: 'law',
                suspended: [],
                ...(s.annulled ? { annulledAt: occurredAt + 10 * DAY } : {}),
                ...(s.repairAfter !== undefined ? { repairedAt: occurredAt + s.repairAfter * DAY } : {}),
              } satisfies LedgerRecord;
            });
          const a = timeline(build(specs));
          const b = timeline(build(shuffled));
          for (const p of probes) {
            const t = start + p * DAY;
            const sa = a.scoreAt(t);
            const sb = b.scoreAt(t);
            assert.equal(sa.score, sb.score);
            assert.equal(sa.grade, sb.grade);
            const lines = (tl: Timeline) => tl.contributions(t).map((c) => [c.item.rec.key, c.points]);
            assert.deepEqual(lines(a), lines(b));
            const sum = a.contributions(t).reduce((s, c) => s + c.points, 0);
            assert.equal(sa.score, Math.min(1300, Math.max(600, 1000 + Math.round(sum))));
          }
        },
      ),
      { seed: 20260301, numRuns: 200 },
    );
  });
});

describe('grades come from the bands, highest first', () => {
  /** Score with `penalties` × −40, `minors` × −3 and `volunteering` × +5. */
  const scoreWith = (penalties: number, minors = 0, volunteering = 0) => {
    const records: LedgerRecord[] = [
      ...Array.from({ length: penalties }, () => rec('market.penalty', '2026-01-01')),
      ...Array.from({ length: minors }, () => rec('market.minor_penalty', '2026-01-01')),
      ...Array.from({ length: volunteering }, () => rec('community.volunteering', '2026-01-01')),
    ];
    return timeline(records).scoreAt(at('2026-02-01'));
  };

  test('a score exactly on a band’s minimum gets that band', () => {
    assert.equal(scoreWith(1).score, 960);
    assert.equal(scoreWith(1).grade, 'A');
    assert.equal(scoreWith(0, 0, 10).score, 1050);
    assert.equal(scoreWith(0, 0, 10).grade, 'AAA');
    assert.equal(scoreWith(0, 0, 6).score, 1030);
    assert.equal(scoreWith(0, 0, 6).grade, 'AA');
    assert.equal(scoreWith(3, 0, 2).score, 890);
    assert.equal(scoreWith(0, 0, 0).grade, 'A');
  });

  test('one point below a band’s minimum gets the next band down', () => {
    const s = scoreWith(1, 2, 1); // 1000 − 40 − 6 + 5 = 959
    assert.equal(s.score, 959);
    assert.equal(s.grade, 'B');
    const aa = scoreWith(0, 2, 7); // 1000 − 6 + 35 = 1029
    assert.equal(aa.score, 1029);
    assert.equal(aa.grade, 'A');
  });

  test('a clamped score at the floor gets the lowest grade', () => {
    const s = scoreWith(12);
    assert.equal(s.score, 600);
    assert.equal(s.grade, 'D');
  });

  test('an untouched subject sits at the base score', () => {
    const s = timeline([]).scoreAt(at('2026-01-01'));
    assert.deepEqual([s.score, s.grade, s.raw], [1000, 'A', 0]);
  });
});

// ── explanation ────────────────────────────────────────────────────────────────────────────────────

describe('every score comes with its explanation', () => {
  const designExample = (): Rulebook =>
    rulebook(readFileSync(new URL('../../rulebooks/examples/design-example.yaml', import.meta.url), 'utf8'));

  test('contributions sum to the raw points, and base + raw gives the score', () => {
    const tl = new Timeline(
      fileOf(
        [
          rec('tax.late_payment', '2026-01-10'),
          rec('tax.late_payment', '2026-05-10'),
          rec('tax.late_payment', '2026-09-10', { id: 'L3' }),
          rec('community.volunteering', '2026-09-20'),
        ],
        {
          branches: [
            { subject: BRANCH, depth: 1, path: [BRANCH.ref], records: [rec('tax.evasion', '2026-03-01')] },
          ],
        },
      ),
      new RulebookSet([designExample()]),
    );
    const { explanation: e } = derive(tl, at('2026-10-01'));
    const sum = e.contributions.reduce((s, c) => s + c.points, 0);
    assert.equal(sum, e.raw);
    assert.equal(e.raw, -10 - 10 - 30 + 5 - 50);
    assert.equal(e.score, e.base + Math.round(e.raw));
    assert.equal(e.clamped, null);
    const rule = e.contributions.find((c) => c.rule === 'repeat-late-payment');
    assert.equal(rule?.record, 'L3');
    assert.equal(rule?.points, -20);
    assert.equal(rule?.reason, 'Third late payment within a year');
    assert.ok(e.contributions.some((c) => c.path === `branch:${BRANCH.ref}` && c.points === -50));
  });

  test('nextGradeChange names the record that stops counting and its date', () => {
    const tl = new Timeline(
      fileOf([
        rec('tax.evasion', '2026-03-01', { id: 'E1' }),
        rec('tax.late_payment', '2026-06-01', { id: 'L1' }),
      ]),
      new RulebookSet([designExample()]),
    );
    const { explanation: e } = derive(tl, at('2026-07-01'));
    assert.equal(e.score, 890);
    assert.equal(e.grade, 'B');
    // L1 stopping on 2027-06-01 leaves the grade at B (900); E1 stopping on 2029-03-01 lifts it to A
    assert.ok(e.nextGradeChange);
    assert.equal(e.nextGradeChange.from, 'B');
    assert.equal(e.nextGradeChange.to, 'A');
    assert.equal(e.nextGradeChange.at, at('2029-03-01'));
    assert.equal(e.nextGradeChange.score, 1000);
    assert.ok(
      e.nextGradeChange.because.some((b) => b.includes('E1') && /stops counting/.test(b)),
      JSON.stringify(e.nextGradeChange.because),
    );
    assert.ok(e.nextChangeAt !== null && e.nextChangeAt <= at('2027-06-01'));
  });

  test('a grade change caused by a repair says so', () => {
    const tl = new Timeline(
      fileOf([rec('tax.evasion', '2026-03-01', { id: 'E1', repairedAt: at('2027-05-01') })]),
      new RulebookSet([designExample()]),
    );
    const { explanation: e } = derive(tl, at('2026-07-01'));
    assert.equal(e.nextGradeChange?.at, at('2027-05-01'));
    assert.ok(e.nextGradeChange?.because.some((b) => b.includes('E1') && /repaired/.test(b)));
  });

  test('repairable lists each repairable negative record with its repair date and materials', () => {
    const tl = new Timeline(
      fileOf([
        rec('tax.evasion', '2026-03-01', { id: 'E1' }),
        rec('tax.late_payment', '2026-06-01', { id: 'L1' }),
      ]),
      new RulebookSet([designExample()]),
    );
    const { explanation: e } = derive(tl, at('2026-07-01'));
    assert.deepEqual(e.repairable, [
      {
        record: 'E1',
        type: 'tax.evasion',
        from: at('2027-03-01'),
        requires: ['commitment_letter', 'proof_of_performance'],
      },
    ]);
  });

  test('a record that no longer counts is not offered for repair', () => {
    const tl = new Timeline(fileOf([rec('tax.evasion', '2026-03-01')]), new RulebookSet([designExample()]));
    assert.deepEqual(derive(tl, at('2029-03-01')).explanation.repairable, []);
  });

  test('each contribution says until when it counts and under which version', () => {
    const tl = new Timeline(
      fileOf([rec('tax.evasion', '2026-03-01', { id: 'E1' })]),
      new RulebookSet([designExample()]),
    );
    const [c] = derive(tl, at('2026-07-01')).explanation.contributions;
    assert.equal(c?.until, at('2029-03-01'));
    assert.equal(c?.version, '2026.1');
    assert.equal(c?.path, 'self');
    assert.equal(c?.rule, null);
  });

  test('a clamped score reports the clamp', () => {
    const tl = new Timeline(
      fileOf(Array.from({ length: 6 }, (_, i) => rec('tax.evasion', '2026-03-01', { id: `E${i}` }))),
      new RulebookSet([designExample()]),
    );
    const { explanation: e } = derive(tl, at('2026-07-01'));
    assert.deepEqual(e.clamped, { from: 400, to: 600 });
    assert.equal(e.score, 600);
    assert.equal(
      e.contributions.reduce((s, c) => s + c.points, 0),
      -600,
    );
  });

  test('the next grade change is found even when many smaller changes come first', {}, () => {
    const book = scoringBook({
      extraTypes: `  market.small_penalty:
    domain: market
    severity: minor
    points: -5
    counts_for: P1Y
    retention: P2Y
`,
    });
    // 35 volunteering records and 35 small penalties, alternating, three days apart: as they expire one by
    // one the score moves between 900 and 905, always grade B
    const small = Array.from({ length: 70 }, (_, i) => {
      const r = rec(i % 2 === 0 ? 'community.volunteering' : 'market.small_penalty', '2025-07-01');
      return { ...r, occurredAt: r.occurredAt + i * 3 * DAY };
    });
    const tl = timeline([rec('tax.evasion', '2026-03-01', { id: 'E1' }), ...small], [book]);
    const { explanation: e } = derive(tl, at('2026-06-01'));
    assert.equal(e.grade, 'B');
    assert.equal(e.nextGradeChange?.to, 'A');
    assert.equal(e.nextGradeChange?.at, at('2029-03-01'));
  });

  test('with nothing on file there is no grade change ahead', () => {
    const tl = new Timeline(fileOf([]), new RulebookSet([designExample()]));
    const { explanation: e } = derive(tl, at('2026-07-01'));
    assert.equal(e.nextGradeChange, null);
    assert.deepEqual(e.contributions, []);
  });
});

describe('the score read from its step functions is the sum of the records counting then', () => {
  test('as corrected and as known at the time, asked in any order, whatever was annulled, recorded late, repaired or suspended (property)', () => {
    const types = ['tax.late_payment', 'tax.evasion', 'market.penalty', 'community.volunteering'];
    const start = at('2025-01-01');
    const days = (n: number | undefined) => (n === undefined ? undefined : n * DAY);
    const recordArb = fc.record({
      type: fc.constantFrom(...types),
      day: fc.integer({ min: 0, max: 900 }),
      annulAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      knownAfter: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      repairAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      suspended: fc.option(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 200 })), {
        nil: undefined,
      }),
    });
    // a probe: a day, and whether the score is asked as the registry knew the ledger then
    const probeArb = fc.tuple(fc.integer({ min: -10, max: 1500 }), fc.boolean());
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 12 }),
        fc.array(probeArb, { minLength: 4, maxLength: 16 }),
        (specs, probes) => {
          const records = specs.map((s, i): LedgerRecord => {
            const occurredAt = start + s.day * DAY;
            const later = (n: number | undefined) => (n === undefined ? undefined : occurredAt + days(n)!);
            const r: LedgerRecord = {
              ...rec(s.type, '2025-01-01', { id: `P${i}` }),
              occurredAt,
              suspended: s.suspended
                ? [
                    {
                      from: later(s.suspended[0])!,
                      to: later(s.suspended[0] + s.suspended[1])!,
                      why: 'disputed',
                    },
                  ]
                : [],
            };
            const extra: Partial<LedgerRecord> = {};
            if (s.annulAfter !== undefined) Object.assign(extra, { annulledAt: later(s.annulAfter) });
            if (s.knownAfter !== undefined) Object.assign(extra, { knownAt: later(s.knownAfter) });
            if (s.repairAfter !== undefined) Object.assign(extra, { repairedAt: later(s.repairAfter) });
            return { ...r, ...extra };
          });
          const tl = timeline(records);
          // the first lookups sum the records directly; later ones read the step functions
          for (const [day, known] of probes) {
            const t = start + day * DAY;
            const knownAt = known ? t : Number.POSITIVE_INFINITY;
            const direct = tl.contributions(t, knownAt).reduce((sum, c) => sum + c.points, 0);
            const read = tl.scoreAt(t, knownAt).raw;
            assert.ok(Math.abs(read - direct) < 1e-9, `day ${day}, known ${known}: ${read} ≠ ${direct}`);
          }
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
  });
});
