import { existsSync } from 'node:fs';

/**
 * How tests start the `credence` command: the compiled CLI when the test runner has just built it
 * (`CREDENCE_TEST_BUILT=1`, set by scripts/run-tests.mjs), else from source through tsx. A compiled start
 * takes a fraction of tsx's, and the CLI sweeps start dozens of processes.
 */
export function cliArgs(): string[] {
  if (process.env.CREDENCE_TEST_BUILT === '1' && existsSync('dist/cli/main.js')) return ['dist/cli/main.js'];
  return ['--import', 'tsx', 'src/cli/main.ts'];
}
