import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../openapi.document.ts';

/**
 * Checks answers against the OpenAPI document as served (GET /v1/openapi.json): the operation by method and path,
 * the response by status (else `default`), the media type by Content-Type, the body by its schema with ajv —
 * errors included. The document is built once per test process.
 */

type Json = Record<string, unknown>;
interface Operation {
  readonly pattern: RegExp;
  readonly template: string;
  readonly op: Json;
}

let loaded: Promise<{ doc: Json; ops: Map<string, Operation[]> }> | undefined;

function load() {
  loaded ??= buildOpenApiDocument().then((doc) => {
    const ops = new Map<string, Operation[]>();
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>))
      for (const [method, op] of Object.entries(item)) {
        const rx = template
          .split(/(\{[^}]+\})/)
          .map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
          .join('');
        const list = ops.get(method.toUpperCase()) ?? [];
        list.push({ pattern: new RegExp(`^${rx}$`), template, op: op as Json });
        ops.set(method.toUpperCase(), list);
      }
    // literal templates before parameterised ones: /v1/rulebooks/versions before /v1/rulebooks/versions/{hash}
    for (const list of ops.values())
      list.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
    return { doc, ops };
  });
  return loaded;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v === null || typeof v !== 'object') return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v as Json))
    out[k] =
      k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(x);
  return out;
}

export interface Answer {
  readonly method: string;
  /** The request path as sent (a query string is ignored). */
  readonly path: string;
  readonly status: number;
  /** The Content-Type header of the answer ('' when it has none). */
  readonly contentType: string;
  /** The body as parsed JSON, text, or null when empty. */
  readonly body: unknown;
}

/** Throws, naming the operation and every schema error, when an answer is not what the document says. */
export async function assertDocumented(a: Answer): Promise<void> {
  const { doc, ops } = await load();
  const path = a.path.split('?')[0]!;
  const method = a.method.toUpperCase() === 'HEAD' ? 'GET' : a.method.toUpperCase();
  const found = (ops.get(method) ?? []).find((o) => o.pattern.test(path));
  // a route the document does not describe (pages, health) is not an API answer
  if (!found) {
    if (a.status >= 400 && path.startsWith('/v1/') && a.body !== null) {
      const problem = (doc.components as Json).schemas as Json;
      return check(`problem ${a.status}`, { $ref: '#/components/schemas/Problem' }, problem, a);
    }
    return;
  }
  const responses = found.op.responses as Record<string, Json>;
  const response = responses[String(a.status)] ?? (a.status >= 400 ? responses.default : undefined);
  const where = `${method} ${found.template} ${a.status}`;
  if (!response) throw new Error(`${where}: the document lists no response for this status`);
  const content = response.content as Record<string, Json> | undefined;
  if (!content) {
    if (a.body !== null && a.body !== '')
      throw new Error(`${where}: documented without a body, but one came`);
    return;
  }
  const type = a.contentType.split(';')[0]!.trim().toLowerCase();
  const media = content[type];
  if (!media)
    throw new Error(`${where}: Content-Type ${type} is not among ${Object.keys(content).join(', ')}`);
  if (!type.includes('json')) return;
  check(where, media.schema, (doc.components as Json).schemas as Json, a);
}

function check(where: string, schema: unknown, components: Json, a: Answer): void {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile({ ...(rewriteRefs(schema) as Json), $defs: rewriteRefs(components) as Json });
    compiled.set(key, v);
  }
  if (!v(a.body))
    throw new Error(
      `${where}: the answer does not match its documented schema: ${ajv.errorsText(v.errors, { separator: '; ' })}\n${JSON.stringify(a.body).slice(0, 500)}`,
    );
}

/** `fetch` that checks every answer against the document before handing it back (body already read as `json`). */
export async function documentedFetch(
  url: string,
  init: RequestInit & { method?: string } = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  const body = text === '' ? null : contentType.includes('json') ? JSON.parse(text) : text;
  await assertDocumented({
    method: init.method ?? 'GET',
    path: new URL(url).pathname,
    status: res.status,
    contentType,
    body,
  });
  return { status: res.status, headers: res.headers, body, text };
}
