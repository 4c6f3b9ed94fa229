// size: one walk of the authorization table: every route × caller × ownership case needs its own request fixture
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { fileObjection } from '../app/due-process/due-process.cases.ts';
import { activeRulebooks } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { personRef } from '../app/ports/ports.context.ts';
import { checkMeasure } from '../app/queries/queries.usecases.ts';
import { EVIDENCE, type TestRegistry, testRegistry } from '../app/testing/test-registry.ts';
import { createToken } from '../app/tokens/tokens.usecases.ts';
import { createWatch } from '../app/watches/watches.usecases.ts';
import { makeNationalId } from '../domain/national-id.ts';
import { makeUsci } from '../domain/usci.ts';
import { AUTHORIZATION, CALLERS, type Caller, type Cell, conditionsOf } from './api.authorization.ts';
import { buildServer } from './server.ts';

/**
 * Walks every route of the OpenAPI document with every caller (each role and no token) and every ownership
 * case, and checks each answer against the authorization table: allowed cells must succeed, denied ones must be
 * refused as unauthorised (401), forbidden (403) or, line by line, with an authorization code.
 */

const RULEBOOK = readFileSync(new URL('../../rulebooks/default.yaml', import.meta.url), 'utf8');
const ORG = makeUsci('91350100', 'M0001000');
const OTHER_ORG = makeUsci('91350100', 'M0002000');
const PERSON = makeNationalId('110101', '19900307', '451');
const OTHER_PERSON = makeNationalId('110101', '19850101', '123');

/** Ownership of what a request touches, as the table's conditions read it. */
interface Attrs {
  ownSubject?: boolean;
  ownSource?: boolean;
  domainAuthorised?: boolean;
  registrySource?: boolean;
  registryFacts?: boolean;
  ownWatch?: boolean;
}
interface Who {
  readonly caller: Caller;
  readonly token?: string;
  /** For source tokens: which source, and whether it is authorised for the registry domain. */
  readonly source?: 'tax-bureau' | 'samr';
}
interface Req {
  readonly url: string;
  readonly payload?: string;
  readonly contentType?: string;
}
interface Case {
  readonly name: string;
  readonly attrs: Attrs;
  readonly req: Req;
  /** Codes that still show the guard let the request through (a feature not configured in this registry). */
  readonly through?: RegExp;
}

let r: TestRegistry;
let app: FastifyInstance;
let measure: string;
let checkId: string;
let rulebookHash: string;
/** The consumer token's actor and another consumer's: whose watches are whose. */
let consumerActor: string;
let otherConsumerActor: string;
const tokens = {} as Record<Exclude<Caller, 'public'> | 'samr' | 'other-subject', string>;
let seq = 0;

const json = (url: string, body: unknown): Req => ({
  url,
  payload: JSON.stringify(body),
  contentType: 'application/json',
});
const ndjson = (lines: unknown[]): Req => ({
  url: '/v1/records:batch',
  payload: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  contentType: 'application/x-ndjson',
});
const yaml = (url: string): Req => ({ url, payload: RULEBOOK, contentType: 'application/yaml' });

/** A record of `source`, of a type in `domain` (tax or market), about `subject`. */
function record(source: string, domain: 'tax' | 'market', subject = ORG) {
  return {
    source,
    id: `R-${++seq}`,
    subject,
    type: domain === 'tax' ? 'tax.late_payment' : 'market.annual_report_not_filed',
    occurred_at: '2026-03-01',
    legal_basis: 'Tax Collection Administration Law art. 32',
    evidence: [EVIDENCE],
  };
}
const domainOf = (s: string): 'tax' | 'market' => (s === 'samr' ? 'market' : 'tax');
const otherSource = (s: string) => (s === 'samr' ? 'tax-bureau' : 'samr');

/** A record stored by the operator, for annulment and correction. */
async function stored(source: string): Promise<string> {
  const rec = record(source, domainOf(source));
  const [res] = await new Ingestor(r.ctx).apply([rec]);
  assert.ok(res?.ok, JSON.stringify(res));
  return `/v1/records/${source}/${rec.id}`;
}

