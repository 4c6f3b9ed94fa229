import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { credenceAt, registryWithLatePayments, writeLines } from '../testing/cli.ts';
import { EVIDENCE } from '../testing/test-registry.ts';

const ORG = '91350100M000100Y43';

const credence = (...args: string[]) => credenceAt('2026-03-20', ...args);

test('the audit commands: clean is 0, a truncation caught against a kept checkpoint is 1, a bad checkpoint is 2', {
  timeout: 120_000,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-audit-cli-'));
  try {
    const db = registryWithLatePayments(dir, '2026-03-20', ORG);
    assert.equal(
      statSync(`${db}.signing.key`).mode & 0o777,
      0o600,
      'the signing key is readable by its owner only',
    );

    const clean = credence('verify', '--db', db);
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /^clean: \d+ audit entries, \d+ ledger rows, 1 derived states recomputed/m);

    const cp = credence('audit', 'checkpoint', '--db', db);
    assert.equal(cp.code, 0, cp.err);
    const checkpoint = JSON.parse(cp.out);
    assert.deepEqual(Object.keys(checkpoint).sort(), [
      'at',
      'head',
      'public_key',
      'registry',
      'signature',
      'size',
    ]);
    const kept = join(dir, 'checkpoint.json');
    writeFileSync(kept, cp.out);
    assert.equal(credence('audit', 'verify', '--db', db, '--against', kept).code, 0);

    // the newest entry and the record it committed are removed, the head re-pinned: consistent in itself
    const sql = new Database(db);
    const last = sql.prepare('select seq, rows from audit order by seq desc limit 1').get() as {
      seq: number;
    };
    const prior = sql.prepare('select seq, hash from audit where seq = ?').get(last.seq - 1) as {
      seq: number;
      hash: string;
    };
    sql.prepare('delete from audit where seq = ?').run(last.seq);
    sql.prepare("update meta set value = ? where key = 'audit_head'").run(`${prior.seq}:${prior.hash}`);
    sql.close();
    const caught = credence('audit', 'verify', '--db', db, '--against', kept);
    assert.equal(caught.code, 1, caught.out + caught.err);
    assert.match(caught.out, /^the chain was truncated: /m);

    writeFileSync(join(dir, 'garbled.json'), '{"size": "many"}');
    assert.equal(credence('audit', 'verify', '--db', db, '--against', join(dir, 'garbled.json')).code, 2);
    assert.equal(credence('audit', 'verify').code, 2, 'no registry named');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record edited in the database is named by credence verify, with exit 1', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-audit-cli-'));
  const db = join(dir, 'r.db');
  try {
    assert.equal(credence('init', '--db', db).code, 0);
    const file = join(dir, 'lines.ndjson');
    writeLines(file, [
      { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
      { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
      {
        source: 'tax-bureau',
        id: 'TB-1',
        subject: ORG,
        type: 'tax.evasion',
        occurred_at: '2026-02-01',
        legal_basis: 'Tax Collection Administration Law art. 63',
        evidence: [EVIDENCE],
      },
    ]);
    assert.equal(credence('import', file, '--db', db).code, 0);
    const sql = new Database(db);
    sql.prepare("update records set type = 'tax.late_payment' where record_id = 'TB-1'").run();
    sql.close();
    const r = credence('verify', '--db', db);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /^record tax-bureau\/TB-1 edited after audit entry #\d+ \(differs: type\)$/m);
    assert.match(r.out, /^\d+ finding\(s\)/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
