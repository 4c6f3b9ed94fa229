import Type from 'typebox';
import { makeCheckpoint } from '../app/audit/audit.checkpoint.ts';
import { guard } from './auth.ts';
import type { Api } from './types.ts';

export const Checkpoint = Type.Object({
  registry: Type.String(),
  size: Type.Integer({ description: 'entries in the chain' }),
  head: Type.String({ description: 'hash of the last entry' }),
  at: Type.String(),
  public_key: Type.String({ description: 'the registry’s Ed25519 public key, SPKI DER in base64' }),
  signature: Type.String({ description: 'Ed25519 signature of the fields above, base64' }),
});

/** The signed head of the audit chain: kept outside the registry, it lets anyone prove later that no entry up to it changed. */
export function auditRoutes(app: Api): void {
  app.get(
    '/v1/audit/checkpoint',
    guard(['auditor', 'admin'], {
      summary: 'The signed audit chain head (a checkpoint to keep outside the registry)',
      description:
        'Verify a kept checkpoint later with `credence audit verify --against FILE`: the chain must still have an entry at position `size` with hash `head`.',
      operationId: 'getAuditCheckpoint',
      tags: ['audit'],
      response: { 200: Checkpoint },
    }),
    async (req, reply) => reply.header('cache-control', 'no-store').send(await makeCheckpoint(req.actx)),
  );
}