const one =
  (req: (w: Who) => Req | Promise<Req>) =>
  async (w: Who): Promise<Case[]> => [{ name: 'request', attrs: {}, req: await req(w) }];

/** For each route of the OpenAPI document: the requests a caller makes, with their ownership. */
const FIXTURES: Record<string, (w: Who) => Promise<Case[]>> = {
  'GET /v1/organizations': one(() => ({ url: '/v1/organizations?q=Fuzhou' })),
  'GET /v1/organizations/{usci}': one(() => ({ url: `/v1/organizations/${ORG}` })),
  'GET /v1/rulebooks': one(() => ({ url: '/v1/rulebooks' })),
  'GET /v1/rulebooks/versions': one(() => ({ url: '/v1/rulebooks/versions' })),
  'GET /v1/rulebooks/versions/{hash}': one(() => ({ url: `/v1/rulebooks/versions/${rulebookHash}` })),
  'GET /v1/sources': one(() => ({ url: '/v1/sources' })),
  'GET /v1/audit/head': one(() => ({ url: '/v1/audit/head' })),
  'GET /v1/audit/checkpoint': async () => [
    // no signing key in a test registry: the answer after the guard is that problem
    { name: 'request', attrs: {}, req: { url: '/v1/audit/checkpoint' }, through: /^audit\.no_signing_key$/ },
  ],
  // signed credit reports: public; a test registry has no signing key, so past the guard the answer is that problem
  'GET /v1/organizations/{usci}/report': async () => [
    {
      name: 'request',
      attrs: {},
      req: { url: `/v1/organizations/${ORG}/report` },
      through: /^(registry|report)\.no_signing_key$/,
    },
  ],
  'GET /v1/keys': async () => [
    { name: 'request', attrs: {}, req: { url: '/v1/keys' }, through: /^(registry|report)\.no_signing_key$/ },
  ],
  'POST /v1/reports:verify': async () => [
    {
      name: 'request',
      attrs: {},
      req: { url: '/v1/reports:verify', payload: '%PDF-1.7\n%%EOF\n', contentType: 'application/pdf' },
      through: /^(registry|report)\.[a-z_]+$/,
    },
  ],
  'POST /v1/subjects': async () => [
    {
      name: 'appoint a legal representative',
      attrs: { registryFacts: true },
      req: json('/v1/subjects', {
        kind: 'organization',
        usci: OTHER_ORG,
        name: 'Fuzhou Other Co.',
        legal_representative: OTHER_PERSON,
      }),
    },
  ],
  'POST /v1/records': async (w) => {
    const s = w.source ?? 'tax-bureau';
    return [
      { name: 'own record', attrs: {}, req: json('/v1/records', record(s, domainOf(s))) },
      {
        name: 'another source’s record',
        attrs: { ownSource: false },
        req: json('/v1/records', record(otherSource(s), domainOf(otherSource(s)))),
      },
      {
        name: 'a domain it is not authorised for',
        attrs: { domainAuthorised: false },
        req: json('/v1/records', record(s, domainOf(otherSource(s)))),
      },
    ];
  },
  'POST /v1/records:batch': async (w) => {
    const s = w.source ?? 'tax-bureau';
    const n = ++seq;
    // a new subject with its record: a person for the tax bureau, an organization for the market regulator
    const fresh =
      s === 'samr'
        ? [
            {
              kind: 'organization',
              usci: makeUsci('91350100', `MA${String(n).padStart(6, '0')}`),
              name: 'New Co.',
            },
          ]
        : [
            {
              kind: 'person',
              national_id: makeNationalId('110101', '19800101', String(n % 1000).padStart(3, '0')),
              name: 'New Person',
            },
          ];
    const freshRef =
      (fresh[0] as { usci?: string; national_id?: string }).usci ??
      (fresh[0] as { national_id: string }).national_id;
    return [
      { name: 'own record', attrs: {}, req: ndjson([record(s, domainOf(s))]) },
      {
        name: 'a new subject with its record',
        attrs: {},
        req: ndjson([...fresh, record(s, domainOf(s), freshRef)]),
      },
      {
        name: 'appoint a legal representative',
        attrs: { registryFacts: true },
        req: ndjson([
          { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: OTHER_PERSON },
        ]),
      },
      {
        name: 'rename an organization',
        attrs: { registryFacts: true },
        req: ndjson([{ kind: 'organization', usci: ORG, name: `Fuzhou Renamed ${n}` }]),
      },
      {
        name: 'another source’s record',
        attrs: { ownSource: false },
        req: ndjson([record(otherSource(s), domainOf(otherSource(s)))]),
      },
      {
        name: 'a domain it is not authorised for',
        attrs: { domainAuthorised: false },
        req: ndjson([record(s, domainOf(otherSource(s)))]),
      },
    ];
  },
  'POST /v1/records/{source}/{id}/annul': async (w) => {
    const s = w.source ?? 'tax-bureau';
    return [
      { name: 'own record', attrs: {}, req: json(`${await stored(s)}/annul`, { reasons: 'entered twice' }) },
      {
        name: 'another source’s record',
        attrs: { ownSource: false },
        req: json(`${await stored(otherSource(s))}/annul`, { reasons: 'entered twice' }),
      },
    ];
  },
  'POST /v1/records/{source}/{id}/correct': async (w) => {
    const s = w.source ?? 'tax-bureau';
    const body = { reasons: 'amount mistyped', amount: 10 };
    return [
      { name: 'own record', attrs: {}, req: json(`${await stored(s)}/correct`, body) },
      {
        name: 'another source’s record',
        attrs: { ownSource: false },
        req: json(`${await stored(otherSource(s))}/correct`, body),
      },
    ];
  },
  'GET /v1/subjects/{ref}/score': async () => ownAndOther((ref) => `/v1/subjects/${ref}/score`),
  'GET /v1/subjects/{ref}/file': async () => ownAndOther((ref) => `/v1/subjects/${ref}/file`),
  'GET /v1/subjects/{ref}/check/{measure}': async () =>
    ownAndOther((ref) => `/v1/subjects/${ref}/check/${measure}`),
  'POST /v1/screenings': one(() => json('/v1/screenings', { subjects: [ORG], measures: [measure] })),
  'POST /v1/sources': one(() =>
    json('/v1/sources', { id: 'environment-bureau', name: 'Environment Bureau', domains: ['environment'] }),
  ),
  'POST /v1/rulebooks': one(() => yaml('/v1/rulebooks')),
  'POST /v1/rulebooks:check': one(() => yaml('/v1/rulebooks:check')),
  'POST /v1/rulebooks:publish': one(() => yaml('/v1/rulebooks:publish?comment_period=P0D')),
  'POST /v1/rulebooks:whatif': one(() => yaml('/v1/rulebooks:whatif')),
  'GET /v1/decisions/{id}/replay': one(() => ({ url: `/v1/decisions/${checkId}/replay` })),
  'POST /v1/watches': one(() =>
    json('/v1/watches', { subjects: [ORG], measures: [measure], purpose: 'supplier monitoring' }),
  ),
  'GET /v1/watches': one(() => ({ url: '/v1/watches' })),
  'GET /v1/changes': one(() => ({ url: '/v1/changes?since=0' })),
  'DELETE /v1/watches/{id}': async () => {
    const watch = async (actor: string) =>
      (
        await createWatch(
          { ...r.ctx, actor },
          { subjects: [ORG], measures: [measure], purpose: 'supplier monitoring' },
        )
      ).id;
    return [
      {
        name: 'own watch',
        attrs: { ownWatch: true },
        req: { url: `/v1/watches/${await watch(consumerActor)}` },
      },
      {
        name: 'another consumer’s watch',
        attrs: { ownWatch: false },
        req: { url: `/v1/watches/${await watch(otherConsumerActor)}` },
      },
    ];
  },
  'POST /v1/tokens': one(() => json('/v1/tokens', { role: 'consumer', label: 'rail operator' })),
  'GET /v1/tokens': one(() => ({ url: '/v1/tokens' })),
  'DELETE /v1/tokens/{id}': one(async () => ({
    url: `/v1/tokens/${(await createToken(r.ctx, { role: 'consumer', label: 'to revoke' })).id}`,
  })),
  'POST /v1/subjects/{ref}/objections': async () =>
    ownAndOther(async (ref) => ({
      url: `/v1/subjects/${ref}/objections`,
      body: { record: await courtRecord(), statement: 'The judgment was performed.' },
    })),
  'GET /v1/subjects/{ref}/objections': async () => ownAndOther((ref) => `/v1/subjects/${ref}/objections`),
  'POST /v1/subjects/{ref}/repairs': async () =>
    ownAndOther(async (ref) => ({
      url: `/v1/subjects/${ref}/repairs`,
      body: {
        record: await courtRecord(),
        letter: { text: 'I commit to perform the judgment in full from now on.', signed_by: 'Zhang Wei' },
        evidence: [{ kind: 'proof_of_performance', ref: EVIDENCE }],
      },
    })),
  'GET /v1/subjects/{ref}/repairs': async () => ownAndOther((ref) => `/v1/subjects/${ref}/repairs`),
  'POST /v1/subjects/{ref}/evidence': async () =>
    ownAndOther((ref) => ({ url: `/v1/subjects/${ref}/evidence`, raw: 'a scanned receipt' })),
  'GET /v1/subjects/{ref}/notices': async () => ownAndOther((ref) => `/v1/subjects/${ref}/notices`),
  'GET /v1/subjects/{ref}/export': async () => ownAndOther((ref) => `/v1/subjects/${ref}/export`),
  'GET /v1/subjects/{ref}/checks': async () => ownAndOther((ref) => `/v1/subjects/${ref}/checks?limit=5`),
  'GET /v1/cases': one(() => ({ url: '/v1/cases?status=open' })),
  'GET /v1/cases/{id}': one(async () => ({ url: `/v1/cases/${await openCase()}` })),
  'POST /v1/cases/{id}/decision': one(async () =>
    json(`/v1/cases/${await openCase()}/decision`, { outcome: 'uphold', reasons: 'The record stands.' }),
  ),
};

