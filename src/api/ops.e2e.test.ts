import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { buildServer } from './server.ts';

test('health endpoints are never rate-limited', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false, rateLimit: 5 });
  try {
    for (let i = 0; i < 20; i++) {
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      assert.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
    }
    // the limit itself still holds elsewhere
    const codes = [];
    for (let i = 0; i < 8; i++) codes.push((await app.inject({ url: '/v1/rulebooks' })).statusCode);
    assert.ok(codes.includes(429), `other routes are limited: ${codes.join(',')}`);
  } finally {
    await app.close();
    await r.dispose();
  }
});

test('guessing tokens is limited per address; a valid token from another address is unaffected', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false, trustProxy: '127.0.0.1' });
  try {
    const auditor = await createToken(r.ctx, { role: 'auditor' });
    const from = (ip: string, token: string) =>
      app.inject({
        url: '/v1/tokens',
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip },
      });
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await from('203.0.113.7', `guess-${i}`)).statusCode);
    assert.deepEqual(codes.slice(0, 20), Array(20).fill(401), 'the first twenty are plain refusals');
    const limited = await from('203.0.113.7', 'guess-last');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'auth.too_many_failures');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // even the right token waits: the address is held, not the guess
    assert.equal((await from('203.0.113.7', auditor.token)).statusCode, 429);
    // behind the trusted proxy, another visitor has their own count
    const other = await from('198.51.100.2', auditor.token);
    assert.equal(other.statusCode, 200, other.body);
    assert.equal((await from('198.51.100.2', 'one-guess')).statusCode, 401);
  } finally {
    await app.close();
    await r.dispose();
  }
});

test('without trustProxy a forwarded address is ignored: a guesser cannot escape the limit by inventing one', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false });
  try {
    let last = 0;
    for (let i = 0; i < 22; i++)
      last = (
        await app.inject({
          url: '/v1/tokens',
          headers: { authorization: `Bearer guess-${i}`, 'x-forwarded-for': `10.0.0.${i}` },
        })
      ).statusCode;
    assert.equal(last, 429);
  } finally {
    await app.close();
    await r.dispose();
  }
});
