import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { sha256 } from '../ports/ports.context.ts';
import { differingColumns, digestRow, LEDGER_TABLES } from './audit.ledger.ts';

const records = LEDGER_TABLES.get('records')!;

/** A record row with every kind of value a driver hands back: bigint, boolean, bytes, absent, null, non-ASCII. */
const row = {
  subject_id: 42,
  seq: 3,
  source: 'SAMR',
  record_id: 'TB-1',
  type: 'administrative_penalty',
  occurred_at: 1767225600000,
  recorded_at: 1767312000000n,
  legal_basis: 'Food Safety Law art. 124',
  evidence: null,
  amount: 12500.5,
  on_behalf_of: undefined,
  culpability: true,
  note: 'late filing — 逾期',
  content_hash: new Uint8Array([1, 2, 255]),
};

describe('ledger row digests', () => {
  it('a registry written before stays verifiable: the digest of a row is what it always was', () => {
    // taken from the digest as first written; a change here would make every existing audit chain fail to verify
    assert.deepEqual(digestRow(records, row), {
      key: ['SAMR', 'TB-1'],
      hash: '152b0e87187b680f32d05536db81590925682182cefdc7dfe3c1e9f544943857',
      fingerprint: '62d22690d0d98b614b504b83fe81',
    });
  });

  it('hashes the table name and the committed columns as JSON, values normalized across engines', () => {
    const values = [42, 3, 'SAMR', 'TB-1', 'administrative_penalty', 1767225600000, 1767312000000];
    const rest = ['Food Safety Law art. 124', null, 12500.5, null, 1, 'late filing — 逾期', '0102ff'];
    const text = `records\n${JSON.stringify([...values, ...rest])}`;
    assert.equal(digestRow(records, row).hash, createHash('sha256').update(text).digest('hex'));
  });

  it('an edited column changes the hash and points at that column, and only that one', () => {
    const before = digestRow(records, row);
    const after = digestRow(records, { ...row, amount: 125000.5 });
    assert.notEqual(after.hash, before.hash);
    assert.deepEqual(differingColumns(records, before.fingerprint, after.fingerprint), ['amount']);
  });

  it('a number and a string that print alike do not digest alike', () => {
    assert.notEqual(digestRow(records, { ...row, seq: '3' }).hash, digestRow(records, row).hash);
  });

  it('sha256 is the SHA-256 of the UTF-8 text', () => {
    for (const text of ['', 'abc', '逾期 — ✓', 'x'.repeat(10_000)])
      assert.equal(sha256(text), createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
