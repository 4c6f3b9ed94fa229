// Credit reports over HTTP: the PDF, the key that signs it, and online verification.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { issueCreditReport } from '../app/reports/reports.credit.ts';
import { signerOf } from '../app/reports/reports.signing-key.ts';
import { testRegistry } from '../app/testing/test-registry.ts';
import { makeUsci } from '../domain/usci.ts';
import { buildServer } from './server.ts';

const ORG = makeUsci('91350100', 'ME000001');

test('anyone gets a signed report, the key at /v1/keys, and a verdict that catches a changed byte or a foreign key', async () => {
  const r = await testRegistry('2026-11-01');
  const signer = signerOf(generateKeyPairSync('ed25519').privateKey);
  const app = await buildServer({ ...r.ctx, signer } as typeof r.ctx);
  try {
    await new Ingestor(r.ctx).apply([{ kind: 'organization', usci: ORG, name: '福州示例贸易有限公司' }]);
    const res = await app.inject({ method: 'GET', url: `/v1/organizations/${ORG}/report?lang=zh` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/pdf/);
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // the OpenAPI document declares what is sent: a PDF, not JSON
    const doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const declared = doc.paths['/v1/organizations/{usci}/report'].get.responses['200'].content;
    assert.deepEqual(Object.keys(declared), ['application/pdf']);

    const keys = (await app.inject({ method: 'GET', url: '/v1/keys' })).json();
    assert.equal(keys.keys[0].spki, signer.publicKey);
    assert.match(keys.keys[0].pem, /BEGIN PUBLIC KEY/);

    const verify = (body: Uint8Array) =>
      app.inject({
        method: 'POST',
        url: '/v1/reports:verify',
        headers: { 'content-type': 'application/pdf' },
        payload: Buffer.from(body),
      });
    const ok = (await verify(pdf)).json();
    assert.equal(ok.valid, true, JSON.stringify(ok));
    const altered = Buffer.from(pdf);
    altered[200] = altered[200]! ^ 0x20;
    assert.equal((await verify(altered)).json().valid, false);
    const foreign = await issueCreditReport(r.ctx, ORG, {
      lang: 'en',
      signer: signerOf(generateKeyPairSync('ed25519').privateKey),
    });
    const v = (await verify(foreign.pdf)).json();
    assert.equal(v.valid, false);
    assert.match(v.reason, /another key/);

    const person = await app.inject({ method: 'GET', url: '/v1/organizations/110101198001010010/report' });
    assert.ok(person.statusCode >= 400);
  } finally {
    await app.close();
    await r.dispose();
  }
});
