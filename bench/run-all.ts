/**
 * Runs the benchmark programs one after another, each in a process of its own, collects the figures they report
 * (bench/_util.ts `report`, through the file named by BENCH_FIGURES) and prints them as a table; with --json it
 * writes bench/results.json and regenerates the README table from it (scripts/bench-readme.mjs).
 *
 *   npm run bench [-- --json] [--only score,check] [--quick] [--reps N] [--huge]
 *
 * --only      a subset, by program name; with --json, the other programs' figures are kept from the previous
 *             results.json when it was measured on the same kind of machine
 * --quick     small sizes, for trying the harness out; with --json it writes bench/results.quick.json and leaves
 *             the README alone
 * --reps N    passed to every program (each quotes medians of N runs; default 3)
 * --huge      passed to import.bench.ts: also the peak RSS at 2,000,000 records (long)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './_util.ts';

export const PROGRAMS = [
  'rules',
  'score',
  'rebuild',
  'check',
  'import',
  'screen',
  'search',
  'whatif',
  'http',
  'postgres',
] as const;

interface Result extends Figure {
  readonly program: string;
  readonly date: string;
}

interface Results {
  readonly machine: {
    cpus: number;
    model: string;
    node: string;
    os: string;
    date: string;
    commit: string;
    /** Whether src/ or bench/ differed from the commit when any program started. */
    dirty: boolean;
  };
  readonly quick?: boolean;
  /** Each program's run: its commit and whether src/ or bench/ differed from it as it started (others may edit). */
  readonly programs: {
    name: string;
    seconds: number;
    status: 'ok' | 'failed';
    date: string;
    commit: string;
    dirty: boolean;
  }[];
  readonly figures: Result[];
}

const argv = process.argv.slice(2);
const has = (f: string) => argv.includes(`--${f}`);
const option = (f: string) => {
  const i = argv.indexOf(`--${f}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('only')
  ?.split(',')
  .filter((x) => x !== '');
const unknown = only?.filter((p) => !(PROGRAMS as readonly string[]).includes(p)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown program(s): ${unknown.join(', ')}; known: ${PROGRAMS.join(', ')}`);
  process.exit(2);
}
const programs = PROGRAMS.filter((p) => !only || only.includes(p));
const quick = has('quick');
const pass = [...(quick ? ['--quick'] : []), ...(option('reps') ? ['--reps', option('reps')!] : [])];

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const osName = () => {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    return `${pretty ?? process.platform} (${process.platform} ${release()}, ${process.arch})`;
  } catch {
    return `${process.platform} ${release()} ${process.arch}`;
  }
};
const started = new Date();
const machine: Results['machine'] = {
  cpus: availableParallelism(),
  model: cpus()[0]?.model.trim() ?? 'unknown',
  node: process.version,
  os: osName(),
  date: started.toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: false,
};
// the working tree may be shared: what each program measured is the tree as it started (results files aside)
const tree = () => ({
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: git('status', '--porcelain', '--', 'src', 'bench', ':(exclude)bench/results*.json') !== '',
});

const tmp = mkdtempSync(join(tmpdir(), 'credence-bench-'));
const figures: Result[] = [];
const ran: Results['programs'] = [];
const t0 = performance.now();
try {
  for (const p of programs) {
    console.log(`\n=== bench/${p}.bench.ts ${pass.join(' ')} ===`);
    const file = join(tmp, `${p}.ndjson`);
    const args = [
      '--import',
      'tsx',
      `bench/${p}.bench.ts`,
      ...pass,
      ...(p === 'import' && has('huge') ? ['--huge'] : []),
    ];
    const state = tree();
    machine.dirty ||= state.dirty;
    const s = performance.now();
    const r = spawnSync(process.execPath, args, {
      stdio: 'inherit',
      env: { ...process.env, BENCH_FIGURES: file },
    });
    const seconds = Math.round((performance.now() - s) / 100) / 10;
    const date = new Date().toISOString();
    ran.push({ name: p, seconds, status: r.status === 0 ? 'ok' : 'failed', date, ...state });
    if (r.status !== 0) {
      console.error(`bench/${p}.bench.ts failed (exit ${r.status ?? r.signal})`);
      process.exitCode = 1;
    }
    if (existsSync(file))
      for (const line of readFileSync(file, 'utf8').split('\n'))
        if (line.trim() !== '') figures.push({ ...(JSON.parse(line) as Figure), program: p, date });
    console.log(`=== ${p}: ${seconds} s ===`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const total = (performance.now() - t0) / 1000;
console.log(
  `\n${programs.length} program(s) in ${Math.floor(total / 60)} min ${Math.round(total % 60)} s: ${ran.map((r) => `${r.name} ${r.seconds} s${r.status === 'ok' ? '' : ' (failed)'}`).join(', ')}`,
);

/** With --only, the figures of the programs not run now are kept from the last results on the same kind of machine. */
function merged(path: string): Results {
  const fresh: Results = { machine, ...(quick ? { quick } : {}), programs: ran, figures };
  if (!only || !existsSync(path)) return fresh;
  const old = JSON.parse(readFileSync(path, 'utf8')) as Results;
  const same = (['cpus', 'model', 'node', 'os'] as const).every((k) => old.machine?.[k] === machine[k]);
  if (!same) return fresh;
  const keep = (name: string) => !programs.some((p) => p === name);
  const kept = PROGRAMS.flatMap(
    (p) => ran.find((r) => r.name === p) ?? old.programs.filter((r) => r.name === p && keep(r.name)),
  );
  return {
    // an older result without the flag counts as measured on a changed tree
    machine: { ...machine, dirty: kept.some((r) => r.dirty !== false) },
    ...(quick ? { quick } : {}),
    programs: kept,
    figures: PROGRAMS.flatMap((p) =>
      keep(p) ? old.figures.filter((f) => f.program === p) : figures.filter((f) => f.program === p),
    ),
  };
}

const out = has('json')
  ? join('bench', quick ? 'results.quick.json' : 'results.json')
  : join(tmpdir(), `credence-bench-${process.pid}.json`);
writeFileSync(out, `${JSON.stringify(merged(out), null, 2)}\n`);
const readme = ['scripts/bench-readme.mjs', '--results', out, ...(has('json') && !quick ? [] : ['--print'])];
const r = spawnSync(process.execPath, readme, { stdio: 'inherit' });
if (r.status !== 0) process.exitCode = 1;
if (has('json')) console.log(`figures written to ${out}${quick ? '' : '; README table regenerated'}`);
else rmSync(out, { force: true });
