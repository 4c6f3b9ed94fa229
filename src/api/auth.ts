import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REGISTRY_DOMAIN } from '../app/ingest/ingest.subjects.ts';
import { type AppContext, sha256 } from '../app/ports/ports.context.ts';
import { findSubject } from '../app/queries/queries.usecases.ts';
import { authenticate, type Principal, type Role } from '../app/tokens/tokens.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { accessOf, conditionsOf, describeRule, type Rule, ruleFor } from './api.authorization.ts';
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

/**
 * A stable, non-reversible key for per-token rate limiting: the token's id once authentication has found it (the
 * limiter runs after it), else a hash of the token.
 */
export function rateKey(req: FastifyRequest): string {
  if (req.principal) return `token:${req.principal.tokenId}`;
  const h = req.headers.authorization;
  const m = h === undefined ? null : /^Bearer[ ]+(\S+)/i.exec(h);
  return m ? `token:${sha256(m[1]!).slice(0, 32)}` : `ip:${req.ip}`;
}

const sameAccess = (a: Access, b: Access) =>
  a === 'public' || b === 'public' ? a === b : [...a].sort().join() === [...b].sort().join();

/**
 * Authenticates every request (onRequest, before the body is read) and enforces the authorization table
 * (api.authorization.ts); a route not in it (web pages, a route not yet added) keeps the `access` it declares.
 * Each listed route's documentation is written from the table, and one declaring other roles stops the start.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('actx', null as unknown as AppContext);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const rule = ruleFor(method, route.url);
      if (!rule) continue;
      const declared = route.config?.access;
      if (declared !== undefined && !sameAccess(declared, accessOf(rule)))
        throw new Error(
          `${method} ${route.url} declares access ${JSON.stringify(declared)} but the authorization table (src/api/api.authorization.ts) says ${JSON.stringify(accessOf(rule))}`,
        );
      route.config = { ...route.config, access: accessOf(rule) };
      if (route.schema && !route.schema.hide) {
        const own = route.schema.description;
        route.schema = {
          ...route.schema,
          description: `${typeof own === 'string' && own !== '' ? `${own} ` : ''}${describeRule(rule)}`,
          ...(rule.public === 'deny' ? { security: [{ bearer: [] }] } : {}),
        };
      }
    }
  });
  app.addHook('onRequest', async (req) => {
    req.actx = { ...ctx, actor: 'public' };
    const bearer = bearerOf(req);
    if (bearer !== undefined) {
      req.principal = await authenticate(ctx, bearer);
      req.actx = { ...ctx, actor: `token:${req.principal.tokenId}` };
    }
    // an unknown route answers 404 to everyone
    if (req.is404) return;
    const rule = ruleFor(req.method, req.routeOptions.url ?? '');
    if (rule) return enforce(req, rule);
    const access: Access = req.routeOptions.config?.access ?? ['admin'];
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

/** Enforces a table cell: the caller's role, then the conditions the guard can see (path and token). */
async function enforce(req: FastifyRequest, rule: Rule): Promise<void> {
  const p = req.principal;
  const cell = rule[p?.role ?? 'public'];
  if (cell === 'deny') {
    if (!p)
      throw new CredenceError(
        'auth.missing_token',
        'this endpoint needs a bearer token (Authorization: Bearer <token>)',
      );
    const access = accessOf(rule);
    throw new CredenceError(
      'auth.forbidden',
      `a ${p.role} token may not do this (allowed: ${access === 'public' ? 'everyone' : access.join(', ')})`,
    );
  }
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  for (const c of conditionsOf(cell)) {
    if (c === 'own-subject' && params.ref !== undefined) await assertOwnSubject(req, params.ref);
    if (c === 'own-source' && params.source !== undefined && params.source !== p?.source)
      throw new CredenceError(
        'auth.wrong_source',
        `this token may only act on records of source "${p?.source ?? ''}"`,
      );
    if (c === 'registry-source') {
      const src = (await req.actx.store.sources()).find((s) => s.id === p?.source);
      if (!src || !(JSON.parse(src.domains) as string[]).includes(REGISTRY_DOMAIN))
        throw new CredenceError(
          'auth.registry_not_authorised',
          `only an admin or a source authorised for the "${REGISTRY_DOMAIN}" domain records registry facts (names, parents, legal representatives, actual controllers)`,
        );
    }
  }
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

/**
 * Route options: the roles the route declares (checked against the authorization table at start, which then
 * writes the route's OpenAPI description and security) and its error responses.
 */
export function guard<S extends Record<string, unknown>>(access: Access, schema: S) {
  return {
    config: { access },
    schema: {
      ...schema,
      description: typeof schema.description === 'string' ? schema.description : '',
      ...(access === 'public' ? {} : { security: [{ bearer: [] }] }),
      response: {
        ...((schema.response as Record<string, unknown> | undefined) ?? {}),
        '4xx': Problem,
        '5xx': Problem,
      },
    } as S & { description: string },
  };
}
