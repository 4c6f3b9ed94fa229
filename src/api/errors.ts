import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { CredenceError, type Issue } from '../domain/errors.ts';

/** RFC 9457 problem details, with the registry's stable `code` and, for input problems, every issue found. */
export const ProblemIssue = Type.Object({
  path: Type.String({ description: 'field or dotted path where the problem is' }),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({
      description:
        'the request path this problem occurred on, or urn:credence:request:<id> for an unreadable one',
    }),
    code: Type.String({ description: 'stable machine-readable code, e.g. record.duplicate_conflict' }),
    issues: Type.Optional(Type.Array(ProblemIssue)),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);
export type ProblemBody = Static<typeof Problem>;

const UNAUTHENTICATED = new Set([
  'auth.missing_token',
  'auth.invalid_token',
  'auth.expired_token',
  'auth.revoked_token',
]);

/** The one place where error codes become HTTP statuses. Unknown domain codes are unprocessable input (422). */
export function statusFor(code: string): number {
  if (code === 'input.unsupported_media_type') return 415;
  if (code === 'input.too_large') return 413;
  if (code.startsWith('input.') || code === 'token.expiry_too_long') return 400;
  if (UNAUTHENTICATED.has(code)) return 401;
  if (code.startsWith('auth.')) return 403;
  if (code.endsWith('.not_found') || code === 'measure.unknown') return 404;
  if (code.endsWith('duplicate_conflict') || code === 'rulebook.version_exists') return 409;
  // a case already decided, an objection already open, a repair already applied for: the state conflicts
  if (/\.already_(decided|open|applied)$/.test(code)) return 409;
  if (code === 'idempotency.in_progress') return 409;
  if (code === 'rate.limited') return 429;
  if (code === 'rulebook.none_active' || code === 'service.unavailable') return 503;
  if (code.startsWith('internal.')) return 500;
  return 422;
}

export const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(
  code: string,
  detail: string,
  issues?: readonly Issue[],
  status = statusFor(code),
): ProblemBody {
  const body: ProblemBody = {
    type: `urn:credence:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: '',
    code,
  };
  if (issues && issues.length > 0)
    body.issues = issues.map((i) => ({
      path: i.path,
      message: i.message,
      ...(i.code === undefined ? {} : { code: i.code }),
      ...(i.line === undefined ? {} : { line: i.line }),
    }));
  return body;
}

/** Where a problem happened: the request's path, or its id when the path is too long or unreadable to echo. */
export function instanceOf(req: { url: string; id: string }): string {
  const path = req.url.split('?')[0] ?? '';
  return path.length > 0 && path.length <= 256 && /^\/[\x21-\x7e]*$/.test(path)
    ? path
    : `urn:credence:request:${req.id}`;
}

export function sendProblem(reply: FastifyReply, p: ProblemBody): FastifyReply {
  const body = p.instance === '' ? { ...p, instance: instanceOf(reply.request) } : p;
  return reply.code(p.status).type('application/problem+json').send(body);
}

interface AjvError {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function pointerToPath(context: string, pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? context : out;
}

/** Schema validation errors as issues: an unknown field or a missing one is named, not just "invalid". */
export function validationIssues(context: string, all: readonly AjvError[]): Issue[] {
  // In a union told apart by `kind` (person | organization), report only the branch the caller chose.
  const wrongBranches = new Set(
    all.flatMap((e) => {
      const m = /^#\/anyOf\/(\d+)\/properties\/kind\/const$/.exec(e.schemaPath ?? '');
      return m ? [`#/anyOf/${m[1]}/`] : [];
    }),
  );
  let errors = all.filter((e) => ![...wrongBranches].some((b) => (e.schemaPath ?? '').startsWith(b)));
  if (errors.some((e) => e.keyword !== 'anyOf')) errors = errors.filter((e) => e.keyword !== 'anyOf');
  if (errors.length === 0) errors = [...all];
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const e of errors) {
    const base = e.instancePath ?? '';
    let issue: Issue;
    if (e.keyword === 'additionalProperties') {
      const field = String(e.params?.additionalProperty);
      issue = {
        path: pointerToPath(context, `${base}/${field}`),
        message: `unknown field "${field}"`,
        code: 'input.unknown_field',
      };
    } else if (e.keyword === 'required') {
      const field = String(e.params?.missingProperty);
      issue = {
        path: pointerToPath(context, `${base}/${field}`),
        message: `${field} is required`,
        code: 'input.missing_field',
      };
    } else {
      issue = { path: pointerToPath(context, base), message: e.message ?? 'is invalid' };
    }
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function fromError(err: FastifyError & { validationContext?: string }): ProblemBody {
  if (err instanceof CredenceError) return problem(err.code, err.message, err.issues);
  if (err.validation) {
    const context = err.validationContext ?? 'body';
    const issues = validationIssues(context, err.validation as AjvError[]);
    const first = issues[0];
    const code =
      issues.length === 1 && first?.code === 'input.unknown_field' ? 'input.unknown_field' : 'input.invalid';
    return problem(
      code,
      first ? `${context}: ${first.path}: ${first.message}` : `${context} is invalid`,
      issues,
      400,
    );
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return problem('input.too_large', 'the request body is larger than 5 MB', undefined, 413);
  if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem('input.unsupported_media_type', err.message, undefined, 415);
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return problem('input.empty_body', 'the request body is empty', undefined, 400);
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return problem(
      'input.malformed_json',
      `the request body is not valid JSON: ${err.message}`,
      undefined,
      400,
    );
  if (status === 429) return problem('rate.limited', err.message, undefined, 429);
  if (status >= 400 && status < 500) return problem('input.invalid', err.message, undefined, status);
  return problem('internal.error', 'an unexpected error occurred; it has been logged', undefined, 500);
}

/** Path patterns of the routes, by method: a path that exists under another method answers 405 with `Allow`. */
interface KnownRoute {
  readonly method: string;
  readonly pattern: RegExp;
}

function patternOf(url: string): RegExp {
  const parts = url.split(/(::|:[A-Za-z0-9_]+|\*)/).map((p) => {
    if (p === '::') return ':';
    if (p === '*') return '.*';
    if (p.startsWith(':')) return '[^/]+';
    return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}/?$`);
}

/** The methods a concrete path is served under (HEAD with GET), empty when no route has the path. */
export function allowedMethods(routes: readonly KnownRoute[], path: string): string[] {
  const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Framework errors before a route is found: a malformed percent-escape (400), an over-long path parameter (414). */
export function frameworkProblem(err: FastifyError): ProblemBody {
  if (err.code === 'FST_ERR_BAD_URL')
    return problem('input.malformed_url', 'the URL has a malformed percent-escape', undefined, 400);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return problem('input.uri_too_long', 'a path segment of the URL is too long', undefined, 414);
  return fromError(err);
}

/**
 * Errors the HTTP parser meets before Fastify sees a request (a header section over the limit, a malformed
 * request line): answered as problem+json on the raw socket, then the connection is closed.
 */
export function clientErrorProblem(err: NodeJS.ErrnoException): ProblemBody {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return problem(
      'input.headers_too_large',
      'the request headers are larger than the server accepts',
      undefined,
      431,
    );
  if (err.code === 'HPE_URI_TOO_LONG' || err.code === 'ERR_HTTP_URI_TOO_LONG')
    return problem('input.uri_too_long', 'the request URI is too long', undefined, 414);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return problem('input.timeout', 'the request was not received in time', undefined, 408);
  return problem('input.malformed_request', 'the request is not valid HTTP', undefined, 400);
}

function onClientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const p = { ...clientErrorProblem(err), instance: 'urn:credence:request:unread' };
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  const body = JSON.stringify(p);
  socket.write(
    `HTTP/1.1 ${p.status} ${p.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

/** Fastify options that send the framework's own errors through the one mapper. */
export const errorOptions = {
  frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, frameworkProblem(err)),
  clientErrorHandler: onClientError,
};

/**
 * Installs the one error handler and the not-found handler: every failure is problem+json, never a 500 for bad
 * input; a path served under other methods answers 405 with `Allow`.
 */
export function installErrorHandling(app: FastifyInstance): void {
  const routes: KnownRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, pattern: patternOf(route.url) });
  });
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const p = fromError(err);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(reply, p);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const allow = allowedMethods(routes, path);
    if (allow.length > 0 && !allow.includes(req.method)) {
      reply.header('allow', allow.join(', '));
      return sendProblem(
        reply,
        problem(
          'route.method_not_allowed',
          `${req.method} is not allowed on ${path}; use ${allow.join(', ')}`,
          undefined,
          405,
        ),
      );
    }
    return sendProblem(reply, problem('route.not_found', `no route ${req.method} ${path}`));
  });
}
