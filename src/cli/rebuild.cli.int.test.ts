import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { credenceAt, registryWithLatePayments } from '../app/testing/cli.ts';

const ORG = '91350100M000100Y43';
const OTHER = '91350100M00020001J';

const credence = (...args: string[]) => credenceAt('2026-03-20', ...args);

test('rebuild --full says how many projections it found forged or stale and wrote again', {
  timeout: 120_000,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-rebuild-cli-'));
  try {
    const db = registryWithLatePayments(dir, '2026-03-20', ORG, [
      { kind: 'organization', usci: OTHER, name: 'Fuzhou Other Co.' },
    ]);
    const same = credence('rebuild', '--full', '--db', db);
    assert.equal(same.code, 0, same.err);
    assert.match(
      same.out,
      /^rebuilt 2 subjects from the ledger \(2 recomputed, 0 unchanged; 0 projections written, 2 found as stored\)$/m,
    );
    // someone with database access raises a subject's score
    const raw = new Database(db);
    raw.exec(
      `update derived set score = score + 50 where subject_id = (select id from subjects where usci = '${ORG}')`,
    );
    raw.close();
    const verify = credence('verify', '--db', db);
    assert.equal(verify.code, 1, 'verify finds the forged projection');
    const repaired = credence('rebuild', '--full', '--db', db);
    assert.equal(repaired.code, 0, repaired.err);
    assert.match(
      repaired.out,
      /^rebuilt 2 subjects from the ledger \(2 recomputed, 0 unchanged; 1 projections written, 1 found as stored\)$/m,
    );
    const clean = credence('verify', '--db', db);
    assert.equal(clean.code, 0, clean.out + clean.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
