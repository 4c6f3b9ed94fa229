// size: the HTTP conventions share one seeded registry and one server; splitting would repeat the fixture
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import helmet from 'helmet';
import Type, { type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { activateRulebook } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { tick } from '../app/maintenance/maintenance.tick.ts';
import { type AppContext, makeIdHasher } from '../app/ports/ports.context.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { TestClock } from '../domain/clock.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { DAY, parseInstant } from '../domain/time.ts';
import { makeUsci } from '../domain/usci.ts';
import { openSqlite } from '../store/sqlite/sqlite.store.ts';
import { Changed } from './corrections.routes.ts';
import { Problem } from './errors.ts';
import {
  AuditHead,
  Published,
  ReplayView,
  VersionList,
  VersionText,
  WhatIfReport,
} from './governance.routes.ts';
import {
  Accepted,
  BatchResult,
  CheckView,
  FileView,
  OrganizationPage,
  RulebookActivated,
  RulebookCheck,
  RulebookList,
  ScoreView,
  SourceView,
  TokenCreated,
  TokenList,
} from './schemas.ts';
import { buildServer, startServer } from './server.ts';
import { assertDocumented } from './testing/openapi.responses.ts';

type Role = 'admin' | 'source' | 'reviewer' | 'consumer' | 'subject' | 'auditor';
const ROLES: readonly Role[] = ['admin', 'source', 'reviewer', 'consumer', 'subject', 'auditor'];

/** Each route's declared success responses (the same TypeBox objects the routes use); errors are Problem. */
const RESPONSES: Record<string, Record<number, TSchema>> = {
  'GET /healthz': { 200: Type.Object({ status: Type.String() }) },
  'GET /readyz': { 200: Type.Object({ status: Type.String() }) },
  'POST /v1/subjects': { 200: Accepted, 201: Accepted },
  'POST /v1/sources': { 200: Accepted, 201: Accepted },
  'GET /v1/sources': { 200: Type.Object({ items: Type.Array(SourceView) }) },
  'POST /v1/records': { 200: Accepted, 201: Accepted },
  'POST /v1/records:batch': { 200: BatchResult },
  'GET /v1/subjects/{ref}/score': { 200: ScoreView },
  'GET /v1/subjects/{ref}/check/{measure}': { 200: CheckView },
  'GET /v1/subjects/{ref}/file': { 200: FileView },
  'GET /v1/organizations': { 200: OrganizationPage },
  'GET /v1/rulebooks': { 200: RulebookList },
  'POST /v1/rulebooks:check': { 200: RulebookCheck },
  'POST /v1/rulebooks': { 200: RulebookActivated, 201: RulebookActivated },
  'POST /v1/tokens': { 201: TokenCreated },
  'GET /v1/tokens': { 200: TokenList },
  'DELETE /v1/tokens/{id}': { 204: Type.Null() },
  'GET /v1/rulebooks/versions': { 200: VersionList },
  'GET /v1/rulebooks/versions/{hash}': { 200: VersionText },
  'POST /v1/rulebooks:publish': { 201: Published },
  'POST /v1/rulebooks:whatif': { 200: WhatIfReport },
  'GET /v1/decisions/{id}/replay': { 200: ReplayView },
  'GET /v1/audit/head': { 200: AuditHead },
  'POST /v1/records/{source}/{id}/annul': { 200: Changed },
  'POST /v1/records/{source}/{id}/correct': { 200: Changed },
  'GET /v1/openapi.json': {
    200: Type.Object({ openapi: Type.Literal('3.1.0'), paths: Type.Record(Type.String(), Type.Unknown()) }),
  },
};

const RULEBOOK = readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8');
const EVIDENCE = `sha256:${'a'.repeat(64)}`;
const ORG = makeUsci('91350100', 'M0001000');
const OTHER_ORG = makeUsci('91350100', 'M0002000');
const PERSON_ID = makeNationalId('110101', '19900307', '451');
const OTHER_PERSON_ID = makeNationalId('110101', '19850101', '123');

let dir: string;
let ctx: AppContext;
let clock: TestClock;
let url: string;
let close: () => Promise<void>;
const tokens: Record<Role, string> = {} as Record<Role, string>;
let otherSubjectToken: string;
let firstDecision: string;
let annulSeq = 0;
let personRef: string;

interface Reply {
  status: number;
  body: unknown;
  type: string;
}

/** One HTTP call; every JSON answer is checked against the route's declared schema for its status. */
async function call(
  route: string,
  opts: { path?: string; token?: string; body?: unknown; raw?: string; contentType?: string } = {},
): Promise<Reply> {
  const [method, pattern] = route.split(' ') as [string, string];
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(url + (opts.path ?? pattern), { method, headers, body });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  const parsed = text === '' ? null : type.includes('json') ? JSON.parse(text) : text;
  // every answer, errors included, as the OpenAPI document describes it
  await assertDocumented({
    method,
    path: opts.path ?? pattern,
    status: res.status,
    contentType: type,
    body: parsed,
  });
  if (res.status >= 400) {
    assert.match(type, /^application\/problem\+json/, `${route} ${res.status} is problem+json`);
    assert.ok(Value.Check(Problem, parsed), `${route} ${res.status} problem matches schema: ${text}`);
    assert.equal((parsed as { status: number }).status, res.status);
  } else {
    const schema = RESPONSES[route]?.[res.status];
    assert.ok(schema, `${route} declares a response for ${res.status}`);
    assert.ok(
      Value.Check(schema, parsed),
      `${route} ${res.status} matches its declared schema: ${[...Value.Errors(schema, parsed)]
        .slice(0, 3)
        .map((e) => JSON.stringify(e))
        .join('; ')}`,
    );
  }
  return { status: res.status, body: parsed, type };
}

const codeOf = (r: Reply) => (r.body as { code?: string }).code;

function record(id: string, over: Record<string, unknown> = {}) {
  return {
    source: 'tax-bureau',
    id,
    subject: ORG,
    type: 'tax.late_payment',
    occurred_at: '2026-03-01',
    legal_basis: 'Tax Collection Administration Law art. 32',
    evidence: [EVIDENCE],
    ...over,
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-api-'));
  clock = new TestClock(parseInstant('2026-06-01')!);
  const store = await openSqlite(join(dir, 'registry.db'));
  ctx = { store, clock, hashNationalId: makeIdHasher('test-key'), actor: 'test' };
  await activateRulebook(ctx, RULEBOOK);
  const results = await new Ingestor(ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'] },
    { kind: 'source', id: 'court', name: 'People’s Court', domains: ['court'] },
    { kind: 'person', national_id: PERSON_ID, name: 'Zhang Wei' },
    { kind: 'person', national_id: OTHER_PERSON_ID, name: 'Li Na' },
    { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: PERSON_ID },
    { kind: 'organization', usci: OTHER_ORG, name: 'Fuzhou Other Co.' },
  ]);
  assert.ok(
    results.every((r) => r.ok),
    JSON.stringify(results),
  );
  // a court defaulter listing: a decision to replay
  await new Ingestor(ctx).apply([
    {
      source: 'court',
      id: 'C-API-1',
      subject: OTHER_ORG,
      type: 'court.judgment_default',
      occurred_at: '2026-03-01',
      legal_basis: 'Civil Procedure Law art. 262',
      evidence: [EVIDENCE],
    },
  ]);
  await new Ingestor(ctx).apply(
    Array.from({ length: 8 }, (_, i) => ({
      source: 'court',
      id: `C-API-ANNUL-${i}`,
      subject: OTHER_ORG,
      type: 'court.obstructing_enforcement',
      occurred_at: '2026-02-01',
      legal_basis: 'Civil Procedure Law art. 111',
      evidence: [EVIDENCE],
    })),
  );
  // the judgments were reported late: their entries take effect ten days after the registry recorded them
  clock.advance(11 * DAY);
  await tick(ctx);
  const [other] = await ctx.store.subjectsByUsci([OTHER_ORG]);
  firstDecision = (await ctx.store.decisionsOf(Number(other!.id))).find((d) => d.event === 'entry')!.id;
  for (const role of ROLES) {
    const t = await createToken(ctx, {
      role,
      ...(role === 'source' ? { source: 'tax-bureau' } : {}),
      ...(role === 'subject' ? { subjectRef: PERSON_ID } : {}),
    });
    tokens[role] = t.token;
  }
  otherSubjectToken = (await createToken(ctx, { role: 'subject', subjectRef: OTHER_PERSON_ID })).token;
  const [p] = await ctx.store.subjectsByIdHash([ctx.hashNationalId(PERSON_ID)]);
  personRef = `P${String(p!.id).padStart(7, '0')}`;
  const s = await startServer(ctx, { port: 0, host: '127.0.0.1', logger: false });
  url = s.url;
  close = s.close;
});

