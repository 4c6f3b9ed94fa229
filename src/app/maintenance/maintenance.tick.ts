import { recompute } from '../derive/derive.usecases.ts';
import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import { subjectBatches } from '../ports/ports.batches.ts';
import type { AppContext } from '../ports/ports.context.ts';

const BATCH = 1000;

/** Recomputes every subject's projection from the ledger, in batches. */
export async function rebuildAll(
  ctx: AppContext,
  onProgress: (done: number) => void = () => {},
): Promise<number> {
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  const now = ctx.clock.now();
  let done = 0;
  for await (const ids of subjectBatches(ctx.store, BATCH)) {
    await ctx.store.transaction((tx) => recompute(tx, versions, ids, now));
    done += ids.length;
    onProgress(done);
  }
  return done;
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
