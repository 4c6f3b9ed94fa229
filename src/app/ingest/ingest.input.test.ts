import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EVIDENCE_ALGORITHMS, evidenceOf, evidenceProblem, Reject, text } from './ingest.input.ts';

function refusal(fn: () => unknown): Reject {
  try {
    fn();
  } catch (e) {
    if (e instanceof Reject) return e;
    throw e;
  }
  assert.fail('expected a refusal');
}

describe('text fields', () => {
  test('NUL, other control characters and bidirectional overrides are refused in any text, with their position', () => {
    for (const [value, cp] of [
      ['A\u0000B', 'U+0000'],
      ['A\u001bB', 'U+001B'],
      ['A\u0085B', 'U+0085'],
      ['Fuzhou \u202eoC elpmaxE', 'U+202E'],
      ['x\u2066y', 'U+2066'],
    ] as const) {
      const r = refusal(() => text({ name: value }, 'name'));
      assert.equal(r.code, 'input.control_character');
      assert.equal(r.field, 'name');
      assert.match(r.message, new RegExp(`${cp.replace('+', '\\+')} at position`));
    }
  });

  test('tabs and line breaks stay allowed in free text such as a note', () => {
    assert.equal(text({ note: 'first line\n\tsecond\r\n' }, 'note'), 'first line\n\tsecond\r\n');
  });

  test('an identifier is printable: no invisible, format or emoji characters, no surrounding white space', () => {
    for (const id of [
      'TB\u200b001',
      'TB-\u{1F600}',
      'TB\u00a0001',
      ' TB-1',
      'TB-1 ',
      'TB\ufeff1',
      'TB\u{E000}1',
    ]) {
      const r = refusal(() => text({ id }, 'id', { id: true }));
      assert.equal(r.code, 'input.invalid_identifier', JSON.stringify(id));
    }
    for (const id of ['TB-2026-0001', '沪税罚〔2026〕12号', 'case 17/2026', 'Ä-ø.1'])
      assert.equal(text({ id }, 'id', { id: true }), id);
  });

  test('an identifier longer than its bound is refused with both lengths', () => {
    const r = refusal(() => text({ id: 'x'.repeat(129) }, 'id', { max: 128, id: true }));
    assert.equal(r.code, 'input.too_long');
    assert.match(r.message, /129 characters; at most 128/);
  });
});

describe('evidence', () => {
  test('each accepted digest algorithm needs exactly its number of lower-case hex digits', () => {
    for (const [algorithm, length] of Object.entries(EVIDENCE_ALGORITHMS)) {
      assert.equal(evidenceProblem(`${algorithm}:${'a'.repeat(length)}`), undefined);
      assert.match(
        evidenceProblem(`${algorithm}:${'a'.repeat(length - 1)}`)!,
        new RegExp(`has ${length} hex digits`),
      );
      assert.match(evidenceProblem(`${algorithm}:${'a'.repeat(length + 2)}`)!, /hex digits, not/);
      assert.match(evidenceProblem(`${algorithm}:${'A'.repeat(length)}`)!, /lower case/);
    }
  });

  test('md5, other schemes and free text are refused', () => {
    for (const e of [
      'md5:abc',
      `md5:${'a'.repeat(32)}`,
      'https://example.org/doc.pdf',
      'a photo',
      `SHA256:${'a'.repeat(64)}`,
    ])
      assert.match(evidenceProblem(e)!, /accepted digest algorithm/, e);
    assert.match(evidenceProblem(`sha256:${'g'.repeat(64)}`)!, /hex digits \(0-9, a-f\)/);
    assert.match(evidenceProblem(42)!, /got number/);
  });

  test('a line names the offending item; an empty or oversized list is refused', () => {
    const good = `sha256:${'ab'.repeat(32)}`;
    assert.deepEqual(evidenceOf({ evidence: [good] }), [good]);
    const r = refusal(() => evidenceOf({ evidence: [good, 'md5:abc'] }));
    assert.equal(r.code, 'input.invalid_evidence');
    assert.equal(r.field, 'evidence[1]');
    assert.equal(refusal(() => evidenceOf({ evidence: [] })).code, 'input.missing_field');
    assert.equal(refusal(() => evidenceOf({ evidence: Array(101).fill(good) })).code, 'input.too_long');
  });
});
