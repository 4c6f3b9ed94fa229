import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../app/ports/ports.context.ts';
import type { Principal, Role } from '../../app/tokens/tokens.usecases.ts';
import { CredenceError } from '../../domain/errors.ts';
import type { Lang, T } from '../i18n/i18n.ts';

export const SESSION_COOKIE = 'credence_session';
export const LANG_COOKIE = 'credence_lang';

/** What every page is rendered with: language, who is signed in, the form token, the clock. */
export interface View {
  readonly lang: Lang;
  readonly t: T;
  /** This page's path and query without `lang`: where the language switch points. */
  readonly here: string;
  readonly user: Principal | null;
  /** The per-session CSRF token for the hidden `_csrf` field; empty when nobody is signed in. */
  readonly csrf: string;
  readonly now: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for the web pages only (src/web): the page view and the context acting for the request. */
    webView: View;
    webCtx: AppContext;
  }
}

/** The CSRF token of a session: an HMAC keyed by the session's secret token, so only its holder can make it. */
export function csrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('credence-web-csrf').digest('base64url').slice(0, 32);
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An HTML page for the browser: doctype, type, no caching of personal pages. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** A field of a parsed form (urlencoded or multipart) as trimmed text. */
export function field(body: unknown, name: string): string {
  if (body === null || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0].trim() : '';
  return typeof v === 'string' ? v.trim() : '';
}

export function queryOf(req: FastifyRequest): Record<string, string> {
  const q = req.query as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q ?? {})) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

/** The page needs a signed-in user of one of these roles: otherwise to the sign-in page, or 403. */
export function requireRole(req: FastifyRequest, roles: readonly Role[]): Principal {
  const u = req.webView.user;
  if (!u) throw new SignInRequired(req.url);
  if (!roles.includes(u.role))
    throw new CredenceError('auth.forbidden', req.webView.t('error.forbidden', { role: u.role }));
  return u;
}

export class SignInRequired extends Error {
  constructor(readonly next: string) {
    super('sign in first');
  }
}

/**
 * Routes of the web pages are public to the API's token check (they authenticate with the session cookie) and
 * are left out of the API's OpenAPI description.
 */
export const PAGE = { config: { access: 'public' as const }, schema: { hide: true } };

export type Web = FastifyInstance;

/** Builds a URL with query parameters, leaving out empty ones. */
export function href(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}
