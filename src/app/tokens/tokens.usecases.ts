import { randomBytes, randomUUID } from 'node:crypto';
import { addDuration, parseDuration } from '../../domain/duration.ts';
import { CredenceError } from '../../domain/errors.ts';
import { audit } from '../audit/audit.log.ts';
import { type AppContext, sha256 } from '../ports/ports.context.ts';
import type { Store, TokenRow } from '../ports/ports.store.ts';
import { findSubject } from '../queries/queries.usecases.ts';
import { forgetTokens, TokenCache } from './tokens.cache.ts';

export const ROLES = ['admin', 'source', 'reviewer', 'consumer', 'subject', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who presented a valid token. */
export interface Principal {
  readonly tokenId: string;
  readonly role: Role;
  readonly source: string | null;
  readonly subjectId: number | null;
}

export interface NewToken {
  readonly role: string;
  readonly source?: string;
  readonly subjectRef?: string;
  /** ISO 8601 duration from now, e.g. P90D, at most MAX_TOKEN_LIFETIME; none means that maximum. */
  readonly expires?: string;
  readonly label?: string;
}

/** The longest a token may live, and how long one lives when no expiry is asked for: no token is eternal. */
export const MAX_TOKEN_LIFETIME = 'P2Y';
const MAX_LIFETIME = parseDuration(MAX_TOKEN_LIFETIME).value!;

/** When a token asked to live `expires` (default: the maximum) from `now` expires; refuses a duration beyond it. */
export function tokenExpiry(now: number, expires: string | undefined): number {
  const latest = addDuration(now, MAX_LIFETIME);
  if (expires === undefined) return latest;
  const d = parseDuration(expires);
  if (!d.value)
    throw new CredenceError('input.invalid_duration', `expires must be an ISO 8601 duration such as P90D`, {
      issues: d.issues.map((i) => ({ ...i, path: 'expires' })),
    });
  const at = addDuration(now, d.value);
  if (at <= now)
    throw new CredenceError('input.invalid_duration', 'expires must be a positive duration', {
      issues: [{ path: 'expires', message: 'zero duration' }],
    });
  // a duration too large for the calendar gives no instant at all (NaN): it is too long, not eternal
  if (!Number.isFinite(at) || at > latest)
    throw new CredenceError(
      'token.expiry_too_long',
      `expires ${expires} is longer than the maximum token lifetime ${MAX_TOKEN_LIFETIME}; issue a new token when this one expires`,
      {
        issues: [
          { path: 'expires', message: `at most ${MAX_TOKEN_LIFETIME}`, code: 'token.expiry_too_long' },
        ],
      },
    );
  return at;
}

function tokenHash(token: string): string {
  return sha256(token);
}

function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

/** Issues a token: 32 random bytes, base64url, returned once; only its SHA-256 is kept. */
export async function createToken(
  ctx: AppContext,
  req: NewToken,
): Promise<{ id: string; token: string; row: TokenRow }> {
  if (!isRole(req.role))
    throw new CredenceError('input.invalid', `role must be one of ${ROLES.join(', ')}`, {
      issues: [{ path: 'role', message: `unknown role "${req.role}"` }],
    });
  if (req.role === 'source' && !req.source)
    throw new CredenceError('input.missing_field', 'a source token names its source', {
      issues: [{ path: 'source', message: 'source is required for role source' }],
    });
  if (req.role === 'subject' && !req.subjectRef)
    throw new CredenceError('input.missing_field', 'a subject token names its subject', {
      issues: [{ path: 'subject', message: 'subject is required for role subject' }],
    });
  if (req.role !== 'source' && req.source)
    throw new CredenceError('input.invalid', 'only source tokens name a source', {
      issues: [{ path: 'source', message: 'source is only allowed for role source' }],
    });
  if (req.role !== 'subject' && req.subjectRef)
    throw new CredenceError('input.invalid', 'only subject tokens name a subject', {
      issues: [{ path: 'subject', message: 'subject is only allowed for role subject' }],
    });
  const now = ctx.clock.now();
  const expiresAt = tokenExpiry(now, req.expires);
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  return ctx.store.transaction(async (tx) => {
    let subjectId: number | null = null;
    if (req.role === 'source') {
      if (!(await tx.sources()).some((s) => s.id === req.source))
        throw new CredenceError('source.not_found', `source "${req.source}" is not registered`, {
          issues: [{ path: 'source', message: 'not registered' }],
        });
    }
    if (req.role === 'subject') subjectId = Number((await findSubject(ctx, tx, req.subjectRef!)).id);
    const row: TokenRow = {
      id,
      role: req.role,
      source: req.role === 'source' ? req.source! : null,
      subject_id: subjectId,
      hash: tokenHash(token),
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      label: req.label ?? '',
    };
    await tx.insertToken(row);
    await audit(tx, ctx, 'token.create', subjectId, {
      id,
      role: row.role,
      source: row.source,
      expires_at: expiresAt,
      label: row.label,
    });
    return { id, token, row };
  });
}

/** Every token ever issued (never the token itself). */
export async function listTokens(ctx: AppContext): Promise<TokenRow[]> {
  return ctx.store.tokens();
}

/** Revokes a token: refused from the next request on in this process, and by other processes within the cache's TTL. */
export async function revokeToken(ctx: AppContext, id: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.revokeToken(id, ctx.clock.now())))
      throw new CredenceError('token.not_found', `no token ${id}`);
    await audit(tx, ctx, 'token.revoke', null, { id });
  });
  forgetTokens();
}

/** Each registry's recently looked-up tokens (see tokens.cache.ts). */
const caches = new WeakMap<Store, TokenCache>();

function cacheOf(store: Store): TokenCache {
  let c = caches.get(store);
  if (!c) {
    c = new TokenCache();
    caches.set(store, c);
  }
  return c;
}

/**
 * Resolves a bearer token to its principal, or throws auth.invalid_token / auth.expired_token / auth.revoked_token.
 * The token's row may come from a cache a few seconds old (TOKEN_CACHE_TTL_MS); expiry and revocation are judged
 * from it on every call.
 */
export async function authenticate(ctx: AppContext, bearer: string): Promise<Principal> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(bearer))
    throw new CredenceError('auth.invalid_token', 'the bearer token is not valid');
  const hash = tokenHash(bearer);
  const row = await cacheOf(ctx.store).lookup(hash, () => ctx.store.tokenByHash(hash));
  if (!row || !isRole(row.role))
    throw new CredenceError('auth.invalid_token', 'the bearer token is not valid');
  const now = ctx.clock.now();
  if (row.revoked_at !== null && Number(row.revoked_at) <= now)
    throw new CredenceError('auth.revoked_token', 'this token has been revoked');
  if (row.expires_at !== null && Number(row.expires_at) <= now)
    throw new CredenceError('auth.expired_token', 'this token has expired');
  return {
    tokenId: row.id,
    role: row.role,
    source: row.source,
    subjectId: row.subject_id === null ? null : Number(row.subject_id),
  };
}