/** A court record about PERSON (repairable at once), for objections and repairs. */
async function courtRecord(): Promise<{ source: string; id: string }> {
  const id = `C-${++seq}`;
  const res = await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'court', name: 'People’s Court', domains: ['court'] },
    {
      source: 'court',
      id,
      subject: PERSON,
      type: 'court.judgment_default',
      occurred_at: '2026-03-01',
      legal_basis: 'Civil Procedure Law art. 262',
      evidence: [EVIDENCE],
    },
  ]);
  assert.ok(
    res.every((x) => x.ok),
    JSON.stringify(res),
  );
  return { source: 'court', id };
}

/** An open objection of PERSON's, for a reviewer to read or decide. */
async function openCase(): Promise<string> {
  return (await fileObjection(r.ctx, PERSON, await courtRecord(), 'The judgment was performed.')).id;
}

interface Fixture {
  readonly url: string;
  readonly body?: unknown;
  readonly raw?: string;
}

/**
 * A subject's own file and another's: the subject token belongs to PERSON. A request is a URL, or a URL with a
 * JSON body or raw bytes (made afresh for each case: an objection is filed once per record).
 */
async function ownAndOther(make: (ref: string) => string | Fixture | Promise<Fixture>): Promise<Case[]> {
  const [own] = await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(PERSON)]);
  const [other] = await r.ctx.store.subjectsByIdHash([r.ctx.hashNationalId(OTHER_PERSON)]);
  const req = async (ref: string): Promise<Req> => {
    const m = await make(ref);
    if (typeof m === 'string') return { url: m };
    if (m.raw !== undefined) return { url: m.url, payload: m.raw, contentType: 'application/octet-stream' };
    return m.body === undefined ? { url: m.url } : json(m.url, m.body);
  };
  return [
    { name: 'own subject', attrs: { ownSubject: true }, req: await req(personRef(Number(own!.id))) },
    {
      name: 'another subject',
      attrs: { ownSubject: false },
      req: await req(personRef(Number(other!.id))),
    },
    { name: 'another subject by national id', attrs: { ownSubject: false }, req: await req(OTHER_PERSON) },
  ];
}

