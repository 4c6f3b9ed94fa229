import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** The ETag of an answer: a strong validator over its bytes. */
export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

/** Whether If-None-Match names this ETag (`*`, or a list; weak comparison as RFC 9110 asks for GET). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * ETag on the public GETs (rulebook versions by hash, rulebooks, sources, organization reads, keys…), and 304 Not
 * Modified with no body when If-None-Match names it: a cache or an integrator polling re-reads only what changed.
 */
export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (req.routeOptions.config?.access !== 'public' || !req.url.startsWith('/v1/')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag);
    if (!matches(req.headers['if-none-match'], etag)) return payload;
    reply.code(304);
    reply.removeHeader('content-length');
    reply.removeHeader('content-type');
    return '';
  });
}
