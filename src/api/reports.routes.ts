import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  issueCreditReport,
  registryName,
  registryPublicKey,
  verifyReport,
} from '../app/reports/reports.credit.ts';
import type { ReportLang } from '../app/reports/reports.credit-data.ts';
import {
  keyFingerprint,
  loadSigningKey,
  publicKeyPem,
  type ReportSigner,
} from '../app/reports/reports.signing-key.ts';
import { CredenceError } from '../domain/errors.ts';
import { guard } from './auth.ts';

const BODY_LIMIT = 5 * 1024 * 1024;

import { type Api, parseAt } from './types.ts';

/** The registry's signer: the one the composition root gave, else the key file beside the SQLite database. */
function signerOf(req: FastifyRequest, create: boolean): ReportSigner | undefined {
  const given = (req.actx as { signer?: ReportSigner }).signer;
  if (given) return given;
  const location = req.actx.storeFactory?.location;
  if (!location) return undefined;
  try {
    return loadSigningKey(location, create);
  } catch {
    return undefined;
  }
}

export const KeysView = Type.Object({
  keys: Type.Array(
    Type.Object({
      kid: Type.String({ description: 'first 16 hex digits of the SHA-256 of the SPKI DER' }),
      alg: Type.Literal('Ed25519'),
      registry: Type.String(),
      use: Type.String(),
      spki: Type.String({ description: 'the public key, SPKI DER in base64' }),
      pem: Type.String(),
    }),
  ),
});

export const VerifyView = Type.Object({
  valid: Type.Boolean(),
  issued_at: Type.Optional(Type.String()),
  registry: Type.Optional(Type.String()),
  key: Type.Optional(Type.String()),
  sha256: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

const publicLimit = (max: number) => ({
  access: 'public' as const,
  rateLimit: { max, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => `ip:${req.ip}` },
});

/** Signed credit reports: issue one, the key that signs them, and online verification. */
export function reportRoutes(app: Api): void {
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/v1/organizations/:usci/report',
    {
      ...guard('public', {
        summary: "A signed credit report on an organization's public standing (PDF)",
        description:
          'Grade, score and its public explanation, published records, public list entries, the measures in force and the rulebook, as of now or `?at=`, in English or Chinese (`?lang=zh`). Signed with the registry’s Ed25519 key (GET /v1/keys); verify with POST /v1/reports:verify or `credence report verify`.',
        operationId: 'getCreditReport',
        tags: ['public'],
        params: Type.Object({ usci: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh')])),
          at: Type.Optional(Type.String()),
        }),
        response: {
          200: {
            description: 'the signed credit report',
            content: {
              'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
        },
      }),
      config: publicLimit(20),
    },
    async (req, reply) => {
      const signer = signerOf(req, true);
      if (!signer) throw new CredenceError('registry.no_signing_key', 'this registry has no signing key');
      const lang = (req.query.lang ?? 'en') as ReportLang;
      const r = await issueCreditReport(req.actx, req.params.usci, {
        lang,
        signer,
        at: parseAt(req.query.at),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="credit-report-${r.usci}-${lang}.pdf"`)
        .send(Buffer.from(r.pdf));
    },
  );

  app.get(
    '/v1/keys',
    guard('public', {
      summary: "The registry's public signing key: what signed reports and audit checkpoints verify against",
      operationId: 'listSigningKeys',
      tags: ['public'],
      response: { 200: KeysView },
    }),
    async (req) => {
      const key = await registryPublicKey(req.actx, signerOf(req, false));
      if (!key) return { keys: [] };
      return {
        keys: [
          {
            kid: keyFingerprint(key),
            alg: 'Ed25519' as const,
            registry: await registryName(req.actx, key),
            use: 'credit reports, audit checkpoints',
            spki: key,
            pem: publicKeyPem(key),
          },
        ],
      };
    },
  );

  app.post(
    '/v1/reports::verify',
    {
      ...guard('public', {
        summary: 'Verify a signed credit report against this registry’s key',
        description:
          'Body: the PDF exactly as issued (`Content-Type: application/pdf`). `valid` is false for any altered byte or a report signed by another key.',
        operationId: 'verifyReport',
        tags: ['public'],
        response: { 200: VerifyView },
      }),
      config: publicLimit(60),
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body))
        throw new CredenceError(
          'input.invalid',
          'send the report as the body, Content-Type: application/pdf',
        );
      const key = await registryPublicKey(req.actx, signerOf(req, false));
      if (!key) throw new CredenceError('registry.no_signing_key', 'this registry has no signing key');
      const v = verifyReport(req.body, key);
      return v.ok
        ? {
            valid: true,
            issued_at: v.issuedAt,
            registry: v.registry,
            key: keyFingerprint(v.publicKey),
            sha256: v.sha256,
          }
        : { valid: false, reason: v.reason };
    },
  );
}
