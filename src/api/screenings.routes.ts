import Type, { type Static } from 'typebox';
import {
  MAX_SCREENING_MEASURES,
  MAX_SCREENING_SUBJECTS,
  screen,
} from '../app/screening/screening.usecases.ts';
import { guard } from './auth.ts';
import { AtQuery, NullableInstant } from './schemas.ts';
import { type Api, parseAt } from './types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ScreeningRequest = Type.Object(
  {
    subjects: Type.Array(
      Type.Union([
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'a USCI, a national identity number or a P… ref',
        }),
        Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false, description: 'an organization name to match' },
        ),
      ]),
      { minItems: 1, maxItems: MAX_SCREENING_SUBJECTS },
    ),
    measures: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
      minItems: 1,
      maxItems: MAX_SCREENING_MEASURES,
    }),
    at: AtQuery.properties.at,
  },
  { additionalProperties: false },
);

const Candidate = Type.Object({ ref: Type.String(), name: Type.String(), score: Type.Number() });

export const ScreeningAnswer = Type.Object({
  subject: Type.String(),
  matched_by: Nullable(
    Type.Union([
      Type.Literal('usci'),
      Type.Literal('national_id'),
      Type.Literal('ref'),
      Type.Literal('name'),
    ]),
  ),
  match: Nullable(Type.Object({ ref: Type.String(), name: Type.String() })),
  measure: Type.String(),
  applies: Nullable(Type.Boolean()),
  until: NullableInstant,
  decisions: Type.Array(Type.String()),
  check: Nullable(Type.String()),
  candidates: Type.Optional(Type.Array(Candidate)),
  threshold: Type.Optional(Type.Number()),
  problem: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const ScreeningResult = Type.Object({
  at: Type.String(),
  threshold: Type.Number(),
  answers: Type.Array(ScreeningAnswer),
  summary: Type.Object({
    subjects: Type.Integer(),
    checks: Type.Integer(),
    applies: Type.Integer(),
    unresolved: Type.Integer(),
  }),
});

/** Batch screening: the minimal check for many subjects at once, each answer recorded for its subject. */
export function screeningRoutes(app: Api): void {
  app.post(
    '/v1/screenings',
    guard(['consumer', 'admin', 'auditor'], {
      summary: 'Screen up to 10,000 subjects against one or more measures',
      description:
        'Subjects are USCIs, national identity numbers, or `{name}` to match an organization (persons are never matched by name). Every answer for a subject found is a recorded check that the subject sees in its file; names return their candidates with a score and the threshold used, and an ambiguous name checks no one.',
      operationId: 'screenSubjects',
      tags: ['subjects'],
      body: ScreeningRequest,
      response: { 200: ScreeningResult },
    }),
    async (req) => {
      const result = await screen(req.actx, {
        subjects: req.body.subjects,
        measures: req.body.measures,
        at: parseAt(req.body.at),
      });
      // readonly arrays in the answers are sent as they are; the schema filters the fields
      return result as unknown as Static<typeof ScreeningResult>;
    },
  );
}
