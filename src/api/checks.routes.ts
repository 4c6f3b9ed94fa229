import Type from 'typebox';
import { checksOfSubject } from '../app/due-process/due-process.views.ts';
import { CHECKS_PAGE, CHECKS_PAGE_MAX } from '../app/queries/queries.checks.ts';
import { AUTHORIZATION, accessOf } from './api.authorization.ts';
import { guard } from './auth.ts';
import { named } from './openapi.ts';
import { CheckItem, SubjectRefParams } from './schemas.ts';
import type { Api } from './types.ts';

export const ChecksQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: '`next` of the page before (or the file’s `checks_next`); none: the newest checks',
      }),
    ),
    limit: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,2}$',
        description: `checks per page, 1–${CHECKS_PAGE_MAX}, default ${CHECKS_PAGE}`,
      }),
    ),
  },
  { additionalProperties: false },
);

/** One page of the checks in a subject's file. */
export const ChecksPage = named(
  'CheckPage',
  Type.Object({
    subject: Type.String({ description: 'USCI of an organization, or P… reference of a person' }),
    total: Type.Integer({ minimum: 0, description: 'every check in the subject’s file' }),
    items: Type.Array(CheckItem, { description: 'this page, newest first' }),
    next: Type.Union([Type.String(), Type.Null()], {
      description: 'cursor of the next (older) page; null on the last page',
    }),
  }),
  {
    subject: '91350100M000100Y43',
    total: 2,
    items: [
      {
        measure: 'procurement.exclusion',
        asked_by: 'Provincial procurement office (consumer)',
        asked_at: '2026-10-02T08:15:00.000Z',
        at: '2026-10-02T08:15:00.000Z',
        applies: false,
        until: null,
        decisions: [],
      },
    ],
    next: 'Y2hrOjI',
  },
);

const ROUTE = 'GET /v1/subjects/{ref}/checks';

/** The checks in a subject's file, a page at a time (the file itself carries only the newest page). */
export function checkRoutes(app: Api): void {
  app.get(
    '/v1/subjects/:ref/checks',
    guard(accessOf(AUTHORIZATION[ROUTE]!), {
      operationId: 'listSubjectChecks',
      summary: 'Who checked a subject: its checks, newest first, a page at a time',
      description: `Every check of a measure against the subject, with who asked and the answer (DESIGN §5). Pages of \`limit\` checks (default ${CHECKS_PAGE}, at most ${CHECKS_PAGE_MAX}); pass \`next\` as \`cursor\` for the older ones. The file (\`/file\`, \`/export\`) carries the newest ${CHECKS_PAGE}, \`checks_total\` and \`checks_next\`, the cursor of this route's second page. Reading a person's checks is recorded and shown to the person under \`looked\`.`,
      tags: ['subjects'],
      params: SubjectRefParams,
      querystring: ChecksQuery,
      response: { 200: ChecksPage },
    }),
    async (req) =>
      checksOfSubject(req.actx, req.params.ref, {
        cursor: req.query.cursor,
        limit: req.query.limit === undefined ? undefined : Number(req.query.limit),
      }),
  );
}