after(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

describe('who may do what', () => {
  /** Every route, who may call it, and a request that is valid for an allowed caller. */
  const matrix: {
    route: string;
    allowed: readonly Role[] | 'public';
    path?: () => string;
    body?: () => unknown;
    raw?: () => string;
    contentType?: string;
  }[] = [
    { route: 'GET /healthz', allowed: 'public' },
    { route: 'GET /readyz', allowed: 'public' },
    { route: 'GET /v1/openapi.json', allowed: 'public' },
    { route: 'GET /v1/organizations', allowed: 'public', path: () => '/v1/organizations?q=Fuzhou' },
    { route: 'GET /v1/rulebooks', allowed: 'public' },
    { route: 'GET /v1/sources', allowed: 'public' },
    {
      route: 'POST /v1/sources',
      allowed: ['admin'],
      body: () => ({ id: 'market', name: 'Market Regulator', domains: ['product'] }),
    },
    {
      route: 'POST /v1/subjects',
      allowed: ['admin'],
      body: () => ({ kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' }),
    },
    { route: 'POST /v1/records', allowed: ['source'], body: () => record('TB-MATRIX') },
    {
      route: 'POST /v1/records:batch',
      allowed: ['source'],
      raw: () => `${JSON.stringify(record('TB-MATRIX-B'))}\n`,
      contentType: 'application/x-ndjson',
    },
    {
      route: 'GET /v1/subjects/{ref}/score',
      allowed: ['admin', 'reviewer', 'auditor', 'subject'],
      path: () => `/v1/subjects/${personRef}/score`,
    },
    {
      route: 'GET /v1/subjects/{ref}/check/{measure}',
      allowed: ['consumer', 'admin', 'auditor'],
      path: () => `/v1/subjects/${personRef}/check/transport.air_travel`,
    },
    {
      route: 'GET /v1/subjects/{ref}/file',
      allowed: ['subject', 'auditor', 'reviewer'],
      path: () => `/v1/subjects/${personRef}/file`,
    },
    {
      route: 'POST /v1/rulebooks:check',
      allowed: ['admin'],
      raw: () => RULEBOOK,
      contentType: 'application/yaml',
    },
    { route: 'POST /v1/rulebooks', allowed: ['admin'], raw: () => RULEBOOK, contentType: 'application/yaml' },
    {
      route: 'POST /v1/tokens',
      allowed: ['admin'],
      body: () => ({ role: 'consumer', label: 'rail operator' }),
    },
    { route: 'GET /v1/tokens', allowed: ['admin', 'auditor'] },
    { route: 'DELETE /v1/tokens/{id}', allowed: ['admin'], path: () => '/v1/tokens/no-such-token' },
    { route: 'GET /v1/rulebooks/versions', allowed: 'public' },
    {
      route: 'GET /v1/rulebooks/versions/{hash}',
      allowed: 'public',
      path: () => `/v1/rulebooks/versions/${createHash('sha256').update(RULEBOOK).digest('hex')}`,
    },
    {
      route: 'POST /v1/rulebooks:publish',
      allowed: ['admin'],
      raw: () => RULEBOOK,
      contentType: 'application/yaml',
      path: () => '/v1/rulebooks:publish?comment_period=P0D',
    },
    {
      route: 'POST /v1/rulebooks:whatif',
      allowed: ['admin', 'auditor'],
      raw: () => RULEBOOK,
      contentType: 'application/yaml',
    },
    { route: 'GET /v1/audit/head', allowed: 'public' },
    {
      route: 'POST /v1/records/{source}/{id}/correct',
      allowed: ['reviewer'],
      path: () => '/v1/records/court/C-API-1/correct',
      body: () => ({ reasons: 'The judgment was dated a day later.', occurred_at: '2026-03-02' }),
    },
    {
      route: 'POST /v1/records/{source}/{id}/annul',
      allowed: ['reviewer'],
      path: () => `/v1/records/court/C-API-ANNUL-${annulSeq++}/annul`,
      body: () => ({ reasons: 'Entered against the wrong company.' }),
    },
    {
      route: 'GET /v1/decisions/{id}/replay',
      allowed: ['admin', 'auditor', 'reviewer'],
      path: () => `/v1/decisions/${firstDecision}/replay`,
    },
  ];

  for (const m of matrix) {
    for (const who of [...ROLES, 'anonymous'] as const) {
      const allowed = m.allowed === 'public' || (who !== 'anonymous' && m.allowed.includes(who));
      test(`${who} ${allowed ? 'may' : 'may not'} call ${m.route}`, async () => {
        const r = await call(m.route, {
          ...(who === 'anonymous' ? {} : { token: tokens[who] }),
          ...(m.path ? { path: m.path() } : {}),
          ...(m.body ? { body: m.body() } : {}),
          ...(m.raw ? { raw: m.raw() } : {}),
          ...(m.contentType ? { contentType: m.contentType } : {}),
        });
        if (allowed) {
          assert.ok(
            r.status !== 401 && r.status !== 403,
            `expected access, got ${r.status} ${JSON.stringify(r.body)}`,
          );
          assert.ok(r.status < 500);
          if (m.route === 'DELETE /v1/tokens/{id}') assert.equal(r.status, 404);
          else assert.ok(r.status < 300, `expected success, got ${r.status} ${JSON.stringify(r.body)}`);
        } else if (who === 'anonymous') {
          assert.equal(r.status, 401);
          assert.equal(codeOf(r), 'auth.missing_token');
        } else {
          assert.equal(r.status, 403);
          // refused by role, or by whose source or registry facts it would write
          assert.ok(
            ['auth.forbidden', 'auth.wrong_source', 'auth.registry_not_authorised'].includes(
              String(codeOf(r)),
            ),
            String(codeOf(r)),
          );
        }
      });
    }
  }

  test('a subject cannot read another subject’s score or file', async () => {
    for (const route of ['GET /v1/subjects/{ref}/score', 'GET /v1/subjects/{ref}/file']) {
      const r = await call(route, {
        token: otherSubjectToken,
        path: route.split(' ')[1]!.replace('{ref}', personRef),
      });
      assert.equal(r.status, 403);
      assert.equal(codeOf(r), 'auth.forbidden');
    }
  });

  test('a source cannot submit records in another source’s name', async () => {
    const r = await call('POST /v1/records', {
      token: tokens.source,
      body: record('CT-1', { source: 'court', type: 'court.defaulter' }),
    });
    assert.equal(r.status, 403);
    assert.equal(codeOf(r), 'auth.wrong_source');
  });

  test('an expired token is refused with 401', async () => {
    const t = await createToken(ctx, { role: 'auditor', expires: 'P1D' });
    assert.equal((await call('GET /v1/tokens', { token: t.token })).status, 200);
    const now = clock.now();
    clock.set(now + 2 * DAY);
    try {
      const r = await call('GET /v1/tokens', { token: t.token });
      assert.equal(r.status, 401);
      assert.equal(codeOf(r), 'auth.expired_token');
    } finally {
      clock.set(now);
    }
  });

  test('a revoked token is refused with 401', async () => {
    const created = await call('POST /v1/tokens', {
      token: tokens.admin,
      body: { role: 'consumer', label: 'to revoke' },
    });
    assert.equal(created.status, 201);
    const { id, token } = created.body as { id: string; token: string };
    assert.equal(
      (await call('DELETE /v1/tokens/{id}', { token: tokens.admin, path: `/v1/tokens/${id}` })).status,
      204,
    );
    const r = await call('GET /v1/subjects/{ref}/check/{measure}', {
      token,
      path: `/v1/subjects/${ORG}/check/transport.air_travel`,
    });
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'auth.revoked_token');
    const listed = (await call('GET /v1/tokens', { token: tokens.admin })).body as {
      items: { id: string; revoked_at: string | null }[];
    };
    assert.ok(listed.items.find((t) => t.id === id)?.revoked_at);
    assert.ok(!JSON.stringify(listed).includes(token), 'token secrets are never listed');
  });

  test('an unknown token is refused with 401', async () => {
    const r = await call('GET /v1/tokens', { token: 'A'.repeat(43) });
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'auth.invalid_token');
  });
});

describe('submitting records', () => {
  test('resubmitting the same record returns the original answer; different content is a conflict', async () => {
    const first = await call('POST /v1/records', { token: tokens.source, body: record('TB-IDEM') });
    assert.equal(first.status, 201);
    const stored = (first.body as { record: Record<string, unknown> }).record;
    assert.deepEqual(
      [stored.source, stored.id, stored.subject, stored.type, stored.occurred_at],
      ['tax-bureau', 'TB-IDEM', ORG, 'tax.late_payment', '2026-03-01T00:00:00.000Z'],
    );
    // later, and with the date written another way: the same content, so the original is returned as it was stored
    const again = await call('POST /v1/records', {
      token: tokens.source,
      body: record('TB-IDEM', { occurred_at: '2026-03-01T08:00:00+08:00' }),
    });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { status: 'unchanged', what: 'record tax-bureau/TB-IDEM', record: stored });
    const changed = await call('POST /v1/records', {
      token: tokens.source,
      body: record('TB-IDEM', { occurred_at: '2026-03-02' }),
    });
    assert.equal(changed.status, 409);
    assert.equal(codeOf(changed), 'record.duplicate_conflict');
    assert.equal((changed.body as { issues: { path: string }[] }).issues[0]!.path, 'id');
  });

  test('malformed JSON is a 400 problem', async () => {
    const r = await call('POST /v1/records', { token: tokens.source, raw: '{"source": "tax-bureau",' });
    assert.equal(r.status, 400);
    assert.equal(codeOf(r), 'input.malformed_json');
  });

  test('an unknown field is a 400 that names the field', async () => {
    const r = await call('POST /v1/records', {
      token: tokens.source,
      body: record('TB-X', { colour: 'red' }),
    });
    assert.equal(r.status, 400);
    assert.equal(codeOf(r), 'input.unknown_field');
    assert.equal((r.body as { issues: { path: string }[] }).issues[0]!.path, 'colour');
    assert.match((r.body as { detail: string }).detail, /colour/);
  });

  test('a missing field is a 400 that names the field', async () => {
    const { legal_basis: _, ...rest } = record('TB-Y');
    const r = await call('POST /v1/records', { token: tokens.source, body: rest });
    assert.equal(r.status, 400);
    assert.ok((r.body as { issues: { path: string }[] }).issues.some((i) => i.path === 'legal_basis'));
  });

  test('a record dated in the future is refused, naming occurred_at', async () => {
    const r = await call('POST /v1/records', {
      token: tokens.source,
      body: record('TB-FUT', { occurred_at: '2027-01-01' }),
    });
    assert.ok(r.status === 400 || r.status === 422);
    assert.equal(codeOf(r), 'record.future_date');
    assert.equal((r.body as { issues: { path: string }[] }).issues[0]!.path, 'occurred_at');
  });

  test('a batch answers line by line; bad lines do not stop the good ones', async () => {
    const lines = [
      JSON.stringify(record('TB-B1')),
      '{not json',
      '',
      JSON.stringify(record('TB-B2', { type: 'no.such_type' })),
      JSON.stringify(record('TB-B1')),
    ].join('\n');
    const r = await call('POST /v1/records:batch', {
      token: tokens.source,
      raw: lines,
      contentType: 'application/x-ndjson',
    });
    assert.equal(r.status, 200);
    const b = r.body as {
      lines: number;
      accepted: number;
      rejected: number;
      results: { line: number; ok: boolean; code?: string }[];
    };
    assert.equal(b.lines, 4);
    assert.equal(b.accepted, 2);
    assert.deepEqual(
      b.results.map((x) => [x.line, x.ok, x.code ?? null]),
      [
        [1, true, null],
        [2, false, 'input.malformed_json'],
        [4, false, 'record.unknown_type'],
        [5, true, null],
      ],
    );
  });
});

