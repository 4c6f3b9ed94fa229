import Type from 'typebox';
import { annulRecord, correctRecord } from '../app/due-process/due-process.corrections.ts';
import { withGroupedCommit } from '../app/ports/ports.group-commit.ts';
import { guard } from './auth.ts';
import type { Api } from './types.ts';

const Params = Type.Object({
  source: Type.String({ minLength: 1, maxLength: 64 }),
  id: Type.String({ minLength: 1, maxLength: 128 }),
});
export const Changed = Type.Object({ record: Type.String(), status: Type.String() });

/** Annulment and correction of a record by the source that wrote it or by a reviewer (ledger entries, never edits). */
export function correctionRoutes(app: Api): void {
  app.post(
    '/v1/records/:source/:id/annul',
    guard(['source', 'reviewer'], {
      summary: 'Annul a record: it stops counting as if it never had, and the list entries it grounded end',
      operationId: 'annulRecord',
      tags: ['records'],
      params: Params,
      body: Type.Object(
        { reasons: Type.String({ minLength: 1, maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      response: { 200: Changed },
    }),
    async (req) => {
      const p = req.principal!;
      // one status entry: it shares a COMMIT with the writes and checks that arrive with it
      await annulRecord(
        withGroupedCommit(req.actx),
        req.params,
        req.body.reasons,
        p.role === 'source' ? { role: 'source', source: p.source ?? '' } : { role: 'reviewer' },
      );
      return { record: `${req.params.source}/${req.params.id}`, status: 'annulled' };
    },
  );

  app.post(
    '/v1/records/:source/:id/correct',
    guard(['source', 'reviewer'], {
      summary: "Correct a record's type, date or amount, with reasons (the original stays in the ledger)",
      operationId: 'correctRecord',
      tags: ['records'],
      params: Params,
      body: Type.Object(
        {
          reasons: Type.String({ minLength: 1, maxLength: 2000 }),
          type: Type.Optional(Type.String({ minLength: 1 })),
          occurred_at: Type.Optional(Type.String({ minLength: 10 })),
          amount: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      response: { 200: Changed },
    }),
    async (req) => {
      const p = req.principal!;
      const { reasons, ...change } = req.body;
      await correctRecord(
        withGroupedCommit(req.actx),
        req.params,
        change,
        reasons,
        p.role === 'source' ? { role: 'source', source: p.source ?? '' } : { role: 'reviewer' },
      );
      return { record: `${req.params.source}/${req.params.id}`, status: 'corrected' };
    },
  );
}
