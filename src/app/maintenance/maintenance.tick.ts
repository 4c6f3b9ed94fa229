import { versionsKey, windowMarks } from '../derive/derive.marks.ts';
import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { Tx } from '../ports/ports.store.ts';

const BATCH = 1000;
/** Subjects compared at once by `rebuild` (by id range). */
const WINDOW = 10_000;

export interface RebuildResult {
  /** Subjects walked. */
  readonly subjects: number;
  /** Subjects whose projection was recomputed (all of them with `full`). */
  readonly recomputed: number;
}

/**
 * Brings every subject's projection up to date with the ledger, in batches. By default it first compares each
 * stored projection's marks (the involved subjects' last record and event sequence numbers and counts, the
 * rulebook set, the engine version) with the ledger's, and recomputes only the subjects whose marks differ, that
 * have none, or that are due; `full` recomputes every subject.
 */
export async function rebuildAll(
  ctx: AppContext,
  opts: { readonly full?: boolean; readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<RebuildResult> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  const vkey = versionsKey(versions);
  const inForce = versions.at(now).hash;
  const total = opts.onProgress ? await ctx.store.subjectCount() : 0;
  let done = 0;
  let recomputed = 0;
  // the comparison reads thousands of subjects by id range at once; recomputations go a batch at a time
  for await (const ids of subjectBatches(ctx.store, opts.full ? BATCH : WINDOW)) {
    const todo = opts.full
      ? ids
      : await ctx.store.transaction((tx) => changedSince(tx, vkey, inForce, ids, now));
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      await ctx.store.transaction((tx) => recompute(tx, versions, batch, now));
    }
    recomputed += todo.length;
    done += ids.length;
    opts.onProgress?.(done, total);
  }
  return { subjects: done, recomputed };
}

/**
 * The subjects of a batch (ids in order) whose stored projection is missing, due, or derived from another ledger,
 * rulebook set or engine. A subject changed after this comparison was derived by the write that changed it.
 */
async function changedSince(
  tx: Tx,
  vkey: string,
  inForce: string,
  ids: readonly number[],
  now: number,
): Promise<number[]> {
  const { current, stored } = await windowMarks(tx, vkey, ids[0]!, ids[ids.length - 1]!);
  const rows = new Map(stored.map((r) => [Number(r.subject_id), r]));
  return ids.filter((id) => {
    const r = rows.get(id);
    return (
      !r?.marks ||
      r.marks !== current.get(id) ||
      r.rulebook_hash !== inForce ||
      (r.next_change_at !== null && Number(r.next_change_at) <= now)
    );
  });
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
    await ctx.store.transaction((tx) => recompute(tx, versions, ids, at));
    n += ids.length;
  }
  return n;
}
