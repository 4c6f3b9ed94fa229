import { involvedMarks, marksHead, versionsKey } from '../derive/derive.marks.ts';
import { recomputeOn } from '../derive/derive.parallel.ts';
import { type DerivePool, type WorkersOption, withPool } from '../derive/derive.pool.ts';
import { DERIVE_RECORDS, inSlices } from '../derive/derive.slices.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { MarksExpected, Tx } from '../ports/ports.store.ts';

const BATCH = 1000;
/**
 * A transaction of `rebuild` or `tick`: at most BATCH subjects and about this many records (imports, whose heap is
 * bounded, load fewer), so that a registry's shape cannot make one transaction load millions.
 */
const SLICES = { subjects: BATCH, records: 8 * DERIVE_RECORDS };
/** Subjects compared at once by `rebuild` (by id range, in the database). */
const WINDOW = 10_000;

export interface RebuildResult {
  /** Subjects walked. */
  readonly subjects: number;
  /** Subjects whose projection was recomputed (all of them with `full`). */
  readonly recomputed: number;
  /**
   * Projections written again: those recomputed that came out different from the stored row (a full rebuild
   * leaves the others as they are), or had none stored.
   */
  readonly written: number;
}

/**
 * Brings every subject's projection up to date with the ledger, in batches. By default it first compares each
 * stored projection's marks (the involved subjects' last record and event sequence numbers and counts, the
 * rulebook set, the engine version) with the ledger's, and recomputes only the subjects whose marks differ, that
 * have none, or that are due; `full` recomputes every subject.
 */
export async function rebuildAll(
  ctx: AppContext,
  opts: {
    readonly full?: boolean;
    readonly onProgress?: (done: number, total: number) => void;
    /** Worker threads deriving a full rebuild: a number (0: none), or `auto` (default; see workersFor). */
    readonly workers?: WorkersOption;
  } = {},
): Promise<RebuildResult> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  const vkey = versionsKey(versions);
  const inForce = versions.at(now).hash;
  const total = opts.onProgress || opts.full ? await ctx.store.subjectCount() : 0;
  let done = 0;
  let recomputed = 0;
  let written = 0;
  const recomputeAll = async (todo: readonly number[], pool?: DerivePool) => {
    // counted once a slice has committed (a transaction tried again counts once)
    let slice = 0;
    await inSlices(
      ctx.store,
      todo,
      async (tx, s) => {
        slice = (await recomputeOn(pool, tx, versions, s, now)).written;
      },
      SLICES,
      () => {
        written += slice;
      },
    );
    recomputed += todo.length;
  };
  if (opts.full)
    // the database steps stay in each slice's transaction; only the derivations go to the workers
    return withPool(versions, opts.workers, total, async (pool) => {
      for await (const ids of subjectBatches(ctx.store, BATCH)) {
        await recomputeAll(ids, pool);
        done += ids.length;
        opts.onProgress?.(done, total);
      }
      return { subjects: done, recomputed, written };
    });
  // the comparison is made by the database a window of subjects at a time; recomputations go a batch at a time
  const expect = { head: marksHead(vkey), rulebookHash: inForce, now };
  for (let after = 0, more = true; more; ) {
    const w = await ctx.store.transaction((tx) => changedInWindow(tx, vkey, after, expect));
    await recomputeAll(w.todo);
    done += w.subjects;
    after = w.last;
    // a window short of its size was the last
    more = w.subjects === WINDOW;
    if (w.subjects > 0) opts.onProgress?.(done, total);
  }
  return { subjects: done, recomputed, written };
}

/**
 * The next window of `size` subjects after id `after` and, in id order, those whose stored projection is missing,
 * due, or derived from another ledger, rulebook set or engine: the database compares the marks of subjects
 * involving no other, and gives the counts of the involved subjects of the others (organizations with branches
 * or agents), whose marks are built here. A subject changed after this comparison was derived by the write that
 * changed it.
 */
export async function changedInWindow(
  tx: Tx,
  vkey: string,
  after: number,
  expect: MarksExpected,
  size = WINDOW,
): Promise<{ subjects: number; last: number; todo: number[] }> {
  const w = await tx.marksWindow(after, size, expect);
  const todo = [...w.stale];
  for (const s of w.involving) if (!s.marks || s.marks !== involvedMarks(vkey, s.involved)) todo.push(s.id);
  return { subjects: w.subjects, last: w.last, todo: todo.sort((a, b) => a - b) };
}

/**
 * Applies the changes that have come due by `until` (default now): only the subjects whose next_change_at has
 * passed are touched, so the cost grows with the due subjects, not the population.
 */
export async function tick(ctx: AppContext, until?: number): Promise<number> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const at = until ?? ctx.clock.now();
  let n = 0;
  let after = 0;
  for (;;) {
    const ids = await ctx.store.dueSubjects(at, BATCH, after);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    await inSlices(ctx.store, ids, (tx, s) => recompute(tx, versions, s, at), SLICES);
    n += ids.length;
  }
  return n;
}