describe('registering subjects', () => {
  test('registering an organization with an unknown field is a 400 naming only that field', async () => {
    const r = await call('POST /v1/subjects', {
      token: tokens.admin,
      body: { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', colour: 'red' },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(
      (r.body as { issues: { path: string }[] }).issues.map((i) => i.path),
      ['colour'],
    );
  });

  test('registering an organization with a wrong check character is refused, naming the position', async () => {
    const bad = ORG.slice(0, 17) + (ORG[17] === '0' ? '1' : '0');
    const r = await call('POST /v1/subjects', {
      token: tokens.admin,
      body: { kind: 'organization', usci: bad, name: 'Typo Co.' },
    });
    assert.equal(r.status, 422);
    assert.equal(codeOf(r), 'subject.invalid_usci');
    assert.match((r.body as { detail: string }).detail, /character 18/);
  });
});

describe('reading subjects', () => {
  test('a measure check returns only subject, measure, applies, until and decisions', async () => {
    const r = await call('GET /v1/subjects/{ref}/check/{measure}', {
      token: tokens.consumer,
      path: `/v1/subjects/${ORG}/check/transport.air_travel?at=2026-05-01`,
    });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body as object).sort(), [
      'applies',
      'decisions',
      'measure',
      'subject',
      'until',
    ]);
    assert.equal((r.body as { subject: string }).subject, ORG);
  });

  test('a subject reads its own score and file, and sees who checked it', async () => {
    const check = await call('GET /v1/subjects/{ref}/check/{measure}', {
      token: tokens.consumer,
      path: `/v1/subjects/${personRef}/check/transport.air_travel`,
    });
    assert.equal(check.status, 200);
    const score = await call('GET /v1/subjects/{ref}/score', {
      token: tokens.subject,
      path: `/v1/subjects/${personRef}/score?at=2026-05-01`,
    });
    assert.equal(score.status, 200);
    assert.equal((score.body as { at: string }).at, '2026-05-01T00:00:00.000Z');
    const file = await call('GET /v1/subjects/{ref}/file', {
      token: tokens.subject,
      path: `/v1/subjects/${personRef}/file`,
    });
    assert.equal(file.status, 200);
    assert.ok(
      (file.body as { checks: { measure: string; asked_by: string }[] }).checks.some(
        // the consumer is named by its token's label and role, never by the token's id
        (c) =>
          c.measure === 'transport.air_travel' &&
          /consumer/.test(c.asked_by) &&
          !c.asked_by.startsWith('token:'),
      ),
    );
  });

  test('an unknown subject is a 404 problem and a malformed date a 400', async () => {
    const missing = await call('GET /v1/subjects/{ref}/score', {
      token: tokens.admin,
      path: '/v1/subjects/P9999999/score',
    });
    assert.equal(missing.status, 404);
    assert.equal(codeOf(missing), 'subject.not_found');
    const bad = await call('GET /v1/subjects/{ref}/score', {
      token: tokens.admin,
      path: `/v1/subjects/${personRef}/score?at=yesterday`,
    });
    assert.equal(bad.status, 400);
    assert.equal(codeOf(bad), 'input.invalid_date');
  });

  test('an unknown measure is a 404 problem', async () => {
    const r = await call('GET /v1/subjects/{ref}/check/{measure}', {
      token: tokens.consumer,
      path: `/v1/subjects/${ORG}/check/no.such.measure`,
    });
    assert.equal(r.status, 404);
    assert.equal(codeOf(r), 'measure.unknown');
  });
});

