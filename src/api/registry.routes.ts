import Type from 'typebox';
import { activateRulebook, checkRulebook } from '../app/governance/governance.rulebooks.ts';
import { Ingestor } from '../app/ingest/ingest.usecases.ts';
import { formatInstant } from '../domain/time.ts';
import { guard } from './auth.ts';
import { problemResponses } from './openapi.ts';
import {
  Accepted,
  RulebookActivated,
  RulebookCheck,
  RulebookList,
  SourceLine,
  SourceView,
} from './schemas.ts';
import { type Api, acceptedOrThrow } from './types.ts';

/** Public look-ups (rulebooks, sources) and the admin's rulebook and source management (organizations: organizations.routes.ts). */
export function registryRoutes(app: Api, _opts: { publicRateLimit: number }): void {
  app.get(
    '/v1/rulebooks',
    guard('public', {
      summary: 'The activated rulebook versions',
      operationId: 'listRulebooks',
      tags: ['public'],
      response: { 200: RulebookList },
    }),
    async (req) => {
      const rows = await req.actx.store.rulebooks();
      return {
        items: rows.map((r) => ({
          name: r.name,
          version: r.version,
          hash: r.hash,
          effective_from: formatInstant(Number(r.effective_from)),
          activated_at: formatInstant(Number(r.activated_at)),
        })),
      };
    },
  );

  const yamlBody = Type.String({ description: 'the rulebook as YAML' });
  const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

  app.post(
    '/v1/rulebooks::check',
    guard(['admin'], {
      summary: 'Check a rulebook without activating it: every issue at once',
      operationId: 'checkRulebook',
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: yamlBody,
      response: { 200: RulebookCheck },
    }),
    async (req) => {
      const r = checkRulebook(req.body);
      const issue = (i: { path: string; message: string; line?: number; code?: string }) => ({
        path: i.path,
        message: i.message,
        ...(i.line === undefined ? {} : { line: i.line }),
        ...(i.code === undefined ? {} : { code: i.code }),
      });
      return {
        valid: r.value !== undefined,
        ...(r.value ? { name: r.value.name, version: r.value.version, hash: r.value.hash } : {}),
        issues: r.issues.map(issue),
        warnings: r.warnings.map(issue),
      };
    },
  );

  app.post(
    '/v1/rulebooks',
    guard(['admin'], {
      summary: 'Activate a rulebook version',
      description:
        '201 when activated; 200 when this exact text is already active; 422 (rulebook.invalid) with every issue.',
      operationId: 'activateRulebook',
      ...problemResponses(409),
      tags: ['rulebooks'],
      consumes: yamlTypes,
      body: yamlBody,
      response: { 200: RulebookActivated, 201: RulebookActivated },
    }),
    async (req, reply) => {
      const before = new Set((await req.actx.store.rulebooks()).map((r) => r.hash));
      const rb = await activateRulebook(req.actx, req.body);
      const already = before.has(rb.hash);
      return reply.code(already ? 200 : 201).send({
        name: rb.name,
        version: rb.version,
        hash: rb.hash,
        effective_from: formatInstant(rb.effectiveFrom),
        already_active: already,
      });
    },
  );

  app.get(
    '/v1/sources',
    guard('public', {
      summary: 'The registered sources and the record domains each may write',
      operationId: 'listSources',
      tags: ['public'],
      response: { 200: Type.Object({ items: Type.Array(SourceView) }) },
    }),
    async (req) => {
      const rows = await req.actx.store.sources();
      return {
        items: rows.map((s) => ({
          id: s.id,
          name: s.name,
          domains: JSON.parse(s.domains) as string[],
          created_at: formatInstant(Number(s.created_at)),
        })),
      };
    },
  );

  app.post(
    '/v1/sources',
    guard(['admin'], {
      summary: 'Register or update a source and its record domains',
      operationId: 'registerSource',
      tags: ['sources'],
      body: SourceLine,
      response: { 200: Accepted, 201: Accepted },
    }),
    async (req, reply) => {
      const [r] = await new Ingestor(req.actx).apply([{ kind: 'source', ...req.body }]);
      const out = acceptedOrThrow(r);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  );
}
