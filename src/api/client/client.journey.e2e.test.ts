import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import createClient, { type Middleware } from 'openapi-fetch';
import { type TestRegistry, testRegistry } from '../../app/testing/test-registry.ts';
import { createToken } from '../../app/tokens/tokens.usecases.ts';
import { makeNationalId } from '../../domain/national-id.ts';
import { DAY } from '../../domain/time.ts';
import { makeUsci } from '../../domain/usci.ts';
import { buildServer } from '../server.ts';
import { assertDocumented } from '../testing/openapi.responses.ts';
import type { paths } from './openapi.d.ts';

/**
 * The basic journey as an integrator writes it: a client generated from the OpenAPI document (openapi-typescript
 * types, openapi-fetch) against a listening server; every answer is also checked against the document.
 */

const ORG = makeUsci('91350100', 'M0005000');
const REP = makeNationalId('110101', '19900307', '451');
const MEASURE = 'consumption.property_purchase';

let reg: TestRegistry;
let baseUrl: string;
let close: () => Promise<void>;
let admin: string;

const documented: Middleware = {
  async onResponse({ request, response }) {
    const text = await response.clone().text();
    const type = response.headers.get('content-type') ?? '';
    await assertDocumented({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      contentType: type,
      body: text === '' ? null : type.includes('json') ? JSON.parse(text) : text,
    });
  },
};

/** A client acting with one token. */
function as(token: string) {
  const c = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  c.use(documented);
  return c;
}

before(async () => {
  reg = await testRegistry('2026-06-01');
  admin = (await createToken(reg.ctx, { role: 'admin', label: 'registry admin' })).token;
  const app = await buildServer(reg.ctx);
  baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  close = () => app.close();
});

after(async () => {
  await close();
  await reg.dispose();
});

test('register, submit, check, object, decide, repair, approve, check again — with the generated client', async () => {
  const api = as(admin);
  const source = await api.POST('/v1/sources', {
    body: { id: 'court', name: 'Intermediate People’s Court', domains: ['court'] },
  });
  assert.equal(source.response.status, 201, JSON.stringify(source.error));
  const token = async (body: paths['/v1/tokens']['post']['requestBody']['content']['application/json']) => {
    const r = await api.POST('/v1/tokens', { body });
    assert.ok(r.data, JSON.stringify(r.error));
    return r.data.token;
  };
  const court = as(await token({ role: 'source', source: 'court', label: 'Court clerk' }));
  const reviewer = as(await token({ role: 'reviewer', label: 'Credit office reviewer' }));
  const consumer = as(await token({ role: 'consumer', label: 'Rail operator' }));

  const person = await api.POST('/v1/subjects', {
    body: { kind: 'person', national_id: REP, name: 'Zhang Wei' },
  });
  assert.equal(person.response.status, 201, JSON.stringify(person.error));
  const registered = await api.POST('/v1/subjects', {
    body: { kind: 'organization', usci: ORG, name: 'Fuzhou Journey Co.', legal_representative: REP },
  });
  assert.equal(registered.response.status, 201, JSON.stringify(registered.error));
  const subject = as(await token({ role: 'subject', subject: ORG, label: 'Fuzhou Journey Co.' }));

  const record = {
    source: 'court',
    id: 'C-JOURNEY-1',
    subject: ORG,
    type: 'court.judgment_default',
    occurred_at: '2026-05-30',
    legal_basis: 'Civil Procedure Law art. 262',
    evidence: [`sha256:${'ab'.repeat(32)}`],
  };
  const submitted = await court.POST('/v1/records', {
    body: record,
    params: { header: { 'Idempotency-Key': 'journey-record-1' } },
  });
  assert.equal(submitted.response.status, 201, JSON.stringify(submitted.error));
  // a retry after a lost answer: the same answer, not a second record
  const retried = await court.POST('/v1/records', {
    body: record,
    params: { header: { 'Idempotency-Key': 'journey-record-1' } },
  });
  assert.deepEqual(retried.data, submitted.data);
  assert.equal(retried.response.headers.get('idempotent-replayed'), 'true');

  reg.clock.advance(11 * DAY); // past the court defaulters' notice period
  const check = () =>
    consumer.GET('/v1/subjects/{ref}/check/{measure}', { params: { path: { ref: ORG, measure: MEASURE } } });
  const before = await check();
  assert.equal(before.data?.applies, true, JSON.stringify(before.error));

  const objection = await subject.POST('/v1/subjects/{ref}/objections', {
    params: { path: { ref: ORG } },
    body: {
      record: { source: 'court', id: 'C-JOURNEY-1' },
      statement: 'The judgment was performed on time.',
    },
  });
  assert.ok(objection.data, JSON.stringify(objection.error));
  assert.equal(objection.data.subject, ORG);
  const queue = await reviewer.GET('/v1/cases', { params: { query: { kind: 'objection', status: 'open' } } });
  assert.deepEqual(
    queue.data?.items.map((c) => c.id),
    [objection.data.id],
  );
  const upheld = await reviewer.POST('/v1/cases/{id}/decision', {
    params: { path: { id: objection.data.id } },
    body: { outcome: 'uphold', reasons: 'The court confirms the judgment is unperformed.' },
  });
  assert.equal(upheld.data?.status, 'upheld', JSON.stringify(upheld.error));

  const repair = await subject.POST('/v1/subjects/{ref}/repairs', {
    params: { path: { ref: ORG } },
    body: {
      record: { source: 'court', id: 'C-JOURNEY-1' },
      letter: {
        text: 'We commit to perform the judgment in full.',
        signed_by: 'Zhang Wei, legal representative',
      },
      evidence: [{ kind: 'proof_of_performance', ref: `sha256:${'cd'.repeat(32)}` }],
    },
  });
  assert.ok(repair.data, JSON.stringify(repair.error));
  const approved = await reviewer.POST('/v1/cases/{id}/decision', {
    params: { path: { id: repair.data.id } },
    body: { outcome: 'approve', reasons: 'Performance proven by the court’s receipt.' },
  });
  assert.equal(approved.data?.status, 'approved', JSON.stringify(approved.error));

  const after = await check();
  assert.equal(after.data?.applies, false, 'an approved repair ends the restriction');

  // errors come back typed as the document's Problem
  const twice = await reviewer.POST('/v1/cases/{id}/decision', {
    params: { path: { id: repair.data.id } },
    body: { outcome: 'approve', reasons: 'again' },
  });
  assert.equal(twice.response.status, 409);
  assert.equal(twice.error?.code, 'repair.already_decided');
  assert.equal(twice.error?.instance, `/v1/cases/${repair.data.id}/decision`);
});
