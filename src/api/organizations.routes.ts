import Type from 'typebox';
import { publicProfile } from '../app/search/search.profile.ts';
import { MAX_PAGE, searchOrganizations } from '../app/search/search.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { checkUsci } from '../domain/usci.ts';
import { guard } from './auth.ts';
import { named } from './openapi.ts';
import { type Api, parseAt } from './types.ts';

/** The public's look-ups of organizations: search by name, pinyin or code, and an organization's profile. */

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const OrganizationQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'any part of the name (legal forms, case and width ignored), a former name, pinyin (full or initials), or the whole or part (≥ 4 characters) of the USCI',
      examples: ['示例科技'],
    }),
    cursor: Type.Optional(
      Type.String({ maxLength: 400, description: 'next_cursor of the previous page, unchanged' }),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: `1 to ${MAX_PAGE}, default 20` }),
    ),
  },
  { additionalProperties: false },
);

export const OrganizationHit = named(
  'OrganizationHit',
  Type.Object({
    usci: Type.String(),
    name: Type.String(),
    match: Type.Union(
      [
        Type.Literal('usci'),
        Type.Literal('name_prefix'),
        Type.Literal('name'),
        Type.Literal('former_name'),
        Type.Literal('usci_part'),
        Type.Literal('pinyin'),
        Type.Literal('fuzzy'),
      ],
      { description: 'how it was found, best first in this order' },
    ),
    similarity: Type.Optional(Type.Number({ description: 'for a near spelling (fuzzy): 0 to 1' })),
  }),
  { usci: '91440300MA5F00017X', name: '深圳市示例科技有限公司', match: 'name' },
);

export const OrganizationSearchPage = named(
  'OrganizationSearchPage',
  Type.Object({ items: Type.Array(OrganizationHit), next_cursor: Nullable(Type.String()) }),
  {
    items: [{ usci: '91440300MA5F00017X', name: '深圳市示例科技有限公司', match: 'name' }],
    next_cursor: null,
  },
);

const Instant = Type.String({ format: 'date-time' });
const Day = Nullable(Type.String({ description: 'ISO 8601 instant; null: open-ended' }));

export const OrganizationProfile = named(
  'OrganizationProfile',
  Type.Object({
    usci: Type.String(),
    name: Type.String(),
    at: Instant,
    grade: Type.String(),
    score: Type.Number(),
    base: Type.Number(),
    rulebook: Type.Object({ name: Type.String(), version: Type.String(), hash: Type.String() }),
    explanation: Type.Object({
      items: Type.Array(
        Type.Object({ record: Type.String(), title: Type.String(), points: Type.Number(), until: Day }),
      ),
      non_public: Type.Object({ count: Type.Integer(), points: Type.Number() }),
    }),
    records: Type.Array(
      Type.Object({
        key: Type.String(),
        type: Type.String(),
        title: Type.String(),
        occurred_at: Type.String(),
        published_until: Type.String(),
        points: Type.Number(),
        legal_basis: Type.String(),
      }),
    ),
    lists: Type.Array(
      Type.Object({
        list: Type.String(),
        kind: Type.String(),
        title: Type.String(),
        decision: Type.String(),
        since: Day,
        until: Day,
        legal_basis: Type.String(),
        grounds: Type.String(),
      }),
    ),
    measures: Type.Array(
      Type.Object({
        measure: Type.String(),
        kind: Type.Union([Type.Literal('sanction'), Type.Literal('reward')]),
        title: Type.String(),
        until: Day,
        legal_basis: Nullable(Type.String()),
        decisions: Type.Array(Type.Object({ id: Type.String(), list: Type.String(), since: Day })),
        because: Nullable(Type.String()),
      }),
    ),
  }),
  {
    usci: '91350100MA2Y00090K',
    name: '福州实力食品有限公司',
    at: '2026-12-11T00:00:00Z',
    grade: 'C',
    score: 940,
    base: 1000,
    rulebook: { name: 'municipal-default', version: '2026.1', hash: 'sha256:…' },
    explanation: {
      items: [
        {
          record: 'court/J-1',
          title: 'Able but refusing to perform a judgment',
          points: -50,
          until: '2028-10-01T00:00:00Z',
        },
      ],
      non_public: { count: 1, points: -10 },
    },
    records: [],
    lists: [],
    measures: [
      {
        measure: 'procurement.exclusion',
        kind: 'sanction',
        title: 'No public contracts',
        until: '2029-10-31T00:00:00Z',
        legal_basis: 'Government Procurement Law of the PRC, art. 22',
        decisions: [{ id: 'd-court_defaulters-…', list: 'court_defaulters', since: '2026-10-31T00:00:00Z' }],
        because: null,
      },
    ],
  },
);

const publicLimit = (max: number) => ({
  access: 'public' as const,
  rateLimit: { max, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => `ip:${req.ip}` },
});

export function organizationRoutes(app: Api, opts: { publicRateLimit: number }): void {
  app.get(
    '/v1/organizations',
    {
      ...guard('public', {
        operationId: 'searchOrganizations',
        summary: 'Search organizations by any part of the name, pinyin or USCI',
        description:
          'Ranked: exact USCI, name prefix, name infix (or a former name, or part of the USCI), pinyin, then near spellings. Legal forms (有限公司, Co., Ltd. …), case and character width are ignored. Persons are never found. Page with `cursor` = `next_cursor`.',
        tags: ['organizations'],
        querystring: OrganizationQuery,
        response: { 200: OrganizationSearchPage },
      }),
      config: publicLimit(opts.publicRateLimit),
    },
    async (req) => {
      const q = req.query.q.trim();
      const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
      const page = await req.actx.store.transaction((tx) =>
        searchOrganizations(tx, q, { cursor: req.query.cursor, limit }),
      );
      // a whole code that finds nothing and fails its check is explained (registered exceptions are found above)
      if (page.items.length === 0 && /^[0-9A-Za-z]{18}$/.test(q)) {
        const c = checkUsci(q);
        if (!c.ok)
          throw new CredenceError('input.invalid_usci', `q looks like a USCI but ${c.message}`, {
            issues: [{ path: 'q', message: c.message, code: `usci.position_${c.position}` }],
          });
      }
      return {
        items: page.items.map((i) => ({
          usci: i.usci,
          name: i.name,
          match: i.match,
          ...(i.similarity === undefined ? {} : { similarity: i.similarity }),
        })),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/v1/organizations/:usci',
    {
      ...guard('public', {
        operationId: 'getOrganizationProfile',
        summary:
          "An organization's public profile: grade, score in words, records, lists and measures in force",
        description:
          'As of now or `?at=`. The explanation names each public record by its title and sums the non-public ones in one line; `measures` lists every sanction and reward in force with until when, its legal basis and the list decisions behind it. Rulebook texts in English or Chinese (`?lang=zh`). Persons have no public profile (404).',
        tags: ['organizations'],
        params: Type.Object({
          usci: Type.String({ minLength: 1, maxLength: 64, examples: ['91350100M000100Y43'] }),
        }),
        querystring: Type.Object(
          {
            at: Type.Optional(
              Type.String({ description: 'YYYY-MM-DD or an ISO 8601 instant', examples: ['2026-12-01'] }),
            ),
            lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrganizationProfile },
      }),
      config: publicLimit(opts.publicRateLimit),
    },
    async (req) =>
      publicProfile(req.actx, req.params.usci, { at: parseAt(req.query.at), lang: req.query.lang ?? 'en' }),
  );
}
