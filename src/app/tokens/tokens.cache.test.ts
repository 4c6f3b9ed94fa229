import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TokenRow } from '../ports/ports.store.ts';
import { forgetTokens, TOKEN_CACHE_TTL_MS, TokenCache } from './tokens.cache.ts';

const row = (id: string, revoked_at: number | null = null): TokenRow => ({
  id,
  role: 'consumer',
  source: null,
  subject_id: null,
  hash: `hash-${id}`,
  created_at: 0,
  expires_at: null,
  revoked_at,
  label: '',
});

/** A cache on a timer the test moves, and a registry table the test edits (as another process would). */
function setup(size?: number) {
  let t = 1000;
  const table = new Map<string, TokenRow>();
  let reads = 0;
  const cache = new TokenCache(() => t, TOKEN_CACHE_TTL_MS, size);
  const lookup = (hash: string) =>
    cache.lookup(hash, async () => {
      reads++;
      return table.get(hash);
    });
  return {
    table,
    lookup,
    advance: (ms: number) => {
      t += ms;
    },
    reads: () => reads,
  };
}

test('a token looked up again within the TTL is not read from the registry again', async () => {
  const s = setup();
  s.table.set('a', row('a'));
  await s.lookup('a');
  s.advance(TOKEN_CACHE_TTL_MS - 1);
  assert.equal((await s.lookup('a'))?.id, 'a');
  assert.equal(s.reads(), 1);
});

test("another process's revocation is seen once the cached row is older than the TTL", async () => {
  const s = setup();
  s.table.set('a', row('a'));
  await s.lookup('a');
  s.table.set('a', row('a', 5));
  s.advance(TOKEN_CACHE_TTL_MS);
  assert.equal((await s.lookup('a'))?.revoked_at, 5);
});

test('a revocation in this process empties every cache at once', async () => {
  const s = setup();
  s.table.set('a', row('a'));
  await s.lookup('a');
  s.table.set('a', row('a', 5));
  forgetTokens();
  assert.equal((await s.lookup('a'))?.revoked_at, 5);
  assert.equal(s.reads(), 2);
});

test('a row read while a revocation happened is not kept', async () => {
  const s = setup();
  let release: () => void = () => {};
  const cache = new TokenCache(() => 0);
  const slow = cache.lookup('a', async () => {
    await new Promise<void>((res) => {
      release = res;
    });
    return row('a');
  });
  forgetTokens();
  release();
  assert.equal((await slow)?.id, 'a', 'the request under way is answered from what it read');
  s.table.set('a', row('a', 5));
  assert.equal((await cache.lookup('a', async () => s.table.get('a')))?.revoked_at, 5);
});

test('an unknown token is not cached, and the cache keeps at most its size', async () => {
  const s = setup(2);
  assert.equal(await s.lookup('x'), undefined);
  s.table.set('x', row('x'));
  assert.equal((await s.lookup('x'))?.id, 'x', 'a token issued after a miss works at once');
  s.table.set('y', row('y'));
  s.table.set('z', row('z'));
  await s.lookup('y');
  await s.lookup('z');
  const before = s.reads();
  await s.lookup('x');
  assert.equal(s.reads(), before + 1, 'the oldest entry made room');
});
