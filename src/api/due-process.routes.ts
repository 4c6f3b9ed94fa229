import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { audit } from '../app/audit/audit.log.ts';
import { fileObjection } from '../app/due-process/due-process.cases.ts';
import { applyForRepair } from '../app/due-process/due-process.repairs.ts';
import {
  casesOfSubject,
  caseView,
  exportForApi,
  noticesOfSubject,
} from '../app/due-process/due-process.views.ts';
import { findSubject } from '../app/queries/queries.usecases.ts';
import { CredenceError } from '../domain/errors.ts';
import { assertOwnSubject, guard } from './auth.ts';
import { caseRoutes } from './cases.routes.ts';
import {
  CaseList,
  CaseView,
  EvidenceStored,
  ExportView,
  NoticeList,
  ObjectionRequest,
  RepairRequest,
  SubjectRefParams,
} from './due-process.schemas.ts';
import { problemResponses } from './openapi.ts';
import type { Api } from './types.ts';

/** The largest evidence document hashed (the API's body limit). */
const EVIDENCE_LIMIT = 5 * 1024 * 1024;

const READERS = ['admin', 'reviewer', 'auditor', 'subject'] as const;

/**
 * Due process over HTTP, with the rules and errors of the CLI and the pages: a subject objects to a record and
 * applies for repair (evidence as content hashes), reads its notices and exports its file; reviewers work
 * through the case queue and decide (cases.routes.ts); admins and auditors read.
 */
export function dueProcessRoutes(app: Api): void {
  app.post(
    '/v1/subjects/:ref/objections',
    guard(['subject'], {
      summary: 'Object to a record in your file',
      description:
        'Within the objection window of the record (from its notice). While the objection is open the record is disputed; a reviewer upholds or annuls it with reasons by the deadline, and the outcome is a notice.',
      operationId: 'fileObjection',
      ...problemResponses(409),
      tags: ['due process'],
      params: SubjectRefParams,
      body: ObjectionRequest,
      response: { 201: CaseView },
    }),
    async (req, reply) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      const c = await fileObjection(req.actx, req.params.ref, req.body.record, req.body.statement);
      return reply.code(201).send(await caseView(req.actx, c));
    },
  );

  app.get(
    '/v1/subjects/:ref/objections',
    guard([...READERS], {
      summary: "A subject's objections and their outcomes, oldest first",
      operationId: 'listObjections',
      tags: ['due process'],
      params: SubjectRefParams,
      response: { 200: CaseList },
    }),
    async (req) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      return { items: await casesOfSubject(req.actx, req.params.ref, 'objection') };
    },
  );

  app.post(
    '/v1/subjects/:ref/repairs',
    guard(['subject'], {
      summary: 'Apply for credit repair of a record, with a commitment letter and evidence by content hash',
      description:
        "After the record type's repair.after, with every material its type requires. Evidence is referenced by its content hash (sha256:<64 hex>); POST /v1/subjects/{ref}/evidence computes one from a document without keeping it.",
      operationId: 'applyForRepair',
      ...problemResponses(409),
      tags: ['due process'],
      params: SubjectRefParams,
      body: RepairRequest,
      response: { 201: CaseView },
    }),
    async (req, reply) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      const { record, letter, evidence } = req.body;
      const c = await applyForRepair(req.actx, req.params.ref, record, letter, evidence);
      return reply.code(201).send(await caseView(req.actx, c));
    },
  );

  app.get(
    '/v1/subjects/:ref/repairs',
    guard([...READERS], {
      summary: "A subject's repair applications and their outcomes, oldest first",
      operationId: 'listRepairs',
      tags: ['due process'],
      params: SubjectRefParams,
      response: { 200: CaseList },
    }),
    async (req) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      return { items: await casesOfSubject(req.actx, req.params.ref, 'repair') };
    },
  );

  app.get(
    '/v1/subjects/:ref/notices',
    guard([...READERS], {
      summary: 'The notices in a subject’s file, newest first',
      description:
        'A subject sees the notices addressed to it; staff also see the corrections sent to consumers who checked the subject.',
      operationId: 'listNotices',
      tags: ['due process'],
      params: SubjectRefParams,
      response: { 200: NoticeList },
    }),
    async (req) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      const onlyToSubject = req.principal?.role === 'subject';
      return { items: await noticesOfSubject(req.actx, req.params.ref, { onlyToSubject }) };
    },
  );

  app.get(
    '/v1/subjects/:ref/export',
    guard([...READERS], {
      summary:
        'The subject’s whole file as JSON: records with their status history, decisions, notices, objections, repairs, checks, who looked',
      description: 'Every export is itself recorded and shown to the subject under `looked`.',
      operationId: 'exportFile',
      tags: ['due process'],
      params: SubjectRefParams,
      response: { 200: ExportView },
    }),
    async (req) => {
      // a subject token acts on its own file only (also the authorization table's own-subject condition)
      await assertOwnSubject(req, req.params.ref);
      // readonly arrays in the view are sent as they are; the schema filters the fields
      return (await exportForApi(req.actx, req.params.ref)) as unknown as Static<typeof ExportView>;
    },
  );

  // a synchronous plugin: the content-type parser is scoped to this route alone
  app.register((plain, _opts, done) => {
    const scoped = plain.withTypeProvider<TypeBoxTypeProvider>();
    scoped.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: EVIDENCE_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scoped.post(
      '/v1/subjects/:ref/evidence',
      guard(['subject'], {
        summary: 'Hash an evidence document: answers its content hash and keeps only that hash',
        description:
          'Send the document as the raw body (Content-Type: application/octet-stream, at most 5 MB). The bytes are hashed and dropped; the hash is recorded in the audit log and is what a repair application cites.',
        operationId: 'hashEvidence',
        tags: ['due process'],
        params: SubjectRefParams,
        consumes: ['application/octet-stream'],
        response: { 201: EvidenceStored },
      }),
      async (req, reply) => {
        // a subject token acts on its own file only (also the authorization table's own-subject condition)
        await assertOwnSubject(req, req.params.ref);
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          throw new CredenceError(
            'input.empty_body',
            'send the document as the request body (Content-Type: application/octet-stream)',
            { issues: [{ path: 'body', message: 'an evidence document of at least one byte' }] },
          );
        const bytes = req.body.length;
        const ref = `sha256:${createHash('sha256').update(req.body).digest('hex')}`;
        await req.actx.store.transaction(async (tx) => {
          const s = await findSubject(req.actx, tx, req.params.ref);
          await audit(tx, req.actx, 'evidence.hash', Number(s.id), { ref, bytes });
        });
        return reply.code(201).send({ ref, bytes });
      },
    );
    done();
  });

  caseRoutes(app);
}