describe('public look-ups', () => {
  test('organizations are found by name prefix, page by page', async () => {
    const p1 = await call('GET /v1/organizations', { path: '/v1/organizations?q=Fuzhou&limit=1' });
    assert.equal(p1.status, 200);
    const b1 = p1.body as { items: { usci: string }[]; next_cursor: string | null };
    assert.equal(b1.items.length, 1);
    assert.ok(b1.next_cursor);
    const p2 = await call('GET /v1/organizations', {
      path: `/v1/organizations?q=Fuzhou&limit=1&cursor=${b1.next_cursor}`,
    });
    const b2 = p2.body as { items: { usci: string }[]; next_cursor: string | null };
    assert.equal(b2.items.length, 1);
    assert.notEqual(b2.items[0]!.usci, b1.items[0]!.usci);
    const byUsci = await call('GET /v1/organizations', { path: `/v1/organizations?q=${ORG}` });
    assert.deepEqual(
      (byUsci.body as { items: { usci: string }[] }).items.map((i) => i.usci),
      [ORG],
    );
  });

  test('a mistyped USCI is a 400 that says which character is wrong', async () => {
    const last = ORG[17] === '0' ? '1' : '0';
    const bad = ORG.slice(0, 17) + last;
    const r = await call('GET /v1/organizations', { path: `/v1/organizations?q=${bad}` });
    assert.equal(r.status, 400);
    assert.match((r.body as { detail: string }).detail, /character 18/);
  });

  test('an invalid rulebook is checked with every issue listed, and refused on activation', async () => {
    const broken = RULEBOOK.replace('points: -10 ', 'points: "many" ').replace(
      /^version: .*$/m,
      'version: "broken"',
    );
    const check = await call('POST /v1/rulebooks:check', {
      token: tokens.admin,
      raw: broken,
      contentType: 'application/yaml',
    });
    assert.equal(check.status, 200);
    assert.equal((check.body as { valid: boolean }).valid, false);
    assert.ok((check.body as { issues: unknown[] }).issues.length >= 1);
    const act = await call('POST /v1/rulebooks', {
      token: tokens.admin,
      raw: broken,
      contentType: 'application/yaml',
    });
    assert.equal(act.status, 422);
    assert.equal(codeOf(act), 'rulebook.invalid');
  });

  test('the OpenAPI document parses and lists every route', async () => {
    const r = await call('GET /v1/openapi.json');
    const doc = r.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    for (const route of Object.keys(RESPONSES)) {
      const [method, path] = route.split(' ') as [string, string];
      if (path === '/healthz' || path === '/readyz' || path === '/v1/openapi.json') continue;
      assert.ok(
        doc.paths[path]?.[method.toLowerCase()],
        `OpenAPI lists ${route} (has ${Object.keys(doc.paths).join(', ')})`,
      );
    }
  });

  test('responses carry security headers and unknown routes are problem+json', async () => {
    // the headers helmet's defaults set, as its middleware sets them on a bare response
    const expected = new Map<string, string>();
    helmet()(
      {} as IncomingMessage,
      {
        setHeader: (k: string, v: string) => void expected.set(k.toLowerCase(), String(v)),
        removeHeader: () => {},
      } as unknown as ServerResponse,
      () => {},
    );
    assert.ok(expected.has('content-security-policy') && expected.has('x-content-type-options'));
    // an answer, a refusal before any route runs, an unknown route: every reply carries them all
    for (const [path, headers, status] of [
      ['/v1/rulebooks', {}, 200],
      ['/v1/rulebooks', { authorization: `Bearer ${'x'.repeat(43)}` }, 401],
      ['/v1/nothing-here', {}, 404],
    ] as const) {
      const res = await fetch(`${url}${path}`, { headers });
      assert.equal(res.status, status, path);
      for (const [k, v] of expected) assert.equal(res.headers.get(k), v, `${status} ${path}: ${k}`);
      await res.text();
    }
    const r = await call('GET /v1/nothing-here');
    assert.equal(r.status, 404);
  });
});

