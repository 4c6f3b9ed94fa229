// Runs every *.test.ts beside the code with node's test runner. Node 20 does not expand
// globs, so the file list is built here, and an empty list is a failure, not a pass.
//
// The tests run compiled: tsc writes src/ and bench/ with their tests to .test-dist/ first. A loader such as tsx
// costs every test process about a second of CPU before its first test (Node 20 resolves each of the ~1,300
// modules through the loader's thread), and on 2 cores that was a sixth of the suite. `--source` runs them from
// source through tsx instead, as `node --import tsx --test FILE` does for one file.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const OUT = '.test-dist';

function walk(dir, keep) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p, keep) : keep(e.name) ? [p] : [];
  });
}
const args = process.argv.slice(2);
const fromSource = args.includes('--source');
const filter = args.filter((a) => a !== '--source');
const isTest = (name) => /\.test\.tsx?$/.test(name);
// the longest files start first, so that the run does not end on one of them alone (longest first: the last files
// to finish are short); the figures are from the slowest-files summary this runner prints
const LONGEST = [
  'src/store/store.contract.int.test.ts', // ~170 s: every CLI command on both engines
  'src/web/web.e2e.test.ts', // ~170 s: browser journeys and axe-core over every page
  'src/cli/cli.commands.test.ts', // ~40 s
  'src/cli/bounded-heap.int.test.ts', // ~30 s
  'src/store/postgres/concurrency.int.test.ts', // ~30 s
];
const rank = (f) => (LONGEST.includes(f) ? LONGEST.indexOf(f) : LONGEST.length);
const files = walk('src', isTest)
  .concat(walk('bench', (n) => n.endsWith('.test.ts')))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort()
  .sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

/** tsc with a project file, as a promise of its exit status: the two builds share the machine's cores. */
function tsc(project) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], {
      stdio: 'inherit',
    });
    p.on('close', (code) => resolve(code ?? 1));
  });
}

// the CLI tests start the compiled command (much faster than from source): build it, and the tests, first
if (!fromSource) rmSync(OUT, { recursive: true, force: true });
const built = await Promise.all([tsc('tsconfig.json'), ...(fromSource ? [] : [tsc('tsconfig.test.json')])]);
const failed = built.find((code) => code !== 0);
if (failed !== undefined) process.exit(failed);

let run = files;
if (!fromSource) {
  // what tsc does not write: the files tests and code read beside themselves (fixtures)
  for (const f of walk('src', (n) => !/\.tsx?$/.test(n)).concat(walk('bench', (n) => !/\.tsx?$/.test(n)))) {
    mkdirSync(dirname(join(OUT, f)), { recursive: true });
    copyFileSync(f, join(OUT, f));
  }
  // and the folders beside src/ that they name by a relative path
  for (const dir of ['rulebooks', 'scripts']) symlinkSync(join('..', dir), join(OUT, dir));
  run = files.map((f) => join(OUT, f.replace(/\.tsx?$/, '.js')));
}
const r = spawnSync(
  process.execPath,
  [
    ...(fromSource ? ['--import', 'tsx'] : ['--enable-source-maps']),
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    // after the run: the slowest files, and where the suite's time went
    '--test-reporter=./scripts/test-slowest.mjs',
    '--test-reporter-destination=stdout',
    ...run,
  ],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', CREDENCE_TEST_BUILT: '1' } },
);
process.exit(r.status ?? 1);
