import Type from 'typebox';
import type { LineResult } from '../app/ingest/ingest.usecases.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { withGroupedCommit } from '../app/ports/ports.group-commit.ts';
import { storedRecord } from '../app/queries/queries.records.ts';
import { CredenceError } from '../domain/errors.ts';
import { AUTHORIZATION, accessOf } from './api.authorization.ts';
import { guard } from './auth.ts';
import { problemResponses } from './openapi.ts';
import { RecordAccepted } from './schemas.records.ts';
import { BatchResult, RecordLine } from './schemas.ts';
import { type Api, acceptedOrThrow } from './types.ts';

export const MAX_BATCH_LINES = 10_000;
const SUBJECT_KINDS = new Set(['person', 'organization']);

/** Records: one at a time (idempotent by source and id), or a batch of NDJSON lines each accepted or rejected whole. */
export function recordRoutes(app: Api): void {
  app.post(
    '/v1/records',
    guard(accessOf(AUTHORIZATION['POST /v1/records']!), {
      summary: 'Submit one record',
      description:
        '201 when created; 200 when the same content was already submitted under this source and id, with the original record as stored; 409 (record.duplicate_conflict) when it exists with different content. A source token writes only its own records.',
      operationId: 'submitRecord',
      ...problemResponses(409),
      tags: ['records'],
      body: RecordLine,
      response: { 200: RecordAccepted, 201: RecordAccepted },
    }),
    async (req, reply) => {
      // one record: it shares a COMMIT with the records and checks that arrive with it
      const [r] = await new Ingestor(withGroupedCommit(req.actx), req.principal?.source ?? undefined).apply([
        req.body,
      ]);
      const out = acceptedOrThrow(r);
      // the record as stored: a resubmission answers with the original (DESIGN §8)
      const record = await storedRecord(req.actx, req.body.source, req.body.id);
      if (!record) throw new CredenceError('internal.no_result', 'the record was accepted but is not stored');
      return reply.code(out.status === 'created' ? 201 : 200).send({ ...out, record });
    },
  );

  app.post(
    '/v1/records::batch',
    guard(accessOf(AUTHORIZATION['POST /v1/records:batch']!), {
      summary: 'Submit records (and the persons and organizations they name) as NDJSON',
      description: `Body: application/x-ndjson, at most 5 MB and ${MAX_BATCH_LINES} lines. Each line is accepted whole or rejected with its reason; blank lines are skipped. A source not authorised for the \`registry\` domain changes no registry fact: a person or organization line only names the subject of a record that follows it (a new subject is registered with that record), and a person line answers the same whether or not the person was registered.`,
      operationId: 'submitRecordBatch',
      tags: ['records'],
      consumes: ['application/x-ndjson'],
      body: Type.String({ description: 'NDJSON: one record (or person/organization) per line' }),
      response: { 200: BatchResult },
    }),
    async (req) => {
      const text = req.body;
      const raw = text.split(/\r?\n/);
      const entries: { line: number; value: unknown }[] = [];
      const results: (LineResult & { line: number })[] = [];
      for (let i = 0; i < raw.length; i++) {
        const t = raw[i]!.trim();
        if (t === '') continue;
        if (entries.length + results.length >= MAX_BATCH_LINES)
          throw new CredenceError('input.too_many_lines', `a batch holds at most ${MAX_BATCH_LINES} lines`, {
            issues: [{ path: 'body', message: `more than ${MAX_BATCH_LINES} lines`, line: i + 1 }],
          });
        let value: unknown;
        try {
          value = JSON.parse(t);
        } catch (e) {
          results.push({
            line: i + 1,
            ok: false,
            code: 'input.malformed_json',
            field: '',
            message: `not valid JSON: ${(e as Error).message}`,
          });
          continue;
        }
        if (
          value !== null &&
          typeof value === 'object' &&
          'kind' in value &&
          !SUBJECT_KINDS.has(String((value as { kind: unknown }).kind))
        ) {
          results.push({
            line: i + 1,
            ok: false,
            code: 'auth.forbidden',
            field: 'kind',
            message: 'a batch registers only persons, organizations and records',
          });
          continue;
        }
        entries.push({ line: i + 1, value });
      }
      if (entries.length + results.length === 0)
        throw new CredenceError('input.empty_body', 'the batch has no lines');
      const applied = await new Ingestor(req.actx, req.principal?.source ?? undefined).apply(
        entries.map((e) => e.value),
      );
      applied.forEach((r, i) => {
        results.push({ ...r, line: entries[i]!.line });
      });
      results.sort((a, b) => a.line - b.line);
      const accepted = results.filter((r) => r.ok).length;
      return { lines: results.length, accepted, rejected: results.length - accepted, results };
    },
  );
}
