import type { RulebookSet } from '../../rules/versions.ts';
import type { Tx } from '../ports/ports.store.ts';
import type { Computed } from './derive.compute.ts';
import { type LoadedFiles, loadFiles, mergeLoaded } from './derive.files.ts';
import { versionsKey } from './derive.marks.ts';
import type { DerivePool } from './derive.pool.ts';
import { recompute, type StoredState, storeDerived, storedOf, watchDerived } from './derive.usecases.ts';

/** Parts a slice is loaded and stored in: the workers derive one while this thread reads or writes another. */
const PARTS = 4;

/**
 * `recompute`, the derivations made by `pool`'s worker threads when it has one for these rulebook versions, else
 * in this thread. Every database step stays here, in the caller's transaction and under its locks: the files are
 * loaded in a few parts, each handed to the workers as it is read; each part is stored as its derivations come
 * back, while the workers derive the next. Watches are asked once at the end, over every subject, as `recompute`
 * does. The same rows either way.
 */
export async function recomputeOn(
  pool: DerivePool | undefined,
  tx: Tx,
  versions: RulebookSet,
  ids: readonly number[],
  now: number,
): Promise<{ loaded: LoadedFiles; states: Map<number, StoredState>; written: number }> {
  if (!pool || pool.key !== versionsKey(versions)) return recompute(tx, versions, ids, now);
  await tx.lockSubjects(ids);
  const parts: { loaded: LoadedFiles; derived: Promise<Map<number, Computed>> }[] = [];
  const size = Math.max(1, Math.ceil(ids.length / PARTS));
  for (let i = 0; i < ids.length; i += size) {
    const loaded = await loadFiles(tx, versions, ids.slice(i, i + size));
    const derived = pool.compute([...loaded.files], now);
    // a failure is met when the part is awaited below; until then the next part is read
    derived.catch(() => {});
    parts.push({ loaded, derived });
  }
  const { before, known } = await storedOf(tx, ids);
  const states = new Map<number, StoredState>();
  let written = 0;
  for (const p of parts) {
    const stored = await storeDerived(tx, versions, now, p.loaded, await p.derived, before, known);
    for (const [id, s] of stored.states) states.set(id, s);
    written += stored.written;
  }
  const loaded = mergeLoaded(parts.map((p) => p.loaded));
  await watchDerived(tx, versions, now, loaded, states, before);
  return { loaded, states, written };
}
