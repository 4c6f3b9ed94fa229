import type { Role } from '../app/tokens/tokens.usecases.ts';

/** Who calls: a token's role, or nobody (`public`). */
export type Caller = 'public' | Role;
export const CALLERS: readonly Caller[] = [
  'public',
  'admin',
  'source',
  'reviewer',
  'consumer',
  'subject',
  'auditor',
];

/**
 * A condition on the caller's ownership of what a request touches:
 * - `own-subject`: the subject named in the path (`:ref`) is the token's own subject;
 * - `own-source`: the request writes only as the token's own source (the record's `source`, the path's `:source`);
 * - `source-domain`: records only in the domains the token's source is authorised for;
 * - `registry-source`: the token's source is authorised for the `registry` domain (the market regulator);
 * - `own-watch`: the watch named in the path (`:id`) was placed by the token (checked by the watches use case;
 *   listing watches and reading the feed only ever answer the caller's own);
 * - `registry-domain`: registry facts (an organization's name, parent, legal representative, actual controller;
 *   a person's name) only by a source authorised for the `registry` domain; any other source references
 *   subjects and registers a new one only as the subject of a record in the same request (DESIGN §2).
 *
 * `own-subject`, `registry-source` and the path's `:source` are checked by the request guard; the others line by
 * line by the ingest session, which is given the token's source.
 */
export type Condition =
  | 'own-subject'
  | 'own-source'
  | 'source-domain'
  | 'registry-source'
  | 'registry-domain'
  | 'own-watch';

/** A cell of the table: denied, allowed, or allowed when every condition holds. */
export type Cell = 'deny' | 'allow' | readonly Condition[];
export type Rule = Readonly<Record<Caller, Cell>>;

const PUBLIC: Rule = {
  public: 'allow',
  admin: 'allow',
  source: 'allow',
  reviewer: 'allow',
  consumer: 'allow',
  subject: 'allow',
  auditor: 'allow',
};
const NONE: Rule = {
  public: 'deny',
  admin: 'deny',
  source: 'deny',
  reviewer: 'deny',
  consumer: 'deny',
  subject: 'deny',
  auditor: 'deny',
};
const only = (cells: Partial<Record<Role, Cell>>): Rule => ({ ...NONE, ...cells });
/** Due-process reads of a file: the subject its own, staff any (reviewers decide, admins and auditors read). */
const FILE_READERS: Rule = only({
  admin: 'allow',
  reviewer: 'allow',
  auditor: 'allow',
  subject: ['own-subject'],
});

/**
 * The one authorization table: route (as in the OpenAPI document) × caller → cell. The request guard
 * (api/auth.ts) enforces it; the documentation of every route is written from it; `api.authorization.e2e.test.ts`
 * walks every route of the OpenAPI document with every caller and ownership case against it, and fails on a
 * route missing here (such a route keeps the roles its `guard` declares, and none declared means admins only).
 */
