import Type from 'typebox';
import { CredenceError } from '../domain/errors.ts';
import type { Api } from './types.ts';

const Status = Type.Object({ status: Type.String() });

/**
 * Liveness (the process answers) and readiness (the database answers and a rulebook is active); neither is
 * rate-limited, so a monitor never sees a healthy server as down.
 */
export function healthRoutes(app: Api): void {
  app.get(
    '/healthz',
    { config: { access: 'public', rateLimit: false }, schema: { hide: true, response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { access: 'public', rateLimit: false }, schema: { hide: true, response: { 200: Status } } },
    async (req) => {
      const n = await req.actx.store.transaction(async (tx) => (await tx.rulebooks()).length);
      if (n === 0) throw new CredenceError('rulebook.none_active', 'no rulebook is active');
      return { status: 'ready' };
    },
  );
}
