import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ascendingUnique, mergeAscendingUnique, runningSums, stableSort } from './times.ts';

test('moments come out ascending and once each, as a sorted set gives them', () => {
  const moment = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.integer(),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
  );
  fc.assert(
    fc.property(fc.array(moment, { maxLength: 80 }), (xs) => {
      const expected = [...new Set(xs)].sort((a, b) => a - b);
      assert.deepEqual(ascendingUnique([...xs]), expected);
    }),
  );
});

test('two lists of moments merged come out as the two concatenated and made ascending and unique', () => {
  const moment = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.integer(),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
  );
  const list = fc.array(moment, { maxLength: 50 }).map((xs) => ascendingUnique(xs));
  fc.assert(
    fc.property(list, list, (a, b) => {
      const before = [[...a], [...b]];
      assert.deepEqual(mergeAscendingUnique(a, b), ascendingUnique([...a, ...b]));
      // the inputs are the timeline's cached lists: left as they were
      assert.deepEqual([a, b], before);
    }),
    { numRuns: 500 },
  );
});

test('a short or long list sorts in place as Array.prototype.sort sorts it, equal elements in their order', () => {
  // few distinct keys, so that ties (where stability shows) are common; lengths on both sides of the insertion sort's
  const entry = fc.record({ key: fc.integer({ min: 0, max: 4 }), name: fc.constantFrom('a', 'b', 'c') });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 40 }), (xs) => {
      const tagged = xs.map((x, i) => ({ ...x, i }));
      const compare = (a: (typeof tagged)[number], b: (typeof tagged)[number]) =>
        a.key - b.key || a.name.localeCompare(b.name);
      const expected = [...tagged].sort(compare);
      const copy = [...tagged];
      assert.equal(stableSort(copy, compare), copy);
      assert.deepEqual(copy, expected);
    }),
    { numRuns: 500 },
  );
});

test('a step function sums its changes in time order, those at one moment in the order given, to the last bit', () => {
  const change = fc.tuple(
    fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)),
    // points with fractions (a branch's share of a parent's), so that the order of the additions shows
    fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.integer({ min: -50, max: 50 })),
  );
  fc.assert(
    fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
      // as the scorer summed them before: the pairs sorted by time (a stable sort), added one by one
      const pairs = [...changes].sort((a, b) => a[0] - b[0]);
      const times: number[] = [];
      const sums: number[] = [];
      let sum = 0;
      for (const [t, d] of pairs) {
        sum += d;
        if (times.at(-1) === t) sums[sums.length - 1] = sum;
        else {
          times.push(t);
          sums.push(sum);
        }
      }
      const got = runningSums(
        changes.map((c) => c[0]),
        changes.map((c) => c[1]),
      );
      assert.deepEqual(got, { times, sums });
      assert.ok(
        got.sums.every((s, i) => Object.is(s, sums[i])),
        'bit for bit',
      );
    }),
  );
});
