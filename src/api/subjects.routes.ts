import Type, { type Static } from 'typebox';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { checkMeasure, exportFile, scoreOf } from '../app/queries/queries.usecases.ts';
import { assertOwnSubject, guard } from './auth.ts';
import {
  Accepted,
  AtQuery,
  CheckView,
  FileView,
  ScoreView,
  SubjectLine,
  SubjectRefParams,
} from './schemas.ts';
import { type Api, acceptedOrThrow, parseAt } from './types.ts';

/** Subjects: registration, the explained score, the minimal measure check, and the subject's whole file. */
export function subjectRoutes(app: Api): void {
  app.post(
    '/v1/subjects',
    guard(['admin', 'source'], {
      summary: 'Register or update a person or an organization',
      tags: ['subjects'],
      body: SubjectLine,
      response: { 200: Accepted, 201: Accepted },
    }),
    async (req, reply) => {
      const [r] = await new Ingestor(req.actx).apply([req.body]);
      const out = acceptedOrThrow(r);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  );

  app.get(
    '/v1/subjects/:ref/score',
    guard(['admin', 'reviewer', 'auditor', 'subject'], {
      summary: "A subject's explained score, now or at a date",
      description: 'A subject token reads only its own score.',
      tags: ['subjects'],
      params: SubjectRefParams,
      querystring: AtQuery,
      response: { 200: ScoreView },
    }),
    async (req) => {
      const at = parseAt(req.query.at);
      await assertOwnSubject(req, req.params.ref);
      // readonly arrays in the view are sent as they are; the schema filters the fields
      return (await scoreOf(req.actx, req.params.ref, at)) as Static<typeof ScoreView>;
    },
  );

  app.get(
    '/v1/subjects/:ref/check/:measure',
    guard(['consumer', 'admin', 'auditor'], {
      summary: 'Does a measure apply to a subject? The minimal answer; the subject sees who asked',
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
      const v = await checkMeasure(req.actx, req.params.ref, req.params.measure, at);
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
    guard(['subject', 'auditor', 'reviewer'], {
      summary: "The subject's whole file: records, decisions, list history, checks and score",
      description: 'A subject token reads only its own file.',
      tags: ['subjects'],
      params: SubjectRefParams,
      response: { 200: FileView },
    }),
    async (req) => {
      await assertOwnSubject(req, req.params.ref);
      // readonly arrays in the view are sent as they are; the schema filters the fields
      return (await exportFile(req.actx, req.params.ref)) as unknown as Static<typeof FileView>;
    },
  );
}
