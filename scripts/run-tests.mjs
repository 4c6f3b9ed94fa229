// Runs every *.test.ts beside the code with node's test runner. Node 20 does not expand
// globs, so the file list is built here, and an empty list is a failure, not a pass.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const filter = process.argv.slice(2);
const files = walk('src')
  .concat(walk('bench').filter((f) => f.endsWith('.test.ts')))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// the CLI tests start the compiled command (much faster than from source): build it first
const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', CREDENCE_TEST_BUILT: '1' } },
);
process.exit(r.status ?? 1);