/** Whether a cell lets a request with these ownership facts through. */
function allows(cell: Cell, a: Attrs): boolean {
  if (cell === 'deny') return false;
  return conditionsOf(cell).every((c) => {
    switch (c) {
      case 'own-subject':
        return a.ownSubject === true;
      case 'own-source':
        return a.ownSource !== false;
      case 'source-domain':
        return a.domainAuthorised !== false;
      case 'registry-source':
        return a.registrySource === true;
      case 'registry-domain':
        return a.registrySource === true || a.registryFacts !== true;
      case 'own-watch':
        return a.ownWatch === true;
    }
    return false;
  });
}

const AUTHZ_CODE = /^auth\.|^record\.domain_not_authorised$/;

before(async () => {
  r = await testRegistry('2026-06-01');
  const setup = await new Ingestor(r.ctx).apply([
    { kind: 'source', id: 'tax-bureau', name: 'Municipal Tax Bureau', domains: ['tax'] },
    { kind: 'source', id: 'samr', name: 'Market Regulator', domains: ['market', 'registry'] },
    { kind: 'person', national_id: PERSON, name: 'Zhang Wei' },
    { kind: 'person', national_id: OTHER_PERSON, name: 'Li Na' },
    { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.', legal_representative: PERSON },
    { kind: 'organization', usci: OTHER_ORG, name: 'Fuzhou Other Co.' },
  ]);
  assert.ok(
    setup.every((x) => x.ok),
    JSON.stringify(setup),
  );
  const versions = await activeRulebooks(r.ctx.store);
  measure = [...versions.latest.measures.keys()][0]!;
  rulebookHash = versions.latest.hash;
  checkId = (await checkMeasure(r.ctx, ORG, measure)).id;
  for (const role of ['admin', 'reviewer', 'consumer', 'auditor'] as const)
    tokens[role] = (await createToken(r.ctx, { role })).token;
  tokens.subject = (await createToken(r.ctx, { role: 'subject', subjectRef: PERSON })).token;
  const consumer = (await r.ctx.store.tokens()).find((t) => t.role === 'consumer')!;
  consumerActor = `token:${consumer.id}`;
  otherConsumerActor = `token:${(await createToken(r.ctx, { role: 'consumer', label: 'another bank' })).id}`;
  tokens.source = (await createToken(r.ctx, { role: 'source', source: 'tax-bureau' })).token;
  tokens.samr = (await createToken(r.ctx, { role: 'source', source: 'samr' })).token;
  app = await buildServer(r.ctx, { rateLimit: 1_000_000, publicRateLimit: 1_000_000 });
});

after(async () => {
  await app.close();
  await r.dispose();
});

test('every route of the OpenAPI document, with every caller and ownership case, is answered as the authorization table says', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  assert.ok(routes.length >= 25, `the OpenAPI document lists ${routes.length} routes`);
  const problems: string[] = [];
  let cells = 0;
  for (const route of routes) {
    const rule = AUTHORIZATION[route];
    const fixture = FIXTURES[route];
    if (!rule) problems.push(`${route}: not in the authorization table`);
    if (!fixture) problems.push(`${route}: no requests in this test`);
    if (!rule || !fixture) continue;
    const [method] = route.split(' ') as [string];
    const whos: Who[] = CALLERS.flatMap((caller): Who[] =>
      caller === 'public'
        ? [{ caller }]
        : caller === 'source'
          ? [
              { caller, token: tokens.source, source: 'tax-bureau' },
              { caller, token: tokens.samr, source: 'samr' },
            ]
          : [{ caller, token: tokens[caller] }],
    );
    for (const who of whos) {
      for (const c of await fixture(who)) {
        cells++;
        const attrs: Attrs = { ...c.attrs, registrySource: who.source === 'samr' };
        const expect = allows(rule[who.caller], attrs);
        const res = await app.inject({
          method: method as 'GET',
          url: c.req.url,
          headers: {
            ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
            ...(c.req.contentType ? { 'content-type': c.req.contentType } : {}),
          },
          ...(c.req.payload === undefined ? {} : { payload: c.req.payload }),
        });
        const body = res.headers['content-type']?.toString().includes('json') ? res.json() : res.body;
        const lines = (body as { results?: { ok: boolean; code?: string }[] }).results ?? [];
        const code = (body as { code?: string }).code ?? '';
        const refused =
          res.statusCode === 401 ||
          res.statusCode === 403 ||
          AUTHZ_CODE.test(code) ||
          lines.some((l) => !l.ok && AUTHZ_CODE.test(l.code ?? ''));
        const succeeded =
          (res.statusCode < 300 && lines.every((l) => l.ok)) || (c.through?.test(code) ?? false);
        const label = `${route} as ${who.source ?? who.caller} (${c.name})`;
        if (expect && !succeeded)
          problems.push(
            `${label}: expected success, got ${res.statusCode} ${JSON.stringify(body).slice(0, 300)}`,
          );
        if (!expect && !refused)
          problems.push(
            `${label}: expected a refusal, got ${res.statusCode} ${JSON.stringify(body).slice(0, 300)}`,
          );
        if (!expect && who.caller === 'public' && res.statusCode !== 401)
          problems.push(`${label}: without a token expected 401, got ${res.statusCode}`);
      }
    }
  }
  assert.deepEqual(problems, [], `${problems.length} unexpected cells of ${cells}:\n${problems.join('\n')}`);
});

