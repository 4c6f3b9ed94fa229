import type { Store } from './ports.store.ts';

/** Every subject id of the registry, in id order, a batch at a time (for walks over the whole population). */
export async function* subjectBatches(
  store: Pick<Store, 'subjectIdsAfter'>,
  size: number,
): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const ids = await store.subjectIdsAfter(after, size);
    if (ids.length === 0) return;
    after = ids[ids.length - 1]!;
    yield ids;
  }
}
