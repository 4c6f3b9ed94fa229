import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Errors } from 'typebox/schema';
import Value from 'typebox/value';
import { RULEBOOK_SCHEMA } from './rulebook.schema.generated.ts';
import { RulebookDocument } from './rulebook.schema.ts';

// The loader checks a document's shape against the generated plain schema: it must be the one the type builder
// makes, and find the same problems.

test('the generated rulebook schema is the one rulebook.schema.ts builds (run `npm run rulebook:schema` if not)', () => {
  assert.deepEqual(RULEBOOK_SCHEMA, JSON.parse(JSON.stringify(RulebookDocument)));
});

test('a malformed rulebook gets the same problems from the plain schema as from the built type', () => {
  const malformed: unknown[] = [
    {},
    { rulebook: 1, version: [], scale: { base: 'x' } },
    {
      rulebook: 'r',
      version: '1',
      effective_from: '2026-01-01',
      scale: { base: 1000, min: 600, max: 1300, extra: true },
      grades: [{ name: 'A', min: 'high' }],
      record_types: { 'tax.late_payment': { domain: 'tax', severity: 'awful', points: 1.5, repair: {} } },
      lists: 'none',
    },
  ];
  const shown = (e: { instancePath: string; schemaPath: string; keyword: string; params: unknown }) =>
    `${e.instancePath} ${e.schemaPath} ${e.keyword} ${JSON.stringify(e.params)}`;
  for (const doc of malformed) {
    const built = [...Value.Errors(RulebookDocument, doc)].map(shown);
    assert.ok(built.length > 0, 'a malformed document has problems');
    assert.deepEqual(Errors({}, RULEBOOK_SCHEMA, doc)[1].map(shown), built);
  }
});
