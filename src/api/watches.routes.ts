import Type from 'typebox';
import {
  changesFeed,
  createWatch,
  endWatch,
  FEED_PAGE,
  listWatches,
  MAX_FEED_PAGE,
  MAX_WATCH_MEASURES,
  MAX_WATCH_SUBJECTS,
} from '../app/watches/watches.usecases.ts';
import { AUTHORIZATION, accessOf } from './api.authorization.ts';
import { guard } from './auth.ts';
import { Instant, NullableInstant } from './schemas.ts';
import type { Api } from './types.ts';

const access = (route: string) => accessOf(AUTHORIZATION[route]!);

const WATCH_EXAMPLE = {
  id: 'W-6f1c0e1a-8d8f-4f55-9d55-2a1c7f3e9b10',
  purpose: 'supplier monitoring for tender 2026-17',
  measures: ['procurement.exclusion'],
  subjects: ['91350100M000100Y43'],
  created_at: '2026-03-01T00:00:00.000Z',
  expires_at: '2027-03-01T00:00:00.000Z',
  ended_at: null,
};

export const NewWatchBody = Type.Object(
  {
    subjects: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'a USCI, a national identity number or a P… ref',
      }),
      { minItems: 1, maxItems: MAX_WATCH_SUBJECTS },
    ),
    measures: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
      minItems: 1,
      maxItems: MAX_WATCH_MEASURES,
    }),
    purpose: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'why the subjects are watched: shown to each of them',
    }),
    expires: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'an ISO 8601 duration from now (P6M) or a date (YYYY-MM-DD); at most P1Y, the default',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        subjects: ['91350100M000100Y43'],
        measures: ['procurement.exclusion'],
        purpose: 'supplier monitoring for tender 2026-17',
        expires: 'P6M',
      },
    ],
  },
);

export const WatchView = Type.Object(
  {
    id: Type.String(),
    purpose: Type.String(),
    measures: Type.Array(Type.String()),
    subjects: Type.Array(Type.String({ description: 'USCI or P… reference' })),
    created_at: Instant,
    expires_at: Instant,
    ended_at: NullableInstant,
  },
  { examples: [WATCH_EXAMPLE] },
);

const CreatedWatch = Type.Object(
  {
    ...WatchView.properties,
    resolved: Type.Array(
      Type.Object({ subject: Type.String({ description: 'as given' }), ref: Type.String() }),
      { description: 'each subject as given, with the reference the feed names it by' },
    ),
  },
  {
    examples: [
      { ...WATCH_EXAMPLE, resolved: [{ subject: '91350100M000100Y43', ref: '91350100M000100Y43' }] },
    ],
  },
);

const Answer = Type.Object({
  applies: Type.Boolean(),
  until: NullableInstant,
  decisions: Type.Array(Type.String()),
});

export const ChangesPage = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        cursor: Type.String({ description: 'this item’s place in the feed' }),
        watch: Type.String(),
        subject: Type.String(),
        name: Type.String(),
        measure: Type.String(),
        at: Instant,
        before: Answer,
        after: Answer,
        check: Type.String({ description: 'the recorded check this answer is, in the subject’s file' }),
        notice: Type.String({ description: 'the id of the webhook notice that carried it' }),
      }),
    ),
    next: Type.String({
      description: 'ask with since=next for what comes after (the same when nothing is new)',
    }),
    more: Type.Boolean({ description: 'the page was full: ask again at once' }),
  },
  {
    examples: [
      {
        items: [
          {
            cursor: '17',
            watch: WATCH_EXAMPLE.id,
            subject: '91350100M000100Y43',
            name: 'Fuzhou Example Co.',
            measure: 'procurement.exclusion',
            at: '2026-03-12T00:00:00.000Z',
            before: { applies: false, until: null, decisions: [] },
            after: { applies: true, until: '2028-03-11T00:00:00.000Z', decisions: ['D-1a2b3c'] },
            check: 'CHK-1-4',
            notice: 'N-9f2e4d6c8b0a1e3f',
          },
        ],
        next: '17',
        more: false,
      },
    ],
  },
);

/** Monitoring: a consumer's watches over subjects and measures, and the durable feed of their changes. */
export function watchRoutes(app: Api): void {
  app.post(
    '/v1/watches',
    guard(access('POST /v1/watches'), {
      summary: 'Watch subjects for changes of measures, for a stated purpose, at most a year',
      description:
        'Each watched subject sees the watch in its file: who watches, why, which measures, until when. From now on every change of a watched answer (an entry takes effect or ends, a correction, a repair, an annulment) is told once: as a webhook notice to subscribers of this token (`recipients: token:<id>`) and as an item of GET /v1/changes; each is a recorded check the subject sees. An expiry beyond a year is refused (400).',
      operationId: 'createWatch',
      tags: ['watches'],
      body: NewWatchBody,
      response: { 201: CreatedWatch },
    }),
    async (req, reply) => {
      const w = await createWatch(req.actx, req.body);
      return reply.code(201).send(w);
    },
  );
  app.get(
    '/v1/watches',
    guard(access('GET /v1/watches'), {
      summary: 'The calling consumer’s own watches',
      description: 'Newest first, ended and expired ones included. Never another consumer’s.',
      operationId: 'listWatches',
      tags: ['watches'],
      response: { 200: Type.Object({ watches: Type.Array(WatchView) }) },
    }),
    async (req) => listWatches(req.actx),
  );
  app.delete(
    '/v1/watches/:id',
    guard(access('DELETE /v1/watches/{id}'), {
      summary: 'End one of the caller’s watches',
      description:
        'Nothing is told after this; the feed keeps the changes already told. Another consumer’s watch is refused (403).',
      operationId: 'endWatch',
      tags: ['watches'],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      response: { 200: WatchView },
    }),
    async (req) => endWatch(req.actx, req.params.id),
  );
  app.get(
    '/v1/changes',
    guard(access('GET /v1/changes'), {
      summary: 'The feed of changes of the caller’s watched answers, after a cursor',
      description:
        'Durable and ordered: cursors only grow, and asking again from an old cursor gives the same items. Start with no `since` (or `0`) and keep the `next` of each page.',
      operationId: 'listChanges',
      tags: ['watches'],
      querystring: Type.Object(
        {
          since: Type.Optional(Type.String({ maxLength: 20, description: 'a cursor from an earlier page' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FEED_PAGE, default: FEED_PAGE })),
        },
        { additionalProperties: false },
      ),
      response: { 200: ChangesPage },
    }),
    async (req) => changesFeed(req.actx, req.query.since, req.query.limit ?? FEED_PAGE),
  );
}
