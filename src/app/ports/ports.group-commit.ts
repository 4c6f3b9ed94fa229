import type { AppContext } from './ports.context.ts';
import type { Store, Tx } from './ports.store.ts';

/**
 * The context with its store's transactions grouped (`Store.grouped`): for a request that writes one small thing
 * in one transaction, so that requests arriving together share a COMMIT. Each is still all or nothing, and is
 * answered only once committed. Not for batches: a group runs its calls one after the other.
 */
export function withGroupedCommit(ctx: AppContext): AppContext {
  const store = ctx.store;
  const view: Store = Object.create(store, {
    transaction: { value: <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => store.grouped(fn) },
  });
  return { ...ctx, store: view };
}
