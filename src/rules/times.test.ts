import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ascendingUnique } from './times.ts';

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
