import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Engine, postgresAvailable, testRegistry } from '../app/testing/test-registry.ts';

/** The answers kept for Idempotency-Key (migration 0012_idempotency), alike on both engines. */
for (const engine of ['sqlite', 'postgres'] as Engine[])
  test(`${engine}: an answer is kept per caller and key, replaced under the same key, and purged when old`, async () => {
    if (engine === 'postgres') assert.ok(await postgresAvailable(), 'PostgreSQL answers on 127.0.0.1:5432');
    const reg = await testRegistry('2026-06-01', 'rulebooks/default.yaml', engine);
    try {
      const s = reg.ctx.store;
      const row = {
        caller: 'token:a',
        key: 'k-1',
        request_hash: 'h1',
        status: 201,
        content_type: 'application/json; charset=utf-8',
        body: '{"id":"x"}',
        created_at: 1_000,
      };
      await s.saveIdempotentAnswer(row);
      await s.saveIdempotentAnswer({ ...row, caller: 'token:b', body: '{"id":"y"}', created_at: 5_000 });
      assert.deepEqual(await s.idempotentAnswer('token:a', 'k-1'), row);
      assert.equal((await s.idempotentAnswer('token:b', 'k-1'))?.body, '{"id":"y"}', 'keys are per caller');
      assert.equal(await s.idempotentAnswer('token:a', 'k-2'), undefined);
      await s.saveIdempotentAnswer({ ...row, request_hash: 'h2', status: 200, created_at: 9_000 });
      assert.equal((await s.idempotentAnswer('token:a', 'k-1'))?.request_hash, 'h2');
      assert.equal(await s.purgeIdempotentAnswers(6_000), 1);
      assert.equal(await s.idempotentAnswer('token:b', 'k-1'), undefined);
      assert.equal((await s.idempotentAnswer('token:a', 'k-1'))?.status, 200);
    } finally {
      await reg.dispose();
    }
  });
