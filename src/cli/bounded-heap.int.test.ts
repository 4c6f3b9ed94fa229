import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliArgs } from '../app/testing/cli.ts';
import { EVIDENCE } from '../app/testing/test-registry.ts';

const ORG = '91350100M000100Y43';
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [...cliArgs(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });

/** A file with subjects, 300 valid records and one that names an unknown type. */
function file(dir: string): string {
  const lines = [
    { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
    { kind: 'organization', usci: ORG, name: 'Fuzhou Example Co.' },
    ...Array.from({ length: 300 }, (_, i) => ({
      source: 'tax-bureau',
      id: `T${i}`,
      subject: ORG,
      type: i === 150 ? 'tax.unheard_of' : 'tax.late_payment',
      occurred_at: '2026-03-01',
      legal_basis: 'Tax law art. 32',
      evidence: [EVIDENCE],
    })),
  ];
  const f = join(dir, 'in.ndjson');
  writeFileSync(f, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return f;
}

test('an import runs in a process with a bounded heap, and answers exactly as an unbounded one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-heap-'));
  try {
    const f = file(dir);
    const out: Record<string, string> = {};
    for (const heap of ['96', '0']) {
      const db = join(dir, `r${heap}.db`);
      assert.equal(run(['init', '--db', db]).status, 0);
      // each run from the same state: no rejects file of the run before (it would be removed, and say so)
      rmSync(`${f}.rejects.ndjson`, { force: true });
      // the child reports its heap limit when asked: it must be the bound, and only with a bound
      const r = run(['import', '--db', db, '--heap', heap, f], { CREDENCE_REPORT_HEAP: '1' });
      assert.equal(r.status, 1, 'a rejected line makes the exit code 1, through the relaunch too');
      const limit = Number(/heap limit (\d+) MB/.exec(r.stderr)?.[1]);
      if (heap === '96') assert.ok(limit > 0 && limit <= 96 + 48, `bounded heap: ${limit} MB`);
      else assert.ok(limit > 144, `unbounded heap: ${limit} MB`);
      out[heap] = r.stdout.replace(/ in [\d.]+ s/, '').replace(/r\d+\.db/g, '');
      const score = run(['score', '--db', db, ORG]);
      out[`${heap}:score`] = score.stdout;
    }
    assert.match(out['96']!, /301 created, 0 updated, 0 unchanged, 1 rejected/);
    assert.equal(out['96'], out['0']);
    assert.equal(out['96:score'], out['0:score']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a heap too small to work in is refused before anything is read', () => {
  const r = run(['import', '--db', ':memory:', '--heap', '10', 'nothing.ndjson']);
  assert.equal(r.status, 2, 'a usage error');
  assert.match(r.stderr, /--heap 10: expected 0 or a whole number of MB, at least 64/);
});