test('the table itself: public reads only, only admins govern, subjects only their own, sources never read files', () => {
  const publicRoutes = Object.entries(AUTHORIZATION)
    .filter(([, rule]) => rule.public !== 'deny')
    .map(([route]) => route);
  // verifying a report is a computation over the uploaded bytes: it writes nothing, so it may be public
  const PUBLIC_COMPUTATIONS = new Set(['POST /v1/reports:verify']);
  for (const route of publicRoutes)
    if (!PUBLIC_COMPUTATIONS.has(route)) assert.match(route, /^GET /, `${route} is public but not a read`);
  for (const route of ['POST /v1/sources', 'POST /v1/tokens', 'DELETE /v1/tokens/{id}', 'POST /v1/rulebooks'])
    for (const c of CALLERS)
      assert.equal(AUTHORIZATION[route]![c] !== 'deny', c === 'admin', `${route} × ${c}`);
  for (const [route, rule] of Object.entries(AUTHORIZATION)) {
    if (rule.public !== 'deny') continue;
    const subject = rule.subject;
    assert.ok(
      subject === 'deny' || conditionsOf(subject).includes('own-subject'),
      `${route}: a subject token reaches only its own subject`,
    );
    if (route.startsWith('GET /v1/subjects/'))
      assert.equal(rule.source, 'deny', `${route}: a source reads no subject's file or score`);
    if (rule.source !== 'deny' && rule.source !== 'allow' && route.startsWith('POST /v1/records'))
      assert.ok(conditionsOf(rule.source).includes('own-source'), `${route}: a source writes only as itself`);
  }
  assert.ok(conditionsOf(AUTHORIZATION['POST /v1/records:batch']!.source).includes('registry-domain'));
  assert.ok(conditionsOf(AUTHORIZATION['POST /v1/subjects']!.source).includes('registry-source'));
});

test('the OpenAPI description of a route says who may call it, from the table', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { description?: string }>>;
  };
  assert.match(doc.paths['/v1/subjects']!.post!.description!, /Roles: admin, source \(registry-source\)\./);
  assert.match(doc.paths['/v1/organizations']!.get!.description!, /Public: no token needed\./);
});
