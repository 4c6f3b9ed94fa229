import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDuration } from '../domain/duration.ts';
import { parseInstant } from '../domain/time.ts';
import type { LedgerRecord, SubjectFile, SubjectRef } from './ledger.model.ts';
import { deriveEntries, type ListEntry } from './lists.ts';
import { deriveMeasureSpans, type MeasureSpan } from './measures.ts';
import { loadRulebook } from './rulebook.loader.ts';
import type { Rulebook } from './rulebook.model.ts';
import { Timeline } from './scorer.ts';
import { RulebookSet } from './versions.ts';

/**
 * deriveMeasureSpans walks every moment a subject's score, grade or lists can change and asks each measure's
 * condition only when its inputs changed. Its faster form (conditions' inputs rebuilt only when they can change,
 * the score read only when a condition needs it) must give exactly the spans of the plain walk kept here.
 */

const INF = Number.POSITIVE_INFINITY;

// the walk as it was written first: every input rebuilt at every moment
function referenceSpans(tl: Timeline, entries: readonly ListEntry[]): MeasureSpan[] {
  const times = new Set(tl.changeTimes());
  // list membership as a step function: +1 at since, −1 at until, walked with the times
  const steps: [number, string, number][] = [];
  for (const e of entries) {
    if (e.lapsed || e.until <= e.since) continue;
    times.add(e.since);
    steps.push([e.since, e.list, 1]);
    if (Number.isFinite(e.until)) {
      times.add(e.until);
      steps.push([e.until, e.list, -1]);
    }
  }
  steps.sort((a, b) => a[0] - b[0]);
  const sorted = [...times].sort((a, b) => a - b);
  const names = tl.versions.measureNames;
  const listNames = tl.versions.listOrder;
  const count = new Map<string, number>(listNames.map((n) => [n, 0]));
  // conditions see only score, grade, lists and the version: unchanged inputs give unchanged answers
  const memo = names.map(() => new Map<string, boolean>());
  const out: MeasureSpan[] = [];
  const open = new Map<string, { from: number; capped: number }>();
  const cappedOut = new Set<string>();
  let step = 0;
  let prevListKey = '';
  for (const t of sorted) {
    while (step < steps.length && steps[step]![0] <= t) {
      const [, list, d] = steps[step]!;
      count.set(list, (count.get(list) ?? 0) + d);
      step++;
    }
    const rb = tl.versions.at(t);
    const { score, grade } = tl.scoreAt(t);
    const lists: Record<string, boolean> = {};
    for (const n of listNames) lists[n] = (count.get(n) ?? 0) > 0;
    const listKey = `${rb.hash}|${listNames.map((n) => (lists[n] ? 1 : 0)).join('')}`;
    const stateKey = `${listKey}|${score}|${grade}`;
    const listsChanged = listKey !== prevListKey;
    prevListKey = listKey;
    names.forEach((m, i) => {
      const def = rb.measures.get(m);
      const usesState = def?.appliesWhen.usesState === true;
      // a condition on lists alone can only change when the lists (or the version) do, or its cap falls due
      if (!usesState && !listsChanged && !(open.get(m) && t >= open.get(m)!.capped)) return;
      const key = usesState ? stateKey : listKey;
      let holds = memo[i]!.get(key);
      if (holds === undefined) {
        holds = def ? def.appliesWhen.test({ score, grade, subject: tl.file.subject.facts, lists }) : false;
        memo[i]!.set(key, holds);
      }
      const cur = open.get(m);
      if (cur && t >= cur.capped) {
        out.push({ measure: m, from: cur.from, until: cur.capped });
        open.delete(m);
        if (holds) cappedOut.add(m);
      }
      const still = open.get(m);
      if (holds && !still && !cappedOut.has(m)) {
        open.set(m, { from: t, capped: def?.max ? addDuration(t, def.max) : INF });
      } else if (!holds) {
        cappedOut.delete(m);
        if (still) {
          out.push({ measure: m, from: still.from, until: t });
          open.delete(m);
        }
      }
    });
  }
  for (const [m, cur] of open) out.push({ measure: m, from: cur.from, until: cur.capped });
  return out.sort((a, b) => a.from - b.from || a.measure.localeCompare(b.measure));
}

function bookText(text: string): Rulebook {
  const r = loadRulebook(text, { hash: createHash('sha256').update(text).digest('hex') });
  assert.deepEqual(r.issues, [], 'the test rulebook must load');
  return r.value!;
}

function book(path: string, version = '1', effective?: string): Rulebook {
  let text = readFileSync(new URL(path, import.meta.url), 'utf8');
  if (effective) {
    text = text
      .replace(/^version: .*$/m, `version: "${version}"`)
      .replace(/^effective_from: .*$/m, `effective_from: ${effective}`);
  }
  const r = loadRulebook(text, { hash: createHash('sha256').update(text).digest('hex') });
  assert.deepEqual(r.issues, [], `${path} must load`);
  return r.value!;
}

