import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CredenceError } from '../domain/errors.ts';

/** How long an answer is kept for its key: a retry within a day gets the first answer. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { caller: string; key: string; hash: string; slot: string };
  }
}

const callerOf = (req: FastifyRequest) => (req.principal ? `token:${req.principal.tokenId}` : `ip:${req.ip}`);

function bodyBytes(body: unknown): Buffer | string {
  if (body === undefined || body === null) return '';
  if (Buffer.isBuffer(body) || typeof body === 'string') return body;
  return JSON.stringify(body);
}

/**
 * `Idempotency-Key` on every POST of the API: the same key from the same caller (token, or address for a public
 * operation) with the same method, path and body answers the first successful answer again (with
 * `Idempotent-Replayed: true`) instead of doing the work twice; with another request it is 422
 * `idempotency.key_reused`; while the first is still running, 409 `idempotency.in_progress`. Answers are kept 24 h.
 * Errors are not kept: a failed request may be retried with its key.
 */
export function installIdempotency(app: FastifyInstance): void {
  const running = new Set<string>();
  let lastPurge = 0;
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST' || !req.url.startsWith('/v1/')) return;
    const header = req.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY.test(key))
      throw new CredenceError(
        'input.invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
        { issues: [{ path: 'headers.idempotency-key', message: '1 to 255 visible ASCII characters' }] },
      );
    const caller = callerOf(req);
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n`)
      .update(bodyBytes(req.body))
      .digest('hex');
    const slot = `${caller}\n${key}`;
    // reserved before the look-up, so that a retry racing the first request never does the work twice
    if (running.has(slot))
      throw new CredenceError(
        'idempotency.in_progress',
        `a request with Idempotency-Key "${key}" is still being processed; retry when it has answered`,
      );
    running.add(slot);
    req.idempotency = { caller, key, hash, slot };
    const now = req.actx.clock.now();
    const kept = await req.actx.store.idempotentAnswer(caller, key);
    if (kept && kept.created_at > now - IDEMPOTENCY_TTL_MS) {
      running.delete(slot);
      req.idempotency = undefined;
      if (kept.request_hash !== hash)
        throw new CredenceError(
          'idempotency.key_reused',
          `Idempotency-Key "${key}" was used with another request; use a new key for a new request`,
        );
      return reply
        .code(kept.status)
        .type(kept.content_type)
        .header('idempotent-replayed', 'true')
        .send(kept.body);
    }
    if (now - lastPurge > 3600_000) {
      lastPurge = now;
      await req.actx.store.purgeIdempotentAnswers(now - IDEMPOTENCY_TTL_MS);
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const i = req.idempotency;
    if (!i || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    if (typeof payload !== 'string') return payload;
    await req.actx.store.saveIdempotentAnswer({
      caller: i.caller,
      key: i.key,
      request_hash: i.hash,
      status: reply.statusCode,
      content_type: String(reply.getHeader('content-type') ?? 'application/json'),
      body: payload,
      created_at: req.actx.clock.now(),
    });
    return payload;
  });
  const release = async (req: FastifyRequest) => {
    if (req.idempotency) running.delete(req.idempotency.slot);
  };
  app.addHook('onResponse', release);
  // a client that hangs up mid-request may retry with its key: its slot is freed then too
  app.addHook('onRequestAbort', release);
}
