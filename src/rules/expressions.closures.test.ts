import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { closureFor, makeCompiler } from './expressions.ts';

/**
 * Conditions run as closures translated from their CEL tree, and by cel-js where they cannot: a rulebook's
 * conditions must mean exactly what cel-js makes of them, the same answer or the same failure, whatever the
 * record, the subject's facts, its score, grade, lists or history.
 */

type Kind = 'rule' | 'state' | 'measure';

const FILES = [
  'rulebooks/default.yaml',
  ...readdirSync('rulebooks/examples')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `rulebooks/examples/${f}`),
];

const entries = (x: unknown): [string, Record<string, unknown>][] =>
  Array.isArray(x)
    ? x.map((d) => [String(d?.name ?? d?.id ?? ''), d])
    : Object.entries((x ?? {}) as Record<string, Record<string, unknown>>);

/** Every condition a shipped rulebook holds, with the kind of condition it is. */
function shipped(): { file: string; kind: Kind; source: string; lists: string[] }[] {
  const out: { file: string; kind: Kind; source: string; lists: string[] }[] = [];
  for (const file of FILES) {
    const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const lists = entries(doc.lists).map(([n]) => n);
    for (const [, r] of entries(doc.rules))
      if (typeof r.when === 'string') out.push({ file, kind: 'rule', source: r.when, lists });
    for (const [, l] of entries(doc.lists))
      if (typeof l.enter_when === 'string') out.push({ file, kind: 'state', source: l.enter_when, lists });
    for (const [, m] of entries(doc.measures))
      if (typeof m.applies_when === 'string')
        out.push({ file, kind: 'measure', source: m.applies_when, lists });
  }
  return out;
}

const LISTS = ['court_defaulters', 'serious_illegal', 'redlist'];
const PATTERNS = ['"*"', '"tax.*"', '"tax.late_payment"', '"community.volunteering"'];
const WINDOWS = ['"P1Y"', '"P2Y"', '"P30D"'];

// a value the registry gives, now and then one it never gives (missing, of another type)
const odd = fc.constantFrom(undefined, null, 7, true, 'x', 1.5);
const often = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: odd });
const text = fc.constantFrom('', 'AAA', 'AA', 'B', 'tax.evasion', 'person', 'organization', 'Beijing', 'a"b');
const double = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1_000_000, 999_999.99, Number.NaN, Number.POSITIVE_INFINITY),
);

const scope = fc.record({
  score: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -3000, max: 3000 }) },
    { weight: 1, arbitrary: fc.constantFrom(2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 53, 2 ** 62) },
    { weight: 1, arbitrary: fc.constantFrom(1.5, Number.NaN) },
  ),
  grade: often(fc.constantFrom('AAA', 'AA', 'A', 'B', 'C', 'D')),
  subject: fc.record({ kind: often(text), sector: often(text), region: often(text) }),
  record: often(
    fc.record({
      type: often(text),
      domain: often(text),
      severity: often(text),
      amount: often(double),
      has_amount: often(fc.boolean()),
      source: often(text),
      culpability: often(text),
    }),
  ),
  lists: fc.record(Object.fromEntries(LISTS.map((n) => [n, often(fc.boolean())]))),
  // counts from a table, now and then a count that fails (an unknown window, say)
  counts: fc.array(fc.oneof({ weight: 9, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.constant(-1) }), {
    minLength: 8,
    maxLength: 8,
  }),
});
type Drawn = typeof scope extends fc.Arbitrary<infer T> ? T : never;

