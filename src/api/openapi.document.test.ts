import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from './openapi.document.ts';

/** The document's own conventions (beyond Redocly's lint, which npm test runs), and the generated client's freshness. */

type Json = Record<string, unknown>;
let doc: Json;
let dir: string;
const ops: { where: string; method: string; op: Json }[] = [];

before(async () => {
  doc = await buildOpenApiDocument();
  dir = mkdtempSync(join(tmpdir(), 'credence-openapi-'));
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const [method, op] of Object.entries(item))
      ops.push({ where: `${method} ${path}`, method, op: op as Json });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const mediaOf = (op: Json) => {
  const out: { where: string; status: string; type: string; media: Json }[] = [];
  const body = op.requestBody as { content?: Record<string, Json> } | undefined;
  for (const [type, media] of Object.entries(body?.content ?? {}))
    out.push({ where: 'request', status: 'request', type, media });
  for (const [status, r] of Object.entries(
    op.responses as Record<string, { content?: Record<string, Json> }>,
  ))
    for (const [type, media] of Object.entries(r.content ?? {}))
      out.push({ where: status, status, type, media });
  return out;
};

describe('the OpenAPI document', () => {
  test('every operation has a unique camelCase operationId, a summary, declared tags and security', () => {
    const ids = ops.map((o) => o.op.operationId);
    for (const o of ops) {
      assert.match(String(o.op.operationId), /^[a-z][A-Za-z0-9]+$/, `${o.where}: operationId`);
      assert.ok(o.op.summary, `${o.where}: summary`);
      assert.ok(Array.isArray(o.op.security), `${o.where}: security`);
    }
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    const declared = new Set(
      (doc.tags as { name: string; description?: string }[]).map((t) => t.description && t.name),
    );
    for (const o of ops)
      for (const t of o.op.tags as string[]) assert.ok(declared.has(t), `${o.where}: tag ${t}`);
    const info = doc.info as Json;
    assert.ok(info.license && info.contact, 'license and contact');
    assert.ok((doc.servers as unknown[]).length > 0, 'servers');
  });

  test('the resources are named schemas, referenced with $ref', () => {
    const schemas = (doc.components as { schemas: Json }).schemas;
    for (const name of ['Subject', 'Record', 'Score', 'Contribution', 'ListEntry', 'Check', 'Decision'])
      assert.ok(schemas[name], `components.schemas.${name}`);
    for (const name of ['Notice', 'Objection', 'Repair', 'Case', 'Problem', 'Token', 'Accepted'])
      assert.ok(schemas[name], `components.schemas.${name}`);
    const text = JSON.stringify(doc);
    for (const name of ['Score', 'Case', 'Notice', 'Problem', 'Record'])
      assert.ok(text.includes(`"#/components/schemas/${name}"`), `${name} is referenced`);
  });

  test('every error is application/problem+json with the one Problem schema; public operations need no token', () => {
    for (const o of ops) {
      const responses = o.op.responses as Record<string, { content?: Record<string, Json> }>;
      assert.ok(responses.default, `${o.where}: a default (problem) response`);
      for (const [status, r] of Object.entries(responses)) {
        if (status !== 'default' && Number(status) < 400) continue;
        assert.deepEqual(Object.keys(r.content ?? {}), ['application/problem+json'], `${o.where} ${status}`);
        assert.deepEqual(r.content!['application/problem+json']!.schema, {
          $ref: '#/components/schemas/Problem',
        });
      }
      const secured = (o.op.security as unknown[]).length > 0;
      assert.equal(Boolean(responses['401']), secured, `${o.where}: 401 exactly when a token is needed`);
      if (o.method === 'post')
        assert.ok(
          (o.op.parameters as { name: string }[]).some((p) => p.name === 'Idempotency-Key'),
          `${o.where}: Idempotency-Key`,
        );
    }
  });

  test('every request body and response has an example, and each example matches its schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const defs = JSON.parse(
      JSON.stringify((doc.components as Json).schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    );
    for (const o of ops)
      for (const m of mediaOf(o.op)) {
        const where = `${o.where} ${m.where} ${m.type}`;
        assert.ok(m.media.example !== undefined || m.media.examples !== undefined, `${where}: an example`);
        if (!m.type.includes('json') || m.media.example === undefined) continue;
        const schema = JSON.parse(
          JSON.stringify(m.media.schema).replaceAll('#/components/schemas/', '#/$defs/'),
        );
        const valid = ajv.validate({ ...schema, $defs: defs }, m.media.example);
        assert.ok(valid, `${where}: the example matches its schema: ${ajv.errorsText()}`);
      }
  });

  test('the committed client types are generated from the current document (npm run openapi:client)', () => {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'openapi.d.ts');
    writeFileSync(input, JSON.stringify(doc));
    const r = spawnSync(
      process.execPath,
      ['scripts/openapi-client/generate.mjs', '--in', input, '--out', output],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const committed = readFileSync('src/api/client/openapi.d.ts', 'utf8');
    assert.ok(
      readFileSync(output, 'utf8') === committed,
      'src/api/client/openapi.d.ts is out of date: run `npm run openapi:client` and commit it',
    );
  });
});
