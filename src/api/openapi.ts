// size: the document's conventions are one transformation (names, problems, security, examples); split it and they drift
import type { Static, TSchema } from 'typebox';
import { Problem, TITLES } from './errors.ts';

/**
 * The conventions of the OpenAPI document (GET /v1/openapi.json), applied to every route as @fastify/swagger
 * builds it, so a new route follows them by declaring only what is its own:
 *
 * - `operationId` (camelCase, stable: clients are generated from it) and `tags` in the route schema;
 * - named schemas: `named('Watch', WatchView, example)` once; any schema in the document equal to it becomes
 *   `$ref: '#/components/schemas/Watch'`, and the example is shown wherever it is a request or response;
 * - errors: every operation lists 400, 429 and a `default`, each as `application/problem+json` with the one
 *   Problem schema; 401/403 when it needs a token, 404 when its path has parameters, 413/415 when it has a
 *   body, 422 for every POST (Idempotency-Key reuse); others with `...problemResponses(409, 503)`;
 * - security: `security: []` on a public route (the authorization table decides which), bearer otherwise;
 * - tags: declared in TAGS below with a description.
 *
 * Route schemas are not touched at run time: validation and serialization keep the TypeBox objects.
 */

/** The tags of the document, each with its description (an undeclared tag fails the lint). */
export const TAGS: readonly { name: string; description: string }[] = [
  { name: 'public', description: 'Readable by anyone without a token: registry look-ups, rulebooks, keys.' },
  { name: 'subjects', description: 'Persons and organizations: registration, scores, checks and files.' },
  { name: 'records', description: 'Records submitted by sources, their annulment and correction.' },
  { name: 'sources', description: 'The bodies that submit records, and the record domains each may write.' },
  { name: 'rulebooks', description: 'Rulebook checks, activation, publication and what-if reports.' },
  {
    name: 'due process',
    description: 'Objections, repair applications, evidence, notices and the export of a subject’s file.',
  },
  {
    name: 'cases',
    description: 'The reviewer’s queue of objections and repair applications, and decisions.',
  },
  { name: 'oversight', description: 'Replays of recorded decisions and checks by auditors and reviewers.' },
  { name: 'audit', description: 'The tamper-evident audit chain and its signed checkpoints.' },
  { name: 'tokens', description: 'API tokens: issued by admins, shown once, revocable.' },
  { name: 'organizations', description: 'Public search and profiles of organizations.' },
  { name: 'watches', description: 'Watches on subjects and the feed of their changes.' },
];

interface Named {
  readonly name: string;
  readonly schema: unknown;
  readonly example?: unknown;
}
const NAMED: Named[] = [];

/**
 * Gives a schema a name in `components.schemas` (and an example shown where it is a request or response);
 * returns the schema unchanged, so a route keeps using it as it is.
 */
export function named<T extends TSchema>(name: string, schema: T, example?: Static<T>): T {
  const at = NAMED.findIndex((n) => n.name === name);
  const entry = { name, schema, ...(example === undefined ? {} : { example }) };
  if (at >= 0) NAMED[at] = entry;
  else NAMED.push(entry);
  return schema;
}

/** The problem statuses an operation can answer beyond the usual ones, for its schema: `...problemResponses(409)`. */
export function problemResponses(...statuses: number[]): { problems: readonly number[] } {
  return { problems: statuses };
}

