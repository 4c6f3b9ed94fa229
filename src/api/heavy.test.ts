import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredenceError } from '../domain/errors.ts';
import { Gate } from './heavy.ts';

test('heavy requests beyond the running and waiting limits are refused as busy, the rest all run', async () => {
  const gate = new Gate(2, 3);
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const job = () =>
    gate.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((res) => releases.push(res));
      running--;
      return 'done';
    });
  const accepted = Array.from({ length: 5 }, job);
  await assert.rejects(job(), (e: unknown) => e instanceof CredenceError && e.code === 'service.busy');
  // release everything, one at a time, as the jobs start
  const results: string[] = [];
  for (let i = 0; i < 5; i++) {
    while (releases.length === 0) await new Promise((res) => setImmediate(res));
    releases.shift()!();
  }
  for (const p of accepted) results.push(await p);
  assert.deepEqual(results, ['done', 'done', 'done', 'done', 'done']);
  assert.equal(peak, 2, 'never more than two at once');
  assert.equal(await gate.run(async () => 'again'), 'again', 'the gate is free again');
});
