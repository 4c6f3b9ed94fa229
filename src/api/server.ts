import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/ports/ports.context.ts';
import { CredenceError } from '../domain/errors.ts';
import { registerWeb } from '../web/web.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { installFailedAuthLimit } from './auth.failures.ts';
import { installAuth, rateKey } from './auth.ts';
import { checkRoutes } from './checks.routes.ts';
import { correctionRoutes } from './corrections.routes.ts';
import { dueProcessRoutes } from './due-process.routes.ts';
import { errorOptions, installErrorHandling } from './errors.ts';
import { installEtags } from './etag.ts';
import { governanceRoutes } from './governance.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { installIdempotency } from './idempotency.ts';
import { TAGS, transformDocument, transformRoute } from './openapi.ts';
import './openapi.components.ts';
import helmet from 'helmet';
import { organizationRoutes } from './organizations.routes.ts';
import { recordRoutes } from './records.routes.ts';
import { registryRoutes } from './registry.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { screeningRoutes } from './screenings.routes.ts';
import { type LogLines, redactingLogger } from './server.logging.ts';
import { subjectRoutes } from './subjects.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { watchRoutes } from './watches.routes.ts';

export const BODY_LIMIT = 5 * 1024 * 1024;

export interface ServerOptions {
  readonly logger?: boolean;
  /** Requests per minute per token (or per address without one). */
  readonly rateLimit?: number;
  /** Public organization searches per minute per address. */
  readonly publicRateLimit?: number;
  /**
   * Which proxies to trust for the client's address (X-Forwarded-For): off by default; a number of hops, or
   * addresses/CIDRs, e.g. `127.0.0.1` or `10.0.0.0/8`. Behind a reverse proxy it gives each visitor their own limits.
   */
  readonly trustProxy?: boolean | number | string;
  /** Where log lines go (standard output by default); national ids are redacted on the way. */
  readonly logDestination?: LogLines;
  /**
   * Browser origins allowed to call the API (CORS), comma-separated, e.g. `https://portal.example.org`; `*` for
   * any. Off by default: no CORS headers, so browsers keep other sites' scripts out.
   */
  readonly corsOrigin?: string;
}

/** The CORS policy for the allowed origins: the API's methods and headers, and the headers a client may read. */
export function corsPolicy(origins: string) {
  const list = origins
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  return {
    origin: list.includes('*') ? '*' : list,
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-none-match'],
    exposedHeaders: ['etag', 'allow', 'retry-after', 'idempotent-replayed', 'content-disposition'],
    maxAge: 600,
  };
}

/** Builds the HTTP API over an application context; nothing listens until `listen` (or `startServer`). */
export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (opts.logger || opts.logDestination
      ? redactingLogger(ctx.hashNationalId, opts.logDestination)
      : undefined) as FastifyBaseLogger | undefined,
    bodyLimit: BODY_LIMIT,
    // the union confuses Fastify's overloads; hops, addresses and CIDRs are all accepted at run time
    trustProxy: (opts.trustProxy ?? false) as boolean,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false },
    },
    return503OnClosing: true,
    // ids are up to 128 characters (records), percent-encoded up to three times as long: the schemas decide
    routerOptions: { maxParamLength: 512 },
    ...errorOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  // helmet's security headers on every reply, refusals before any route included (the first hook); its middleware
  // built once: the Fastify plugin built it again for every request (8% of the server's time in a profile of checks)
  const secure = helmet();
  app.addHook('onRequest', (req, reply, done) =>
    secure(req.raw, reply.raw, (e) => done(e as Error | undefined)),
  );
  // preflight requests carry no token: CORS answers them before authentication
  if (opts.corsOrigin) await app.register(cors, corsPolicy(opts.corsOrigin));
  installFailedAuthLimit(app);
  installAuth(app, ctx);
  installIdempotency(app);
  installEtags(app);
  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimit ?? 600,
    timeWindow: '1 minute',
    keyGenerator: rateKey,
    errorResponseBuilder: (_req, c) =>
      new CredenceError('rate.limited', `too many requests; retry in ${Math.ceil(c.ttl / 1000)} s`),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Credence API',
        version: '1',
        description:
          'An accountable credit registry. Errors are RFC 9457 problem+json with a stable `code`; times are ISO 8601 UTC; subjects are named by USCI or P… reference. Every POST honours `Idempotency-Key`; cacheable GETs answer `ETag` and 304 to `If-None-Match`.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        contact: { name: 'Credence registry operators', email: 'registry@example.org' },
      },
      servers: [
        { url: 'http://127.0.0.1:8080', description: 'a registry started with `credence serve` (port 8080)' },
      ],
      security: [{ bearer: [] }],
      tags: [...TAGS],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token issued by an admin (POST /v1/tokens or `credence token create`).',
          },
        },
      },
    },
    convertConstToEnum: false,
    transform: transformRoute as never,
    transformObject: transformDocument as never,
  });

  app.addContentTypeParser(
    'application/x-ndjson',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  await registerWeb(app, ctx);
  healthRoutes(app);
  subjectRoutes(app);
  recordRoutes(app);
  registryRoutes(app, { publicRateLimit: opts.publicRateLimit ?? 120 });
  organizationRoutes(app, { publicRateLimit: opts.publicRateLimit ?? 120 });
  tokenRoutes(app);
  governanceRoutes(app);
  correctionRoutes(app);
  dueProcessRoutes(app);
  checkRoutes(app);
  auditRoutes(app);
  screeningRoutes(app);
  reportRoutes(app);
  watchRoutes(app);
  app.get('/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.ready();
  return app;
}

/**
 * Starts the API on `host:port` (port 0 picks a free one). SIGTERM and SIGINT close it gracefully: no new
 * connections, in-flight requests finish, then the store is closed.
 */
export async function startServer(
  ctx: AppContext,
  opts: {
    port: number;
    host?: string;
    logger?: boolean;
    trustProxy?: ServerOptions['trustProxy'];
    corsOrigin?: string;
    beforeClose?: () => Promise<void>;
  },
): Promise<{ close(): Promise<void>; url: string }> {
  const app = await buildServer(ctx, {
    logger: opts.logger ?? true,
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
    ...(opts.corsOrigin ? { corsOrigin: opts.corsOrigin } : {}),
  });
  const address = await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      try {
        await opts.beforeClose?.();
        await app.close();
      } finally {
        await ctx.store.close();
      }
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { close, url: address };
}
