import Type from 'typebox';
import { refOf } from '../app/derive/derive.files.ts';
import { createToken, listTokens, revokeToken } from '../app/tokens/tokens.usecases.ts';
import { formatInstant } from '../domain/time.ts';
import { guard } from './auth.ts';
import { TokenCreated, TokenIdParams, TokenList, TokenRequest } from './schemas.ts';
import type { Api } from './types.ts';

const iso = (t: number | null) => (t === null ? null : formatInstant(Number(t)));

/** API tokens: issued by admins, shown once, listed without their secret, revoked by id. */
export function tokenRoutes(app: Api): void {
  app.post(
    '/v1/tokens',
    guard(['admin'], {
      summary: 'Issue an API token (the token is in this response only)',
      operationId: 'createToken',
      tags: ['tokens'],
      body: TokenRequest,
      response: { 201: TokenCreated },
    }),
    async (req, reply) => {
      const b = req.body;
      const { id, token, row } = await createToken(req.actx, {
        role: b.role,
        ...(b.source === undefined ? {} : { source: b.source }),
        ...(b.subject === undefined ? {} : { subjectRef: b.subject }),
        ...(b.expires === undefined ? {} : { expires: b.expires }),
        ...(b.label === undefined ? {} : { label: b.label }),
      });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ id, token, role: row.role, expires_at: formatInstant(Number(row.expires_at)) });
    },
  );

  app.get(
    '/v1/tokens',
    guard(['admin', 'auditor'], {
      summary: 'Every token issued (never the secret)',
      operationId: 'listTokens',
      tags: ['tokens'],
      response: { 200: TokenList },
    }),
    async (req) => {
      const rows = await listTokens(req.actx);
      const ids = [...new Set(rows.flatMap((t) => (t.subject_id === null ? [] : [Number(t.subject_id)])))];
      const subjects = ids.length === 0 ? [] : await req.actx.store.subjectsById(ids);
      // subjects are named by USCI or P… reference, never by the registry's internal numbers
      const refs = new Map(subjects.map((s) => [Number(s.id), refOf(s)]));
      return {
        items: rows.map((t) => ({
          id: t.id,
          role: t.role,
          source: t.source,
          subject: t.subject_id === null ? null : (refs.get(Number(t.subject_id)) ?? null),
          created_at: formatInstant(Number(t.created_at)),
          expires_at: iso(t.expires_at),
          revoked_at: iso(t.revoked_at),
          label: t.label,
        })),
      };
    },
  );

  app.delete(
    '/v1/tokens/:id',
    guard(['admin'], {
      summary: 'Revoke a token',
      operationId: 'revokeToken',
      tags: ['tokens'],
      params: TokenIdParams,
      response: { 204: Type.Null() },
    }),
    async (req, reply) => {
      await revokeToken(req.actx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
