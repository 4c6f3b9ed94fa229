import type { StoreLocation } from '../app/ports/ports.context.ts';
import type { Store } from '../app/ports/ports.store.ts';

/**
 * Opens the adapter for a location: PostgreSQL for a URL, SQLite for a file. The composition root hands
 * this module's URL to worker threads (`StoreFactory`), so that app/ never imports an adapter itself.
 */
export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.databaseUrl) {
    const { openPostgres } = await import('./postgres/postgres.store.ts');
    return openPostgres(location.databaseUrl);
  }
  const { openSqlite } = await import('./sqlite/sqlite.store.ts');
  // mapped unless the location says `mapped: false`; SQLite's checkpoints unless it sets `checkpointPages`
  return openSqlite(location.db!, location);
}

/** This module's URL, for a worker thread to import `openStore` from (compiled or from source alike). */
export const STORE_OPENER = import.meta.url;

/** What the composition root puts in the app context so that workers can open their own connection. */
export function storeFactory(location: StoreLocation) {
  return { module: STORE_OPENER, location };
}
