import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import { prepareAudit } from '../app/audit/audit.adopt.ts';
import type { Checkpoint } from '../app/audit/audit.checkpoint.ts';
import { verifyChain } from '../app/audit/audit.usecases.ts';
import type { Signer } from '../app/ports/ports.context.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { buildServer } from './server.ts';

test('an auditor gets a signed checkpoint that audit verify accepts; a consumer and the public do not', async () => {
  const r = await testRegistry('2026-11-01');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer: Signer = {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    sign: (m) => sign(null, Buffer.from(m), privateKey).toString('base64'),
  };
  const ctx = { ...r.ctx, signer };
  await prepareAudit(ctx.store, ctx.clock, signer);
  const app = await buildServer(ctx, { logger: false });
  try {
    const get = (token?: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/audit/checkpoint',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const auditor = await createToken(ctx, { role: 'auditor' });
    const res = await get(auditor.token);
    assert.equal(res.statusCode, 200, res.body);
    const cp = res.json() as Checkpoint;
    assert.equal(cp.public_key, signer.publicKey);
    assert.ok(cp.size > 0);
    assert.deepEqual((await verifyChain(r.ctx, cp)).findings, []);
    const consumer = await createToken(ctx, { role: 'consumer' });
    assert.equal((await get(consumer.token)).statusCode, 403);
    assert.equal((await get()).statusCode, 401);
  } finally {
    await app.close();
    await r.dispose();
  }
});
