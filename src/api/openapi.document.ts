import type { AppContext } from '../app/ports/ports.context.ts';
import { makeIdHasher } from '../app/ports/ports.context.ts';
import { TestClock } from '../domain/clock.ts';
import { openSqlite } from '../store/sqlite/sqlite.store.ts';
import { buildServer } from './server.ts';

/**
 * The OpenAPI document as GET /v1/openapi.json serves it, built in-process over an empty in-memory registry
 * (nothing listens): for the lint, the generated client and the schema checks of the API tests.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const store = await openSqlite(':memory:');
  const ctx: AppContext = {
    store,
    clock: new TestClock(0),
    hashNationalId: makeIdHasher('document'),
    actor: 'document',
  };
  const app = await buildServer(ctx);
  try {
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await store.close();
  }
}
