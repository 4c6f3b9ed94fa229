import { activeRulebooks } from '../governance/governance.rulebooks.ts';
import type { AppContext } from '../ports/ports.context.ts';
import type { Store, Tx } from '../ports/ports.store.ts';
import { recomputeOn } from './derive.parallel.ts';
import { type WorkersOption, withPool } from './derive.pool.ts';

/** Subjects derived in one transaction, at most. */
export const DERIVE_SUBJECTS = 256;
/**
 * Records (with their events) loaded at once to derive a slice, about: a subject's file holds its own records and
 * those of its branches and agents, and an organization with a hundred branches brings thousands.
 */
export const DERIVE_RECORDS = 4096;

/**
 * The first slice of `ids` (in their order) to derive together: at most `subjects` subjects whose files hold at
 * most about `records` records in all (their own, their direct branches' and their agents'), and always at least
 * one subject, however large its file. Slices change only how much is loaded at once, never what is derived.
 */
export async function nextSlice(
  tx: Tx,
  ids: readonly number[],
  subjects = DERIVE_SUBJECTS,
  records = DERIVE_RECORDS,
): Promise<number[]> {
  const candidates = ids.slice(0, subjects);
  if (candidates.length <= 1) return [...candidates];
  const branches = await tx.childrenOf(candidates);
  const agents = await tx.agentsOf(candidates);
  const involved = new Map<number, number[]>(candidates.map((id) => [id, [id]]));
  for (const b of branches) involved.get(Number(b.parent_id))?.push(Number(b.id));
  for (const a of agents) if (a.agent !== a.org) involved.get(a.org)?.push(a.agent);
  const all = [...new Set([...involved.values()].flat())];
  // a bound first, from one count: the files' sizes summed are at most every involved subject's records and
  // events counted as many times as the subject is most often involved (a branch or an agent of two candidates)
  const times = new Map<number, number>();
  let most = 1;
  for (const ids of involved.values())
    for (const s of ids) {
      const k = (times.get(s) ?? 0) + 1;
      times.set(s, k);
      if (k > most) most = k;
    }
  if ((await tx.ledgerSize(all)) * most <= records) return candidates;
  const size = new Map((await tx.ledgerCounts(all)).map((c) => [Number(c.subject_id), c.records + c.events]));
  let total = 0;
  let n = 0;
  for (const id of candidates) {
    const file = involved.get(id)!.reduce((sum, s) => sum + (size.get(s) ?? 0), 0);
    if (n > 0 && total + file > records) break;
    total += file;
    n++;
  }
  return candidates.slice(0, n);
}

/**
 * Runs `work` over `ids` a transaction at a time, each on the next slice (nextSlice) within `budget`; `onSlice`
 * after each slice commits, with the number of subjects done so far.
 */
export async function inSlices(
  store: Store,
  ids: readonly number[],
  work: (tx: Tx, slice: readonly number[]) => Promise<unknown>,
  budget: { readonly subjects: number; readonly records: number } = {
    subjects: DERIVE_SUBJECTS,
    records: DERIVE_RECORDS,
  },
  onSlice: (slice: readonly number[], done: number) => void = () => {},
): Promise<void> {
  for (let i = 0; i < ids.length; ) {
    const slice = await store.transaction(async (tx) => {
      const s = await nextSlice(tx, ids.slice(i, i + budget.subjects), budget.subjects, budget.records);
      await work(tx, s);
      return s;
    });
    i += slice.length;
    onSlice(slice, i);
  }
}

/**
 * Derives `ids` slice by slice (inSlices), each under the rulebooks active in its transaction, the derivations on
 * worker threads when `workers` asks for them for this many subjects (derive.pool.ts); `onSlice` as inSlices.
 */
export async function deriveSlices(
  ctx: AppContext,
  ids: readonly number[],
  workers: WorkersOption | undefined,
  onSlice: (slice: readonly number[], done: number) => void,
): Promise<void> {
  if (ids.length === 0) return;
  const versions = await ctx.store.transaction((tx) => activeRulebooks(tx));
  await withPool(versions, workers, ids.length, (pool) =>
    inSlices(
      ctx.store,
      ids,
      async (tx, slice) => recomputeOn(pool, tx, await activeRulebooks(tx), slice, ctx.clock.now()),
      undefined,
      onSlice,
    ),
  );
}
