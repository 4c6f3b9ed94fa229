import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { AppContext } from '../app/ports/ports.context.ts';
import { authenticate, type Principal } from '../app/tokens/tokens.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { adminRoutes } from './admin/admin.routes.tsx';
import { isLang, type Lang, pickLang, translator } from './i18n/i18n.ts';
import { meRoutes } from './me/me.routes.tsx';
import { oversightRoutes } from './oversight/oversight.routes.tsx';
import { portalRoutes } from './portal/portal.routes.tsx';
import { reviewRoutes } from './review/review.routes.tsx';
import { CSS, FAVICON, JS } from './shell/assets.ts';
import {
  csrfToken,
  field,
  href,
  LANG_COOKIE,
  PAGE,
  queryOf,
  SESSION_COOKIE,
  SignInRequired,
  sameToken,
  sendPage,
  type View,
} from './shell/http.ts';
import { errorPage, loginPage } from './shell/layout.tsx';
import { MultipartError, parseMultipart } from './shell/multipart.ts';
import { verifyRoutes } from './verify/verify.routes.tsx';

/** Where each role lands after signing in; consumers and sources use the API only. */
const HOME: Partial<Record<Principal['role'], string>> = {
  subject: '/me',
  reviewer: '/review',
  admin: '/admin',
  auditor: '/oversight',
};

/** Written by `credence serve --demo`: when it is there, the sign-in page says where the demo tokens are. */
const DEMO_TOKENS = 'data/demo.db.tokens.txt';
const UPLOAD_LIMIT = 5 * 1024 * 1024;

function statusOf(code: string): number {
  if (code.endsWith('not_found')) return 404;
  if (code === 'auth.forbidden') return 403;
  if (code.startsWith('auth.')) return 401;
  if (code === 'web.csrf') return 403;
  if (code.endsWith('already_open') || code.endsWith('already_decided') || code.endsWith('already_applied'))
    return 409;
  return 400;
}

/** A local redirect target only (no scheme, no host, no `//`): an open redirect is not possible. */
function safeNext(next: string): string | undefined {
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : undefined;
}

function hereOf(req: FastifyRequest): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete('lang');
  const q = url.searchParams.toString();
  return q ? `${url.pathname}?${q}` : url.pathname;
}

/**
 * The POST protection (CSRF): the session cookie is SameSite=Strict and HttpOnly; every POST must come from
 * this origin (the Origin header, or the Referer when a browser sends no Origin, must name this host); and every
 * form of a signed-in user carries `_csrf`, an HMAC keyed by the session token, checked in constant time.
 */
function checkPost(req: FastifyRequest, csrf: string): void {
  const origin = req.headers.origin ?? req.headers.referer;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    let own: string | undefined;
    try {
      own = new URL(`${req.protocol}://${req.headers.host ?? ''}`).host;
    } catch {
      own = undefined;
    }
    if (host === undefined || own === undefined || host !== own)
      throw new CredenceError('web.csrf', req.webView.t('error.csrf'));
  }
  if (csrf && !sameToken(field(req.body, '_csrf'), csrf))
    throw new CredenceError('web.csrf', req.webView.t('error.csrf'));
}

async function principalOf(ctx: AppContext, token: string | undefined): Promise<Principal | null> {
  if (!token) return null;
  try {
    return await authenticate(ctx, token);
  } catch {
    return null;
  }
}

const cookieBase = (req: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: req.protocol === 'https',
});

/**
 * The web pages (public portal, subject self-service, reviewer console, admin, oversight), server-rendered
 * Preact with plain HTML forms. Registered in its own encapsulated context: the form and cookie parsers, the HTML
 * error pages and the session handling apply to these routes only; the API under /v1 is unchanged.
 */
