import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { activeRulebooks } from '../src/app/governance/governance.rulebooks.ts';
import type { StoreLocation } from '../src/app/ports/ports.context.ts';
import { testRegistry } from '../src/app/testing/test-registry.ts';
import { formatDate, parseInstant } from '../src/domain/time.ts';
import type { RecordType, Rulebook } from '../src/rules/rulebook.model.ts';
import { prng, simulatePopulation } from '../src/sim/population.ts';

export const NOW_TEXT = '2026-11-01';
export const NOW = parseInstant(NOW_TEXT)!;

/** `--quick`: every program picks small sizes, for trying the harness out (its figures mean little). */
export const QUICK = process.argv.includes('--quick');

/** Whether `--name` is on the command line. */
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** `--name value` from the command line, as a number, else the default (`quick` under `--quick`). */
export function arg(name: string, dflt: number, quick = dflt): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return QUICK ? quick : dflt;
  const v = Number(process.argv[i + 1]!.replace(/_/g, ''));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

/** `--name a,b,c` from the command line, else the default. */
export function listArg(name: string, dflt: readonly string[]): string[] {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return [...dflt];
  return process.argv[i + 1]!.split(',').filter((x) => x !== '');
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** a/b with three significant digits, and its inverse when a is the smaller. */
export const ratio = (a: number, b: number): string => {
  const r = a / b;
  const sig = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return r < 1 ? `${sig(r)}× (1/${sig(1 / r)})` : `${sig(r)}×`;
};

export async function freshRegistry(opts: Pick<StoreLocation, 'mapped' | 'checkpointPages'> = {}) {
  const r = await testRegistry(NOW_TEXT, undefined, undefined, undefined, opts);
  const rb: Rulebook = (await r.ctx.store.transaction((tx) => activeRulebooks(tx))).at(NOW);
  return { ...r, rb };
}

export interface Subj {
  readonly ref: string;
  readonly kind: 'person' | 'organization';
}

/** Source and subject lines from the simulator (no records), and the subjects' references. */
export function subjectLines(rb: Rulebook, subjects: number, seed = 1) {
  const subs: Subj[] = [];
  const lines = [...subjectStream(rb, subjects, subs, seed)];
  return { lines, subs };
}

/**
 * The same lines generated as they are imported, as a file is read: only the subjects' references are kept (in
 * `subs`), so that a memory figure counts the import, not the program that feeds it.
 */
export function* subjectStream(
  rb: Rulebook,
  subjects: number,
  subs: Subj[],
  seed = 1,
): Generator<Record<string, unknown>> {
  for (const l of simulatePopulation(rb, { subjects, seed, now: NOW })) {
    if (l.kind === 'source') yield l;
    else if (l.kind === 'person') {
      subs.push({ ref: String(l.national_id), kind: 'person' });
      yield l;
    } else if (l.kind === 'organization') {
      subs.push({ ref: String(l.usci), kind: 'organization' });
      yield l;
    }
  }
}

/**
 * Exactly `n` valid record lines spread round-robin over `subs`, as the simulator writes them: a type the
 * subject's kind may have, a date in the three years before NOW, evidence, an amount for tax and finance.
 */
export function* recordLines(
  rb: Rulebook,
  subs: readonly Subj[],
  n: number,
  seed = 7,
  prefix = 'BEN',
): Generator<Record<string, unknown>> {
  const rnd = prng(seed);
  const types = [...rb.recordTypes.values()];
  const per: Record<string, RecordType[]> = {
    person: types.filter((t) => t.subjects.includes('person')),
    organization: types.filter((t) => t.subjects.includes('organization')),
  };
  const span = 3 * 365.25 * 86_400_000;
  for (let i = 0; i < n; i++) {
    const s = subs[i % subs.length]!;
    const ts = per[s.kind]!;
    const t = ts[Math.floor(rnd() * ts.length)]!;
    let hex = '';
    for (let k = 0; k < 8; k++)
      hex += Math.floor(rnd() * 0xffffffff)
        .toString(16)
        .padStart(8, '0');
    const line: Record<string, unknown> = {
      source: `${t.domain}-authority`,
      id: `${prefix}-${String(i).padStart(9, '0')}`,
      subject: s.ref,
      type: t.name,
      occurred_at: formatDate(NOW - Math.floor(rnd() * span)),
      legal_basis: `Synthetic record under ${t.title}`,
      evidence: [`sha256:${hex}`],
    };
    if (t.domain === 'tax' || t.domain === 'finance') line.amount = Math.round(rnd() * 200000);
    yield line;
  }
}

/** Wraps value objects as importLines wants them: `{ n, value, raw }`. */
export async function* asLines(values: Iterable<Record<string, unknown>>) {
  let n = 0;
  for (const value of values) yield { n: ++n, value, raw: JSON.stringify(value) };
}

export function rejectCounter() {
  const r = { count: 0, first: '' as string };
  return {
    r,
    on: (x: { code: string; message: string; line: number }) => {
      if (r.count++ === 0) r.first = `line ${x.line}: ${x.code} ${x.message}`;
    },
  };
}

export function machine(): string {
  return `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cpus`;
}

/** A comparison a figure must pass: `of` says whether it bears on the figure's value or its ratio to the baseline. */
export interface Target {
  readonly text: string;
  readonly op: '<' | '<=' | '>' | '>=';
  readonly value: number;
  readonly of: 'value' | 'ratio';
}

/** One measured figure, as bench/results.json holds it. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  /** null when the figure was not measured in this run (see `note`). */
  readonly value: number | null;
  readonly unit: string;
  readonly baseline: { readonly title: string; readonly value: number; readonly unit: string } | null;
  /** value ÷ baseline value. */
  readonly ratio: number | null;
  readonly target: Target | null;
  /** null without a target or without a value. */
  readonly met: boolean | null;
  /** How many runs the value is the median of. */
  readonly runs: number;
  readonly note: string;
}

export const passes = (x: number, t: Pick<Target, 'op' | 'value'>): boolean =>
  t.op === '<' ? x < t.value : t.op === '<=' ? x <= t.value : t.op === '>' ? x > t.value : x >= t.value;

/**
 * Reports one figure: prints it in one line and, when the harness runs the program (bench/run-all.ts sets
 * BENCH_FIGURES), appends it as a JSON line to that file. The ratio and whether the target is met are worked out here.
 */
export function report(f: Omit<Figure, 'ratio' | 'met' | 'note'> & { note?: string }): Figure {
  const ratio = f.value !== null && f.baseline ? f.value / f.baseline.value : null;
  const x = f.target?.of === 'ratio' ? ratio : f.value;
  const met = f.target && x !== null && Number.isFinite(x) ? passes(x, f.target) : null;
  const fig: Figure = { ...f, ratio, met, note: f.note ?? '' };
  const sig = (n: number) => Number(n.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  console.log(
    `[figure] ${fig.id}: ${fig.value === null ? 'not measured' : `${sig(fig.value)} ${fig.unit}`}${fig.baseline ? ` | baseline ${sig(fig.baseline.value)} ${fig.baseline.unit}` : ''}${ratio === null ? '' : ` | ratio ${sig(ratio)}`}${fig.target ? ` | target ${fig.target.text}: ${met === null ? '—' : met ? 'met' : 'missed'}` : ''} (median of ${fig.runs})${fig.note ? ` — ${fig.note}` : ''}`,
  );
  const out = process.env.BENCH_FIGURES;
  if (out) appendFileSync(out, `${JSON.stringify(fig)}\n`);
  return fig;
}

/** Peak resident set of this process so far, in MB. */
export const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;
