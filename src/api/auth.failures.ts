import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './errors.ts';

const FAILED = new Set(['auth.invalid_token', 'auth.expired_token', 'auth.revoked_token']);

/**
 * Failed authentication limited per address: after `max` requests with an invalid, unknown, expired or revoked
 * token within a minute, the address gets 429 `auth.too_many_failures` (with Retry-After) until the minute ends,
 * before its token is even looked up. Guessing tokens costs the guesser, not the registry.
 */
export function installFailedAuthLimit(app: FastifyInstance, max = 20, windowMs = 60_000): void {
  const failures = new Map<string, { count: number; resetAt: number }>();
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization === undefined) return;
    const f = failures.get(req.ip);
    const now = Date.now();
    if (!f || f.resetAt <= now) return;
    if (f.count < max) return;
    const wait = Math.ceil((f.resetAt - now) / 1000);
    reply.header('retry-after', String(wait));
    return sendProblem(
      reply,
      problem(
        'auth.too_many_failures',
        `too many failed authentications from this address; retry in ${wait} s`,
        undefined,
        429,
      ),
    );
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 401 || req.headers.authorization === undefined) return payload;
    const code = typeof payload === 'string' ? /"code":"([^"]+)"/.exec(payload)?.[1] : undefined;
    if (code === undefined || !FAILED.has(code)) return payload;
    const now = Date.now();
    const f = failures.get(req.ip);
    if (!f || f.resetAt <= now) failures.set(req.ip, { count: 1, resetAt: now + windowMs });
    else f.count++;
    if (failures.size > 100_000) for (const [k, v] of failures) if (v.resetAt <= now) failures.delete(k);
    return payload;
  });
}