const DEFAULT = book('../../rulebooks/default.yaml');
// conditions on the score, the grade and the subject's facts, one with a short cap: the default rulebook's
// conditions read lists and grades only
const EXTRA = `measures:
  test.low_score:
    kind: reward
    title: Low score (test)
    applies_when: score < 995 && subject.kind == "organization"
    applies_to: [organization]
    legal_basis: Test Regulation art. 1
    max: P3M
  test.grade_or_list:
    kind: reward
    title: Low grade or a list (test)
    applies_when: grade in ["A", "B", "C", "D"] || lists.serious_illegal
    applies_to: [organization, person]
    legal_basis: Test Regulation art. 2
`;
const STATEFUL = bookText(
  readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8').replace(
    /^measures:\n/m,
    EXTRA,
  ),
);
const LATER = book('../../rulebooks/default.yaml', '2', '2027-01-01');
const TYPES = [...DEFAULT.recordTypes.keys()];
const START = parseInstant('2024-01-01')!;
const DAY = 86_400_000;

const record = fc.record({
  type: fc.constantFrom(...TYPES),
  day: fc.integer({ min: 0, max: 3 * 365 }),
  source: fc.constantFrom('court', 'tax', 'market'),
  amount: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
});

function fileOf(
  rs: readonly { type: string; day: number; source: string; amount?: number }[],
  kind: string,
): SubjectFile {
  const records: LedgerRecord[] = rs.map((r, i) => ({
    id: `R-${i}`,
    source: r.source,
    key: `${r.source}/R-${i}`,
    type: r.type,
    occurredAt: START + r.day * DAY,
    legalBasis: 'Regulation art. 1',
    suspended: [],
    ...(r.amount !== undefined ? { amount: r.amount } : {}),
  }));
  const subject: SubjectRef =
    kind === 'person'
      ? { ref: 'P2', kind: 'person', facts: { kind: 'person', sector: '', region: '' } }
      : {
          ref: '91350100M000100Y43',
          kind: 'organization',
          facts: { kind: 'organization', sector: 'C', region: '350100' },
        };
  return { subject, records, branches: [], agents: [] };
}

function both(
  file: SubjectFile,
  books: readonly Rulebook[],
): { fast: MeasureSpan[]; plain: MeasureSpan[]; entries: ListEntry[] } {
  const tl = new Timeline(file, new RulebookSet(books));
  const entries = deriveEntries(tl);
  return {
    fast: deriveMeasureSpans(tl, entries),
    plain: referenceSpans(new Timeline(file, new RulebookSet(books)), entries),
    entries,
  };
}

describe('measure spans', () => {
  test('equal the plain walk for random files under one rulebook version', () => {
    let withSpans = 0;
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 25 }),
        fc.constantFrom('organization', 'person'),
        (rs, kind) => {
          const { fast, plain } = both(fileOf(rs, kind), [DEFAULT]);
          if (plain.length > 0) withSpans++;
          assert.deepEqual(fast, plain);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
    // the files must exercise the conditions, not only clean records
    assert.ok(withSpans > 50, `only ${withSpans} of 300 files had any measure`);
  });

  test('equal the plain walk across a change of rulebook version', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 25 }), (rs) => {
        const { fast, plain } = both(fileOf(rs, 'organization'), [DEFAULT, LATER]);
        assert.deepEqual(fast, plain);
      }),
      { numRuns: 150, seed: 61 },
    );
  });

  test('equal the plain walk with conditions on the score, the grade and the subject, and a short cap', () => {
    let lowScore = 0;
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 25 }),
        fc.constantFrom('organization', 'person'),
        (rs, kind) => {
          const { fast, plain } = both(fileOf(rs, kind), [STATEFUL]);
          if (plain.some((x) => x.measure === 'test.low_score')) lowScore++;
          assert.deepEqual(fast, plain);
        },
      ),
      { numRuns: 300, seed: 23 },
    );
    assert.ok(lowScore > 30, `only ${lowScore} of 300 files reached the score condition`);
  });

  test('a serious record opens a sanction that the plain walk opens too, and it ends', () => {
    const serious = TYPES.filter((t) => DEFAULT.recordTypes.get(t)!.points <= -100);
    assert.ok(serious.length > 0);
    const rs = Array.from({ length: 4 }, (_, i) => ({
      type: serious[i % serious.length]!,
      day: 30 * i,
      source: 'court',
    }));
    const { fast, plain, entries } = both(fileOf(rs, 'organization'), [DEFAULT]);
    assert.ok(entries.length > 0, 'the records put the subject on a list');
    assert.ok(fast.length > 0, 'a measure applies');
    assert.ok(fast.every((s) => s.until > s.from));
    assert.deepEqual(fast, plain);
  });
});