describe('limits', () => {
  test('public search is rate limited per address with a 429 problem', async () => {
    const app = await buildServer(ctx, { logger: false, publicRateLimit: 2 });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${base}/v1/organizations?q=Fuzhou`);
        statuses.push(res.status);
        const body = await res.json();
        if (res.status === 429) {
          assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
          assert.ok(Value.Check(Problem, body));
          assert.equal((body as { code: string }).code, 'rate.limited');
        }
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await app.close();
    }
  });

  test('a batch over 5 MB is refused with 413', async () => {
    const line = `${JSON.stringify(record('TB-BIG', { note: 'x'.repeat(400) }))}\n`;
    const r = await call('POST /v1/records:batch', {
      token: tokens.source,
      raw: line.repeat(Math.ceil((5 * 1024 * 1024) / line.length) + 1),
      contentType: 'application/x-ndjson',
    });
    assert.equal(r.status, 413);
    assert.equal(codeOf(r), 'input.too_large');
  });

  test('a batch over 10,000 lines is refused with 400', async () => {
    const r = await call('POST /v1/records:batch', {
      token: tokens.source,
      raw: '{}\n'.repeat(10_001),
      contentType: 'application/x-ndjson',
    });
    assert.equal(r.status, 400);
    assert.equal(codeOf(r), 'input.too_many_lines');
  });

  test('an unsupported body type is a 415 problem', async () => {
    const r = await call('POST /v1/records', {
      token: tokens.source,
      raw: '<record/>',
      contentType: 'application/xml',
    });
    assert.equal(r.status, 415);
  });
});
