import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { personRef } from '../app/ports/ports.context.ts';
import { checkSubjects, findSubject } from '../app/queries/queries.usecases.ts';
import { type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { buildServer } from './server.ts';

/** Who checked a subject, over HTTP and on the subject's own pages: the newest page in the file, the rest by cursor. */

const PERSON = makeNationalId('110101', '19900307', '451');
const OTHER = makeNationalId('110101', '19850101', '123');

let r: TestRegistry;
let app: FastifyInstance;
let ref: string;
const tokens = {} as Record<'own' | 'other' | 'reviewer' | 'consumer', string>;

interface Page {
  subject: string;
  total: number;
  items: { measure: string; asked_by: string; asked_at: string }[];
  next: string | null;
}

before(async () => {
  r = await testRegistry('2026-11-01');
  await new Ingestor(r.ctx).apply([
    { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
    { kind: 'person', national_id: OTHER, name: 'Li Na' },
  ]);
  const consumer = await createToken(r.ctx, { role: 'consumer', label: 'Railway ticketing' });
  const ctx = { ...r.ctx, actor: `token:${consumer.id}` };
  // 250 checks, in two screenings an hour apart
  for (const n of [150, 100]) {
    await ctx.store.transaction(async (tx) => {
      const s = await findSubject(ctx, tx, PERSON);
      ref = personRef(Number(s.id));
      await checkSubjects(
        ctx,
        tx,
        Array.from({ length: n }, () => ({ subject: s, measure: 'transport.high_speed_rail' })),
      );
    });
    r.clock.advance(3_600_000);
  }
  tokens.own = (await createToken(r.ctx, { role: 'subject', subjectRef: PERSON })).token;
  tokens.other = (await createToken(r.ctx, { role: 'subject', subjectRef: OTHER })).token;
  tokens.reviewer = (await createToken(r.ctx, { role: 'reviewer', label: 'Case desk' })).token;
  tokens.consumer = consumer.token;
  app = await buildServer(r.ctx);
});

after(async () => {
  await app?.close();
  await r?.dispose();
});

const get = (url: string, token: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

test('the file carries the newest 100 checks and the total; the subject pages through the older ones by cursor', async () => {
  const file = await get(`/v1/subjects/${ref}/file`, tokens.own);
  assert.equal(file.statusCode, 200, file.body);
  const f = file.json() as { checks: Page['items']; checks_total: number; checks_next: string | null };
  assert.equal(f.checks_total, 250);
  assert.equal(f.checks.length, 100);
  assert.ok(f.checks_next);
  const exported = (await get(`/v1/subjects/${ref}/export`, tokens.own)).json() as typeof f;
  assert.equal(exported.checks_total, 250);
  assert.equal(exported.checks.length, 100);

  const seen = [...f.checks];
  let cursor: string | null = f.checks_next;
  for (let i = 0; cursor !== null && i < 10; i++) {
    const res = await get(`/v1/subjects/${ref}/checks?cursor=${cursor}&limit=60`, tokens.own);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json() as Page;
    assert.equal(p.subject, ref);
    assert.equal(p.total, 250);
    seen.push(...p.items);
    cursor = p.next;
  }
  assert.equal(seen.length, 250, 'every check, once');
  assert.ok(seen.every((c) => c.asked_by === 'Railway ticketing (consumer)'));
  const times = seen.map((c) => Date.parse(c.asked_at));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    'newest first throughout',
  );
  // staff read it too; the first page is the file's
  const staff = (await get(`/v1/subjects/${ref}/checks`, tokens.reviewer)).json() as Page;
  assert.equal(staff.items.length, 100);
  assert.equal(staff.next, f.checks_next);
});

test('another subject, a consumer and a caller without a token cannot read who checked a subject', async () => {
  assert.equal((await get(`/v1/subjects/${ref}/checks`, tokens.other)).statusCode, 403);
  assert.equal((await get(`/v1/subjects/${PERSON}/checks`, tokens.other)).statusCode, 403);
  assert.equal((await get(`/v1/subjects/${ref}/checks`, tokens.consumer)).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: `/v1/subjects/${ref}/checks` })).statusCode, 401);
});

test('a forged cursor or a page size out of range is a problem with a code', async () => {
  for (const [url, code] of [
    [`/v1/subjects/${ref}/checks?cursor=bm90LW1pbmU`, 'input.invalid_cursor'],
    [`/v1/subjects/${ref}/checks?limit=0`, 'input.invalid'],
    [`/v1/subjects/${ref}/checks?limit=900`, 'input.out_of_range'],
    [`/v1/subjects/${ref}/checks?offset=5`, 'input.unknown_field'],
  ] as const) {
    const res = await get(url, tokens.own);
    assert.equal(res.statusCode, 400, url);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal((res.json() as { code: string }).code, code, `${url}: ${res.body}`);
  }
});

test('the OpenAPI document names the route and who may call it', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { operationId?: string; description?: string }>>;
  };
  const op = doc.paths['/v1/subjects/{ref}/checks']?.get;
  assert.equal(op?.operationId, 'listSubjectChecks');
  assert.match(op?.description ?? '', /Roles: admin, reviewer, subject \(own-subject\), auditor\./);
});

test('on my own pages: the newest checks, how many there are, and a link to the older ones', async () => {
  const session = { cookie: `credence_session=${tokens.own}` };
  const me = await app.inject({ method: 'GET', url: '/me', headers: session });
  assert.equal(me.statusCode, 200);
  assert.match(me.body, /The newest 100 of 250 checks\./);
  const older = (html: string) => /href="(\/me\/checks\?cursor=[^"]+)" rel="next"/.exec(html)?.[1];
  const link = older(me.body);
  assert.ok(link, 'a link to the older checks');
  const second = await app.inject({ method: 'GET', url: link, headers: session });
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /250 checks in all, newest first\./);
  assert.equal(second.body.match(/<tr>/g)?.length, 101, 'a header row and 100 checks');
  const last = older(second.body);
  assert.ok(last);
  const end = await app.inject({ method: 'GET', url: last, headers: session });
  assert.equal(end.body.match(/<tr>/g)?.length, 51, 'the oldest 50');
  assert.doesNotMatch(end.body, /rel="next"/, 'and no further link');
  const forged = await app.inject({ method: 'GET', url: '/me/checks?cursor=x', headers: session });
  assert.equal(forged.statusCode, 400);
});