function contextOf(d: Drawn) {
  const history = {
    count: (p: string, w: string, sign?: string): number => {
      const n = d.counts[(p.length * 3 + w.length + (sign?.length ?? 0)) % 8] ?? 0;
      if (n < 0) throw new Error(`history.count: cannot count ${p} over ${w}`);
      return n;
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: the registry's own types would forbid the odd values drawn here
  return { ...d, history } as any;
}

/** What a test makes of a context: its answer, or its failure's kind and message. */
function outcome(f: () => unknown): string {
  try {
    return `= ${String(f())}`;
  } catch (e) {
    return `! ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`;
  }
}

function tests(kind: Kind, source: string, lists: readonly string[]) {
  const fast = makeCompiler(lists)[kind]('c', source);
  const cel = makeCompiler(lists, { closures: false })[kind]('c', source);
  assert.deepEqual(fast.issues, cel.issues);
  return { fast: fast.test as (c: unknown) => boolean, cel: cel.test as (c: unknown) => boolean };
}

/** How many answers the closures gave themselves, of how many asked: the comparison is not an empty one. */
const tally = { own: 0, asked: 0 };

/** The closure answers only what cel-js answers; with cel-js behind it, the test always does. */
function agree(kind: Kind, source: string, lists: readonly string[], drawn: readonly Drawn[]): void {
  const t = tests(kind, source, lists);
  const closure = closureFor(kind, source, lists);
  for (const d of drawn) {
    const ctx = contextOf(d);
    const expected = outcome(() => t.cel(ctx));
    assert.equal(
      outcome(() => t.fast(ctx)),
      expected,
      `${source} over ${JSON.stringify(d)}`,
    );
    if (!closure) continue;
    const own = outcome(() => closure(ctx));
    tally.asked++;
    if (!own.startsWith('=')) continue;
    tally.own++;
    assert.equal(own, expected, `closure of ${source} over ${JSON.stringify(d)}`);
  }
}

/** Random conditions over the translated subset, typed so that they load. */
function conditions(kind: Kind) {
  const rule = kind === 'rule';
  const state = kind !== 'rule';
  const leaf = {
    bool: ['true', 'false', 'has(subject.sector)'].concat(
      rule ? ['record.has_amount', 'has(record.amount)'] : [],
      kind === 'measure' ? LISTS.flatMap((n) => [`lists.${n}`, `has(lists.${n})`]) : [],
    ),
    int: ['0', '1', '2', '-3', '1050', '9007199254740991', '4611686018427387904'].concat(
      state ? ['score'] : [],
      kind !== 'measure'
        ? PATTERNS.flatMap((p) => WINDOWS.map((w) => `history.count(${p}, ${w})`)).concat(
            'history.count("*", "P2Y", "negative")',
          )
        : [],
    ),
    double: ['0.0', '1.0', '2.0', '1.5', '-2.25', '1000000.0', '1e308'].concat(rule ? ['record.amount'] : []),
    string: ['""', '"AAA"', '"tax.evasion"', 'subject.kind', 'subject.region'].concat(
      state ? ['grade'] : [],
      rule ? ['record.type', 'record.severity', 'record.culpability'] : [],
    ),
  };
  const { expr } = fc.letrec<{ bool: string; int: string; double: string; string: string; expr: string }>(
    (tie) => {
      const pick = (t: keyof typeof leaf) => fc.constantFrom(...leaf[t]);
      const grow = (t: keyof typeof leaf, ...more: fc.Arbitrary<string>[]) =>
        fc.oneof({ depthSize: 'small', withCrossShrink: true }, pick(t), ...more);
      const b = tie('bool') as fc.Arbitrary<string>;
      const i = tie('int') as fc.Arbitrary<string>;
      const d = tie('double') as fc.Arbitrary<string>;
      const s = tie('string') as fc.Arbitrary<string>;
      const num = fc.oneof(i, d);
      const op = (...ops: string[]) => fc.constantFrom(...ops);
      return {
        bool: grow(
          'bool',
          fc.tuple(b, op('&&', '||', '==', '!='), b).map(([x, o, y]) => `(${x} ${o} ${y})`),
          b.map((x) => `!${x}`),
          fc.tuple(b, b, b).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
          fc.tuple(num, op('<', '<=', '>', '>='), num).map(([x, o, y]) => `(${x} ${o} ${y})`),
          // a side against itself: the equal case, where < and <= part
          fc.tuple(num, op('<', '<=', '>', '>=', '==', '!=')).map(([x, o]) => `(${x} ${o} ${x})`),
          fc.tuple(i, op('==', '!='), i).map(([x, o, y]) => `(${x} ${o} ${y})`),
          fc.tuple(d, op('==', '!='), d).map(([x, o, y]) => `(${x} ${o} ${y})`),
          fc.tuple(s, op('==', '!=', '<', '>='), s).map(([x, o, y]) => `(${x} ${o} ${y})`),
          fc
            .tuple(s, fc.array(s, { minLength: 1, maxLength: 3 }))
            .map(([x, l]) => `(${x} in [${l.join(', ')}])`),
          fc
            .tuple(i, fc.array(i, { minLength: 1, maxLength: 3 }))
            .map(([x, l]) => `(${x} in [${l.join(', ')}])`),
        ),
        int: grow(
          'int',
          fc.tuple(i, op('+', '-', '*', '/', '%'), i).map(([x, o, y]) => `(${x} ${o} ${y})`),
          i.map((x) => `-(${x})`),
          fc.tuple(b, i, i).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
        ),
        double: grow(
          'double',
          fc.tuple(d, op('+', '-', '*', '/'), d).map(([x, o, y]) => `(${x} ${o} ${y})`),
          d.map((x) => `-(${x})`),
        ),
        string: grow(
          'string',
          fc.tuple(s, s).map(([x, y]) => `(${x} + ${y})`),
        ),
        expr: b,
      };
    },
  );
  return expr;
}

describe('conditions as closures', () => {
  const all = shipped();

  test('every condition of the shipped rulebooks runs as a closure', () => {
    assert.ok(all.length >= 10, `found ${all.length} conditions`);
    const outside = all.filter((c) => !closureFor(c.kind, c.source, c.lists)).map((c) => c.source);
    assert.deepEqual(outside, []);
  });

  test('the shipped conditions answer as cel-js does, and fail as it does', () => {
    fc.assert(
      fc.property(fc.array(scope, { minLength: 20, maxLength: 20 }), (drawn) => {
        for (const c of all) agree(c.kind, c.source, c.lists, drawn);
      }),
      { numRuns: 30 },
    );
  });

  test('over the registry’s own inputs the shipped conditions need no cel-js', () => {
    const ctx = {
      score: 1100,
      grade: 'AA',
      subject: { kind: 'organization', sector: 'retail', region: 'Beijing' },
      record: {
        type: 'tax.evasion',
        domain: 'tax',
        severity: 'serious',
        amount: 2_000_000,
        has_amount: true,
        source: 'tax-bureau',
        culpability: '',
      },
      lists: Object.fromEntries(LISTS.map((n) => [n, false])),
      history: { count: () => 0 },
    };
    for (const c of all) {
      const lists = { ...ctx.lists, ...Object.fromEntries(c.lists.map((n) => [n, true])) };
      const closure = closureFor(c.kind, c.source, c.lists);
      assert.ok(outcome(() => closure?.({ ...ctx, lists })).startsWith('='), c.source);
    }
  });

  for (const kind of ['rule', 'state', 'measure'] as const)
    test(`random ${kind} conditions answer as cel-js does, and fail as it does`, () => {
      tally.own = 0;
      tally.asked = 0;
      fc.assert(
        fc.property(conditions(kind), fc.array(scope, { minLength: 5, maxLength: 5 }), (source, drawn) =>
          agree(kind, source, LISTS, drawn),
        ),
        { numRuns: 300 },
      );
      assert.ok(tally.own > tally.asked / 3, `closures answered ${tally.own} of ${tally.asked}`);
    });

  test('a failure on the left of && or || is forgotten when the right side decides, as in cel-js', () => {
    const noAmount = { record: { type: 'tax.evasion' }, subject: {}, history: { count: () => 0 } };
    for (const [source, expected] of [
      ['record.amount > 1.0 && false', '= false'],
      ['record.amount > 1.0 || true', '= true'],
      ['false && record.amount > 1.0', '= false'],
    ] as const) {
      const t = tests('rule', source, []);
      assert.equal(
        outcome(() => t.fast(noAmount)),
        expected,
        source,
      );
    }
    const t = tests('rule', 'record.amount > 1.0 && true', []);
    assert.match(
      outcome(() => t.fast(noAmount)),
      /^! .*amount/,
    );
    assert.equal(
      outcome(() => t.fast(noAmount)),
      outcome(() => t.cel(noAmount)),
    );
  });

  test('a condition outside the translated subset still runs, through cel-js', () => {
    const source = 'subject.region.startsWith("Bei") && size(grade) <= 3';
    assert.equal(closureFor('state', source), undefined);
    const { fast } = tests('state', source, []);
    const at = (region: string, grade: string) =>
      fast({
        score: 1000,
        grade,
        subject: { kind: 'person', sector: 'x', region },
        history: { count: () => 0 },
      });
    assert.equal(at('Beijing', 'AAA'), true);
    assert.equal(at('Shanghai', 'AAA'), false);
    assert.equal(at('Beijing', 'AAAA'), false);
  });
});
