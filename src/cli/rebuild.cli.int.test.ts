import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { cliArgs } from '../app/testing/cli.ts';
import { EVIDENCE } from '../app/testing/test-registry.ts';

const ORG = '91350100M000100Y43';
const OTHER = '91350100M00020001J';

function credence(...args: string[]) {
  const r = spawnSync(process.execPath, [...cliArgs(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CREDENCE_NOW: '2026-03-20' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('rebuild --full says how many projections it found forged or stale and wrote again', {
  timeout: 120_000,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-rebuild-cli-'));
  const db = join(dir, 'r.db');
  try {
    assert.equal(credence('init', '--db', db).code, 0);
    const file = join(dir, 'lines.ndjson');
    writeFileSync(
      file,
      [
        { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
        { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
        { kind: 'organization', usci: OTHER, name: 'Fuzhou Other Co.' },
        ...[1, 2].map((i) => ({
          source: 'tax-bureau',
          id: `TB-${i}`,
          subject: ORG,
          type: 'tax.late_payment',
          occurred_at: `2026-02-0${i}`,
          legal_basis: 'Tax Collection Administration Law art. 32',
          evidence: [EVIDENCE],
        })),
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const imported = credence('import', file, '--db', db);
    assert.equal(imported.code, 0, imported.out + imported.err);

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
