import { decideCase } from '../app/due-process/due-process.cases.ts';
import { caseById, caseQueue, caseView } from '../app/due-process/due-process.views.ts';
import { CredenceError } from '../domain/errors.ts';
import { guard } from './auth.ts';
import { CasePage, CaseParams, CaseQueueQuery, CaseView, DecisionRequest } from './due-process.schemas.ts';
import { problemResponses } from './openapi.ts';
import type { Api } from './types.ts';

const STAFF = ['admin', 'reviewer', 'auditor'] as const;

/** The reviewer's side of due process: the queue of cases, one case, and its decision. */
export function caseRoutes(app: Api): void {
  app.get(
    '/v1/cases',
    guard([...STAFF], {
      summary: "The reviewer's queue: objections and repair applications, most urgent deadline first",
      description:
        'Filters combine: kind, status, overdue (open past the deadline). Pages of `limit` cases (default 50, at most 500); pass `next` as `cursor` for the following page.',
      operationId: 'listCases',
      tags: ['cases'],
      querystring: CaseQueueQuery,
      response: { 200: CasePage },
    }),
    async (req) => {
      const q = req.query;
      const limit = q.limit === undefined ? 50 : Number(q.limit);
      if (limit > 500)
        throw new CredenceError('input.out_of_range', `limit ${limit} is over 500`, {
          issues: [{ path: 'limit', message: 'at most 500' }],
        });
      return caseQueue(req.actx, {
        limit,
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.overdue === undefined ? {} : { overdue: q.overdue === 'true' }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
    },
  );

  app.get(
    '/v1/cases/:id',
    guard([...STAFF], {
      summary: 'One case: what the subject submitted, its deadline, and its decision once made',
      operationId: 'getCase',
      tags: ['cases'],
      params: CaseParams,
      response: { 200: CaseView },
    }),
    async (req) => caseById(req.actx, req.params.id),
  );

  app.post(
    '/v1/cases/:id/decision',
    guard(['reviewer'], {
      summary: 'Decide a case with written reasons: uphold or annul an objection, approve or reject a repair',
      description:
        'Annulment and approved repair end the list entries the record grounded, and consumers told that a measure applied while such an entry stood receive a correction. A case is decided once: a second decision is a 409.',
      operationId: 'decideCase',
      ...problemResponses(409),
      tags: ['cases'],
      params: CaseParams,
      body: DecisionRequest,
      response: { 200: CaseView },
    }),
    async (req) => {
      const c = await decideCase(req.actx, req.params.id, req.body.outcome, req.body.reasons);
      return caseView(req.actx, c);
    },
  );
}
