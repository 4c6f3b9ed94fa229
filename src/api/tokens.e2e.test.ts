import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken, MAX_TOKEN_LIFETIME } from '../app/tokens/tokens.usecases.ts';
import { addDuration, parseDuration } from '../domain/duration.ts';
import { formatInstant } from '../domain/time.ts';
import { buildServer } from './server.ts';

test('a token asked to live longer than the maximum is a 400 problem and no token is issued', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false });
  try {
    const admin = await createToken(r.ctx, { role: 'admin' });
    const issue = (body: unknown) =>
      app.inject({
        method: 'POST',
        url: '/v1/tokens',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const before = (await r.ctx.store.tokens()).length;
    for (const expires of ['P99999999999Y', 'P2Y1D', 'P25M', 'PT17600H', 'P999999999999999999999D']) {
      const res = await issue({ role: 'consumer', expires });
      assert.equal(res.statusCode, 400, `${expires}: ${res.body}`);
      const code = (res.json() as { code: string }).code;
      assert.ok(code === 'token.expiry_too_long' || code === 'input.invalid_duration', `${expires}: ${code}`);
    }
    assert.equal((await r.ctx.store.tokens()).length, before, 'no token row was written');

    const max = await issue({ role: 'consumer', expires: MAX_TOKEN_LIFETIME });
    assert.equal(max.statusCode, 201);
    const latest = addDuration(r.clock.now(), parseDuration(MAX_TOKEN_LIFETIME).value!);
    assert.equal((max.json() as { expires_at: string }).expires_at, formatInstant(latest));

    const unasked = await issue({ role: 'consumer' });
    assert.equal(unasked.statusCode, 201);
    assert.equal(
      (unasked.json() as { expires_at: string }).expires_at,
      formatInstant(latest),
      'no token is eternal',
    );
    assert.ok((await r.ctx.store.tokens()).every((t) => t.expires_at !== null));
  } finally {
    await app.close();
    await r.dispose();
  }
});

test('a token stops working when its lifetime ends', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false });
  try {
    const t = await createToken(r.ctx, { role: 'auditor' });
    const get = () =>
      app.inject({ method: 'GET', url: '/v1/tokens', headers: { authorization: `Bearer ${t.token}` } });
    assert.equal((await get()).statusCode, 200);
    r.clock.set(Number(t.row.expires_at));
    assert.equal((await get()).statusCode, 401);
  } finally {
    await app.close();
    await r.dispose();
  }
});