export async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const pages: FastifyPluginAsync = async (web) => {
    await web.register(cookie);
    await web.register(formbody, { bodyLimit: 1024 * 1024 });
    web.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
      (req, body, done) => {
        try {
          done(null, parseMultipart(body as Buffer, String(req.headers['content-type'])));
        } catch (e) {
          done(
            new CredenceError('input.invalid', e instanceof MultipartError ? e.message : 'malformed upload'),
            undefined,
          );
        }
      },
    );
    web.decorateRequest('webView', null as unknown as View);
    web.decorateRequest('webCtx', null as unknown as AppContext);

    web.addHook('preHandler', async (req, reply) => {
      const query = queryOf(req);
      const lang: Lang = pickLang(query.lang, req.cookies[LANG_COOKIE], req.headers['accept-language']);
      if (isLang(query.lang))
        reply.setCookie(LANG_COOKIE, query.lang, {
          path: '/',
          sameSite: 'lax',
          httpOnly: true,
          maxAge: 365 * 24 * 3600,
        });
      const token = req.cookies[SESSION_COOKIE];
      const user = await principalOf(ctx, token);
      if (token && !user) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const csrf = user && token ? csrfToken(token) : '';
      req.webView = { lang, t: translator(lang), here: hereOf(req), user, csrf, now: ctx.clock.now() };
      req.webCtx = { ...ctx, actor: user ? `token:${user.tokenId}` : 'public' };
      reply.header('vary', 'Accept-Language, Cookie');
      // helmet's no-referrer would make the browser send "Origin: null" with our own forms; same-origin keeps
      // the Origin (and Referer) for this site only, so the POST origin check below can work
      reply.header('referrer-policy', 'same-origin');
      if (req.method === 'POST') checkPost(req, req.url.startsWith('/login') ? '' : csrf);
    });

    web.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      // the error may come before the preHandler ran (e.g. an unreadable body)
      const v: View = req.webView ?? {
        lang: 'en',
        t: translator('en'),
        here: '/',
        user: null,
        csrf: '',
        now: ctx.clock.now(),
      };
      if (err instanceof SignInRequired) return reply.redirect(href('/login', { next: err.next }), 303);
      if (err instanceof CredenceError) {
        const status = statusOf(err.code);
        const title = status === 404 ? v.t('error.not_found') : v.t('error.title');
        return sendPage(reply, errorPage(v, title, err.message), status);
      }
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) req.log.error({ err }, 'web request failed');
      return sendPage(
        reply,
        errorPage(v, v.t('error.title'), status >= 500 ? v.t('error.title') : err.message),
        status,
      );
    });

    const asset = (body: string, type: string) => {
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      return async (req: FastifyRequest, reply: FastifyReply) => {
        reply
          .header('content-type', type)
          .header('cache-control', 'public, max-age=3600')
          .header('etag', etag);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(body);
      };
    };
    web.get('/assets/credence.css', PAGE, asset(CSS, 'text/css; charset=utf-8'));
    web.get('/assets/credence.js', PAGE, asset(JS, 'text/javascript; charset=utf-8'));
    web.get('/favicon.ico', PAGE, asset(FAVICON, 'image/svg+xml'));

    web.get('/login', PAGE, async (req, reply) => {
      const v = req.webView;
      if (v.user && HOME[v.user.role]) return reply.redirect(HOME[v.user.role]!, 303);
      const next = safeNext(queryOf(req).next ?? '') ?? '';
      return sendPage(reply, loginPage(v, next, existsSync(DEMO_TOKENS)));
    });

    web.post('/login', PAGE, async (req, reply) => {
      const v = req.webView;
      const token = field(req.body, 'token');
      const next = safeNext(field(req.body, 'next'));
      let user: Principal;
      try {
        user = await authenticate(ctx, token);
      } catch (e) {
        const msg = e instanceof CredenceError ? e.message : String(e);
        return sendPage(reply, loginPage(v, next ?? '', false, v.t('login.invalid', { msg })), 401);
      }
      const home = HOME[user.role];
      if (!home)
        return sendPage(
          reply,
          loginPage(v, next ?? '', false, v.t('login.api_role', { role: user.role })),
          403,
        );
      reply.setCookie(SESSION_COOKIE, token, cookieBase(req));
      const target = next && next !== '/' && !next.startsWith('/login') ? next : home;
      return reply.redirect(target, 303);
    });

    web.post('/logout', PAGE, async (req, reply) => {
      reply.clearCookie(SESSION_COOKIE, cookieBase(req));
      return reply.redirect('/', 303);
    });

    portalRoutes(web, ctx);
    meRoutes(web, ctx);
    reviewRoutes(web, ctx);
    adminRoutes(web, ctx);
    oversightRoutes(web, ctx);
    verifyRoutes(web, ctx);
  };
  await app.register(pages);
}
