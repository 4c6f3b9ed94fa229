import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fnv64 } from './hash.ts';

/** The reference: FNV-1a 64 with BigInt, as published. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

test('decision fingerprints are FNV-1a 64 exactly, for any text', () => {
  assert.equal(fnv64(''), 'cbf29ce484222325');
  assert.equal(fnv64('a'), 'af63dc4c8601ec8c');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => fnv64(s) === reference(s)),
    { numRuns: 500 },
  );
});
