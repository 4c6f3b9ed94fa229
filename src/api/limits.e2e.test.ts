import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { buildServer } from './server.ts';

const DEFAULT = readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8');
const manyKeys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
const aliasBomb = () => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n');
};

test('an auditor cannot stall the server: bombs are 4xx problems at once and /healthz stays fast during a what-if', async (t) => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false });
  let polling = true;
  let poller: Promise<void> = Promise.resolve();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const auditor = await createToken(r.ctx, { role: 'auditor' });
    const whatif = (body: string) =>
      fetch(`${base}/v1/rulebooks:whatif`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auditor.token}`, 'content-type': 'application/yaml' },
        body,
      });
    // /healthz polled all along; each answer timed and tagged with whether a heavy request was in flight
    let inFlight = 0;
    const health: { ms: number; during: boolean }[] = [];
    poller = (async () => {
      while (polling) {
        const during = inFlight > 0;
        const t0 = performance.now();
        const res = await fetch(`${base}/healthz`);
        assert.equal(res.status, 200);
        await res.text();
        health.push({ ms: performance.now() - t0, during });
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const timed = async (body: string) => {
      inFlight++;
      const t0 = performance.now();
      try {
        const res = await whatif(body);
        return { res, ms: performance.now() - t0, json: (await res.json()) as Record<string, unknown> };
      } finally {
        inFlight--;
      }
    };

    const big = manyKeys(45_000);
    assert.ok(big.length > 500_000, 'a half-megabyte body');
    const keys = await timed(big);
    assert.equal(keys.res.status, 422);
    assert.match(keys.res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(keys.json.code, 'rulebook.too_many_keys');
    assert.ok(keys.ms < 2_000, `refused in ${keys.ms.toFixed(0)} ms`);

    const bomb = await timed(aliasBomb());
    assert.equal(bomb.res.status, 422);
    assert.equal(bomb.json.code, 'rulebook.alias_limit');
    assert.ok(bomb.ms < 2_000, `refused in ${bomb.ms.toFixed(0)} ms`);

    // a real draft: loaded and evaluated on a worker thread while /healthz keeps answering
    const draft = DEFAULT.replace(/^version: .*$/m, 'version: "2099.1-draft"');
    const ok = await timed(draft);
    assert.equal(ok.res.status, 200, JSON.stringify(ok.json));
    assert.equal((ok.json.draft as { version: string }).version, '2099.1-draft');
    polling = false;
    await poller;

    const during = health.filter((h) => h.during).map((h) => h.ms);
    assert.ok(
      during.length >= 3,
      `/healthz answered ${during.length} times while heavy requests were in flight`,
    );
    const sorted = [...during].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    t.diagnostic(
      `many keys refused in ${keys.ms.toFixed(0)} ms, alias bomb in ${bomb.ms.toFixed(0)} ms, what-if ${ok.ms.toFixed(0)} ms; /healthz during: median ${median.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms over ${during.length}`,
    );
    assert.ok(median < 100, `/healthz median ${median.toFixed(0)} ms during heavy requests`);
    assert.ok(sorted[sorted.length - 1]! < ok.ms, 'no /healthz waited for the what-if to finish');
  } finally {
    polling = false;
    await poller.catch(() => {});
    await app.close();
    await r.dispose();
  }
});

test('the per-token limit counts a token however its header is written, and never another token’s requests', async () => {
  const r = await testRegistry('2026-11-01');
  const app = await buildServer(r.ctx, { logger: false, rateLimit: 3 });
  try {
    const a = await createToken(r.ctx, { role: 'consumer' });
    const b = await createToken(r.ctx, { role: 'consumer' });
    const get = (authorization: string) =>
      app.inject({ method: 'GET', url: '/v1/watches', headers: { authorization } });
    // the same token, spelled three ways a careless client might: one allowance between them
    const spelled = [`Bearer ${a.token}`, `bearer ${a.token}`, `Bearer   ${a.token} `];
    const statuses: number[] = [];
    for (const h of spelled) statuses.push((await get(h)).statusCode);
    const refused = await get(`Bearer ${a.token}`);
    assert.deepEqual([...statuses, refused.statusCode], [200, 200, 200, 429]);
    assert.equal(refused.json().code, 'rate.limited');
    // another consumer is not slowed by the first one's traffic
    assert.equal((await get(`Bearer ${b.token}`)).statusCode, 200);
  } finally {
    await app.close();
    await r.dispose();
  }
});
