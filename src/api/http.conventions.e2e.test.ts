import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { DAY } from '../domain/time.ts';
import { makeUsci } from '../domain/usci.ts';
import { buildServer } from './server.ts';
import { documentedFetch } from './testing/openapi.responses.ts';

/** One test per HTTP convention integrators rely on (issue: HTTP as integrators expect it). */

const ORG = makeUsci('91350100', 'M0003000');
const PERSON = makeNationalId('110101', '19900307', '451');
const EVIDENCE = `sha256:${'c'.repeat(64)}`;
const LONG_ID = `R-${'x'.repeat(126)}`; // 128 characters, the longest a record id may be

let reg: TestRegistry;
let base: string;
let closeApp: () => Promise<void>;
const tok: Record<string, string> = {};

async function call(path: string, init: RequestInit = {}) {
  return documentedFetch(base + path, init);
}
const json = (token: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const code = (r: { body: unknown }) => (r.body as { code?: string }).code;

/** A raw HTTP/1.1 exchange, for what fetch will not send (oversized headers). */
function raw(request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname, () => s.write(request));
    let out = '';
    s.on('data', (d) => {
      out += d.toString('utf8');
    });
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

before(async () => {
  reg = await testRegistry('2026-06-01');
  const r = await new Ingestor(reg.ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'] },
    { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
    { kind: 'organization', usci: ORG, name: 'Fuzhou Convention Co.', legal_representative: PERSON },
  ]);
  assert.ok(
    r.every((x) => x.ok),
    JSON.stringify(r),
  );
  for (const role of ['admin', 'reviewer', 'consumer', 'auditor'] as const)
    tok[role] = (await createToken(reg.ctx, { role })).token;
  tok.admin2 = (await createToken(reg.ctx, { role: 'admin', label: 'second admin' })).token;
  tok.source = (await createToken(reg.ctx, { role: 'source', source: 'tax-bureau' })).token;
  tok.subject = (await createToken(reg.ctx, { role: 'subject', subjectRef: PERSON })).token;
  const app = await buildServer(reg.ctx);
  base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  closeApp = () => app.close();
});

after(async () => {
  await closeApp();
  await reg.dispose();
});

describe('HTTP conventions', () => {
  test('a wrong method on an existing path is 405 with Allow, not 404; an unknown path is 404', async () => {
    const r = await call('/v1/rulebooks', { method: 'DELETE' });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
    assert.equal(code(r), 'route.method_not_allowed');
    const p = await call(`/v1/subjects/${ORG}/score`, { method: 'POST' });
    assert.equal(p.status, 405);
    assert.equal(p.headers.get('allow'), 'GET, HEAD');
    const n = await call('/v1/no-such-thing');
    assert.equal(n.status, 404);
    assert.equal(code(n), 'route.not_found');
    assert.equal((n.body as { instance: string }).instance, '/v1/no-such-thing');
  });

  test('the framework’s own errors are problem+json with type, title, status, detail, instance and code', async () => {
    const badEscape = await call(`/v1/subjects/%E0%A4%A/score`, {
      headers: { authorization: `Bearer ${tok.admin}` },
    });
    assert.equal(badEscape.status, 400);
    assert.equal(code(badEscape), 'input.malformed_url');
    const badJson = await call('/v1/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.admin}`, 'content-type': 'application/json' },
      body: '{"role": ',
    });
    assert.equal(badJson.status, 400);
    assert.equal(code(badJson), 'input.malformed_json');
    assert.equal((badJson.body as { instance: string }).instance, '/v1/tokens');
    const tooLong = await call(`/v1/subjects/${'9'.repeat(600)}/score`, {
      headers: { authorization: `Bearer ${tok.admin}` },
    });
    assert.equal(tooLong.status, 414);
    assert.equal(code(tooLong), 'input.uri_too_long');
    const big = await call('/v1/records', {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(6 * 1024 * 1024) }),
    });
    assert.equal(big.status, 413);
    assert.equal(code(big), 'input.too_large');
    for (const r of [badEscape, badJson, tooLong, big]) {
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
      for (const field of ['type', 'title', 'status', 'detail', 'instance', 'code'])
        assert.ok(field in (r.body as object), `${field} in ${r.text}`);
    }
    // a header section over Node's limit never reaches a route: the answer is still problem+json
    const answer = await raw(
      `GET /v1/rulebooks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    assert.equal(body.status, 431);
    assert.equal(body.code, 'input.headers_too_large');
    assert.equal(typeof body.instance, 'string');
  });

  test('ids of up to 128 characters work on annul, correct, check and replay; longer ones are 400, not 414', async () => {
    const rec = {
      source: 'tax-bureau',
      id: LONG_ID,
      subject: ORG,
      type: 'tax.late_payment',
      occurred_at: '2026-03-01',
      legal_basis: 'Tax Collection Administration Law art. 32',
      evidence: [EVIDENCE],
    };
    assert.equal((await call('/v1/records', json(tok.source!, rec))).status, 201);
    const corrected = await call(
      `/v1/records/tax-bureau/${LONG_ID}/correct`,
      json(tok.source!, { reasons: 'amount corrected', amount: 10 }),
    );
    assert.equal(corrected.status, 200, corrected.text);
    const annulled = await call(
      `/v1/records/tax-bureau/${LONG_ID}/annul`,
      json(tok.source!, { reasons: 'entered in error' }),
    );
    assert.equal(annulled.status, 200, annulled.text);
    assert.deepEqual(annulled.body, { record: `tax-bureau/${LONG_ID}`, status: 'annulled' });
    const auth = { headers: { authorization: `Bearer ${tok.consumer}` } };
    const check = await call(`/v1/subjects/${ORG}/check/${'m'.repeat(128)}`, auth);
    assert.equal(check.status, 404, check.text);
    const replay = await call(`/v1/decisions/D-${'9'.repeat(126)}/replay`, {
      headers: { authorization: `Bearer ${tok.auditor}` },
    });
    assert.equal(replay.status, 404, replay.text);
    const over = await call(`/v1/records/tax-bureau/${LONG_ID}x/annul`, json(tok.source!, { reasons: 'x' }));
    assert.equal(over.status, 400, over.text);
  });

  test('Idempotency-Key: the same key and body answer the first answer once; another body is 422; keys are per caller', async () => {
    const before = (
      (await call('/v1/tokens', { headers: { authorization: `Bearer ${tok.admin}` } })).body as {
        items: unknown[];
      }
    ).items.length;
    const req = { role: 'consumer', label: 'procurement office' };
    const first = await call('/v1/tokens', json(tok.admin!, req, { 'idempotency-key': 'mint-1' }));
    const again = await call('/v1/tokens', json(tok.admin!, req, { 'idempotency-key': 'mint-1' }));
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body, 'the retry gets the same token, not a second one');
    const list = await call('/v1/tokens', { headers: { authorization: `Bearer ${tok.admin}` } });
    assert.equal((list.body as { items: unknown[] }).items.length, before + 1, 'one token minted');
    const other = await call(
      '/v1/tokens',
      json(tok.admin!, { ...req, label: 'another office' }, { 'idempotency-key': 'mint-1' }),
    );
    assert.equal(other.status, 422);
    assert.equal(code(other), 'idempotency.key_reused');
    // adversarial: another caller using the same key never receives the first caller's answer (its secret)
    const stranger = await call('/v1/tokens', json(tok.admin2!, req, { 'idempotency-key': 'mint-1' }));
    assert.equal(stranger.status, 201);
    assert.equal(stranger.headers.get('idempotent-replayed'), null);
    assert.notEqual((stranger.body as { token: string }).token, (first.body as { token: string }).token);
    // a day later the key is forgotten: a new request does new work
    reg.clock.advance(DAY + 1000);
    const later = await call('/v1/tokens', json(tok.admin!, req, { 'idempotency-key': 'mint-1' }));
    assert.equal(later.status, 201);
    assert.equal(later.headers.get('idempotent-replayed'), null);
    assert.notEqual((later.body as { id: string }).id, (first.body as { id: string }).id);
    // adversarial: two retries racing with one key still mint one token
    const count = async () =>
      (
        (await call('/v1/tokens', { headers: { authorization: `Bearer ${tok.admin}` } })).body as {
          items: unknown[];
        }
      ).items.length;
    const n = await count();
    const race = await Promise.all(
      [1, 2, 3].map(() => call('/v1/tokens', json(tok.admin!, req, { 'idempotency-key': 'mint-race' }))),
    );
    assert.equal(await count(), n + 1, 'one token minted');
    const minted = race.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    assert.equal(minted.length, 1);
    for (const r of race)
      assert.ok(r.status === 201 || code(r) === 'idempotency.in_progress', `${r.status} ${r.text}`);
    const bad = await call('/v1/tokens', json(tok.admin!, req, { 'idempotency-key': 'with space' }));
    assert.equal(bad.status, 400);
    assert.equal(code(bad), 'input.invalid_idempotency_key');
  });

  test('ETag and If-None-Match: 304 while unchanged, a new ETag once the answer changes', async () => {
    const versions = await call('/v1/rulebooks');
    const hash = (versions.body as { items: { hash: string }[] }).items[0]!.hash;
    const one = await call(`/v1/rulebooks/versions/${hash}`);
    const etag = one.headers.get('etag');
    assert.ok(etag, 'a hash-addressed rulebook version has an ETag');
    const same = await call(`/v1/rulebooks/versions/${hash}`, { headers: { 'if-none-match': etag } });
    assert.equal(same.status, 304);
    assert.equal(same.text, '');
    const sources = await call('/v1/sources');
    const sourcesTag = sources.headers.get('etag')!;
    assert.equal((await call('/v1/sources', { headers: { 'if-none-match': sourcesTag } })).status, 304);
    await call('/v1/sources', json(tok.admin!, { id: 'court', name: 'People’s Court', domains: ['court'] }));
    const changed = await call('/v1/sources', { headers: { 'if-none-match': sourcesTag } });
    assert.equal(changed.status, 200, 'a changed answer is sent again');
    assert.notEqual(changed.headers.get('etag'), sourcesTag);
    // a token's own data is not cached by validators shared with others
    const mine = await call('/v1/tokens', { headers: { authorization: `Bearer ${tok.admin}` } });
    assert.equal(mine.headers.get('etag'), null);
  });

  test('CORS is off by default and allows only the configured origins', async () => {
    const off = await fetch(`${base}/v1/rulebooks`, { headers: { origin: 'https://portal.example.org' } });
    assert.equal(off.headers.get('access-control-allow-origin'), null);
    const app = await buildServer(reg.ctx, { corsOrigin: 'https://portal.example.org' });
    try {
      const allowed = await app.inject({
        url: '/v1/rulebooks',
        headers: { origin: 'https://portal.example.org' },
      });
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://portal.example.org');
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/v1/tokens',
        headers: {
          origin: 'https://portal.example.org',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
      assert.equal(preflight.statusCode, 204);
      assert.match(String(preflight.headers['access-control-allow-headers']), /idempotency-key/);
      const stranger = await app.inject({
        url: '/v1/rulebooks',
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(stranger.headers['access-control-allow-origin'], undefined);
    } finally {
      await app.close();
    }
  });

  test('every time is ISO 8601 and every subject is named by USCI or P… reference, never by an internal number', async () => {
    const staff = { headers: { authorization: `Bearer ${tok.reviewer}` } };
    const answers = [
      await call('/v1/tokens', { headers: { authorization: `Bearer ${tok.admin}` } }),
      await call(`/v1/subjects/${ORG}/file`, staff),
      await call(`/v1/subjects/${ORG}/score`, staff),
      await call(`/v1/subjects/${ORG}/export`, staff),
      await call('/v1/rulebooks/versions'),
      await call('/v1/audit/head'),
    ];
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
    const bad: string[] = [];
    const walk = (v: unknown, path: string, key: string) => {
      if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`, key);
      else if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, k);
      else if (/(_at|^at|until|since|deadline|^from|^to)$/.test(key) && v !== null && !ISO.test(String(v)))
        bad.push(`${path} = ${JSON.stringify(v)} is not an ISO 8601 UTC time`);
      else if (
        /(^|_)(subject|organization|person|parent|related|subject_id)$/.test(key) &&
        typeof v === 'number'
      )
        bad.push(`${path} = ${v} names a subject by its internal number`);
      else if (typeof v === 'string' && /^(person|organization) \d+$/.test(v))
        bad.push(`${path} = ${JSON.stringify(v)} names a subject by its internal number`);
    };
    for (const a of answers) {
      assert.equal(a.status, 200, a.text);
      walk(a.body, '', '');
    }
    assert.deepEqual(bad, []);
    const tokens = (answers[0]!.body as { items: { role: string; subject: string | null }[] }).items;
    const subjectToken = tokens.find((t) => t.role === 'subject');
    assert.match(subjectToken?.subject ?? '', /^P\d{7}$/);
  });
});