/** A code each documented error status is shown with in its example. */
const EXAMPLE_CODES: Record<number, [string, string]> = {
  400: ['input.invalid', 'body: evidence: must NOT have fewer than 1 items'],
  401: ['auth.missing_token', 'this endpoint needs a bearer token (Authorization: Bearer <token>)'],
  403: ['auth.forbidden', 'a consumer token may not do this (allowed: admin)'],
  404: ['subject.not_found', 'no subject 91350100M000100Y43'],
  409: ['record.duplicate_conflict', 'record tax-bureau/T-2026-0001 exists with different content'],
  413: ['input.too_large', 'the request body is larger than 5 MB'],
  415: ['input.unsupported_media_type', 'Unsupported Media Type: text/csv'],
  422: ['idempotency.key_reused', 'Idempotency-Key "k-1" was used with another request body'],
  429: ['rate.limited', 'too many requests; retry in 42 s'],
  503: [
    'service.busy',
    'the server is already running 2 heavy requests with 4 waiting; retry in a few seconds',
  ],
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function problemResponse(status: number | 'default', instance: string) {
  const [code, detail] = EXAMPLE_CODES[status === 'default' ? 500 : status] ?? [
    'internal.error',
    'an unexpected error occurred; it has been logged',
  ];
  const s = status === 'default' ? 500 : status;
  return {
    description: status === 'default' ? 'Any other error (e.g. 414, 431, 500, 503)' : (TITLES[s] ?? 'Error'),
    content: {
      'application/problem+json': {
        schema: PROBLEM_REF,
        example: {
          type: `urn:credence:problem:${code}`,
          title: TITLES[s] ?? 'Error',
          status: s,
          detail,
          instance,
          code,
        },
      },
    },
  };
}

interface RouteLike {
  method?: string | string[];
  config?: { access?: unknown };
}

/**
 * @fastify/swagger's per-route transform: security, and the documented error statuses (the route's `4xx`/`5xx`
 * serialization schemas are replaced by explicit ones, each problem+json).
 */
export function transformRoute({
  schema,
  url,
  route,
}: {
  schema: Record<string, unknown> | undefined;
  url: string;
  route: RouteLike;
}): { schema: Record<string, unknown>; url: string } {
  if (!schema || schema.hide) return { schema: schema ?? { hide: true }, url };
  const { problems, ...rest } = schema as { problems?: readonly number[] };
  const out: Record<string, unknown> = { ...rest };
  const response: Record<string, unknown> = { ...((out.response as Record<string, unknown>) ?? {}) };
  delete response['4xx'];
  delete response['5xx'];
  const isPublic = route.config?.access === 'public';
  const methods = [route.method ?? 'GET'].flat();
  const statuses = new Set<number>([400, 429, ...(problems ?? [])]);
  if (!isPublic) {
    statuses.add(401);
    statuses.add(403);
  }
  if (/\/:[A-Za-z]/.test(url)) statuses.add(404);
  if (out.body !== undefined || out.consumes !== undefined) {
    statuses.add(413);
    statuses.add(415);
  }
  if (methods.includes('POST')) statuses.add(422);
  const instance = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\{\{/g, '{');
  for (const s of [...statuses].sort()) response[s] ??= problemResponse(s, instance);
  response.default = problemResponse('default', instance);
  out.response = response;
  out.security = isPublic ? [] : (out.security ?? [{ bearer: [] }]);
  return { schema: out, url };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Canonical text of a schema (keys sorted), for telling equal schemas apart from the rest. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const withoutExamples = (s: unknown): unknown => {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return s;
  const { examples: _e, example: _x, ...rest } = s as Record<string, unknown>;
  return rest;
};
const keyOf = (s: unknown) => canonical(withoutExamples(s));

/** A schema as @fastify/swagger writes it in the document: `patternProperties` become `additionalProperties`. */
function asSwaggerWrites(s: Json): Json {
  if (Array.isArray(s)) return s.map(asSwaggerWrites);
  if (s === null || typeof s !== 'object') return s;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'patternProperties') out[k] = asSwaggerWrites(v);
  const pp = s.patternProperties;
  if (pp && typeof pp === 'object' && !Array.isArray(pp)) {
    const first = Object.values(pp)[0];
    if (first !== undefined) out.additionalProperties = asSwaggerWrites(first);
  }
  return out;
}

/** Schema-valued positions below a schema (JSON Schema 2020-12 applicators). */
function eachSubschema(
  s: JsonObject,
  visit: (holder: JsonObject | Json[], key: string | number) => void,
): void {
  for (const k of ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'])
    if (s[k] !== null && typeof s[k] === 'object' && !Array.isArray(s[k])) visit(s, k);
  for (const k of ['properties', 'patternProperties', '$defs']) {
    const m = s[k];
    if (m && typeof m === 'object' && !Array.isArray(m)) for (const p of Object.keys(m)) visit(m, p);
  }
  for (const k of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const a = s[k];
    if (Array.isArray(a)) for (let i = 0; i < a.length; i++) visit(a, i);
  }
}

/** Replaces, top-down, every subschema equal to a named one by a $ref; records which names were used. */
function refNamed(
  holder: JsonObject | Json[],
  key: string | number,
  names: Map<string, string>,
  used: Set<string>,
) {
  const node = (holder as Record<string | number, Json>)[key];
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const name = names.get(keyOf(node));
  if (name) {
    (holder as Record<string | number, Json>)[key] = { $ref: `#/components/schemas/${name}` };
    used.add(name);
    return;
  }
  eachSubschema(node, (h, k) => refNamed(h, k, names, used));
}

/** A plausible value for a schema, used as an example where a request or response has none. */
export function exampleFor(s: Json | undefined, components: JsonObject, name = '', depth = 0): Json {
  if (s === null || typeof s !== 'object' || Array.isArray(s) || depth > 12) return null;
  if (typeof s.$ref === 'string') {
    const target = s.$ref.replace('#/components/schemas/', '');
    const c = components[target] as JsonObject | undefined;
    if (c && Array.isArray(c.examples) && c.examples.length > 0) return c.examples[0]!;
    return exampleFor(c, components, name, depth + 1);
  }
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0]!;
  if ('const' in s) return s.const!;
  if (Array.isArray(s.enum)) return s.enum[0]!;
  const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (Array.isArray(union)) {
    const branch = union.find((b) => !(b && typeof b === 'object' && !Array.isArray(b) && b.type === 'null'));
    return exampleFor(branch ?? union[0], components, name, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: JsonObject = {};
      const props = (s.properties ?? {}) as JsonObject;
      for (const [k, v] of Object.entries(props)) out[k] = exampleFor(v, components, k, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(s.minItems ?? 1));
      return Array.from({ length: Math.min(n, 3) }, () => exampleFor(s.items, components, name, depth + 1));
    }
    case 'integer':
      return typeof s.minimum === 'number' ? Math.max(1, s.minimum) : 1;
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return exampleString(s, name);
    default:
      return {};
  }
}

function exampleString(s: JsonObject, name: string): string {
  const pattern = typeof s.pattern === 'string' ? s.pattern : '';
  if (pattern === '^[0-9a-f]{64}$') return 'a3c1'.repeat(16);
  if (pattern.startsWith('^sha256:')) return `sha256:${'9f'.repeat(32)}`;
  if (pattern === '^P') return 'P90D';
  if (pattern !== '' && /\[0-9\]|\[1-9\]/.test(pattern)) return '20';
  if (/(^|_)at$|until|since|from|deadline|^to$/.test(name)) return '2026-06-01T00:00:00.000Z';
  if (name === 'usci' || name === 'parent') return '91350100M000100Y43';
  if (name === 'subject' || name === 'ref') return '91350100M000100Y43';
  if (name === 'hash' || name === 'head') return 'a3c1'.repeat(16);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const text = name === '' ? 'text' : name.replace(/_/g, ' ');
  return text.length >= min ? text : text.padEnd(min, 'x');
}

const MEDIA_HOLDERS = (op: JsonObject): JsonObject[] => {
  const out: JsonObject[] = [];
  const body = op.requestBody as JsonObject | undefined;
  if (body?.content) out.push(...Object.values(body.content as JsonObject).map((m) => m as JsonObject));
  for (const r of Object.values((op.responses ?? {}) as JsonObject)) {
    const content = (r as JsonObject).content as JsonObject | undefined;
    if (content) out.push(...Object.values(content).map((m) => m as JsonObject));
  }
  return out;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Idempotency-Key on every POST; ETag, If-None-Match and 304 on public GETs (api/idempotency.ts, api/etag.ts). */
function addConventionHeaders(method: string, op: JsonObject): void {
  const params = ((op.parameters as Json[] | undefined) ?? []).slice();
  const responses = (op.responses ?? {}) as JsonObject;
  if (method === 'post')
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique text (e.g. a UUID): a retry with the same key and the same request within 24 hours gets the first successful answer again (`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is 422 `idempotency.key_reused`.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      example: '6b1f0c9e-2d7a-4e43-9a55-0c1d2e3f4a5b',
    });
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  if (method === 'get' && isPublic && responses['200']) {
    params.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'The ETag of an answer you hold: 304 with no body while it is still current.',
      schema: { type: 'string' },
      example: '"Yq3d6J3b0mQe8r2GgkQdA1xT0pz"',
    });
    const ok = responses['200'] as JsonObject;
    ok.headers = {
      ...((ok.headers as JsonObject | undefined) ?? {}),
      ETag: { description: 'validator of this answer, for If-None-Match', schema: { type: 'string' } },
    };
    responses['304'] = { description: 'Not modified: the answer still has the ETag named in If-None-Match' };
  }
  if (params.length > 0) op.parameters = params;
}

/**
 * @fastify/swagger's whole-document transform: named schemas as components and $refs, the Problem schema,
 * an example on every request and response, the declared tags.
 */
export function transformDocument({ openapiObject }: { openapiObject: Record<string, unknown> }) {
  const doc = JSON.parse(JSON.stringify(openapiObject)) as JsonObject;
  const entries = [{ name: 'Problem', schema: Problem }, ...NAMED.filter((n) => n.name !== 'Problem')];
  const defs = new Map<string, JsonObject>();
  const names = new Map<string, string>();
  for (const n of entries) {
    const json = asSwaggerWrites(JSON.parse(JSON.stringify(n.schema)) as Json) as JsonObject;
    const k = keyOf(json);
    if (names.has(k)) continue;
    names.set(k, n.name);
    const example = 'example' in n ? (n.example as Json) : undefined;
    defs.set(n.name, example === undefined ? json : { ...json, examples: [example] });
  }
  const used = new Set<string>(['Problem']);
  const paths = (doc.paths ?? {}) as JsonObject;
  for (const item of Object.values(paths) as JsonObject[])
    for (const m of METHODS) {
      const op = item[m] as JsonObject | undefined;
      if (!op) continue;
      for (const media of MEDIA_HOLDERS(op)) refNamed(media, 'schema', names, used);
      for (const p of (op.parameters ?? []) as JsonObject[]) refNamed(p, 'schema', names, used);
    }
  // components refer to each other: a component's own root stays, what is inside it may become a $ref
  const components: JsonObject = {};
  const pending = [...used];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (components[name]) continue;
    const def = JSON.parse(JSON.stringify(defs.get(name)!)) as JsonObject;
    const inner = new Set<string>();
    eachSubschema(def, (h, k) => refNamed(h, k, names, inner));
    components[name] = def;
    for (const i of inner) if (!components[i]) pending.push(i);
  }
  const sorted: JsonObject = {};
  for (const k of Object.keys(components).sort()) sorted[k] = components[k]!;
  const comp = (doc.components ?? {}) as JsonObject;
  doc.components = { ...comp, schemas: { ...((comp.schemas as JsonObject) ?? {}), ...sorted } };
  // an example on every request body and response; the HTTP conventions' headers
  for (const item of Object.values(paths) as JsonObject[])
    for (const m of METHODS) {
      const op = item[m] as JsonObject | undefined;
      if (!op) continue;
      addConventionHeaders(m, op);
      for (const media of MEDIA_HOLDERS(op))
        if (media.example === undefined && media.examples === undefined && media.schema)
          media.example = exampleFor(media.schema, sorted);
    }
  const usedTags = new Set(
    (Object.values(paths) as JsonObject[]).flatMap((item) =>
      METHODS.flatMap((m) => ((item[m] as JsonObject | undefined)?.tags as string[] | undefined) ?? []),
    ),
  );
  doc.tags = TAGS.filter((t) => usedTags.has(t.name)).concat(
    [...usedTags].filter((t) => !TAGS.some((d) => d.name === t)).map((name) => ({ name }) as never),
  );
  return doc;
}
