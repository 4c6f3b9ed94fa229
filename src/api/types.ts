import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { LineResult } from '../app/ingest/ingest.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { parseInstant } from '../domain/time.ts';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** `?at=` as an instant: dates mean 00:00 UTC; anything else malformed is a 400 naming the parameter. */
export function parseAt(at: string | undefined): number | undefined {
  if (at === undefined) return undefined;
  const t = parseInstant(at);
  if (t === undefined)
    throw new CredenceError(
      'input.invalid_date',
      `at "${at}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone`,
      {
        issues: [{ path: 'at', message: 'expected YYYY-MM-DD or an ISO 8601 date-time with a zone' }],
      },
    );
  return t;
}

/** One ingested line as an HTTP answer: accepted lines return their status, rejected ones become the error. */
export function acceptedOrThrow(r: LineResult | undefined): {
  status: 'created' | 'updated' | 'unchanged';
  what: string;
} {
  if (!r) throw new CredenceError('internal.no_result', 'the line produced no result');
  if (r.ok) return { status: r.status, what: r.what };
  throw new CredenceError(r.code, r.message, {
    issues: [{ path: r.field, message: r.message, code: r.code }],
  });
}
