import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CredenceError } from '../../domain/errors.ts';
import type { SubjectFile } from '../../rules/ledger.model.ts';
import { loadedDocument } from '../../rules/rulebook.recompile.ts';
import type { RulebookSet } from '../../rules/versions.ts';
import { workerScript } from '../ports/ports.workers.ts';
import type { Computed } from './derive.compute.ts';
import { versionsKey } from './derive.marks.ts';

/**
 * Subjects to derive above which `auto` uses worker threads: below it, starting them (a quarter of a second built,
 * over a second from source), warming their compiled code and cloning the files cost more than the cores save.
 */
export const WORKERS_FROM = 50_000;
/**
 * Cores `auto` needs before it uses workers. This thread keeps the database work (about half of a full rebuild:
 * loading, storing, cloning the files), so the workers get the other cores: on two cores, one or two workers took
 * as long per subject as this thread alone, the same CPU shared out with more garbage to collect.
 */
export const WORKERS_CORES = 4;

/** How many worker threads derive: a number (0: in this thread), or `auto` (see workersFor). */
export type WorkersOption = number | 'auto';

/**
 * The number of workers for `subjects` subjects to derive: `auto` gives every core but this thread's, when there
 * are WORKERS_CORES of them or more and more than WORKERS_FROM subjects; else none.
 */
export function workersFor(
  option: WorkersOption | undefined,
  subjects: number,
  from = WORKERS_FROM,
  cores = availableParallelism(),
): number {
  if (option === undefined || option === 'auto')
    return cores >= WORKERS_CORES && subjects > from ? cores - 1 : 0;
  return Math.max(0, Math.floor(option));
}

/** Pieces the files of one `compute` are cut into, per worker: a worker that finishes early takes the next. */
const PIECES_PER_WORKER = 4;

interface Job {
  readonly resolve: (r: [number, Computed][]) => void;
  readonly reject: (e: Error) => void;
}

/** The size of a file, for cutting a slice into pieces of about equal work. */
function weight(f: SubjectFile): number {
  let n = 1 + f.records.length;
  for (const b of f.branches) n += b.records.length;
  for (const a of f.agents) n += a.records.length;
  return n;
}

/**
 * Worker threads that derive subject files (the pure part of a recomputation; every database step stays in the
 * caller's transaction). Each worker compiles the rulebook versions once. A worker that throws or stops fails
 * every derivation asked of the pool, then and after: the caller's transaction rolls back.
 */
export class DerivePool {
  readonly key: string;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly queue: unknown[] = [];
  private nextJob = 0;
  private failure?: Error;
  private closing = false;

  private constructor(readonly versions: RulebookSet) {
    this.key = versionsKey(versions);
  }

  /** Starts `n` workers for these rulebook versions; `entry` replaces the worker module (tests). */
  static start(versions: RulebookSet, n: number, entry?: URL): DerivePool {
    const pool = new DerivePool(versions);
    const { script: url, entry: module } = workerScript(import.meta.url, 'derive.worker', entry);
    const workerData = {
      entry: module.href,
      rulebooks: versions.versions.map((v) => ({
        doc: loadedDocument(v.source),
        source: v.source,
        hash: v.hash,
      })),
    };
    for (let i = 0; i < n; i++) {
      const w = new Worker(url, { workerData });
      w.on('message', (m: { job: number; results?: [number, Computed][]; error?: string }) => {
        const job = pool.jobs.get(m.job);
        pool.jobs.delete(m.job);
        if (m.error !== undefined) {
          pool.fail(new CredenceError('derive.worker_failed', `a derivation worker failed: ${m.error}`));
          job?.reject(pool.failure!);
          return;
        }
        job?.resolve(m.results ?? []);
        pool.idle.push(w);
        pool.pump();
      });
      w.on('error', (e) =>
        pool.fail(
          new CredenceError('derive.worker_failed', `a derivation worker failed: ${e.message}`, { cause: e }),
        ),
      );
      w.on('exit', (code) => {
        if (!pool.closing)
          pool.fail(
            new CredenceError('derive.worker_failed', `a derivation worker stopped (exit code ${code})`),
          );
      });
      pool.workers.push(w);
      pool.idle.push(w);
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Derives `files` at `now` on the workers; the results come back in the files' order. */
  async compute(
    files: readonly (readonly [number, SubjectFile])[],
    now: number,
  ): Promise<Map<number, Computed>> {
    if (this.failure) throw this.failure;
    const pieces = cut(files, this.workers.length * PIECES_PER_WORKER);
    const parts = await Promise.all(pieces.map((p) => this.send(p, now)));
    const got = new Map(parts.flat());
    return new Map(files.map(([id]) => [id, got.get(id)!]));
  }

  private send(
    files: readonly (readonly [number, SubjectFile])[],
    now: number,
  ): Promise<[number, Computed][]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const job = this.nextJob++;
      this.jobs.set(job, { resolve, reject });
      this.queue.push({ job, now, files });
      this.pump();
    });
  }

  private pump(): void {
    while (!this.failure && this.queue.length > 0 && this.idle.length > 0) {
      const w = this.idle.pop()!;
      w.postMessage(this.queue.shift());
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const j of this.jobs.values()) j.reject(this.failure);
    this.jobs.clear();
    this.queue.length = 0;
  }

  /** Stops the workers (always call it, also after a failure). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Cuts `files` into at most `n` consecutive pieces of about equal weight. */
function cut<T extends readonly [number, SubjectFile]>(files: readonly T[], n: number): T[][] {
  const total = files.reduce((s, [, f]) => s + weight(f), 0);
  const target = total / Math.max(1, n);
  const out: T[][] = [];
  let piece: T[] = [];
  let w = 0;
  for (const x of files) {
    piece.push(x);
    w += weight(x[1]);
    if (w >= target && out.length < n - 1) {
      out.push(piece);
      piece = [];
      w = 0;
    }
  }
  if (piece.length > 0) out.push(piece);
  return out;
}

/**
 * Runs `work` with a pool of workers for these versions when `option` asks for one for `subjects` subjects (see
 * workersFor), else with none (derivations in this thread); the workers are stopped however `work` ends.
 */
export async function withPool<T>(
  versions: RulebookSet,
  option: WorkersOption | undefined,
  subjects: number,
  work: (pool: DerivePool | undefined) => Promise<T>,
  entry?: URL,
): Promise<T> {
  const n = workersFor(option, subjects);
  if (n === 0) return work(undefined);
  const pool = DerivePool.start(versions, n, entry);
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}