export const AUTHORIZATION: Readonly<Record<string, Rule>> = {
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /v1/openapi.json': PUBLIC,
  'GET /v1/organizations': PUBLIC,
  'GET /v1/organizations/{usci}': PUBLIC,
  'GET /v1/rulebooks': PUBLIC,
  'GET /v1/rulebooks/versions': PUBLIC,
  'GET /v1/rulebooks/versions/{hash}': PUBLIC,
  'GET /v1/sources': PUBLIC,
  'GET /v1/audit/head': PUBLIC,
  'GET /v1/keys': PUBLIC,
  'GET /v1/organizations/{usci}/report': PUBLIC,
  'POST /v1/reports:verify': PUBLIC,
  'GET /v1/audit/checkpoint': only({ admin: 'allow', auditor: 'allow' }),

  'POST /v1/subjects': only({ admin: 'allow', source: ['registry-source'] }),
  'POST /v1/records': only({ source: ['own-source', 'source-domain'] }),
  'POST /v1/records:batch': only({ source: ['own-source', 'source-domain', 'registry-domain'] }),
  'POST /v1/records/{source}/{id}/annul': only({ source: ['own-source'], reviewer: 'allow' }),
  'POST /v1/records/{source}/{id}/correct': only({ source: ['own-source'], reviewer: 'allow' }),

  'GET /v1/subjects/{ref}/score': only({
    admin: 'allow',
    reviewer: 'allow',
    auditor: 'allow',
    subject: ['own-subject'],
  }),
  'GET /v1/subjects/{ref}/file': only({ reviewer: 'allow', auditor: 'allow', subject: ['own-subject'] }),
  'GET /v1/subjects/{ref}/check/{measure}': only({ consumer: 'allow', admin: 'allow', auditor: 'allow' }),
  'POST /v1/screenings': only({ consumer: 'allow', admin: 'allow', auditor: 'allow' }),

  'POST /v1/sources': only({ admin: 'allow' }),
  'POST /v1/rulebooks': only({ admin: 'allow' }),
  'POST /v1/rulebooks:check': only({ admin: 'allow' }),
  'POST /v1/rulebooks:publish': only({ admin: 'allow' }),
  'POST /v1/rulebooks:whatif': only({ admin: 'allow', auditor: 'allow' }),
  'GET /v1/decisions/{id}/replay': only({ admin: 'allow', auditor: 'allow', reviewer: 'allow' }),

  'POST /v1/subjects/{ref}/objections': only({ subject: ['own-subject'] }),
  'GET /v1/subjects/{ref}/objections': FILE_READERS,
  'POST /v1/subjects/{ref}/repairs': only({ subject: ['own-subject'] }),
  'GET /v1/subjects/{ref}/repairs': FILE_READERS,
  'POST /v1/subjects/{ref}/evidence': only({ subject: ['own-subject'] }),
  'GET /v1/subjects/{ref}/notices': FILE_READERS,
  'GET /v1/subjects/{ref}/export': FILE_READERS,
  'GET /v1/subjects/{ref}/checks': FILE_READERS,
  'GET /v1/cases': only({ admin: 'allow', reviewer: 'allow', auditor: 'allow' }),
  'GET /v1/cases/{id}': only({ admin: 'allow', reviewer: 'allow', auditor: 'allow' }),
  'POST /v1/cases/{id}/decision': only({ reviewer: 'allow' }),

  // a consumer's watches and feed are its own: the watches use case refuses another's (auth.not_own_watch)
  'POST /v1/watches': only({ consumer: 'allow' }),
  'GET /v1/watches': only({ consumer: 'allow' }),
  'DELETE /v1/watches/{id}': only({ consumer: ['own-watch'] }),
  'GET /v1/changes': only({ consumer: 'allow' }),

  'POST /v1/tokens': only({ admin: 'allow' }),
  'GET /v1/tokens': only({ admin: 'allow', auditor: 'allow' }),
  'DELETE /v1/tokens/{id}': only({ admin: 'allow' }),
};

/** The table's key for a Fastify route: `/v1/records::batch` → `/v1/records:batch`, `:ref` → `{ref}`. */
export function routeKey(method: string, url: string): string {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${m} ${url.replace(/\/:([A-Za-z0-9_]+)/g, '/{$1}').replace(/::/g, ':')}`;
}

/** The rule of a route, if the table has it (web pages, with their own sessions, are not in it). */
export function ruleFor(method: string, url: string): Rule | undefined {
  return AUTHORIZATION[routeKey(method, url)];
}

/** The callers a rule lets in at all (some only under conditions): `public` when no token is needed. */
export function accessOf(rule: Rule): 'public' | Role[] {
  if (rule.public !== 'deny') return 'public';
  return CALLERS.filter((c): c is Role => c !== 'public' && rule[c] !== 'deny');
}

/** The conditions a cell sets (none for `allow`). */
export function conditionsOf(cell: Cell): readonly Condition[] {
  return cell === 'allow' || cell === 'deny' ? [] : cell;
}

/** One line per caller for the OpenAPI description: who may call, and under which conditions. */
export function describeRule(rule: Rule): string {
  const a = accessOf(rule);
  if (a === 'public') return 'Public: no token needed.';
  const parts = a.map((r) => {
    const c = conditionsOf(rule[r]);
    return c.length === 0 ? r : `${r} (${c.join(', ')})`;
  });
  return `Roles: ${parts.join(', ')}.`;
}
