import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE } from './test-registry.ts';

/**
 * How tests start the `credence` command: the compiled CLI when the test runner has just built it
 * (`CREDENCE_TEST_BUILT=1`, set by scripts/run-tests.mjs), else from source through tsx. A compiled start
 * takes a fraction of tsx's, and the CLI sweeps start dozens of processes.
 */
export function cliArgs(): string[] {
  if (process.env.CREDENCE_TEST_BUILT === '1' && existsSync('dist/cli/main.js')) return ['dist/cli/main.js'];
  return ['--import', 'tsx', 'src/cli/main.ts'];
}

/** Runs `credence ARGS` to its end with the registry's clock at `now` (CREDENCE_NOW): exit code and output. */
export function credenceAt(
  now: string,
  ...args: string[]
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...cliArgs(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CREDENCE_NOW: now },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Writes values as an NDJSON file, one line each, as an import reads them. */
export function writeLines(file: string, values: readonly unknown[]): void {
  writeFileSync(file, values.map((v) => JSON.stringify(v)).join('\n'));
}

/**
 * A registry file made with the command, as an operator makes one (`init`, then `import`): a tax bureau, the
 * organization `org` with two late tax payments in February 2026, then the lines `more`. Answers its path.
 */
export function registryWithLatePayments(
  dir: string,
  now: string,
  org: string,
  more: unknown[] = [],
): string {
  const db = join(dir, 'r.db');
  const init = credenceAt(now, 'init', '--db', db);
  assert.equal(init.code, 0, init.err);
  const file = join(dir, 'lines.ndjson');
  writeLines(file, [
    { kind: 'source', id: 'tax-bureau', name: 'Tax Bureau', domains: ['tax'] },
    { kind: 'organization', usci: org, name: 'Fuzhou Example Co.' },
    ...[1, 2].map((i) => ({
      source: 'tax-bureau',
      id: `TB-${i}`,
      subject: org,
      type: 'tax.late_payment',
      occurred_at: `2026-02-0${i}`,
      legal_basis: 'Tax Collection Administration Law art. 32',
      evidence: [EVIDENCE],
    })),
    ...more,
  ]);
  const imported = credenceAt(now, 'import', file, '--db', db);
  assert.equal(imported.code, 0, imported.out + imported.err);
  return db;
}
