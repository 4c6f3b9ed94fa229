import Type, { type Static } from 'typebox';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { withGroupedCommit } from '../app/ports/ports.group-commit.ts';
import { exportFile } from '../app/queries/queries.export.ts';
import { checkForRelyingParty, scoreOf } from '../app/queries/queries.usecases.ts';
import { AUTHORIZATION, accessOf } from './api.authorization.ts';
import { guard } from './auth.ts';
import { problemResponses } from './openapi.ts';
import {
  Accepted,
  AtQuery,
  CheckView,
  FileView,
  OrganizationLine,
  PersonLine,
  ScoreView,
  SubjectRefParams,
} from './schemas.ts';
import { type Api, acceptedOrThrow, parseAt } from './types.ts';

const EffectiveFrom = Type.Optional(
  Type.String({
    minLength: 10,
    maxLength: 40,
    description:
      'when the facts of this line took effect (YYYY-MM-DD or an ISO 8601 instant, not in the future); default: now',
  }),
);

/** A person or organization line; its facts are dated (`effective_from`). */
export const SubjectLine = Type.Union([
  Type.Object({ ...PersonLine.properties, effective_from: EffectiveFrom }, { additionalProperties: false }),
  Type.Object(
    { ...OrganizationLine.properties, effective_from: EffectiveFrom },
    { additionalProperties: false },
  ),
]);

const access = (route: string) => accessOf(AUTHORIZATION[route]!);

/** Subjects: registration, the explained score, the minimal measure check, and the subject's whole file. */
export function subjectRoutes(app: Api): void {
  app.post(
    '/v1/subjects',
    guard(access('POST /v1/subjects'), {
      summary: 'Register a person or an organization, or record a dated change of its registry facts',
      description:
        "Names, parents, legal representatives and actual controllers are registry facts: each change is appended with its effective date (`effective_from`, default now) and shown in both subjects' files. Only an admin or a source authorised for the `registry` domain records them; other sources register a subject only with a record about it (POST /v1/records:batch).",
      operationId: 'registerSubject',
      tags: ['subjects'],
      body: SubjectLine,
      response: { 200: Accepted, 201: Accepted },
    }),
    async (req, reply) => {
      // one subject: it shares a COMMIT with the writes and checks that arrive with it
      const [r] = await new Ingestor(withGroupedCommit(req.actx), req.principal?.source ?? undefined).apply([
        req.body,
      ]);
      const out = acceptedOrThrow(r);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  );

  app.get(
    '/v1/subjects/:ref/score',
    guard(access('GET /v1/subjects/{ref}/score'), {
      summary: "A subject's explained score, now or at a date",
      description: 'A subject token reads only its own score.',
      operationId: 'getScore',
      ...problemResponses(503),
      tags: ['subjects'],
      params: SubjectRefParams,
      querystring: AtQuery,
      response: { 200: ScoreView },
    }),
    async (req) => {
      const at = parseAt(req.query.at);
      // a subject token's own subject only: checked by the request guard (api.authorization.ts)
      // readonly arrays in the view are sent as they are; the schema filters the fields
      return (await scoreOf(req.actx, req.params.ref, at)) as Static<typeof ScoreView>;
    },
  );

  app.get(
    '/v1/subjects/:ref/check/:measure',
    guard(access('GET /v1/subjects/{ref}/check/{measure}'), {
      summary: 'Does a measure apply to a subject? The minimal answer; the subject sees who asked',
      operationId: 'checkMeasure',
      ...problemResponses(503),
      tags: ['subjects'],
      params: Type.Object({
        ref: SubjectRefParams.properties.ref,
        measure: Type.String({ minLength: 1, maxLength: 128 }),
      }),
      querystring: AtQuery,
      response: { 200: CheckView },
    }),
    async (req) => {
      const at = parseAt(req.query.at);
      // by national id, an unknown person answers "does not apply": a check never reveals who is registered
      const v = await checkForRelyingParty(req.actx, req.params.ref, req.params.measure, at);
      return {
        subject: v.subject,
        measure: v.measure,
        applies: v.applies,
        until: v.until,
        decisions: [...v.decisions],
      };
    },
  );

  app.get(
    '/v1/subjects/:ref/file',
    guard(access('GET /v1/subjects/{ref}/file'), {
      summary: "The subject's whole file: records, decisions, list history, checks and score",
      description: 'A subject token reads only its own file.',
      operationId: 'getFile',
      tags: ['subjects'],
      params: SubjectRefParams,
      response: { 200: FileView },
    }),
    async (req) => {
      // readonly arrays in the view are sent as they are; the schema filters the fields
      return (await exportFile(req.actx, req.params.ref)) as unknown as Static<typeof FileView>;
    },
  );
}
