import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/ports/ports.context.ts';
import { findSubject } from '../app/queries/queries.usecases.ts';
import { authenticate, type Principal, type Role } from '../app/tokens/tokens.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { Problem } from './errors.ts';

/** Who may call a route: anyone (`public`) or the listed token roles. */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The application context acting for this request (`actor` is `token:<id>` or `public`). */
    actx: AppContext;
  }
}

/** The bearer token of a request, if any; a malformed Authorization header is an invalid token. */
export function bearerOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(h);
  if (!m) throw new CredenceError('auth.invalid_token', 'the Authorization header must be "Bearer <token>"');
  return m[1];
}

/** A stable, non-reversible key for per-token rate limiting. */
export function rateKey(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = h === undefined ? null : /^Bearer[ ]+(\S+)/i.exec(h);
  return m ? `token:${createHash('sha256').update(m[1]!).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
}

/**
 * Authenticates every request (onRequest, before the body is read) and enforces the route's `access`.
 * Routes without an `access` are closed: only admins may call them.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('actx', null as unknown as AppContext);
  app.addHook('onRequest', async (req) => {
    req.actx = { ...ctx, actor: 'public' };
    const bearer = bearerOf(req);
    if (bearer !== undefined) {
      req.principal = await authenticate(ctx, bearer);
      req.actx = { ...ctx, actor: `token:${req.principal.tokenId}` };
    }
    // an unknown route answers 404 to everyone; a known route without `access` is closed to all but admins
    const access: Access = req.is404 ? 'public' : (req.routeOptions.config?.access ?? ['admin']);
    if (access === 'public') return;
    if (!req.principal)
      throw new CredenceError(
        'auth.missing_token',
        'this endpoint needs a bearer token (Authorization: Bearer <token>)',
      );
    if (!access.includes(req.principal.role))
      throw new CredenceError(
        'auth.forbidden',
        `a ${req.principal.role} token may not do this (allowed: ${access.join(', ')})`,
      );
  });
}

/** A subject token reads only its own file and score: the reference must resolve to the token's subject. */
export async function assertOwnSubject(req: FastifyRequest, ref: string): Promise<void> {
  const p = req.principal;
  if (p?.role !== 'subject') return;
  const id = await req.actx.store.transaction(async (tx) => {
    try {
      return Number((await findSubject(req.actx, tx, ref)).id);
    } catch {
      return undefined;
    }
  });
  if (id === undefined || id !== p.subjectId)
    throw new CredenceError('auth.forbidden', 'a subject token may only read its own file');
}

/** Route options for documentation and enforcement together: `config.access`, OpenAPI security and error responses. */
export function guard<S extends Record<string, unknown>>(access: Access, schema: S) {
  const who = access === 'public' ? 'Public: no token needed.' : `Roles: ${access.join(', ')}.`;
  const description = typeof schema.description === 'string' ? `${schema.description} ${who}` : who;
  return {
    config: { access },
    schema: {
      ...schema,
      description,
      ...(access === 'public' ? {} : { security: [{ bearer: [] }] }),
      response: {
        ...((schema.response as Record<string, unknown> | undefined) ?? {}),
        '4xx': Problem,
        '5xx': Problem,
      },
    } as S & { description: string },
  };
}
